import { describe, expect, it } from 'vitest';

import { InMemoryJobQueue } from '../../../test/doubles/in-memory-job-queue.js';
import { provisioningWorld } from '../../../test/doubles/provisioning-world.js';
import { RecordingStoreBackups } from '../../../test/doubles/recording-store-backups.js';
import { deleteOverrideBlocker } from '../../domain/deletion.js';
import type { DeleteRequest } from '../../domain/deletion.js';
import { StoreService } from '../store-service.js';
import { runCreate } from './create-flow.js';
import { runDelete } from './delete-flow.js';
import type { ProvisioningDeps } from './deps.js';

const day = 86_400_000;

/**
 * A world where store "shop" runs with its uploads and database volumes bound, and backups configured (unless
 * `backups: false`); `settings` change the deletion policy.
 */
async function runningShop(
  options: { backups?: boolean; settings?: Partial<ProvisioningDeps['settings']> } = {},
) {
  const world = provisioningWorld(options.settings);
  const backups = new RecordingStoreBackups(world.clock.now);
  if (options.backups !== false) world.deps.backups = backups;
  const created = await world.newStore('shop');
  await runCreate(world.deps, created.operation, created.store);
  world.kube.addVolume('pvc-uploads-1', 'store-shop', 'shop-uploads', '5Gi');
  world.kube.addVolume('pvc-mysql-1', 'store-shop', 'data-shop-mysql-0', '10Gi');
  const service = new StoreService(world.repository, new InMemoryJobQueue(), {
    MEDUSA_ENABLED: false,
    MAX_STORES: 100,
    MAX_STORES_PER_USER: 20,
    BASE_DOMAIN: '127.0.0.1.nip.io',
    PLATFORM_INSTANCE: 'store-platform',
    PLATFORM_NAMESPACE: 'store-platform',
  });
  /** Deletes "shop" through the API's service, as `actor`, then runs the delete as the worker does. */
  async function deleteShop(overrides: Pick<DeleteRequest, 'backup' | 'retainData'> = {}, actor = 'olivia') {
    await service.delete('shop', actor, undefined, overrides);
    const operation = await world.repository.latestOperation('shop');
    const store = await world.repository.getStore('shop');
    if (!operation || !store) throw new Error('the delete was not recorded');
    await runDelete(world.deps, operation, store);
    return world.repository.getOperation(operation.id);
  }
  const stepsOf = (operation: Awaited<ReturnType<typeof deleteShop>>) =>
    Object.fromEntries(operation?.steps.map((s) => [s.name, `${s.status}: ${s.message}`]) ?? []);
  return { world, backups, service, deleteShop, stepsOf };
}

