import { describe, expect, it } from 'vitest';

import { FakeClock } from '../../test/doubles/fake-clock.js';
import { InMemoryKube } from '../../test/doubles/in-memory-kube.js';
import { InMemoryOperationLock } from '../../test/doubles/in-memory-operation-lock.js';
import { InMemoryStoreRepository } from '../../test/doubles/in-memory-store-repository.js';
import { RecordingStoreBackups } from '../../test/doubles/recording-store-backups.js';
import { retainedVolumeLabels } from '../domain/deletion.js';
import { StorePurge } from './store-purge.js';

const day = 86_400_000;
const instance = 'store-platform';

/**
 * A platform where store `name` was deleted now with two backups and its uploads volume kept (Released, labelled),
 * as a finished delete leaves it; the purge runs on the same fake clock.
 */
async function deletedStore(name = 'shop') {
  const clock = new FakeClock();
  const repository = new InMemoryStoreRepository(clock.now);
  const kube = new InMemoryKube();
  const backups = new RecordingStoreBackups(clock.now);
  const lock = new InMemoryOperationLock();
  const logged: { message: string; fields: Record<string, unknown> }[] = [];
  async function deleteOne(store: string, volume: string) {
    const created = await repository.createStore({
      name: store,
      engine: 'woocommerce',
      plan: 'basic',
      actor: 'olivia',
      limits: { total: 100, perUser: 20 },
    });
    await repository.finishOperation(created.operation.id, { phase: 'succeeded', storeStatus: 'running' });
    const { operation } = await repository.startOperation({ name: store, kind: 'delete', actor: 'olivia' });
    kube.addVolume(volume, `store-${store}`, `${store}-uploads`, '5Gi');
    await kube.retainVolumes(`store-${store}`, retainedVolumeLabels(store, instance));
    const kept = kube.volumes.get(volume);
    if (kept) kept.phase = 'Released';
    backups.add(store);
    const last = backups.add(store, 'before-delete');
    await repository.finishOperation(operation.id, {
      phase: 'succeeded',
      storeStatus: 'deleted',
      deletion: {
        lastBackupId: last,
        retainedVolumes: [{ name: volume, claim: `${store}-uploads`, capacity: '5Gi' }],
        retentionDays: 7,
      },
    });
  }
  await deleteOne(name, 'pvc-uploads-1');
  const purge = new StorePurge({
    repository,
    kube,
    backups,
    lock,
    settings: { PURGE_INTERVAL_SECONDS: 1, PLATFORM_INSTANCE: instance },
    log: (message, fields) => logged.push({ message, fields }),
  });
  return { clock, repository, kube, backups, lock, purge, logged, deleteOne };
}

describe('purge of deleted stores', () => {
  it('leaves a deleted store restorable until its date', async () => {
    const { clock, repository, kube, backups, purge } = await deletedStore();
    clock.advance(7 * day - 1000);

    expect(await purge.runCycle()).toBe(0);
    expect((await repository.listDeleted()).map((d) => d.name)).toEqual(['shop']);
    expect(backups.backups.get('shop')).toHaveLength(2);
    expect(kube.volumes.has('pvc-uploads-1')).toBe(true);
  });

  it('after the date removes its backups, deletes its kept volume, logs the purge, and it leaves the list', async () => {
    const { clock, repository, kube, backups, purge } = await deletedStore();
    clock.advance(7 * day);

    expect(await purge.runCycle()).toBe(1);
    expect(backups.calls).toContain('removeAll shop');
    expect(backups.backups.has('shop')).toBe(false);
    expect(kube.volumes.has('pvc-uploads-1')).toBe(false);
    expect(await repository.listDeleted()).toEqual([]);
    expect(repository.activity.filter((e) => e.action === 'purge')).toMatchObject([
      {
        actor: 'platform',
        store: 'shop',
        result: 'succeeded',
        detail: 'backups removed: 2, volumes released: 1',
      },
    ]);
    // Purged once: the next cycle finds nothing.
    expect(await purge.runCycle()).toBe(0);
  });

  it('deletes no volume that is bound again or not labelled for the store and install', async () => {
    const { clock, kube, repository, purge } = await deletedStore();
    const volume = kube.volumes.get('pvc-uploads-1');
    if (volume) volume.phase = 'Bound';
    kube.addVolume('pvc-other', 'store-other', 'other-uploads');
    clock.advance(8 * day);
    await purge.runCycle();

    expect(kube.volumes.has('pvc-uploads-1')).toBe(true);
    expect(kube.volumes.has('pvc-other')).toBe(true);
    expect(repository.activity.find((e) => e.action === 'purge')?.detail).toBe(
      'backups removed: 2, volumes released: 0 (kept, bound again: pvc-uploads-1)',
    );
  });

  it('keeps the backups of a name a live store uses again (they share it)', async () => {
    const { clock, repository, backups, purge } = await deletedStore();
    await repository.createStore({
      name: 'shop',
      engine: 'woocommerce',
      plan: 'basic',
      actor: 'olivia',
      limits: { total: 100, perUser: 20 },
    });
    clock.advance(8 * day);
    await purge.runCycle();

    expect(backups.calls).not.toContain('removeAll shop');
    expect(await repository.listDeleted()).toEqual([]);
    expect(repository.activity.find((e) => e.action === 'purge')?.detail).toBe(
      'backups removed: 0 (kept: another store named "shop" is live and shares them), volumes released: 1',
    );
  });

  it('tries again next cycle when the backups cannot be removed now, and purges the others', async () => {
    const { clock, repository, backups, purge, logged, deleteOne } = await deletedStore();
    clock.advance(1000);
    await deleteOne('corner', 'pvc-uploads-2');
    const removeAll = backups.removeAll.bind(backups);
    backups.removeAll = async (store) => {
      if (store === 'shop') throw new Error('the backup storage did not answer');
      return removeAll(store);
    };
    clock.advance(8 * day);

    expect(await purge.runCycle()).toBe(1);
    expect((await repository.listDeleted()).map((d) => d.name)).toEqual(['shop']);
    expect(logged[0]?.message).toBe('purging a deleted store failed; the next cycle tries again');
  });

  it('skips the cycle while another replica purges', async () => {
    const { clock, repository, lock, purge } = await deletedStore();
    lock.holdElsewhere('deleted-store-purge');
    clock.advance(8 * day);

    expect(await purge.runCycle()).toBeUndefined();
    expect(await repository.listDeleted()).toHaveLength(1);
  });
});
