import { describe, expect, it } from 'vitest';

import { provisioningWorld } from '../../../test/doubles/provisioning-world.js';
import { ClusterError } from '../../domain/errors.js';
import { runCreate } from './create-flow.js';
import { runDelete } from './delete-flow.js';

/** A running store "shop" in `world`, then its delete as the API starts it; returns the delete operation's id. */
async function deleteRunningStore(world: ReturnType<typeof provisioningWorld>) {
  const created = await world.newStore('shop');
  await runCreate(world.deps, created.operation, created.store);
  const { store, operation } = await world.repository.startOperation({
    name: 'shop',
    kind: 'delete',
    actor: 'olivia',
  });
  await runDelete(world.deps, operation, store);
  return operation.id;
}

describe('delete', () => {
  it('stops, uninstalls and removes the store; it leaves the list and its history stays', async () => {
    const world = provisioningWorld();
    const id = await deleteRunningStore(world);
    const operation = await world.repository.getOperation(id);

    expect(operation?.phase).toBe('succeeded');
    expect(operation?.steps.map((s) => `${s.name}: ${s.status}: ${s.message}`)).toEqual([
      'backup: skipped: backups are not configured (backups.s3 in the platform chart): the store cannot be restored after the delete',
      'scale-down: done: every Deployment and StatefulSet scaled to zero',
      'retain: skipped: the deletion policy removes the data with the store (deletionPolicy.retainData: false)',
      'uninstall: done: release store-shop uninstalled',
      'namespace: done: namespace store-shop deleted',
      'wait-gone: done: namespace store-shop and its volume claims are gone',
    ]);
    expect(world.kube.calls).toContain('scaleToZero store-shop');
    expect(world.helm.calls).toContain('uninstall store-shop/store-shop');
    expect(world.kube.namespaces.has('store-shop')).toBe(false);
    expect(await world.repository.listStores({})).toEqual([]);
    expect((await world.repository.latestOperation('shop'))?.kind).toBe('delete');
  });

  it('leaves a namespace that is not this install’s untouched, says why in every step, and the store leaves the list', async () => {
    const world = provisioningWorld();
    const created = await world.newStore('shop');
    await runCreate(world.deps, created.operation, created.store);
    // Since the create, someone relabelled the namespace for another install of the platform.
    const namespace = world.kube.namespaces.get('store-shop');
    if (namespace) namespace.labels['store-platform.io/instance'] = 'staging-platform';
    world.helm.calls.length = 0;
    const { store, operation } = await world.repository.startOperation({
      name: 'shop',
      kind: 'delete',
      actor: 'olivia',
    });
    await runDelete(world.deps, operation, store);
    const deleted = await world.repository.getOperation(operation.id);

    expect(deleted?.phase).toBe('succeeded');
    // The steps that act on the namespace say why they left it; the backup and the volumes follow the policy.
    for (const step of deleted?.steps.filter((s) => s.name !== 'backup' && s.name !== 'retain') ?? []) {
      expect(step.status).toBe('skipped');
      expect(step.message).toContain('left untouched: namespace store-shop belongs to another install');
    }
    expect(world.kube.namespaces.get('store-shop')).toMatchObject({ uid: namespace?.uid, phase: 'Active' });
    expect(world.kube.namespaces.get('store-shop')?.secrets.has('shop-credentials')).toBe(true);
    expect(world.helm.calls).toEqual([]);
    expect(await world.repository.getStore('shop')).toBeUndefined();
  });

  it('fails with the kind Helm gave and the evidence, and the store says to delete it again', async () => {
    const world = provisioningWorld();
    world.helm.failNext(
      'uninstall',
      new ClusterError('forbidden', 'the provisioner is not allowed to uninstall'),
    );
    const id = await deleteRunningStore(world);
    const operation = await world.repository.getOperation(id);

    expect(operation?.error).toMatchObject({
      step: 'uninstall',
      kind: 'forbidden',
      evidence: world.kube.evidenceLines,
    });
    expect(await world.repository.getStore('shop')).toMatchObject({
      status: 'failed',
      reason:
        'Uninstall (Helm) failed: the provisioner is not allowed to uninstall. ' +
        'The store is not fully deleted; delete it again to finish.',
    });
    expect(world.kube.namespaces.get('store-shop')?.phase).toBe('Active');
  });
});
