/**
 * helm-charts/store-platform's `backups` and `deletionPolicy` rendered by the real helm (no cluster): the local
 * backup store (rclone serve s3) only without an endpoint of the operator's, the provisioner's settings, the
 * bucket's access key by secretKeyRef only, the values the schema refuses, and what every store is given.
 */
import path from 'node:path';

import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

import {
  chartPath,
  find,
  renderStoreWithPlatformValues,
  renderWith,
  setFlags,
  type K8sObject,
  type Rendered,
} from './helm.js';

const chart = chartPath('store-platform');
const target = { release: 'store-platform', namespace: 'store-platform' };
const local = (values: Record<string, string | number | boolean> = {}) =>
  renderWith('store-platform', ['-f', path.join(chart, 'values-local.yaml'), ...setFlags(values)], target);
const provisionerEnv = (all: K8sObject[]): Record<string, Rendered> =>
  Object.fromEntries(
    find(all, 'Deployment', 'store-platform-provisioner').spec.template.spec.containers[0].env.map(
      (e: { name: string; value?: string; valueFrom?: unknown }) => [e.name, e.value ?? e.valueFrom],
    ),
  );
const storeValues = (all: K8sObject[]) =>
  find(all, 'ConfigMap', 'store-platform-store-values').data?.['store-values.yaml'] ?? '';
const backupStoreObjects = (all: K8sObject[]) =>
  all.filter((o) => o.metadata.name === 'store-platform-backup-store').map((o) => o.kind);
/** The operator's object storage, with the Secret of its access key. */
const external = {
  'backups.s3.endpoint': 'https://s3.eu-west-1.amazonaws.com',
  'backups.s3.existingSecret': 'backup-bucket',
  'backups.s3.accessKeyIdKey': 'AWS_ACCESS_KEY_ID',
  'backups.s3.secretAccessKeyKey': 'AWS_SECRET_ACCESS_KEY',
  'backups.s3.bucket': 'acme-store-backups',
  'backups.s3.region': 'eu-west-1',
  'backups.s3.prefix': 'prod/',
  'backups.s3.forcePathStyle': false,
};

