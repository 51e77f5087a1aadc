/**
 * storectl's backup verbs against a provisioner with backups configured: a real S3 server on loopback
 * (startLocalS3), the local control plane (kwok runs no container, so backup-job-agent.ts plays the backup and
 * restore Jobs' tool) and PostgreSQL. `stores backup --wait` ends with the backup done, `stores backups` lists it,
 * `stores restore` refuses without --yes and restores with it, followed to the end; the activity log has both.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { ActivityPageView, BackupView } from '@store-platform/contracts';
import { adminKube, startLocalS3, type LocalS3 } from '@store-platform/test-cluster';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { backupSettings, startBackupJobAgent } from '../../../apps/provisioner/test/backup-job-agent.js';
import { useProvisioner } from '../../../apps/provisioner/test/provisioner-process.js';
import { bundleStorectl, followed, scriptStorectl } from './storectl-process.js';

let s3: LocalS3;
let agent: Awaited<ReturnType<typeof startBackupJobAgent>>;
let cli: Awaited<ReturnType<typeof bundleStorectl>>;
let home: string;
let token = '';

beforeAll(async () => {
  s3 = await startLocalS3();
  agent = await startBackupJobAgent(adminKube(inject('kubeconfig')).kc, { endpoint: s3.endpoint });
  cli = await bundleStorectl('backups-test');
  home = await mkdtemp(path.join(os.tmpdir(), 'storectl-backups-'));
});
afterAll(async () => {
  agent?.stop();
  await s3?.stop();
  await cli?.remove();
  await rm(home, { recursive: true, force: true });
});
const provisioner = useProvisioner(
  'storectl_backups',
  backupSettings(() => s3, 'cli/', { UPDATE_TIMEOUT_SECONDS: '120' }),
);

const storectl = scriptStorectl(
  () => cli.bundle,
  () => home,
  () => provisioner().url,
  () => token,
);

describe('storectl backups', () => {
  it('backs a store up, lists the backup, and restores it only with --yes, each followed to its end', async () => {
    const { api } = provisioner();
    const made = await api.call('POST', '/auth/tokens', { body: { name: 'cron', role: 'operator' } });
    token = String(made.body.token);
    const created = await storectl(['stores', 'create', 'cli-backed', '--wait', '--timeout', '170']);
    expect(created.code, created.stderr).toBe(0);

    const after = await followed(storectl, ['stores', 'backup', 'cli-backed']);
    expect([after.status, after.operation?.kind, after.operation?.phase]).toEqual([
      'running',
      'backup',
      'succeeded',
    ]);
    const listed = await storectl(['stores', 'backups', 'cli-backed', '-o', 'json']);
    expect(listed.code, listed.stderr).toBe(0);
    const [backup] = JSON.parse(listed.stdout) as BackupView[];
    expect(backup).toMatchObject({ store: 'cli-backed', status: 'succeeded', reason: 'manual' });
    expect(backup?.sizeBytes).toBeGreaterThan(0);
    const table = await storectl(['stores', 'backups', 'cli-backed']);
    expect(table.stdout).toMatch(new RegExp(`${backup?.id}\\s+succeeded\\s+manual`));

    // No terminal to ask on and no --yes: nothing is restored.
    const unconfirmed = await storectl(['stores', 'restore', 'cli-backed', String(backup?.id)]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('refusing without --yes');
    const missing = await storectl([
      'stores',
      'restore',
      'cli-backed',
      '00000000-0000-4000-8000-000000000000',
      '--yes',
    ]);
    expect(missing.code, missing.stderr).not.toBe(0);
    const back = await followed(storectl, ['stores', 'restore', 'cli-backed', String(backup?.id), '--yes']);
    expect([back.status, back.operation?.kind, back.operation?.phase]).toEqual([
      'running',
      'restore',
      'succeeded',
    ]);

    const activity = await storectl(['activity', '--store', 'cli-backed', '-o', 'json']);
    expect(activity.code, activity.stderr).toBe(0);
    const actions = (JSON.parse(activity.stdout) as ActivityPageView).items.map((e) => [e.action, e.result]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['backup', 'succeeded'],
        ['restore', 'succeeded'],
      ]),
    );
  });
});
