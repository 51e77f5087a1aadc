/**
 * The backup before a delete, end to end: the provisioner (src/main.ts) with backups configured on a real S3 server
 * on loopback (`rclone serve s3`, startLocalS3), the local control plane (kwok runs no container, so the test plays
 * the backup Job's tool: backup-job-agent.ts) and PostgreSQL. A delete takes a `before-delete` backup first, the
 * deleted store is restorable from it, and after its retention (0.0003 days, about 26 s; a purge every second) the
 * purge removes the backup's objects and logs it.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';

import type { ActivityPageView, DeletedStoreView } from '@store-platform/contracts';
import { adminKube, startLocalS3, waitFor, type LocalS3 } from '@store-platform/test-cluster';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { backupSettings, startBackupJobAgent } from './backup-job-agent.js';
import { useProvisioner } from './provisioner-process.js';

const { kc } = adminKube(inject('kubeconfig'));
let s3: LocalS3;
let agent: Awaited<ReturnType<typeof startBackupJobAgent>>;

beforeAll(async () => {
  s3 = await startLocalS3();
  agent = await startBackupJobAgent(kc, { endpoint: s3.endpoint });
});
afterAll(async () => {
  agent?.stop();
  await s3?.stop();
});

const provisioner = useProvisioner(
  'deletion_backup',
  backupSettings(() => s3, 'dp/', {
    DELETION_RETENTION_DAYS: '0.0003',
    PURGE_INTERVAL_SECONDS: '1',
  }),
);
const name = 'dp-backed';

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

async function deletedStores(): Promise<DeletedStoreView[]> {
  const { body } = await provisioner().api.call('GET', '/deleted-stores');
  return (body as unknown as { items: DeletedStoreView[] }).items;
}

describe('backup before delete', () => {
  it('backs the store up before deleting it, keeps it restorable from that backup, and purges the backup after', async () => {
    const { api } = provisioner();
    const created = await api.call('POST', '/stores', {
      body: { name, engine: 'woocommerce', plan: 'basic' },
    });
    expect(created.status).toBe(202);
    await api.waitForStatus(name, 'running', 170_000);

    expect((await api.call('DELETE', `/stores/${name}`)).status).toBe(202);
    await api.waitForGone(name);

    const played = agent.played.filter((p) => p.store === name);
    expect(played).toHaveLength(1);
    const archive = path.join(s3.dir, s3.bucket, played[0]?.archiveKey ?? '');
    expect(await exists(archive)).toBe(true);
    const deleted = (await deletedStores()).find((d) => d.name === name);
    expect(deleted).toMatchObject({ lastBackupId: played[0]?.backupId, retainedVolumes: [] });

    await waitFor(
      `${name} to be purged`,
      async () => ((await deletedStores()).some((d) => d.name === name) ? undefined : true),
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    expect(await exists(archive)).toBe(false);
    const activity = await api.call('GET', `/activity?store=${name}&action=purge`);
    expect((activity.body as unknown as ActivityPageView).items).toMatchObject([
      { actor: 'platform', result: 'succeeded', detail: 'backups removed: 1, volumes released: 0' },
    ]);
  }, 300_000);
});
