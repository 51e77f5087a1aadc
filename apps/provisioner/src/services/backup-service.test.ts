import { describe, expect, it } from 'vitest';

import { backupWorld } from '../../test/doubles/backup-world.js';
import { InMemoryJobQueue } from '../../test/doubles/in-memory-job-queue.js';
import { PlatformError } from '../domain/errors.js';
import { BackupService } from './backup-service.js';

async function service(configured = true) {
  const world = await backupWorld();
  const queue = new InMemoryJobQueue();
  const backups = new BackupService(world.repository, queue, configured ? world.jobs : undefined, {
    BASE_DOMAIN: '127.0.0.1.nip.io',
  });
  return { world, queue, backups };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) =>
      error instanceof PlatformError ? { code: error.code, message: error.message } : error,
  );

describe('backup service', () => {
  it('answers 503 with why on every request while backups are not configured', async () => {
    const { backups } = await service(false);
    for (const call of [
      backups.backup('shop', 'olivia'),
      backups.list('shop'),
      backups.remove('shop', 'x', 'ada'),
      backups.restore('shop', 'x', 'olivia', 1),
      backups.cloneSource('x', 'woocommerce'),
    ]) {
      expect(await refusal(call)).toMatchObject({
        code: 'backups_not_configured',
        message: expect.stringContaining('BACKUP_S3_ENDPOINT'),
      });
    }
  });

  it('queues a backup of a Running store and records that it was asked for', async () => {
    const { backups, queue, world } = await service();
    const view = await backups.backup('shop', 'olivia');

    expect(view.operation).toMatchObject({ kind: 'backup', phase: 'queued' });
    expect(queue.jobs).toEqual([{ operationId: view.operation?.id, storeName: 'shop' }]);
    expect(world.repository.activity.at(-1)).toMatchObject({ action: 'backup', result: 'accepted' });
  });

  it('refuses to restore or clone from a backup that cannot be used, saying why', async () => {
    const { backups, world } = await service();
    const failed = await world.records.insert({
      storeName: 'shop',
      reason: 'manual',
      createdBy: 'olivia',
      operationId: null,
      engine: 'woocommerce',
      engineVersion: null,
    });
    await world.records.finish(failed.id, { status: 'failed', error: 'mysqldump failed' });

    expect(await refusal(backups.restore('shop', failed.id, 'olivia', 1))).toMatchObject({
      code: 'backup_unusable',
      message: expect.stringContaining('is failed: only a complete backup can be restored'),
    });
    expect(await refusal(backups.restore('other', failed.id, 'olivia', 1))).toMatchObject({
      code: 'backup_unusable',
      message: expect.stringContaining('store "other" has no backup'),
    });
    await world.records.finish(failed.id, { status: 'succeeded', objectKey: 'k', sizeBytes: 1, sha256: 'a' });
    expect(await refusal(backups.cloneSource(failed.id, 'medusa'))).toMatchObject({
      code: 'backup_unusable',
      message: expect.stringContaining('is of a woocommerce store; a medusa store cannot be made from it'),
    });
  });

  it('refuses to delete a backup still being taken, and deletes an ended one with its objects', async () => {
    const { backups, world } = await service();
    const taking = await world.records.insert({
      storeName: 'shop',
      reason: 'manual',
      createdBy: 'olivia',
      operationId: null,
      engine: 'woocommerce',
      engineVersion: null,
    });
    expect(await refusal(backups.remove('shop', taking.id, 'ada'))).toMatchObject({ code: 'conflict' });

    world.storage.writeBackup(`test/stores/shop/${taking.id}/`, 'shop', taking.id);
    await world.records.finish(taking.id, { status: 'succeeded', objectKey: 'k', sizeBytes: 1, sha256: 'a' });
    await backups.remove('shop', taking.id, 'ada');
    expect(await backups.list('shop')).toEqual([]);
    expect(world.storage.objects.size).toBe(0);
    expect(world.repository.activity.at(-1)).toMatchObject({ action: 'backup-delete', actor: 'ada' });
  });
});
