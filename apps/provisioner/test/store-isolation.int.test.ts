/**
 * What the provisioner must never touch (issue 11, findings 1, 5 and 10), with the provisioner as a process
 * (src/main.ts) against the run's PostgreSQL, the local control plane and the pinned helm, run twice: as the
 * store-platform chart's ServiceAccount, and with broad rights and no store role to bind, as `make up` runs it in
 * its simulated and host modes (where no admission policy of the chart stands in its way):
 * - a namespace `store-{name}` it did not make, or that another install of the platform made, survives a create
 *   that fails on it and the store's delete, with its contents and its UID;
 * - the platform's own namespace cannot be a store's;
 * - its own stores carry the install's label, and their namespaces refuse Services that expose them on nodes or
 *   outside addresses.
 */
import { randomBytes } from 'node:crypto';

import * as k8s from '@kubernetes/client-node';
import type { StoreView } from '@store-platform/contracts';
import { adminKube, waitFor } from '@store-platform/test-cluster';
import { describe, expect, inject, it } from 'vitest';

import { apiClient } from './api-client.js';
import { useProvisioner, type ProvisionerRights } from './provisioner-process.js';

const { core } = adminKube(inject('kubeconfig'));
const identity = inject('provisionerIdentity');

const rightsOf = {
  'service-account': { label: 'as its ServiceAccount', prefix: 'sa', kubeconfig: identity.kubeconfig },
  admin: { label: 'with broad rights, as make up runs it', prefix: 'adm', kubeconfig: inject('kubeconfig') },
} as const;

/** The namespace as it is now (undefined when gone), to compare UIDs and contents before and after. */
const readNamespace = (name: string) =>
  core.readNamespace({ name }).then(
    (namespace) => namespace,
    (error: unknown) =>
      error instanceof k8s.ApiException && error.code === 404 ? undefined : Promise.reject(error),
  );

/** A namespace made by an administrator, with a ConfigMap and a Secret in it; returns its UID. */
async function foreignNamespace(name: string, labels: Record<string, string> = {}): Promise<string> {
  const namespace = await core.createNamespace({ body: { metadata: { name, labels } } });
  await core.createNamespacedConfigMap({
    namespace: name,
    body: { metadata: { name: 'team-settings' }, data: { owner: 'another team' } },
  });
  await core.createNamespacedSecret({
    namespace: name,
    body: { metadata: { name: 'team-password' }, stringData: { password: 'not the platform’s' } },
  });
  return namespace.metadata?.uid ?? '';
}

/** Fails unless the namespace is the same one (same UID) and still holds the ConfigMap and the Secret. */
async function expectUntouched(name: string, uid: string): Promise<void> {
  expect((await readNamespace(name))?.metadata?.uid, `namespace ${name}`).toBe(uid);
  expect((await core.readNamespacedConfigMap({ namespace: name, name: 'team-settings' })).data).toEqual({
    owner: 'another team',
  });
  await core.readNamespacedSecret({ namespace: name, name: 'team-password' });
}

