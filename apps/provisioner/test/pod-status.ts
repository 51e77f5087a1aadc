import type * as k8s from '@kubernetes/client-node';

/**
 * Making a store's pod unready as a kubelet would, for health tests: kwok's stages move only Pending pods to Running,
 * so a status written through the status subresource stays as written.
 */

/** The store's app pod (one replica on the basic plan). */
export async function appPod(core: k8s.CoreV1Api, store: string): Promise<k8s.V1Pod> {
  const { items } = await core.listNamespacedPod({
    namespace: `store-${store}`,
    labelSelector: 'app.kubernetes.io/component=app',
  });
  const pod = items.find((p) => !p.metadata?.deletionTimestamp);
  if (!pod) throw new Error(`store ${store} has no app pod`);
  return pod;
}

/** Writes the pod's status (the status subresource), keeping everything else. */
export async function writeStatus(
  core: k8s.CoreV1Api,
  pod: k8s.V1Pod,
  status: k8s.V1PodStatus,
): Promise<void> {
  const current = await core.readNamespacedPod({
    name: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace ?? '',
  });
  await core.replaceNamespacedPodStatus({
    name: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace ?? '',
    body: { ...current, status },
  });
}

/** The status of a crash-looping pod: not ready, its container waiting in CrashLoopBackOff. */
export function crashLooping(status: k8s.V1PodStatus): k8s.V1PodStatus {
  const now = new Date();
  const notReady = ['Ready', 'ContainersReady'];
  return {
    ...status,
    conditions: (status.conditions ?? []).map((c) =>
      notReady.includes(c.type) ? { ...c, status: 'False', lastTransitionTime: now } : c,
    ),
    containerStatuses: (status.containerStatuses ?? []).map((c) => ({
      ...c,
      ready: false,
      started: false,
      restartCount: 4,
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container' } },
      lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: now, finishedAt: now } },
    })),
  };
}