describe('store-platform local backup store', () => {
  it('runs rclone serve s3 over a kept claim, one replica at a time, with its key from a generated Secret', async () => {
    const all = await local();
    expect(backupStoreObjects(all).sort()).toEqual([
      'Deployment',
      'NetworkPolicy',
      'PersistentVolumeClaim',
      'Secret',
      'Service',
    ]);
    const deployment = find(all, 'Deployment', 'store-platform-backup-store').spec;
    expect(deployment.replicas).toBe(1);
    expect(deployment.strategy).toEqual({ type: 'Recreate' });
    const pod = deployment.template.spec;
    const [rclone] = pod.containers;
    expect(rclone.image).toBe('rclone/rclone:1.76.0');
    expect(rclone.args).toEqual(['serve', 's3', '/data', '--addr', ':8080']);
    expect(rclone.ports).toEqual([{ name: 's3', containerPort: 8080, protocol: 'TCP' }]);
    expect(rclone.readinessProbe.tcpSocket).toEqual({ port: 8080 });
    expect(rclone.livenessProbe.tcpSocket).toEqual({ port: 8080 });
    expect(rclone.resources).toEqual({
      requests: { cpu: '50m', memory: '64Mi', 'ephemeral-storage': '64Mi' },
      limits: { cpu: '500m', memory: '256Mi', 'ephemeral-storage': '320Mi' },
    });
    // The bucket is a folder on the claim, made before the server starts.
    expect(pod.initContainers[0].args).toEqual(['mkdir', '/data/store-backups']);
    expect(pod.volumes).toContainEqual({
      name: 'data',
      persistentVolumeClaim: { claimName: 'store-platform-backup-store' },
    });
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532, fsGroup: 65532 });

    // The key reaches rclone from the Secret through the environment: never in the manifest or its arguments.
    const env = Object.fromEntries(
      rclone.env.map((e: { name: string; value?: string; valueFrom?: unknown }) => [
        e.name,
        e.value ?? e.valueFrom,
      ]),
    );
    expect(env).toMatchObject({
      ACCESS_KEY_ID: { secretKeyRef: { name: 'store-platform-backup-store', key: 'access-key-id' } },
      SECRET_ACCESS_KEY: {
        secretKeyRef: { name: 'store-platform-backup-store', key: 'secret-access-key' },
      },
      RCLONE_AUTH_KEY: '"$(ACCESS_KEY_ID),$(SECRET_ACCESS_KEY)"',
    });
    const secret = find(all, 'Secret', 'store-platform-backup-store');
    const keys = Object.values(secret.data ?? {}).map((v) => Buffer.from(v, 'base64').toString());
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9]{32}$/);
    const plain = JSON.stringify(all.filter((o) => o.kind !== 'Secret'));
    for (const key of keys) expect(plain.includes(key), 'the access key in plain').toBe(false);

    // Backups outlive the release: the claim and its key are kept on uninstall.
    for (const kind of ['Secret', 'PersistentVolumeClaim']) {
      const object = find(all, kind, 'store-platform-backup-store');
      expect(object.metadata.annotations?.['helm.sh/resource-policy'], kind).toBe('keep');
    }
    const service = find(all, 'Service', 'store-platform-backup-store').spec;
    expect(service.ports).toEqual([{ name: 's3', port: 8080, targetPort: 's3', protocol: 'TCP' }]);
    expect(service.selector).toEqual(deployment.selector.matchLabels);
  });

  it('gives the provisioner the backup store as its endpoint, and the generated key by secretKeyRef', async () => {
    const env = provisionerEnv(await local());
    expect(env).toMatchObject({
      BACKUP_S3_ENDPOINT: 'http://store-platform-backup-store.store-platform.svc:8080',
      BACKUP_S3_BUCKET: 'store-backups',
      BACKUP_S3_REGION: 'us-east-1',
      BACKUP_S3_PREFIX: '',
      BACKUP_S3_FORCE_PATH_STYLE: 'true',
      BACKUP_S3_ACCESS_KEY_ID: {
        secretKeyRef: { name: 'store-platform-backup-store', key: 'access-key-id' },
      },
      BACKUP_S3_SECRET_ACCESS_KEY: {
        secretKeyRef: { name: 'store-platform-backup-store', key: 'secret-access-key' },
      },
      BACKUP_IMAGE: 'store-platform/store-backup:0.1.0',
      BACKUP_JOB_TIMEOUT_SECONDS: '1800',
    });
    // rclone serves buckets by path: path style stays on, whatever forcePathStyle says.
    const set = provisionerEnv(await local({ 'backups.s3.forcePathStyle': false }));
    expect(set.BACKUP_S3_FORCE_PATH_STYLE).toBe('true');
  });

  it('sizes, places and pins the backup store, and names the bucket, as set', async () => {
    const digest = `sha256:${'d'.repeat(64)}`;
    const all = await local({
      'global.imageRegistry': 'registry.example.com',
      'backups.local.image.tag': '1.77.0',
      'backups.local.image.digest': digest,
      'backups.local.persistence.size': '100Gi',
      'backups.local.persistence.storageClass': 'slow-hdd',
      'backups.local.resources.requests.cpu': '100m',
      'backups.local.resources.requests.memory': '128Mi',
      'backups.local.resources.limits.cpu': '1',
      'backups.local.resources.limits.memory': '512Mi',
      'backups.s3.bucket': 'shop-archives',
      'backups.s3.prefix': 'laptop/',
      'backups.image.repository': 'store-platform/store-backup',
      'backups.image.tag': '0.2.0',
      'backups.jobTimeoutSeconds': 600,
    });
    const pod = find(all, 'Deployment', 'store-platform-backup-store').spec.template.spec;
    expect(pod.containers[0].image).toBe(`registry.example.com/rclone/rclone:1.77.0@${digest}`);
    expect(pod.containers[0].resources).toMatchObject({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: 1, memory: '512Mi' },
    });
    expect(pod.initContainers[0].args).toEqual(['mkdir', '/data/shop-archives']);
    const claim = find(all, 'PersistentVolumeClaim', 'store-platform-backup-store').spec;
    expect(claim).toMatchObject({
      storageClassName: 'slow-hdd',
      resources: { requests: { storage: '100Gi' } },
    });
    expect(provisionerEnv(all)).toMatchObject({
      BACKUP_S3_BUCKET: 'shop-archives',
      BACKUP_S3_PREFIX: 'laptop/',
      BACKUP_IMAGE: 'registry.example.com/store-platform/store-backup:0.2.0',
      BACKUP_JOB_TIMEOUT_SECONDS: '600',
    });
    // null: the platform's class (the cluster default locally, no field); production's is local-path.
    const defaults = find(await local(), 'PersistentVolumeClaim', 'store-platform-backup-store').spec;
    expect(defaults).not.toHaveProperty('storageClassName');
    // The chart's default, values-local.yaml's laptop-sized claim, and values-prod.yaml's larger one below.
    const bare = await renderWith('store-platform', [], target);
    expect(
      find(bare, 'PersistentVolumeClaim', 'store-platform-backup-store').spec.resources.requests.storage,
    ).toBe('20Gi');
    expect(defaults.resources.requests.storage).toBe('10Gi');
    const prod = await renderWith(
      'store-platform',
      ['-f', path.join(chart, 'values-prod.yaml'), '--set', 'global.storageClass=null'],
      target,
    );
    expect(find(prod, 'PersistentVolumeClaim', 'store-platform-backup-store').spec).toMatchObject({
      storageClassName: 'local-path',
      resources: { requests: { storage: '100Gi' } },
    });
  });
});

