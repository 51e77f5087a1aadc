import * as k8s from '@kubernetes/client-node';

/**
 * What an integration test needs to look at the run's cluster as its admin: the kubeconfig loaded for
 * @kubernetes/client-node, the usual API clients, and an environment for the helm and kubectl it spawns.
 * `kubeconfig` is the path the global setup provides (`inject('kubeconfig')`).
 */
export function adminKube(kubeconfig: string) {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfig);
  return {
    kc,
    env: { ...process.env, KUBECONFIG: kubeconfig },
    core: kc.makeApiClient(k8s.CoreV1Api),
    apps: kc.makeApiClient(k8s.AppsV1Api),
    batch: kc.makeApiClient(k8s.BatchV1Api),
  };
}
