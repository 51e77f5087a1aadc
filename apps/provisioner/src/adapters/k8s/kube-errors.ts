import * as k8s from '@kubernetes/client-node';
import type { FailureKind } from '@store-platform/contracts';

import { ClusterError } from '../../domain/errors.js';
import type { KubeClient } from '../../ports/kube-client.js';
import { restartRetryMs, retryWhile } from '../restart-retry.js';

/** What each KubeClient call does, in the words a failure's message starts with ("could not ..."). */
const actions: Record<keyof KubeClient, string> = {
  ping: 'reach the Kubernetes API',
  namespace: 'read the namespace',
  createNamespace: 'create the namespace',
  deleteNamespace: 'delete the namespace',
  createSecret: "create the store's Secret",
  readSecret: "read the store's Secret",
  deleteSecret: 'delete the Secret',
  createJob: 'create the Job',
  deploymentImage: 'read the Deployment',
  storageClassExists: 'read the storage classes',
  ingressClassExists: 'read the ingress classes',
  allocatable: "read the nodes' capacity",
  scaleToZero: "scale the store's workloads to zero",
  jobOutcome: "read the setup Job's outcome",
  evidence: "read the store's events and pods",
  grantStoreAccess: 'bind the store role in the namespace',
  canManageStore: 'check its rights in the namespace',
  observeStores: "list the stores' namespaces, workloads, pods, quotas and certificates",
  releaseStatus: "read the Helm release's status",
  quotaUsage: "read the namespace's quota",
  unreadyWorkloads: "read the store's workloads",
  claims: "read the store's volume claims and their storage classes",
  resizeClaim: "resize the store's volume claim",
  podProblems: "read the store's pods and events",
  retainVolumes: "keep the store's PersistentVolumes (reclaim policy Retain)",
  labelledVolumes: "list the store's kept PersistentVolumes",
  releaseVolume: 'release the kept PersistentVolume (reclaim policy Delete)',
  runStoreJob: 'create the backup Job and its Secret',
  deploymentReplicas: "read the store's app Deployment",
  scaleDeployment: "scale the store's app",
};

const phrases: Record<FailureKind, string> = {
  forbidden: 'the provisioner is not allowed to',
  not_found: 'it does not exist',
  conflict: 'it conflicts with what is there',
  timeout: 'the Kubernetes API did not answer in time',
  quota_exceeded: "the namespace's quota does not allow it",
  invalid: 'the Kubernetes API refused it as invalid',
  unavailable: 'the Kubernetes API is unavailable',
};

/** The Status object of an error answer (https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/status/). */
function statusOf(body: unknown): { message?: string; reason?: string } {
  if (typeof body === 'object' && body !== null) return body as { message?: string; reason?: string };
  if (typeof body !== 'string') return {};
  try {
    return JSON.parse(body) as { message?: string; reason?: string };
  } catch {
    return {};
  }
}

/** The kind of an HTTP answer of the API server. */
export function kindOfStatus(code: number, status: { message?: string; reason?: string }): FailureKind {
  if (code === 403 && /exceeded quota|forbidden: exceeded/i.test(status.message ?? ''))
    return 'quota_exceeded';
  if (code === 401 || code === 403) return 'forbidden';
  if (code === 404 || code === 410) return 'not_found';
  if (code === 409) return 'conflict';
  if (code === 400 || code === 422) return 'invalid';
  if (code === 408 || code === 504 || status.reason === 'Timeout') return 'timeout';
  return 'unavailable';
}

/**
 * A failed call as a ClusterError: its kind, and a short message with the API server's own sentence (Status
 * message, at most 300 characters); the raw exception (code, whole body, headers) stays as its cause, for the log.
 * An error that is not an answer (refused, reset, DNS) means the API server was not reached.
 */
export function toClusterError(error: unknown, action: string): unknown {
  if (error instanceof ClusterError) return error;
  if (error instanceof k8s.ApiException) {
    const status = statusOf(error.body);
    const kind = kindOfStatus(error.code, status);
    const said = status.message ? `: ${status.message.slice(0, 300)}` : '';
    const what = kind === 'forbidden' ? `${phrases.forbidden} ${action}` : phrases[kind];
    return new ClusterError(kind, `could not ${action} (HTTP ${error.code}, ${what})${said}`, {
      cause: error,
    });
  }
  const code =
    (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
  const timedOut = code === 'ETIMEDOUT' || (error instanceof Error && error.name === 'AbortError');
  return new ClusterError(
    timedOut ? 'timeout' : 'unavailable',
    `could not ${action}: the Kubernetes API did not answer${code ? ` (${code})` : ''}`,
    { cause: error },
  );
}

const codeOf = (error: unknown) =>
  (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;

/** What the retry needs to know: whether the API server says it is ready (GET /readyz), and for how long to try. */
export interface StartingOptions {
  ready?: () => Promise<boolean>;
  retryMs?: number;
}

/**
 * The connection failed, not the call: refused (nothing listens: the request never reached the API server), or
 * cut while in flight (the API server was killed or restarted under it). A cut write may have been applied, and
 * sending it again is still safe: every write of the client converges (a create meets 409 Already Exists and
 * takes it as done, a delete meets 404, a patch sets what it set).
 */
const connectionLost = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);

/**
 * Whether the API server is restarting, so that `error` says nothing about the call itself: the connection was
 * refused or cut (connectionLost), or it answered 403 while its /readyz says it is not ready: it serves before
 * its authorizer has loaded the RBAC rules (readyz's informer-sync), and until then forbids what the rules
 * allow. A 403 from a ready API server is final.
 * https://kubernetes.io/docs/reference/using-api/health-checks/
 */
async function serverStarting(error: unknown, ready: (() => Promise<boolean>) | undefined): Promise<boolean> {
  if (connectionLost.has(codeOf(error) ?? '')) return true;
  if (!ready || !(error instanceof k8s.ApiException) || error.code !== 403) return false;
  return !(await ready().catch(() => false));
}

/**
 * The client with every failure turned into a ClusterError (the flows and the UI see kinds and short reasons). A
 * call the API server cannot serve yet (serverStarting) is tried again for `retryMs` (restartRetryMs), so that a
 * restart of the API server does not fail the operations in flight; but `ping`, which readiness asks, says at once.
 */
export function withClusterErrors(
  client: KubeClient,
  { ready, retryMs = restartRetryMs }: StartingOptions = {},
): KubeClient {
  const wrapped = {} as Record<keyof KubeClient, unknown>;
  for (const method of Object.keys(actions) as (keyof KubeClient)[]) {
    const call = client[method] as (...args: unknown[]) => Promise<unknown>;
    wrapped[method] = (...args: unknown[]) =>
      retryWhile(
        () => call.apply(client, args),
        (error) => serverStarting(error, ready),
        method === 'ping' ? 0 : retryMs,
      ).catch((error: unknown) => Promise.reject(toClusterError(error, actions[method])));
  }
  return wrapped as KubeClient;
}