describe('delete with the deletion policy', () => {
  it('backs the store up first and keeps it restorable from that backup for the retention days', async () => {
    const { world, backups, service, deleteShop, stepsOf } = await runningShop();
    const deletedAt = world.clock.now();
    let callsAtBackup: string[] = [];
    const take = backups.takeBackup.bind(backups);
    backups.takeBackup = async (...args) => {
      callsAtBackup = [...world.kube.calls];
      return take(...args);
    };
    const operation = await deleteShop();

    expect(operation?.phase).toBe('succeeded');
    expect(operation?.steps[0]).toMatchObject({ name: 'backup', title: 'Back up before deleting' });
    expect(stepsOf(operation).backup).toBe('done: backup backup-1 taken; it is kept 7 days after the delete');
    expect(backups.calls[0]).toBe('takeBackup shop before-delete');
    // The backup ran while the store still served: before anything was stopped or kept.
    expect(callsAtBackup.filter((c) => /scaleToZero|retainVolumes/.test(c))).toEqual([]);
    expect(world.kube.calls).toContain('scaleToZero store-shop');
    expect(await service.list({})).toEqual([]);
    const [deleted] = await service.listDeleted();
    expect(deleted).toMatchObject({
      name: 'shop',
      engine: 'woocommerce',
      plan: 'basic',
      deletedBy: 'olivia',
    });
    expect(deleted?.lastBackupId).toBe('backup-1');
    expect(deleted?.retainedVolumes).toEqual([]);
    expect(Date.parse(deleted?.restorableUntil ?? '') - Date.parse(deleted?.deletedAt ?? '')).toBe(7 * day);
    expect(Date.parse(deleted?.deletedAt ?? '')).toBeGreaterThanOrEqual(deletedAt.getTime());
  });

  it('stops before removing anything when the backup fails, says so, and the store keeps running', async () => {
    const { world, backups, deleteShop } = await runningShop();
    backups.failNext(new Error('the backup Job failed: mysqldump: Got error 2013: Lost connection'));
    world.helm.calls.length = 0;
    world.kube.calls.length = 0;
    const operation = await deleteShop();

    expect(operation?.phase).toBe('failed');
    expect(operation?.error?.step).toBe('backup');
    expect(operation?.error?.message).toBe(
      'Back up before deleting failed: the backup Job failed: mysqldump: Got error 2013: Lost connection. ' +
        'Nothing was removed: the store is untouched. ' +
        'Delete it again once backups work, or an admin may delete it without the backup.',
    );
    expect(operation?.steps.slice(1).every((s) => s.status === 'pending')).toBe(true);
    expect(world.kube.calls.filter((c) => /scaleToZero|deleteNamespace|retainVolumes/.test(c))).toEqual([]);
    expect(world.helm.calls.filter((c) => c.startsWith('uninstall'))).toEqual([]);
    expect(world.kube.namespaces.get('store-shop')?.phase).toBe('Active');
    expect(world.kube.volumes.size).toBe(2);
    expect(await world.repository.getStore('shop')).toMatchObject({ status: 'running', reason: null });
  });

  it('skips the backup when an admin asks, with who in the step; nothing to restore from: simply gone', async () => {
    const { backups, service, deleteShop, stepsOf } = await runningShop();
    const operation = await deleteShop({ backup: false }, 'ada');

    expect(stepsOf(operation).backup).toBe('skipped: skipped by admin ada (backup=false)');
    expect(backups.calls.filter((c) => c.startsWith('takeBackup'))).toEqual([]);
    expect(operation?.phase).toBe('succeeded');
    expect(await service.listDeleted()).toEqual([]);
  });

  it('keeps a store whose backup was skipped restorable from its newest earlier backup', async () => {
    const { backups, service, deleteShop } = await runningShop();
    const manual = backups.add('shop');
    await deleteShop({ backup: false }, 'ada');

    expect((await service.listDeleted()).map((d) => d.lastBackupId)).toEqual([manual]);
  });

  it('says when backups are not configured, and removes the data as before', async () => {
    const { world, service, deleteShop, stepsOf } = await runningShop({ backups: false });
    const operation = await deleteShop();

    expect(stepsOf(operation).backup).toMatch(/^skipped: backups are not configured/);
    expect(world.kube.volumes.size).toBe(0);
    expect(await service.listDeleted()).toEqual([]);
  });

  it('follows a policy without a backup before delete', async () => {
    const { backups, deleteShop, stepsOf } = await runningShop({
      settings: { DELETION_BACKUP_BEFORE_DELETE: false },
    });
    const operation = await deleteShop();

    expect(stepsOf(operation).backup).toBe(
      'skipped: the deletion policy takes no backup before a delete (deletionPolicy.backupBeforeDelete: false)',
    );
    expect(backups.calls.filter((c) => c.startsWith('takeBackup'))).toEqual([]);
  });

  it('with retainData keeps the volumes past the namespace, labelled for the store and install', async () => {
    const { world, service, deleteShop, stepsOf } = await runningShop({
      backups: false,
      settings: { DELETION_RETAIN_DATA: true },
    });
    const operation = await deleteShop();

    expect(stepsOf(operation).retain).toBe(
      'done: kept 2 volumes past the delete (reclaim policy Retain): ' +
        'pvc-uploads-1 (claim shop-uploads, 5Gi), pvc-mysql-1 (claim data-shop-mysql-0, 10Gi)',
    );
    expect(world.kube.namespaces.has('store-shop')).toBe(false);
    for (const volume of world.kube.volumes.values()) {
      expect(volume).toMatchObject({
        reclaimPolicy: 'Retain',
        phase: 'Released',
        labels: { 'store-platform.io/store': 'shop', 'store-platform.io/instance': 'store-platform' },
      });
    }
    const [deleted] = await service.listDeleted();
    expect(deleted?.lastBackupId).toBeNull();
    expect(deleted?.retainedVolumes.map((v) => v.name)).toEqual(['pvc-uploads-1', 'pvc-mysql-1']);
  });

  it('lets an admin keep or remove the data against the policy', async () => {
    const kept = await runningShop({ backups: false });
    await kept.deleteShop({ retainData: true }, 'ada');
    expect(kept.world.kube.volumes.size).toBe(2);

    const removed = await runningShop({ backups: false, settings: { DELETION_RETAIN_DATA: true } });
    const operation = await removed.deleteShop({ retainData: false }, 'ada');
    expect(removed.stepsOf(operation).retain).toBe(
      'skipped: not kept: admin ada asked to remove the data (retainData=false)',
    );
    expect(removed.world.kube.volumes.size).toBe(0);
  });

  it('records the admin’s overrides in the activity log', async () => {
    const { world, deleteShop } = await runningShop();
    await deleteShop({ backup: false, retainData: true }, 'ada');

    expect(world.repository.activity.find((e) => e.action === 'delete')).toMatchObject({
      actor: 'ada',
      result: 'accepted',
      detail: 'backup skipped, retainData=true',
    });
  });
});

describe('who may override the deletion policy', () => {
  it('refuses an operator skipping the backup or choosing the data, saying why', () => {
    expect(deleteOverrideBlocker('operator', { backup: false })).toBe(
      'skipping the backup before a delete (backup=false) needs the admin role; yours is operator. ' +
        'Delete without it to take the backup the deletion policy asks for',
    );
    expect(deleteOverrideBlocker('operator', { retainData: true })).toMatch(/needs the admin role/);
    expect(deleteOverrideBlocker('operator', { backup: true })).toBeUndefined();
    expect(deleteOverrideBlocker('operator', {})).toBeUndefined();
    expect(deleteOverrideBlocker('admin', { backup: false, retainData: false })).toBeUndefined();
  });
});
