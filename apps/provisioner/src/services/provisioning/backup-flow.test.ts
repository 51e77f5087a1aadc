import { describe, expect, it } from 'vitest';

import { backupWorld } from '../../../test/doubles/backup-world.js';
import type { Operation } from '../../domain/operation.js';
import { runBackup } from './backup-flow.js';
import { runCreate } from './create-flow.js';
import { runRestore } from './restore-flow.js';

type World = Awaited<ReturnType<typeof backupWorld>>;
const progress = (operation: Operation | undefined) => operation?.steps.map((s) => `${s.name}: ${s.status}`);

async function backup(world: World) {
  const { store, operation } = await world.repository.startOperation({
    name: 'shop',
    kind: 'backup',
    actor: 'olivia',
  });
  await runBackup(world.deps, operation, store);
  return world.repository.getOperation(operation.id);
}

async function restore(world: World, id: string) {
  const { store, operation } = await world.repository.startOperation({
    name: 'shop',
    kind: 'restore',
    actor: 'olivia',
    request: { backup: id },
  });
  await runRestore(world.deps, operation, store);
  return world.repository.getOperation(operation.id);
}

/** A succeeded manual backup of shop: its id. */
async function backedUp(world: World): Promise<string> {
  await backup(world);
  const [taken] = await world.records.list('shop');
  if (taken?.status !== 'succeeded') throw new Error(`no backup: ${JSON.stringify(taken)}`);
  world.kube.storeJobs.length = 0;
  world.kube.scales.length = 0;
  return taken.id;
}