describe.each(['service-account', 'admin'] as ProvisionerRights[])('a provisioner running %s', (rights) => {
  const { prefix, kubeconfig } = rightsOf[rights];
  const provisioner = useProvisioner(
    `isolation_${prefix}`,
    { PLATFORM_NAMESPACE: `store-${prefix}-home` },
    rights,
  );

  /** A client signed in as a new operator, the role the finding's reproduction used. */
  async function operator() {
    const { api, url } = provisioner();
    const password = randomBytes(18).toString('base64url');
    const username = `${prefix}-operator`;
    const created = await api.call('POST', '/auth/users', { body: { username, password, role: 'operator' } });
    expect(created.status).toBe(201);
    return apiClient(url, await apiClient(url).tokenFor(username, password));
  }

  it('leaves a namespace it did not make, and its contents, when the create fails on it and the store is deleted', async () => {
    const store = `${prefix}-victim`;
    const uid = await foreignNamespace(`store-${store}`);
    const api = await operator();

    expect(
      (await api.call('POST', '/stores', { body: { name: store, engine: 'woocommerce', plan: 'basic' } }))
        .status,
    ).toBe(202);
    const failed = await api.waitForStatus(store, 'failed', 60_000);
    const preflight = failed.operation?.steps.find((s) => s.name === 'preflight');
    expect(preflight?.status).toBe('failed');
    expect(preflight?.message).toContain(
      `namespace store-${store} is not this platform's: it has no label store-platform.io/store=${store}`,
    );
    expect(failed.reason).toContain(`namespace store-${store} was left untouched`);
    expect(failed.reason).not.toContain('Everything created for the store was removed');
    await expectUntouched(`store-${store}`, uid);

    expect((await api.call('DELETE', `/stores/${store}`)).status).toBe(202);
    await api.waitForGone(store);
    await expectUntouched(`store-${store}`, uid);
  });

  it('refuses a namespace of another install of the platform, and leaves it', async () => {
    const store = `${prefix}-twin`;
    const uid = await foreignNamespace(`store-${store}`, {
      'app.kubernetes.io/part-of': 'store-platform',
      'app.kubernetes.io/managed-by': 'store-platform-provisioner',
      'store-platform.io/store': store,
      'store-platform.io/instance': 'another-platform',
    });
    const { api } = provisioner();
    expect(
      (await api.call('POST', '/stores', { body: { name: store, engine: 'woocommerce', plan: 'basic' } }))
        .status,
    ).toBe(202);
    const failed = await api.waitForStatus(store, 'failed', 60_000);
    expect(failed.operation?.steps.find((s) => s.name === 'preflight')?.message).toContain(
      `namespace store-${store} belongs to another install of the platform (store-platform.io/instance=another-platform), not to this one (${identity.instance})`,
    );
    await expectUntouched(`store-${store}`, uid);
    expect((await api.call('DELETE', `/stores/${store}`)).status).toBe(202);
    await api.waitForGone(store);
    await expectUntouched(`store-${store}`, uid);
  });

  it("refuses a store whose namespace would be the platform's own, before anything is queued", async () => {
    const { api } = provisioner();
    const response = await api.call('POST', '/stores', {
      body: { name: `${prefix}-home`, engine: 'woocommerce', plan: 'basic' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'validation_failed',
      message: `store name "${prefix}-home" is reserved: its namespace store-${prefix}-home is the platform's own`,
    });
    expect((await api.store(`${prefix}-home`)).status).toBe(404);
  });

  it('labels its stores with its install, walls them off from exposing Services, and deletes only what is still its own', async () => {
    const own = `${prefix}-own`;
    const moved = `${prefix}-moved`;
    const { api } = provisioner();
    for (const name of [own, moved]) {
      expect(
        (await api.call('POST', '/stores', { body: { name, engine: 'woocommerce', plan: 'basic' } })).status,
      ).toBe(202);
    }
    await Promise.all([api.waitForStatus(own, 'running'), api.waitForStatus(moved, 'running')]);
    const namespace = await readNamespace(`store-${own}`);
    expect(namespace?.metadata?.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'store-platform-provisioner',
      'store-platform.io/store': own,
      'store-platform.io/instance': identity.instance,
    });
    const secret = await core.readNamespacedSecret({ namespace: `store-${own}`, name: `${own}-credentials` });
    expect(secret.metadata?.labels?.['store-platform.io/instance']).toBe(identity.instance);
    const app = await core.readNamespacedService({ namespace: `store-${own}`, name: `${own}-app` });
    expect(app.metadata?.labels?.['store-platform.io/instance']).toBe(identity.instance);

    // Whatever identity the provisioner has, its store namespaces refuse Services that leave the cluster's network.
    const asProvisioner = new k8s.KubeConfig();
    asProvisioner.loadFromFile(kubeconfig);
    const services = asProvisioner.makeApiClient(k8s.CoreV1Api);
    const service = (name: string, spec: k8s.V1ServiceSpec) =>
      services.createNamespacedService({
        namespace: `store-${own}`,
        body: { metadata: { name }, spec: { ports: [{ port: 80 }], selector: { app: 'x' }, ...spec } },
      });
    const exposing: [string, k8s.V1ServiceSpec][] = [
      ['exposed-ips', { externalIPs: ['203.0.113.7'] }],
      ['exposed-node-port', { type: 'NodePort' }],
      ['exposed-balancer', { type: 'LoadBalancer' }],
    ];
    for (const [name, spec] of exposing) {
      await expect(service(name, spec), name).rejects.toMatchObject({
        code: 422,
        body: expect.stringContaining(
          'a Service in a store namespace must stay inside the cluster',
        ) as string,
      });
      await expect(core.readNamespacedService({ namespace: `store-${own}`, name })).rejects.toMatchObject({
        code: 404,
      });
    }

    // Someone else replaces the second store's namespace: the store's delete leaves the new one alone.
    await core.deleteNamespace({ name: `store-${moved}` });
    await waitFor(
      `namespace store-${moved} to be gone`,
      async () => ((await readNamespace(`store-${moved}`)) ? undefined : true),
      {
        timeoutMs: 120_000,
      },
    );
    const uid = await foreignNamespace(`store-${moved}`);
    // A Secret named like the store's in that namespace is not the platform's to reveal.
    await core.createNamespacedSecret({
      namespace: `store-${moved}`,
      body: { metadata: { name: `${moved}-credentials` }, stringData: { 'admin-password': 'theirs' } },
    });
    const revealed = await api.call('POST', `/stores/${moved}/credentials`);
    expect(revealed.status).toBe(409);
    expect(revealed.body.message).toBe(
      `namespace store-${moved} is not this platform's: it has no label store-platform.io/store=${moved}; the store's sign-in is not shown`,
    );

    for (const name of [own, moved]) expect((await api.call('DELETE', `/stores/${name}`)).status).toBe(202);
    await Promise.all([api.waitForGone(own), api.waitForGone(moved)]);
    expect(await readNamespace(`store-${own}`)).toBeUndefined();
    await expectUntouched(`store-${moved}`, uid);
    const { body: list } = await api.call('GET', '/stores');
    expect((list.items as StoreView[]).map((s) => s.name)).not.toContain(own);
  });
});
