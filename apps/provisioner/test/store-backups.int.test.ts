/**
 * Backups, restores and clones on the local control plane (kube-apiserver, controllers, kwok), the pinned Helm,
 * PostgreSQL and a real S3 server on loopback (`rclone serve s3`, startLocalS3). kwok runs no container, so the
 * test plays the backup Jobs' tool (backup-job-agent.ts): it writes the archive and manifest the Job would.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import * as k8s from '@kubernetes/client-node';
import type { StoreView } from '@store-platform/contracts';
import { adminKube, startLocalS3, type LocalS3 } from '@store-platform/test-cluster';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { apiClient } from './api-client.js';
import { backupSettings, startBackupJobAgent } from './backup-job-agent.js';
import { useProvisioner } from './provisioner-process.js';
import { backupsOf, operationEnded } from './store-waits.js';

const { kc, batch, core } = adminKube(inject('kubeconfig'));
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
  'store_backups',
  backupSettings(() => s3, 'it/', { UPDATE_TIMEOUT_SECONDS: '120' }),
);
const unconfigured = useProvisioner('store_backups_off');

type Api = ReturnType<typeof apiClient>;
const steps = (store: StoreView) => store.operation?.steps.map((s) => [s.name, s.status]);

/** Creates a Running WooCommerce store. */
async function running(api: Api, name: string): Promise<StoreView> {
  const created = await api.call('POST', '/stores', { body: { name, engine: 'woocommerce', plan: 'basic' } });
  expect(created.status).toBe(202);
  return api.waitForStatus(name, 'running', 170_000);
}

/** Takes a backup through the API and waits for it: the store after. */
async function backUp(api: Api, name: string): Promise<StoreView> {
  const started = await api.call('POST', `/stores/${name}/backups`);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  return operationEnded(api, name, 'backup');
}

const jobsOf = (namespace: string, command: string) =>
  agent
    .jobs()
    .filter(
      (j) =>
        j.metadata?.namespace === namespace && j.spec?.template.spec?.containers[0]?.args?.[0] === command,
    );

/** Records every replicas count the app Deployment is set to, from a watch. */
async function watchReplicas(namespace: string, name: string) {
  const seen: number[] = [];
  const request = await new k8s.Watch(kc).watch(
    `/apis/apps/v1/namespaces/${namespace}/deployments`,
    { fieldSelector: `metadata.name=${name}` },
    (_type: string, deployment: k8s.V1Deployment) => {
      const replicas = deployment.spec?.replicas;
      if (replicas !== undefined && seen.at(-1) !== replicas) seen.push(replicas);
    },
    () => undefined,
  );
  return { seen, stop: () => request.abort() };
}

