/**
 * Two installs of the store platform in one cluster, and what a store namespace admits (issue 11, findings 5 and
 * 10): the chart's RBAC and admission policies (templates/provisioner-*.yaml) for the run's install
 * (`test-platform`, applied by the integration global setup) and for a second release applied here
 * (`test-platform-b`), with real requests of each one's ServiceAccount token against the local control plane.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type * as k8s from '@kubernetes/client-node';
import { createProvisionerIdentity, type ProvisionerIdentity, waitFor } from '@store-platform/test-cluster';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import {
  binding,
  boundStoreNamespace,
  canI,
  clients,
  gone,
  refusal,
  storeNamespace,
  subjectOf,
} from './provisioner-rights.js';

const first = inject('provisionerIdentity');
const admin = clients(inject('kubeconfig'));
let second: ProvisionerIdentity;

const made = ['store-iso-first', 'store-iso-second', 'store-iso-plain', 'store-iso-exposed'];
beforeAll(async () => {
  second = await createProvisionerIdentity(
    inject('kubeconfig'),
    await mkdtemp(path.join(tmpdir(), 'second-install-')),
    'test-platform-b',
  );
});
afterAll(async () => {
  await Promise.all(made.map((name) => gone(admin.core.deleteNamespace({ name }))));
});

describe('two installs of the platform in one cluster', () => {
  it("keeps each install's ServiceAccount out of the other's store namespaces", async () => {
    const theirs = await boundStoreNamespace(first, 'iso-first');
    await clients(first.kubeconfig).core.createNamespacedSecret({
      namespace: theirs,
      body: { metadata: { name: 'iso-first-credentials' }, stringData: { 'admin-password': 'first' } },
    });
    const intruder = clients(second.kubeconfig);
    const policy = 'the store-platform provisioner of install test-platform-b may only';

    const bind = await refusal(
      intruder.rbac.createNamespacedRoleBinding(binding(theirs, second.storeClusterRole, subjectOf(second))),
    );
    expect(bind).toEqual({
      code: 403,
      message: expect.stringContaining(`${policy} bind roles in its own store namespaces`) as string,
    });
    expect(bind.message).toContain(`namespace ${theirs} is not one`);
    expect(await canI(second.kubeconfig, `get secrets -n ${theirs}`)).toBe('no');
    expect(
      (
        await refusal(
          intruder.core.readNamespacedSecret({ namespace: theirs, name: 'iso-first-credentials' }),
        )
      ).code,
    ).toBe(403);
    const remove = await refusal(intruder.core.deleteNamespace({ name: theirs }));
    expect(remove).toEqual({
      code: 403,
      message: expect.stringContaining(
        `${policy} create, change and delete its own store namespaces`,
      ) as string,
    });

    // Nor can it make a namespace that passes for the other install's, or for no install's.
    for (const [store, instance] of [
      ['iso-plain', first.instance],
      ['iso-plain', ''],
    ] as const) {
      const namespace = storeNamespace(store, instance);
      if (!instance) delete namespace.metadata?.labels?.['store-platform.io/instance'];
      const { message } = await refusal(intruder.core.createNamespace({ body: namespace }));
      expect(message, instance || 'no instance label').toContain(`namespace store-${store} is not one`);
    }

    // Its own store namespace works as before, and the first install cannot reach into it either.
    const own = await boundStoreNamespace(second, 'iso-second');
    await intruder.core.createNamespacedSecret({ namespace: own, body: { metadata: { name: 'mine' } } });
    const back = await refusal(
      clients(first.kubeconfig).rbac.createNamespacedRoleBinding(
        binding(own, first.storeClusterRole, subjectOf(first)),
      ),
    );
    expect(back.message).toContain(
      'the store-platform provisioner of install test-platform may only bind roles',
    );
  });
});

describe('Services in a store namespace (CVE-2020-8554)', () => {
  const exposing: [string, k8s.V1ServiceSpec][] = [
    ['external-ips', { externalIPs: ['203.0.113.7'] }],
    ['node-port', { type: 'NodePort' }],
    ['load-balancer', { type: 'LoadBalancer' }],
    ['external-name', { type: 'ExternalName', externalName: 'db.example.com' }],
  ];
  const service = (name: string, spec: k8s.V1ServiceSpec): k8s.V1Service => ({
    metadata: { name },
    spec: spec.type === 'ExternalName' ? spec : { ports: [{ port: 80 }], selector: { app: 'shop' }, ...spec },
  });

  it('admits a ClusterIP Service and refuses every other kind, to the provisioner and to an admin alike', async () => {
    const namespace = await boundStoreNamespace(first, 'iso-exposed');
    const asProvisioner = clients(first.kubeconfig).core;
    const message = 'a Service in a store namespace must stay inside the cluster';
    // The policy is read by the API server a moment after it is stored: the first refusal says it is in force.
    await waitFor('the store Service policy to be in force', async () => {
      const outcome = await asProvisioner
        .createNamespacedService({
          namespace,
          body: service('probe', { externalIPs: ['203.0.113.7'] }),
          dryRun: 'All',
        })
        .then(
          () => undefined,
          (error: unknown) =>
            String((error as k8s.ApiException<string>).body).includes(message) ? true : undefined,
        );
      return outcome;
    });
    await asProvisioner.createNamespacedService({ namespace, body: service('shop', {}) });
    await asProvisioner.createNamespacedService({
      namespace,
      body: service('shop-db', { clusterIP: 'None' }),
    });

    for (const [who, api] of [
      ['the provisioner', asProvisioner],
      ['an admin', admin.core],
    ] as const) {
      for (const [name, spec] of exposing) {
        const { code, message: said } = await refusal(
          api.createNamespacedService({ namespace, body: service(name, spec) }),
        );
        expect({ code, said }, `${who}: ${name}`).toEqual({
          code: 422,
          said: expect.stringContaining(message) as string,
        });
      }
    }
    // Nor can an admitted Service be changed into one.
    const shop = await asProvisioner.readNamespacedService({ namespace, name: 'shop' });
    shop.spec = { ...shop.spec, externalIPs: ['203.0.113.7'] };
    expect(
      (await refusal(asProvisioner.replaceNamespacedService({ namespace, name: 'shop', body: shop })))
        .message,
    ).toContain(message);

    // Other namespaces are not the policy's business.
    await admin.core.createNamespacedService({
      namespace: 'default',
      body: service('iso-node-port', { type: 'NodePort' }),
    });
    await admin.core.deleteNamespacedService({ namespace: 'default', name: 'iso-node-port' });
  });
});