describe('backup', () => {
  it('runs the backup Job, checks the archive and records its size, checksum and who took it', async () => {
    const world = await backupWorld();
    const operation = await backup(world);

    expect(progress(operation)).toEqual(['backup: done', 'verify: done']);
    const [taken] = await world.records.list('shop');
    expect(taken).toMatchObject({
      status: 'succeeded',
      reason: 'manual',
      createdBy: 'olivia',
      engine: 'woocommerce',
    });
    expect(taken?.sizeBytes).toBe(Buffer.from('archive of shop').length);
    expect(taken?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const [job] = world.kube.storeJobs;
    expect(job?.spec.env).toMatchObject({ BACKUP_ID: taken?.id, DB_HOST: 'shop-db', S3_PREFIX: 'test/' });
    expect(job?.spec.uploads).toEqual({ claim: 'shop-uploads', readOnly: true, besideApp: true });
    expect(job?.secret).toEqual({
      name: 'shop-backup-target',
      data: { 'access-key-id': 'AKIDTEST', 'secret-access-key': 'not-a-real-secret' },
    });
    expect(JSON.stringify(job?.spec.env)).not.toContain('not-a-real-secret');
    expect((await world.repository.getStore('shop'))?.status).toBe('running');
  });

  it('a failed Job fails the backup with its log tail; the store keeps running', async () => {
    const world = await backupWorld();
    world.kube.evidenceFacts = { problems: [], job: { name: 'x', logTail: 'mysqldump: Got error: 1045' } };
    world.kube.onStoreJob = async (spec) => {
      world.kube.jobOutcomes.set(`${spec.namespace}/${spec.name}`, 'BackoffLimitExceeded');
    };
    const operation = await backup(world);

    expect(progress(operation)).toEqual(['backup: failed', 'verify: pending']);
    expect(operation?.error?.message).toContain('BackoffLimitExceeded');
    expect(operation?.error?.message).toContain('mysqldump: Got error: 1045');
    expect((await world.records.list('shop'))[0]).toMatchObject({ status: 'failed' });
    expect((await world.repository.getStore('shop'))?.status).toBe('running');
  });

  it('a Job that completes without a manifest is an incomplete backup, said so', async () => {
    const world = await backupWorld();
    world.kube.onStoreJob = async (spec) => {
      world.kube.jobOutcomes.set(`${spec.namespace}/${spec.name}`, 'Completed');
    };
    const operation = await backup(world);

    expect(progress(operation)).toEqual(['backup: done', 'verify: failed']);
    expect(operation?.error?.message).toContain('wrote no manifest within 30 s');
    expect((await world.records.list('shop'))[0]?.status).toBe('failed');
  });
});

describe('restore', () => {
  it('checks the archive, takes a safety backup, stops the app, restores and starts it again', async () => {
    const world = await backupWorld();
    const id = await backedUp(world);
    const operation = await restore(world, id);

    expect(progress(operation)).toEqual([
      'verify: done',
      'safety-backup: done',
      'scale-down: done',
      'restore: done',
      'scale-up: done',
      'ready: done',
    ]);
    expect(world.kube.storeJobs.map((j) => j.spec.command)).toEqual(['backup', 'restore']);
    expect(world.kube.storeJobs[1]?.spec.env.BACKUP_KEY).toBe(`test/stores/shop/${id}/`);
    expect(world.kube.storeJobs[1]?.spec.uploads).toEqual({
      claim: 'shop-uploads',
      readOnly: false,
      besideApp: false,
    });
    expect(world.kube.scales).toEqual(['store-shop/shop-app=0', 'store-shop/shop-app=1']);
    expect((await world.records.list('shop')).map((b) => b.reason).sort()).toEqual([
      'before-restore',
      'manual',
    ]);
    expect((await world.repository.getStore('shop'))?.status).toBe('running');
  });

  it('refuses a corrupted archive at verify: no Job runs and the app is never scaled', async () => {
    const world = await backupWorld();
    const id = await backedUp(world);
    world.storage.objects.set(`test/stores/shop/${id}/archive.tar.gz`, Buffer.from('archive of shoq'));
    const operation = await restore(world, id);

    expect(progress(operation)?.slice(0, 2)).toEqual(['verify: failed', 'safety-backup: pending']);
    expect(operation?.error?.message).toContain("the archive's sha256 is");
    expect(operation?.error?.message).toContain('Nothing was changed');
    expect(world.kube.storeJobs).toEqual([]);
    expect(world.kube.scales).toEqual([]);
    expect((await world.repository.getStore('shop'))?.status).toBe('running');
  });

  it('puts the safety backup back when the restore Job fails, and says the store is as it was', async () => {
    const world = await backupWorld();
    const id = await backedUp(world);
    const play = world.kube.onStoreJob;
    let restores = 0;
    world.kube.onStoreJob = async (spec) => {
      if (spec.command === 'restore' && restores++ === 0) {
        world.kube.jobOutcomes.set(`${spec.namespace}/${spec.name}`, 'BackoffLimitExceeded');
        return;
      }
      await play(spec);
    };
    const operation = await restore(world, id);

    expect(operation?.phase).toBe('failed');
    expect(operation?.steps.find((s) => s.name === 'restore')?.status).toBe('failed');
    const safety = (await world.records.list('shop')).find((b) => b.reason === 'before-restore');
    expect(world.kube.storeJobs.map((j) => j.spec.env.BACKUP_KEY ?? j.spec.command)).toEqual([
      'backup',
      `test/stores/shop/${id}/`,
      `test/stores/shop/${safety?.id}/`,
    ]);
    expect(operation?.error?.headline).toContain('the store is back to its state before the restore');
    expect(world.kube.scales.at(-1)).toBe('store-shop/shop-app=1');
    expect((await world.repository.getStore('shop'))?.status).toBe('running');
  });
});

describe('clone', () => {
  it("a create from a backup restores it after the setup, with the new store's site URL", async () => {
    const world = await backupWorld();
    const id = await backedUp(world);
    const limits = { total: 100, perUser: 20 };
    world.kube.jobOutcomes.set('store-copy/copy-setup', 'Completed');
    world.kube.deployments.set('store-copy/copy-app', { desired: 1, ready: 1 });
    const { store, operation } = await world.repository.createStore({
      name: 'copy',
      engine: 'woocommerce',
      plan: 'basic',
      actor: 'olivia',
      limits,
      request: { fromBackup: id },
    });
    await runCreate(world.deps, operation, store);
    const done = await world.repository.getOperation(operation.id);

    expect(progress(done)).toEqual([
      'preflight: done',
      'namespace: done',
      'secrets: done',
      'install: done',
      'setup: done',
      'restore: done',
      'storefront: skipped',
    ]);
    const [job] = world.kube.storeJobs;
    expect(job?.spec).toMatchObject({ namespace: 'store-copy', command: 'restore' });
    expect(job?.spec.env).toMatchObject({
      SITE_URL: 'https://copy.127.0.0.1.nip.io',
      BACKUP_KEY: `test/stores/shop/${id}/`,
      STORE_NAME: 'copy',
    });
  });
});
