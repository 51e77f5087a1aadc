import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';

import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import * as k8s from '@kubernetes/client-node';
import type { LocalS3 } from '@store-platform/test-cluster';

/** What a played backup wrote: its keys and the archive's size and checksum. */
export interface PlayedBackup {
  store: string;
  backupId: string;
  archiveKey: string;
  bytes: number;
  sha256: string;
}

/** The plain (not secret) environment of the Job's container. */
export const envOf = (job: k8s.V1Job): Record<string, string> =>
  Object.fromEntries(
    (job.spec?.template.spec?.containers[0]?.env ?? []).flatMap((e) =>
      e.value !== undefined ? [[e.name, e.value]] : [],
    ),
  );

/** The bucket's keys, read from the Secret the Job's AWS_ACCESS_KEY_ID refers to, as the Job's pod would. */
export async function bucketKeysOf(
  kc: k8s.KubeConfig,
  job: k8s.V1Job,
): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  const keyRef = job.spec?.template.spec?.containers[0]?.env?.find((e) => e.name === 'AWS_ACCESS_KEY_ID');
  const secret = await kc.makeApiClient(k8s.CoreV1Api).readNamespacedSecret({
    name: keyRef?.valueFrom?.secretKeyRef?.name ?? '',
    namespace: job.metadata?.namespace ?? '',
  });
  const decode = (key: string) => Buffer.from(secret.data?.[key] ?? '', 'base64').toString();
  return { accessKeyId: decode('access-key-id'), secretAccessKey: decode('secret-access-key') };
}

/**
 * Does what apps/store-backup's `backup` command does to the bucket, for a backup Job on the simulated cluster
 * (kwok runs no container): uploads an archive, then its manifest (format 1, the real sha256 and size) under the
 * key the Job's env names, with the bucket keys of the Secret the Job reads. A function of the Job alone, so that
 * the real tool can take its place.
 */
export async function playBackupJob(kc: k8s.KubeConfig, job: k8s.V1Job): Promise<PlayedBackup> {
  const env = envOf(job);
  const s3 = new S3Client({
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
    credentials: await bucketKeysOf(kc, job),
  });
  const store = env.STORE_NAME ?? '';
  const backupId = env.BACKUP_ID ?? '';
  const prefix = `${env.S3_PREFIX ?? ''}stores/${store}/${backupId}/`;
  const dump = `-- dump of ${store}\n${randomBytes(512).toString('hex')}\n`;
  const archive = gzipSync(Buffer.from(dump));
  const archiveKey = `${prefix}archive.tar.gz`;
  const sha256 = createHash('sha256').update(archive).digest('hex');
  const put = (Key: string, Body: Buffer | string) =>
    s3.send(new PutObjectCommand({ Bucket: env.S3_BUCKET, Key, Body }));
  await put(archiveKey, archive);
  const manifest = {
    format: 1,
    backupId,
    store,
    engine: env.ENGINE,
    engineVersion: env.ENGINE_VERSION,
    createdAt: new Date().toISOString(),
    chartValues: JSON.parse(env.CHART_VALUES_JSON ?? '{}') as unknown,
    database: { kind: env.DB_KIND, name: env.DB_NAME, bytes: dump.length },
    uploads: { files: 0, bytes: 0 },
    archive: { key: archiveKey, bytes: archive.length, sha256 },
  };
  await put(`${prefix}manifest.json`, JSON.stringify(manifest));
  return { store, backupId, archiveKey, bytes: archive.length, sha256 };
}

/** Which Jobs an agent plays, and how. */
export interface AgentOptions<T> {
  /** Plays one Job: resolves with what it wrote, rejects with why it failed. */
  play: (kc: k8s.KubeConfig, job: k8s.V1Job) => Promise<T>;
  /** The Jobs' commands (args[0]) it plays; the others are only recorded. Default: backup. */
  commands?: string[];
  /**
   * Only Jobs whose S3_ENDPOINT is this one (the test file's own bucket): test files run at once, and one file's
   * agent must not write into another's bucket. Absent: every backup Job of the cluster.
   */
  endpoint?: string;
}

/**
 * Watches backup Jobs (label app.kubernetes.io/component=backup) across the cluster and plays each one of the
 * `commands` once with `play`; keeps every such Job it saw and what it wrote, for the test to read.
 */
export async function startJobAgent<T>(kc: k8s.KubeConfig, options: AgentOptions<T>) {
  const commands = options.commands ?? ['backup'];
  const seen = new Map<string, k8s.V1Job>();
  const plays = new Map<string, Promise<T>>();
  const played: T[] = [];
  const errors: unknown[] = [];
  const watch = new k8s.Watch(kc);
  const request = await watch.watch(
    '/apis/batch/v1/jobs',
    { labelSelector: 'app.kubernetes.io/component=backup' },
    (type: string, job: k8s.V1Job) => {
      const key = `${job.metadata?.namespace}/${job.metadata?.name}`;
      if (type !== 'ADDED' || seen.has(key)) return;
      if (options.endpoint !== undefined && envOf(job).S3_ENDPOINT !== options.endpoint) return;
      seen.set(key, job);
      if (!commands.includes(job.spec?.template.spec?.containers[0]?.args?.[0] ?? '')) return;
      const playing = options.play(kc, job);
      plays.set(key, playing);
      playing.then(
        (result) => played.push(result),
        (error: unknown) => errors.push(error),
      );
    },
    (error: unknown) => {
      if (error) errors.push(error);
    },
  );
  return {
    /** Every backup and restore Job seen, by "<namespace>/<name>", in order. */
    jobs: () => [...seen.values()],
    /** The play of the Job "<namespace>/<name>" (undefined until the agent saw it): awaits its end. */
    playOf: (key: string) => plays.get(key),
    played,
    errors,
    stop: () => request.abort(),
  };
}

/** An agent that plays the backup Jobs writing to `endpoint` (all when absent) with the fixture, playBackupJob. */
export const startBackupJobAgent = (kc: k8s.KubeConfig, options: { endpoint?: string } = {}) =>
  startJobAgent(kc, { ...options, play: playBackupJob });

/**
 * The provisioner's settings for backups to `s3()`, a server started in beforeAll: getters, since useProvisioner
 * reads its settings when the provisioner starts (in its own beforeAll, after the server's); `more` are added
 * onto the same object (spreading it would read the getters at once).
 */
export function backupSettings(
  s3: () => LocalS3,
  prefix: string,
  more: Record<string, string> = {},
): Record<string, string> {
  const settings = {
    get BACKUP_S3_ENDPOINT() {
      return s3().endpoint;
    },
    get BACKUP_S3_BUCKET() {
      return s3().bucket;
    },
    get BACKUP_S3_ACCESS_KEY_ID() {
      return s3().accessKeyId;
    },
    get BACKUP_S3_SECRET_ACCESS_KEY() {
      return s3().secretAccessKey;
    },
    BACKUP_S3_PREFIX: prefix,
  };
  return Object.assign(settings, more);
}
