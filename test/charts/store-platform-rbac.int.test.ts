/**
 * The RBAC matrix of the provisioner's ServiceAccount as helm-charts/store-platform grants it (rbac.yaml and
 * rbac-admission-policy.yaml of charts/provisioner, applied by the integration global setup under release
 * `test-platform`): real requests with the ServiceAccount's token, kubectl and the pinned helm against the local
 * control plane (kube-apiserver with RBAC and ValidatingAdmissionPolicy, controllers, kwok).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import * as k8s from '@kubernetes/client-node';
import { afterAll, describe, expect, inject, it } from 'vitest';

import { resolveTools } from '../cluster/src/tools.js';
import { waitFor } from '../cluster/src/wait.js';
import { chartPath, helm } from './helm.js';

const run = promisify(execFile);
const identity = inject('provisionerIdentity');
const storeRole = identity.storeClusterRole;
const self = { kind: 'ServiceAccount', name: identity.serviceAccount, namespace: identity.namespace };
const asProvisioner = { ...process.env, KUBECONFIG: identity.kubeconfig };

const clients = (file: string) => {
  const config = new k8s.KubeConfig();
  config.loadFromFile(file);
  return {
    core: config.makeApiClient(k8s.CoreV1Api),
    rbac: config.makeApiClient(k8s.RbacAuthorizationV1Api),
  };
};
const admin = clients(inject('kubeconfig'));
const provisioner = clients(identity.kubeconfig);

/** The labels the provisioner puts on a store namespace (apps/provisioner/src/services/provisioning). */
const storeNamespace = (store: string, podSecurity = 'restricted'): k8s.V1Namespace => ({
  metadata: {
    name: `store-${store}`,
    labels: {
      'app.kubernetes.io/part-of': 'store-platform',
      'app.kubernetes.io/managed-by': 'store-platform-provisioner',
      'store-platform.io/store': store,
      'pod-security.kubernetes.io/enforce': podSecurity,
    },
  },
});
const binding = (namespace: string, role: string, subject: k8s.RbacV1Subject = self) => ({
  namespace,
  body: {
    metadata: { name: role },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [subject],
  },
});