describe('store-platform backups to the operator’s object storage', () => {
  it('runs no backup store, and gives the provisioner the endpoint and the operator’s Secret', async () => {
    const all = await local(external);
    expect(backupStoreObjects(all)).toEqual([]);
    expect(provisionerEnv(all)).toMatchObject({
      BACKUP_S3_ENDPOINT: 'https://s3.eu-west-1.amazonaws.com',
      BACKUP_S3_BUCKET: 'acme-store-backups',
      BACKUP_S3_REGION: 'eu-west-1',
      BACKUP_S3_PREFIX: 'prod/',
      BACKUP_S3_FORCE_PATH_STYLE: 'false',
      BACKUP_S3_ACCESS_KEY_ID: { secretKeyRef: { name: 'backup-bucket', key: 'AWS_ACCESS_KEY_ID' } },
      BACKUP_S3_SECRET_ACCESS_KEY: {
        secretKeyRef: { name: 'backup-bucket', key: 'AWS_SECRET_ACCESS_KEY' },
      },
    });
  });

  it('lets the provisioner and backup Jobs reach the endpoint’s port, at its addresses when given', async () => {
    const egress = (all: K8sObject[]) => find(all, 'NetworkPolicy', 'store-platform-provisioner').spec.egress;
    const any = await local(external);
    expect(egress(any)).toContainEqual({ ports: [{ protocol: 'TCP', port: 443 }] });
    expect(parse(storeValues(any)).networkPolicy.backupStore).toEqual({ cidrs: [], ports: [443] });

    const narrowed = await local({
      ...external,
      'backups.s3.endpoint': 'http://minio.example.com:9000',
      'backups.s3.egressCidrs': '{203.0.113.0/24}',
    });
    expect(egress(narrowed)).toContainEqual({
      ports: [{ protocol: 'TCP', port: 9000 }],
      to: [{ ipBlock: { cidr: '203.0.113.0/24' } }],
    });
    expect(parse(storeValues(narrowed)).networkPolicy.backupStore).toEqual({
      cidrs: ['203.0.113.0/24'],
      ports: [9000],
    });
    const store = await renderStoreWithPlatformValues(storeValues(narrowed));
    expect(find(store, 'NetworkPolicy', 'shop-backup-egress').spec.egress).toContainEqual({
      to: [{ ipBlock: { cidr: '203.0.113.0/24' } }],
      ports: [{ protocol: 'TCP', port: 9000 }],
    });
    const plainHttp = await local({ ...external, 'backups.s3.endpoint': 'http://minio.example.com' });
    expect(parse(storeValues(plainHttp)).networkPolicy.backupStore.ports).toEqual([80]);
  });
});

