import { describe, expect, it } from 'vitest';

import { InMemoryJobQueue } from '../../test/doubles/in-memory-job-queue.js';
import { provisioningWorld } from '../../test/doubles/provisioning-world.js';
import { PlatformError } from '../domain/errors.js';
import { runCreate } from './provisioning/create-flow.js';
import { UpdateService } from './update-service.js';

async function setup() {
  const world = provisioningWorld();
  const created = await world.newStore('shop');
  await runCreate(world.deps, created.operation, created.store);
  const queue = new InMemoryJobQueue();
  const service = new UpdateService(world.repository, queue, world.kube, world.helm, world.deps.settings);
  const version = async () => (await world.repository.getStore('shop'))?.version ?? 0;
  return { world, queue, service, version };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) =>
      error instanceof PlatformError ? { code: error.code, details: error.details } : error,
  );

describe('UpdateService', () => {
  it('previews the values and the objects a change would alter, and applies nothing', async () => {
    const { world, service, version } = await setup();
    const preview = await service.preview('shop', { title: 'Corner' });

    expect(preview.version).toBe(await version());
    expect(preview.values).toEqual([
      { field: 'title', from: null, to: 'Corner' },
      { field: 'values.store.title', from: null, to: 'Corner' },
    ]);
    expect(preview.manifests).toMatchObject([{ kind: 'ConfigMap', name: 'store.title', change: 'added' }]);
    expect(preview.manifests[0]?.diff).toContain('+  value: Corner');
    expect(world.helm.calls.filter((c) => c.startsWith('upgrade '))).toEqual([]);
  });

  it('previews the claims a plan change grows, and those it leaves as they are', async () => {
    const { world, service } = await setup();
    world.kube.volumeClaims.set('store-shop', [
      {
        name: 'data-shop-db-0',
        requested: '10Gi',
        capacity: '10Gi',
        storageClass: 'fixed',
        expandable: false,
      },
      { name: 'shop-uploads', requested: '5Gi', capacity: '5Gi', storageClass: 'grows', expandable: true },
    ]);
    const preview = await service.preview('shop', { plan: 'standard', replicas: 1 });

    expect(preview.values).toContainEqual({ field: 'storage.uploads', from: '5Gi', to: '10Gi' });
    expect(preview.values.map((v) => v.field)).not.toContain('storage.database');
    expect(preview.notes).toContain('claim shop-uploads grows 5Gi -> 10Gi; claims never shrink');
    expect(preview.notes.join('\n')).toContain(
      'claim data-shop-db-0 keeps 10Gi (the plan sizes it 20Gi): its storage class fixed does not allow expansion',
    );
    expect(world.kube.calls.filter((c) => c.startsWith('resizeClaim'))).toEqual([]);
  });

  it('queues an update made from the current version, and refuses one the rules do not allow with a 422', async () => {
    const { world, queue, service, version } = await setup();
    const refused = await refusal(service.update('shop', { replicas: 3 }, 'olivia', await version()));
    expect(refused).toMatchObject({
      code: 'update_refused',
      details: { rule: 'replicas_need_shared_uploads' },
    });
    expect(queue.jobs).toEqual([]);

    const view = await service.update('shop', { plan: 'standard', replicas: 1 }, 'olivia', await version());
    expect(view).toMatchObject({ status: 'updating', operation: { kind: 'update', phase: 'queued' } });
    expect(queue.jobs).toHaveLength(1);
    expect(world.repository.activity.at(-1)).toMatchObject({ action: 'update', result: 'accepted' });
    const stale = await refusal(service.update('shop', { title: 'x' }, 'olivia', 1));
    expect(stale).toMatchObject({ code: 'version_mismatch' });
  });

  it('lists the history newest first, the install made by the store’s creator, and refuses a rollback to the current revision', async () => {
    const { service, version } = await setup();
    const revisions = await service.revisions('shop');
    expect(revisions).toMatchObject([{ revision: 1, actor: 'olivia', changes: null, chartVersion: '0.1.0' }]);
    const refused = await refusal(service.rollback('shop', 1, 'olivia', await version()));
    expect(refused).toMatchObject({ code: 'update_refused', details: { rule: 'revision_is_current' } });
    const missing = await refusal(service.rollback('shop', 9, 'olivia', await version()));
    expect(missing).toMatchObject({ details: { rule: 'revision_not_found' } });
  });
});
