/**
 * Acting as a provisioner ServiceAccount of the store-platform chart (test/cluster/src/provisioner-identity.ts)
 * against the local control plane, for the RBAC and admission policy tests: its API clients, `kubectl auth can-i`,
 * the store namespaces and RoleBindings it makes, and the API server's refusals.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import * as k8s from '@kubernetes/client-node';
import { type ProvisionerIdentity, resolveTools, waitFor } from '@store-platform/test-cluster';
import { expect } from 'vitest';

const run = promisify(execFile);

/** The API clients the tests use, for a kubeconfig. */
export function clients(file: string) {
  const config = new k8s.KubeConfig();
  config.loadFromFile(file);
  return {
    core: config.makeApiClient(k8s.CoreV1Api),
    rbac: config.makeApiClient(k8s.RbacAuthorizationV1Api),
  };
}

/** The ServiceAccount as an RBAC subject. */
export const subjectOf = (identity: ProvisionerIdentity): k8s.RbacV1Subject => ({
  kind: 'ServiceAccount',
  name: identity.serviceAccount,
  namespace: identity.namespace,
});

/** The labels the provisioner of install `instance` puts on a store namespace (services/provisioning/deps.ts). */
export const storeNamespace = (
  store: string,
  instance: string,
  podSecurity = 'restricted',
): k8s.V1Namespace => ({
  metadata: {
    name: `store-${store}`,
    labels: {
      'app.kubernetes.io/part-of': 'store-platform',
      'app.kubernetes.io/managed-by': 'store-platform-provisioner',
      'store-platform.io/store': store,
      'store-platform.io/instance': instance,
      'pod-security.kubernetes.io/enforce': podSecurity,
    },
  },
});

/** A RoleBinding of `role` in `namespace` to `subject`, as createNamespacedRoleBinding takes it. */
export const binding = (namespace: string, role: string, subject: k8s.RbacV1Subject) => ({
  namespace,
  body: {
    metadata: { name: role },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [subject],
  },
});

/** `kubectl auth can-i` with a kubeconfig: "yes" or "no". */
export async function canI(kubeconfig: string, question: string): Promise<string> {
  const { kubectl } = await resolveTools();
  const args = ['auth', 'can-i', ...question.split(' ')];
  const answer = await run(kubectl, args, { env: { ...process.env, KUBECONFIG: kubeconfig } }).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string; stderr?: string }) => {
      // "no" exits with 1; anything else is a failure to ask.
      if (error.stdout?.trim() === 'no') return error.stdout;
      throw new Error(`kubectl auth can-i ${question}: ${error.stderr ?? String(error)}`);
    },
  );
  return answer.trim();
}

/** The status code and message of the API server's refusal; fails the test if it accepted the request. */
export async function refusal(request: Promise<unknown>): Promise<{ code: number; message: string }> {
  const error = await request.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the API server accepted a request it should refuse').toBeInstanceOf(k8s.ApiException);
  const { code, body } = error as k8s.ApiException<string>;
  return { code, message: (JSON.parse(body) as k8s.V1Status).message ?? '' };
}

/** A store namespace made and bound by the provisioner `identity`, once its rights there are in force. */
export async function boundStoreNamespace(identity: ProvisionerIdentity, store: string): Promise<string> {
  const namespace = `store-${store}`;
  const { core, rbac } = clients(identity.kubeconfig);
  await core.createNamespace({ body: storeNamespace(store, identity.instance) });
  await rbac.createNamespacedRoleBinding(binding(namespace, identity.storeClusterRole, subjectOf(identity)));
  await waitFor(`the RoleBinding in ${namespace} to take effect`, async () =>
    (await canI(identity.kubeconfig, `create secrets -n ${namespace}`)) === 'yes' ? true : undefined,
  );
  return namespace;
}

/** Resolves with true once the request answers 404. */
export const gone = (request: Promise<unknown>) =>
  request.then(
    () => undefined,
    (error: unknown) =>
      error instanceof k8s.ApiException && error.code === 404 ? true : Promise.reject(error),
  );