describe('store-platform without backups', () => {
  it.each<Record<string, boolean>>([{ 'backups.enabled': false }, { 'backups.local.enabled': false }])(
    'with %j: no backup store, an empty endpoint (backups off), and no backup egress for stores',
    async (values) => {
      const all = await local(values);
      expect(backupStoreObjects(all)).toEqual([]);
      const env = provisionerEnv(all);
      expect(env.BACKUP_S3_ENDPOINT).toBe('');
      expect(Object.keys(env).filter((name) => name.startsWith('BACKUP_'))).toEqual(['BACKUP_S3_ENDPOINT']);
      expect(parse(storeValues(all)).networkPolicy).not.toHaveProperty('backupStore');
      // The deletion policy still applies: without backups, a delete takes none.
      expect(env.DELETION_BACKUP_BEFORE_DELETE).toBe('true');
    },
  );
});

describe('store-platform deletion policy', () => {
  it('gives the provisioner the policy, and every store the same retainData', async () => {
    const defaults = await local();
    expect(provisionerEnv(defaults)).toMatchObject({
      DELETION_RETAIN_DATA: 'false',
      DELETION_BACKUP_BEFORE_DELETE: 'true',
      DELETION_RETENTION_DAYS: '7',
      PURGE_INTERVAL_SECONDS: '3600',
    });
    expect(parse(storeValues(defaults)).deletionPolicy).toEqual({ retainData: false });

    // A fraction of a day, as a values file gives it (`--set` would make it a string).
    const policy = {
      retainData: true,
      backupBeforeDelete: false,
      retentionDays: 0.5,
      purgeIntervalSeconds: 60,
    };
    const all = await renderWith(
      'store-platform',
      ['-f', path.join(chart, 'values-local.yaml'), '--set-json', `deletionPolicy=${JSON.stringify(policy)}`],
      target,
    );
    expect(provisionerEnv(all)).toMatchObject({
      DELETION_RETAIN_DATA: 'true',
      DELETION_BACKUP_BEFORE_DELETE: 'false',
      DELETION_RETENTION_DAYS: '0.5',
      PURGE_INTERVAL_SECONDS: '60',
    });
    // The store chart keeps its claims on uninstall when the provisioner retains data.
    const store = await renderStoreWithPlatformValues(storeValues(all));
    expect(find(store, 'PersistentVolumeClaim', 'shop-uploads').metadata.annotations).toMatchObject({
      'helm.sh/resource-policy': 'keep',
    });
    expect(find(store, 'StatefulSet', 'shop-db').spec.persistentVolumeClaimRetentionPolicy).toMatchObject({
      whenDeleted: 'Retain',
    });
    const dropped = await renderStoreWithPlatformValues(storeValues(defaults));
    expect(find(dropped, 'StatefulSet', 'shop-db').spec.persistentVolumeClaimRetentionPolicy).toMatchObject({
      whenDeleted: 'Delete',
    });
  });
});

describe('store-platform backup values the schema refuses', () => {
  it.each([
    [{ 'backups.s3.endpoint': 'ftp://files.example.com' }, "at '/backups/s3/endpoint'"],
    [{ 'backups.s3.bucket': 'Bad_Bucket' }, "at '/backups/s3/bucket'"],
    [{ 'backups.s3.prefix': 'prod' }, "at '/backups/s3/prefix'"],
    [{ 'backups.s3.egressCidrs': '{example.com}' }, "at '/backups/s3/egressCidrs/0'"],
    [{ 'backups.s3.secret': 'x' }, "additional properties 'secret' not allowed"],
    [{ 'backups.jobTimeoutSeconds': 5 }, "at '/backups/jobTimeoutSeconds': minimum"],
    [{ 'backups.local.persistence.size': 'big' }, "at '/backups/local/persistence/size'"],
    [{ 'backups.image.tag': '' }, "at '/backups/image/tag'"],
    [{ 'deletionPolicy.retentionDays': -1 }, "at '/deletionPolicy/retentionDays': minimum"],
    [{ 'deletionPolicy.purgeIntervalSeconds': 0 }, "at '/deletionPolicy/purgeIntervalSeconds': minimum"],
    [{ 'deletionPolicy.retainData': 'sometimes' }, "at '/deletionPolicy/retainData'"],
    [
      { 'backups.s3.endpoint': 'https://s3.example.com' },
      'backups.s3.endpoint is set: set backups.s3.existingSecret too',
    ],
  ])('refuses %j and says why', async (values, reason) => {
    await expect(local(values)).rejects.toThrow(reason);
  });
});