/** `kubectl auth can-i` as the provisioner: "yes" or "no". */
async function canI(question: string): Promise<string> {
  const { kubectl } = await resolveTools();
  const args = ['auth', 'can-i', ...question.split(' ')];
  const answer = await run(kubectl, args, { env: asProvisioner }).then(
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
async function refusal(request: Promise<unknown>): Promise<{ code: number; message: string }> {
  const error = await request.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the API server accepted a request it should refuse').toBeInstanceOf(k8s.ApiException);
  const { code, body } = error as k8s.ApiException<string>;
  return { code, message: (JSON.parse(body) as k8s.V1Status).message ?? '' };
}

/** A store namespace made and bound by the provisioner, once its rights there are in force. */
async function boundStoreNamespace(store: string): Promise<string> {
  const namespace = `store-${store}`;
  await provisioner.core.createNamespace({ body: storeNamespace(store) });
  await provisioner.rbac.createNamespacedRoleBinding(binding(namespace, storeRole));
  await waitFor(`the RoleBinding in ${namespace} to take effect`, async () =>
    (await canI(`create secrets -n ${namespace}`)) === 'yes' ? true : undefined,
  );
  return namespace;
}

const gone = (request: Promise<unknown>) =>
  request.then(
    () => undefined,
    (error: unknown) =>
      error instanceof k8s.ApiException && error.code === 404 ? true : Promise.reject(error),
  );

// Namespaces the tests make; removed as admin even when a test failed half-way.
const made = ['store-rbac-shop', 'store-rbac-limits', 'store-foreign'];
afterAll(async () => {
  await Promise.all(made.map((name) => gone(admin.core.deleteNamespace({ name }))));
});

describe('the provisioner ServiceAccount (store-platform chart RBAC)', () => {
  it('may do what provisioning needs and nothing else (kubectl auth can-i)', async () => {
    const expected = {
      'create namespaces': 'yes',
      'delete namespaces': 'yes',
      'get storageclasses': 'yes',
      'get ingressclasses': 'yes',
      'list nodes': 'yes',
      'list pods --all-namespaces': 'yes',
      'create rolebindings -n store-anything': 'yes',
      [`bind clusterroles/${storeRole}`]: 'yes',
      'update namespaces': 'no',
      'patch namespaces': 'no',
      'get secrets -n kube-system': 'no',
      [`get secrets -n ${identity.namespace}`]: 'no',
      'list secrets --all-namespaces': 'no',
      'create configmaps -n kube-system': 'no',
      'create pods -n default': 'no',
      'get pods -n kube-system': 'no',
      'create secrets -n store-anything': 'no',
      'create clusterrolebindings': 'no',
      'create clusterroles': 'no',
      'bind clusterroles/cluster-admin': 'no',
      'escalate clusterroles': 'no',
      'impersonate serviceaccounts': 'no',
    };
    const questions = Object.keys(expected);
    const answers = await Promise.all(questions.map((question) => canI(question)));
    expect(Object.fromEntries(questions.map((q, i) => [q, answers[i]]))).toEqual(expected);
  });

  it('installs a store with helm in a namespace it made and bound, and deletes it', async () => {
    const namespace = await boundStoreNamespace('rbac-shop');
    const install = ['install', 'rbac-shop', chartPath('store-instance'), '-n', namespace];
    const output = await helm(
      [...install, '--set', 'store.name=rbac-shop', '--wait', '--timeout', '2m'],
      asProvisioner,
    );
    expect(output).toContain('STATUS: deployed');
    const test = await helm(['test', 'rbac-shop', '-n', namespace, '--timeout', '2m'], asProvisioner);
    expect(test).toMatch(/Phase:\s+Succeeded/);

    await helm(['uninstall', 'rbac-shop', '-n', namespace], asProvisioner);
    await provisioner.core.deleteNamespace({ name: namespace });
    await waitFor(
      `namespace ${namespace} to be gone`,
      () => gone(admin.core.readNamespace({ name: namespace })),
      {
        timeoutMs: 60_000,
      },
    );
  });

  it('cannot read secrets outside store namespaces, touch kube-system or bind cluster-wide', async () => {
    const refusals = {
      'secrets in kube-system': await refusal(
        provisioner.core.listNamespacedSecret({ namespace: 'kube-system' }),
      ),
      'secrets of the platform': await refusal(
        provisioner.core.readNamespacedSecret({ name: 'any', namespace: identity.namespace }),
      ),
      'secrets everywhere': await refusal(provisioner.core.listSecretForAllNamespaces()),
      'a ConfigMap in kube-system': await refusal(
        provisioner.core.createNamespacedConfigMap({
          namespace: 'kube-system',
          body: { metadata: { name: 'planted' } },
        }),
      ),
      'a ClusterRoleBinding': await refusal(
        provisioner.rbac.createClusterRoleBinding({
          body: {
            metadata: { name: 'provisioner-admin' },
            roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
            subjects: [self],
          },
        }),
      ),
    };
    for (const [what, { code }] of Object.entries(refusals)) expect(code, what).toBe(403);
    expect(refusals['secrets in kube-system'].message).toContain(
      'cannot list resource "secrets" in API group "" in the namespace "kube-system"',
    );
    expect(refusals['secrets of the platform'].message).toContain(
      `cannot get resource "secrets" in API group "" in the namespace "${identity.namespace}"`,
    );
    expect(refusals['secrets everywhere'].message).toContain('at the cluster scope');
    expect(refusals['a ConfigMap in kube-system'].message).toContain('cannot create resource "configmaps"');
    expect(refusals['a ClusterRoleBinding'].message).toContain(
      'cannot create resource "clusterrolebindings"',
    );
  });

  it('cannot delete, relabel or bind itself in namespaces that are not its stores (admission policy)', async () => {
    const policy = 'the store-platform provisioner may only';
    await admin.core.createNamespace({
      body: { metadata: { name: 'store-foreign', labels: { 'store-platform.io/store': 'foreign' } } },
    });
    const kubeSystem = await provisioner.core.readNamespace({ name: 'kube-system' });
    kubeSystem.metadata = { ...kubeSystem.metadata, labels: storeNamespace('system').metadata?.labels };

    // Kubernetes itself never deletes kube-system; every other namespace is the policy's to guard.
    expect(await refusal(provisioner.core.deleteNamespace({ name: 'kube-system' }))).toEqual({
      code: 403,
      message: expect.stringContaining('this namespace may not be deleted') as string,
    });
    for (const name of [identity.namespace, 'store-foreign']) {
      const { code, message } = await refusal(provisioner.core.deleteNamespace({ name }));
      expect({ code, message }, name).toEqual({
        code: 403,
        message: expect.stringContaining(`${policy} create, change and delete store namespaces`) as string,
      });
      expect(message).toContain(`namespace ${name} is not one`);
    }
    expect(
      await refusal(provisioner.core.replaceNamespace({ name: 'kube-system', body: kubeSystem })),
    ).toEqual({
      code: 403,
      message: expect.stringContaining('cannot update resource "namespaces"') as string,
    });
    const plain = storeNamespace('rbac-plain');
    plain.metadata = { name: 'rbac-plain', labels: plain.metadata?.labels };
    expect((await refusal(provisioner.core.createNamespace({ body: plain }))).message).toContain(
      'namespace rbac-plain is not one',
    );
    expect(
      (await refusal(provisioner.core.createNamespace({ body: storeNamespace('rbac-open', 'privileged') })))
        .message,
    ).toContain('must keep its store labels and enforce Pod Security "restricted"');

    expect(
      (await refusal(provisioner.rbac.createNamespacedRoleBinding(binding('kube-system', storeRole))))
        .message,
    ).toContain(`${policy} bind roles in store namespaces`);
    const namespace = await boundStoreNamespace('rbac-limits');
    const toOthers = await refusal(
      provisioner.rbac.createNamespacedRoleBinding(
        binding(namespace, storeRole, { kind: 'ServiceAccount', name: 'default', namespace }),
      ),
    );
    expect(toOthers.message).toContain(
      `${policy} bind ClusterRole ${storeRole}, and only to its own ServiceAccount`,
    );
    const clusterAdmin = await refusal(
      provisioner.rbac.createNamespacedRoleBinding(binding(namespace, 'cluster-admin')),
    );
    expect(clusterAdmin).toEqual({
      code: 403,
      message: expect.stringContaining(
        'is attempting to grant RBAC permissions not currently held',
      ) as string,
    });
  });
});
