import path from 'node:path';

import type { ClusterPki } from './pki.js';

/** Ports chosen for one cluster run; all bound to 127.0.0.1. */
export interface ClusterPorts {
  etcdClient: number;
  etcdPeer: number;
  apiserver: number;
  controllerManager: number;
  scheduler: number;
  kwok: number;
}

/** Paths of the kubeconfig file for each client of the API server. */
export interface ClusterKubeconfigs {
  admin: string;
  controllerManager: string;
  scheduler: string;
  kwok: string;
}

/** Address ranges that exist only as API data: no packet is ever sent to them (kwok runs no containers). */
export const serviceClusterIpRange = '10.96.0.0/16';
const podCidr = '10.244.0.0/16';

// etcd keeps its data in the run's temp dir; fsync is skipped because the data dies with the run.
export function etcdArgs(dir: string, ports: ClusterPorts): string[] {
  const client = `http://127.0.0.1:${ports.etcdClient}`;
  const peer = `http://127.0.0.1:${ports.etcdPeer}`;
  return [
    '--name=local',
    `--data-dir=${path.join(dir, 'etcd')}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=local=${peer}`,
    '--unsafe-no-fsync',
    '--log-level=warn',
  ];
}

// https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
export function apiserverArgs(pki: ClusterPki, ports: ClusterPorts): string[] {
  return [
    `--etcd-servers=http://127.0.0.1:${ports.etcdClient}`,
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    `--secure-port=${ports.apiserver}`,
    `--tls-cert-file=${pki.apiserver.cert}`,
    `--tls-private-key-file=${pki.apiserver.key}`,
    `--client-ca-file=${pki.ca.cert}`,
    '--authorization-mode=Node,RBAC',
    // Privileged pods are allowed by the server, so that Pod Security admission is what rejects them.
    '--allow-privileged=true',
    '--enable-admission-plugins=NamespaceLifecycle,LimitRanger,ServiceAccount,ResourceQuota,PodSecurity,DefaultStorageClass,DefaultTolerationSeconds,MutatingAdmissionWebhook,ValidatingAdmissionWebhook,ValidatingAdmissionPolicy',
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${pki.serviceAccount.publicKey}`,
    `--service-account-signing-key-file=${pki.serviceAccount.privateKey}`,
    `--service-cluster-ip-range=${serviceClusterIpRange}`,
    '--profiling=false',
    '--v=1',
  ];
}

// https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/
export function controllerManagerArgs(
  pki: ClusterPki,
  ports: ClusterPorts,
  kubeconfigs: ClusterKubeconfigs,
): string[] {
  return [
    `--kubeconfig=${kubeconfigs.controllerManager}`,
    `--authentication-kubeconfig=${kubeconfigs.controllerManager}`,
    `--authorization-kubeconfig=${kubeconfigs.controllerManager}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${ports.controllerManager}`,
    `--tls-cert-file=${pki.localServing.cert}`,
    `--tls-private-key-file=${pki.localServing.key}`,
    // Each controller acts as its own service account, bound by the built-in RBAC roles, as in kubeadm clusters.
    '--use-service-account-credentials=true',
    `--service-account-private-key-file=${pki.serviceAccount.privateKey}`,
    `--root-ca-file=${pki.ca.cert}`,
    `--cluster-signing-cert-file=${pki.ca.cert}`,
    `--cluster-signing-key-file=${pki.ca.key}`,
    '--controllers=*',
    '--enable-hostpath-provisioner=true',
    `--cluster-cidr=${podCidr}`,
    `--service-cluster-ip-range=${serviceClusterIpRange}`,
    '--leader-elect=false',
    '--profiling=false',
    '--v=1',
  ];
}

// https://kubernetes.io/docs/reference/command-line-tools-reference/kube-scheduler/
export function schedulerArgs(
  pki: ClusterPki,
  ports: ClusterPorts,
  kubeconfigs: ClusterKubeconfigs,
): string[] {
  return [
    `--kubeconfig=${kubeconfigs.scheduler}`,
    `--authentication-kubeconfig=${kubeconfigs.scheduler}`,
    `--authorization-kubeconfig=${kubeconfigs.scheduler}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${ports.scheduler}`,
    `--tls-cert-file=${pki.localServing.cert}`,
    `--tls-private-key-file=${pki.localServing.key}`,
    '--leader-elect=false',
    '--profiling=false',
    '--v=1',
  ];
}

// https://kwok.sigs.k8s.io/docs/user/kwok-in-cluster/ (the same flags, run as a local process)
export function kwokArgs(
  pki: ClusterPki,
  ports: ClusterPorts,
  kubeconfigs: ClusterKubeconfigs,
  stagesFile: string,
): string[] {
  return [
    `--kubeconfig=${kubeconfigs.kwok}`,
    `--config=${stagesFile}`,
    '--manage-all-nodes=false',
    '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
    `--server-address=127.0.0.1:${ports.kwok}`,
    `--tls-cert-file=${pki.localServing.cert}`,
    `--tls-private-key-file=${pki.localServing.key}`,
    '--node-ip=10.240.0.1',
    `--cidr=${podCidr.replace('.0/16', '.1/16')}`,
  ];
}
