/**
 * The RBAC matrix of the provisioner's ServiceAccount as helm-charts/store-platform grants it
 * (templates/provisioner-rbac.yaml and provisioner-admission-policies.yaml, applied by the integration global
 * setup under release `test-platform`): real requests with the ServiceAccount's token, kubectl and the pinned
 * helm against the local control plane (kube-apiserver with RBAC and ValidatingAdmissionPolicy, controllers,
 * kwok).
 */
import * as k8s from '@kubernetes/client-node';
import { waitFor } from '@store-platform/test-cluster';
import { afterAll, describe, expect, inject, it } from 'vitest';

import { chartPath, helm } from './helm.js';
import {
  binding as bindingOf,
  boundStoreNamespace,
  canI as canIWith,
  clients,
  gone,
  refusal,
  storeNamespace as storeNamespaceOf,
  subjectOf,
} from './provisioner-rights.js';

const identity = inject('provisionerIdentity');
const storeRole = identity.storeClusterRole;
const self = subjectOf(identity);
const asProvisioner = { ...process.env, KUBECONFIG: identity.kubeconfig };
const admin = clients(inject('kubeconfig'));
const provisioner = clients(identity.kubeconfig);

const storeNamespace = (store: string, podSecurity?: string) =>
  storeNamespaceOf(store, identity.instance, podSecurity);
const binding = (namespace: string, role: string, subject = self) => bindingOf(namespace, role, subject);
const canI = (question: string) => canIWith(identity.kubeconfig, question);

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
      // The health checks: one list per kind across the cluster, and nothing more of these kinds.
      'list namespaces': 'yes',
      'list deployments.apps --all-namespaces': 'yes',
      'list statefulsets.apps --all-namespaces': 'yes',
      'list resourcequotas --all-namespaces': 'yes',
      'watch deployments.apps --all-namespaces': 'no',
      'watch pods --all-namespaces': 'no',
      'get deployments.apps -n kube-system': 'no',
      'update statefulsets.apps -n default': 'no',
      'get resourcequotas -n kube-system': 'no',
      // The deletion policy: retain a deleted store's volumes, release them at purge; never make or rewrite one.
      'get persistentvolumes': 'yes',
      'list persistentvolumes': 'yes',
      'patch persistentvolumes': 'yes',
      'delete persistentvolumes': 'yes',
      'create persistentvolumes': 'no',
      'update persistentvolumes': 'no',
      'watch persistentvolumes': 'no',
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

  // Asked of the API server itself: kubectl auth can-i cannot name the group of a kind the cluster does not
  // serve (cert-manager is not installed here), and RBAC answers the same whether it is or not.
  it('may list cert-manager Certificates across the cluster, and do nothing else with them', async () => {
    const config = new k8s.KubeConfig();
    config.loadFromFile(identity.kubeconfig);
    const authz = config.makeApiClient(k8s.AuthorizationV1Api);
    const allowed = async (verb: string, namespace?: string) => {
      const review = await authz.createSelfSubjectAccessReview({
        body: {
          spec: {
            resourceAttributes: { group: 'cert-manager.io', resource: 'certificates', verb, namespace },
          },
        },
      });
      return review.status?.allowed ?? false;
    };
    expect({
      list: await allowed('list'),
      watch: await allowed('watch'),
      get: await allowed('get', 'default'),
      update: await allowed('update', 'default'),
    }).toEqual({ list: true, watch: false, get: false, update: false });
  });

  it('installs a store with helm in a namespace it made and bound, and deletes it', async () => {
    const namespace = await boundStoreNamespace(identity, 'rbac-shop');
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
    const policy = `the store-platform provisioner of install ${identity.instance} may only`;
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
        message: expect.stringContaining(
          `${policy} create, change and delete its own store namespaces`,
        ) as string,
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
    ).toContain(`${policy} bind roles in its own store namespaces`);
    const namespace = await boundStoreNamespace(identity, 'rbac-limits');
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