describe('backups', () => {
  it('a backup Job of the right shape writes an archive that is listed with its size and who took it', async () => {
    const { api } = provisioner();
    await running(api, 'bk-shop');
    const store = await backUp(api, 'bk-shop');

    expect(store.operation?.phase, JSON.stringify(store.operation)).toBe('succeeded');
    expect(steps(store)).toEqual([
      ['backup', 'done'],
      ['verify', 'done'],
    ]);
    expect(store.status).toBe('running');

    const [seen] = jobsOf('store-bk-shop', 'backup');
    const job = await batch.readNamespacedJob({
      name: seen?.metadata?.name ?? '',
      namespace: 'store-bk-shop',
    });
    const pod = job.spec?.template.spec;
    const container = pod?.containers[0];
    expect(pod?.volumes).toContainEqual(
      expect.objectContaining({ persistentVolumeClaim: { claimName: 'bk-shop-uploads', readOnly: true } }),
    );
    expect(container?.volumeMounts).toContainEqual(
      expect.objectContaining({ mountPath: '/uploads', readOnly: true }),
    );
    expect(pod?.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 33, fsGroup: 33 });
    expect(container?.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(pod?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.[0]).toMatchObject({
      labelSelector: { matchLabels: { 'app.kubernetes.io/component': 'app' } },
      topologyKey: 'kubernetes.io/hostname',
    });
    const env = container?.env ?? [];
    for (const name of ['DB_PASSWORD', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) {
      const entry = env.find((e) => e.name === name);
      expect(entry?.value, name).toBeUndefined();
      expect(entry?.valueFrom?.secretKeyRef, name).toBeDefined();
    }
    expect(JSON.stringify(job)).not.toContain(s3.secretAccessKey);
    expect(env.find((e) => e.name === 'UPLOADS_DIR')?.value).toBe('/uploads');
    // The bucket's keys are in a Secret that goes with its Job.
    const target = await core.readNamespacedSecret({
      name: 'bk-shop-backup-target',
      namespace: 'store-bk-shop',
    });
    expect(target.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Job', name: job.metadata?.name });

    const [listed] = await backupsOf(api, 'bk-shop');
    const played = agent.played.find((p) => p.store === 'bk-shop');
    expect(listed).toMatchObject({
      status: 'succeeded',
      reason: 'manual',
      createdBy: 'admin',
      sizeBytes: played?.bytes,
      sha256: played?.sha256,
      engine: 'woocommerce',
    });
    expect(listed?.engineVersion).toBeTruthy();
  });

  it('an admin deletes a backup with its objects; an operator may not', async () => {
    const { api, url } = provisioner();
    const [listed] = await backupsOf(api, 'bk-shop');
    const password = randomBytes(18).toString('base64url');
    expect(
      (
        await api.call('POST', '/auth/users', {
          body: { username: 'bk-operator', password, role: 'operator' },
        })
      ).status,
    ).toBe(201);
    const operator = apiClient(url, await apiClient(url).tokenFor('bk-operator', password));

    expect((await operator.call('DELETE', `/stores/bk-shop/backups/${listed?.id}`)).status).toBe(403);
    expect((await api.call('DELETE', `/stores/bk-shop/backups/${listed?.id}`)).status).toBe(204);
    expect(await backupsOf(api, 'bk-shop')).toEqual([]);
    const played = agent.played.find((p) => p.backupId === listed?.id);
    const file = path.join(s3.dir, s3.bucket, played?.archiveKey ?? 'none');
    await expect(writeFile(file, '', { flag: 'r+' })).rejects.toThrow(/ENOENT/);
    const activity = await api.call('GET', '/activity?store=bk-shop');
    expect(JSON.stringify(activity.body)).toContain('backup-delete');
  });

  it('describes every backup route in the OpenAPI document, with its statuses', async () => {
    const { api } = provisioner();
    const { paths } = (await api.call('GET', '/openapi.json')).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
    };
    const route = (suffix: string) => Object.entries(paths).find(([p]) => p.endsWith(suffix))?.[1] ?? {};
    const statuses = (operation?: { responses: Record<string, unknown> }) =>
      Object.keys(operation?.responses ?? {});
    expect(statuses(route('/stores/{name}/backups').post)).toEqual(
      expect.arrayContaining(['202', '403', '503']),
    );
    expect(statuses(route('/stores/{name}/backups').get)).toEqual(expect.arrayContaining(['200', '503']));
    expect(statuses(route('/stores/{name}/backups/{id}').delete)).toEqual(
      expect.arrayContaining(['204', '403']),
    );
    const restore = route('/stores/{name}/restore').post;
    expect(statuses(restore)).toEqual(expect.arrayContaining(['202', '409', '422', '428', '503']));
    expect(JSON.stringify(restore?.requestBody)).toContain('backup');
    expect(JSON.stringify(route('/stores').post?.requestBody)).toContain('fromBackup');
  });

  it('answers 503 with why while backups are not configured', async () => {
    const { api } = unconfigured();
    const listed = await api.call('GET', '/stores/bk-none/backups');
    expect(listed.status).toBe(503);
    expect(listed.body.code).toBe('backups_not_configured');
    expect(listed.body.message).toContain('BACKUP_S3_ENDPOINT');
    const clone = await api.call('POST', '/stores', {
      body: { name: 'bk-none', engine: 'woocommerce', plan: 'basic', fromBackup: randomUUID() },
    });
    expect(clone.status).toBe(503);
  });

  it('publishes whether backups are on, and the deletion policy, at GET /data-policy', async () => {
    const policy = { backupBeforeDelete: true, retainData: false, retentionDays: 7 };
    const off = await unconfigured().api.call('GET', '/data-policy');
    expect(off.body).toEqual({ backupsConfigured: false, ...policy });
    const on = await provisioner().api.call('GET', '/data-policy');
    expect(on.body).toEqual({ backupsConfigured: true, ...policy });
  });
});

describe('restore and clone', () => {
  it('restores a backup: checked, safety backup, the app to zero and back, Ready', async () => {
    const { api } = provisioner();
    await backUp(api, 'bk-shop');
    const [backup] = await backupsOf(api, 'bk-shop');
    const before = await api.store('bk-shop');
    const replicas = await watchReplicas('store-bk-shop', 'bk-shop-app');
    const started = await api.call('POST', '/stores/bk-shop/restore', {
      body: { backup: backup?.id },
      headers: { 'if-match': before.headers.get('etag') ?? '' },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const store = await operationEnded(api, 'bk-shop', 'restore');
    replicas.stop();

    expect(store.operation?.phase, JSON.stringify(store.operation)).toBe('succeeded');
    expect(steps(store)).toEqual([
      ['verify', 'done'],
      ['safety-backup', 'done'],
      ['scale-down', 'done'],
      ['restore', 'done'],
      ['scale-up', 'done'],
      ['ready', 'done'],
    ]);
    expect(replicas.seen).toEqual([1, 0, 1]);
    const [restoreJob] = jobsOf('store-bk-shop', 'restore');
    const container = restoreJob?.spec?.template.spec?.containers[0];
    expect(container?.env).toContainEqual({ name: 'BACKUP_KEY', value: `it/stores/bk-shop/${backup?.id}/` });
    const uploads = container?.volumeMounts?.find((m) => m.mountPath === '/uploads');
    expect(uploads?.name).toBe('uploads');
    expect(uploads?.readOnly).not.toBe(true);
    expect(restoreJob?.spec?.template.spec?.affinity).toBeUndefined();
    expect((await backupsOf(api, 'bk-shop')).map((b) => b.reason)).toContain('before-restore');
  });

  it('refuses a corrupted archive at verify, by its checksum, before anything is touched', async () => {
    const { api } = provisioner();
    const [backup] = (await backupsOf(api, 'bk-shop')).filter((b) => b.reason === 'manual');
    // Bit rot: the same size, other bytes.
    await writeFile(
      path.join(s3.dir, s3.bucket, backup?.objectKey ?? 'none'),
      randomBytes(backup?.sizeBytes ?? 1),
    );
    const restoresBefore = jobsOf('store-bk-shop', 'restore').length;
    const backupsBefore = jobsOf('store-bk-shop', 'backup').length;
    const before = await api.store('bk-shop');
    const replicas = await watchReplicas('store-bk-shop', 'bk-shop-app');
    const started = await api.call('POST', '/stores/bk-shop/restore', {
      body: { backup: backup?.id },
      headers: { 'if-match': before.headers.get('etag') ?? '' },
    });
    expect(started.status).toBe(202);
    const store = await operationEnded(api, 'bk-shop', 'restore');
    replicas.stop();

    expect(store.operation?.phase).toBe('failed');
    expect(steps(store)?.slice(0, 2)).toEqual([
      ['verify', 'failed'],
      ['safety-backup', 'pending'],
    ]);
    expect(store.operation?.error?.message).toMatch(/sha256 is [0-9a-f]{64}, not [0-9a-f]{64}.*corrupted/);
    expect(store.status).toBe('running');
    expect(replicas.seen).toEqual([1]);
    expect(jobsOf('store-bk-shop', 'restore')).toHaveLength(restoresBefore);
    expect(jobsOf('store-bk-shop', 'backup')).toHaveLength(backupsBefore);
  });

  it('clones a store from a backup into a second Running store under its own host', async () => {
    const { api } = provisioner();
    const [backup] = (await backupsOf(api, 'bk-shop')).filter((b) => b.reason === 'before-restore');
    const refused = await api.call('POST', '/stores', {
      body: { name: 'bk-clone', engine: 'woocommerce', plan: 'basic', fromBackup: randomUUID() },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('there is no backup');

    const created = await api.call('POST', '/stores', {
      body: { name: 'bk-clone', engine: 'woocommerce', plan: 'basic', fromBackup: backup?.id },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    const store = await api.waitForStatus('bk-clone', 'running', 170_000);

    expect(steps(store)).toEqual([
      ['preflight', 'done'],
      ['namespace', 'done'],
      ['secrets', 'done'],
      ['install', 'done'],
      ['setup', 'done'],
      ['restore', 'done'],
      ['storefront', 'skipped'],
    ]);
    const [job] = jobsOf('store-bk-clone', 'restore');
    const env = job?.spec?.template.spec?.containers[0]?.env ?? [];
    expect(env).toContainEqual({ name: 'SITE_URL', value: `https://${new URL(store.urls.storefront).host}` });
    expect(env).toContainEqual({ name: 'BACKUP_KEY', value: `it/stores/bk-shop/${backup?.id}/` });
    expect(agent.errors).toEqual([]);
  });
});
