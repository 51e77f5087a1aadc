/**
 * Who reaches the database and the backup store, by the NetworkPolicies of helm-charts/store-platform (local
 * backup store) and helm-charts/store-instance (installed with the store values the platform renders), both
 * rendered by the real helm and read with the rules of the NetworkPolicy API (network-policy.ts): backup,
 * restore and rotation Jobs (app.kubernetes.io/component: backup) reach their store's database and the backup
 * store; the app, other pods and other installs' stores do not reach the backup store.
 */
import path from 'node:path';

import { engineIds } from '@store-platform/contracts';
import { describe, expect, it } from 'vitest';

import { chartPath, find, renderWith, setFlags, type K8sObject } from './helm.js';
import { canConnect, type PodRef } from './network-policy.js';

const chart = chartPath('store-platform');
const platformNamespace = 'store-platform';

async function renderBoth(engine: string, values: Record<string, string | boolean> = {}) {
  const platform = await renderWith(
    'store-platform',
    ['-f', path.join(chart, 'values-local.yaml'), ...setFlags(values)],
    { release: 'store-platform', namespace: platformNamespace },
  );
  const file = find(platform, 'ConfigMap', 'store-platform-store-values').data?.['store-values.yaml'] ?? '';
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(path.join(tmpdir(), 'store-values-'));
  try {
    await writeFile(path.join(dir, 'store-values.yaml'), file);
    const store = await renderWith(
      'store-instance',
      [
        '-f',
        path.join(dir, 'store-values.yaml'),
        ...setFlags({ 'store.name': 'shop', 'store.engine': engine }),
      ],
      { release: 'shop', namespace: 'store-shop' },
    );
    return { platform, store };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const storeNamespace = (store: string, instance: string) => ({
  'kubernetes.io/metadata.name': `store-${store}`,
  'store-platform.io/store': store,
  'store-platform.io/instance': instance,
});
const storePod = (engine: string, component: string, ip: string, instance = 'store-platform'): PodRef => ({
  namespace: 'store-shop',
  namespaceLabels: storeNamespace('shop', instance),
  labels: {
    'app.kubernetes.io/name': engine,
    'app.kubernetes.io/instance': 'shop',
    'app.kubernetes.io/component': component,
  },
  ip,
});
const platformPod = (name: string, component: string, ip: string): PodRef => ({
  namespace: platformNamespace,
  namespaceLabels: { 'kubernetes.io/metadata.name': platformNamespace },
  labels: {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': 'store-platform',
    'app.kubernetes.io/component': component,
  },
  ip,
});
const databasePort = (engine: string) => (engine === 'woocommerce' ? 3306 : 5432);
const backupStore = platformPod('backup-store', 'storage', '10.244.0.20');
const provisioner = platformPod('provisioner', 'api', '10.244.0.21');

describe.each(engineIds)('backup Jobs on the network (%s)', (engine) => {
  it('reach their store’s database and the local backup store, on their ports only', async () => {
    const { platform, store } = await renderBoth(engine);
    const policies = { [platformNamespace]: platform, 'store-shop': store };
    const job = storePod(engine, 'backup', '10.244.1.5');
    const database = storePod(engine, 'database', '10.244.1.6');
    expect(canConnect(policies, job, database, databasePort(engine))).toBe(true);
    expect(canConnect(policies, job, backupStore, 8080)).toBe(true);
    expect(canConnect(policies, job, backupStore, 22)).toBe(false);
    expect(canConnect(policies, provisioner, backupStore, 8080)).toBe(true);
    // The Job reaches nothing else: not the app, not the platform's database, not the internet.
    expect(canConnect(policies, job, storePod(engine, 'app', '10.244.1.7'), 8080)).toBe(false);
    expect(canConnect(policies, job, platformPod('postgresql', 'database', '10.244.0.22'), 5432)).toBe(false);
    const internet = { namespace: '', namespaceLabels: {}, labels: {}, ip: '93.184.215.14' };
    expect(canConnect(policies, job, internet, 443)).toBe(false);
  });

  it('are the only store pods that reach the backup store; another install’s stores do not', async () => {
    const { platform, store } = await renderBoth(engine);
    const policies = { [platformNamespace]: platform, 'store-shop': store };
    for (const component of ['app', 'database', 'setup', 'cron', 'worker', 'test']) {
      expect(
        canConnect(policies, storePod(engine, component, '10.244.1.8'), backupStore, 8080),
        component,
      ).toBe(false);
    }
    const foreign = storePod(engine, 'backup', '10.244.2.5', 'other-platform');
    expect(canConnect({ ...policies, 'store-shop': store }, foreign, backupStore, 8080)).toBe(false);
    // Pods of the platform other than the provisioner neither.
    expect(canConnect(policies, platformPod('dashboard', 'web', '10.244.0.23'), backupStore, 8080)).toBe(
      false,
    );
  });

  it('still reach the database for rotation when backups are off, and nowhere else', async () => {
    const { platform, store } = await renderBoth(engine, { 'backups.enabled': false });
    const policies = { [platformNamespace]: platform, 'store-shop': store };
    const job = storePod(engine, 'backup', '10.244.1.5');
    expect(canConnect(policies, job, storePod(engine, 'database', '10.244.1.6'), databasePort(engine))).toBe(
      true,
    );
    expect(
      find(platform, 'ConfigMap', 'store-platform-store-values').data?.['store-values.yaml'],
    ).not.toContain('backupStore');
    const egress = find(store, 'NetworkPolicy', 'shop-backup-egress').spec.egress;
    expect(egress).toHaveLength(1);
  });
});

describe('the store chart’s backup egress on its own', () => {
  it('renders the backup store’s namespace and labels, cidrs or any address as given', async () => {
    const render = (values: Record<string, string>) =>
      renderWith('store-instance', setFlags({ 'store.name': 'shop', ...values }), {
        namespace: 'store-shop',
      });
    const egress = async (values: Record<string, string>) =>
      find(await render(values), 'NetworkPolicy', 'shop-backup-egress').spec.egress as K8sObject[];
    expect(await egress({})).toHaveLength(1);
    expect(
      await egress({
        'networkPolicy.backupStore.ports': '{443}',
        'networkPolicy.backupStore.cidrs': '{52.1.0.0/16}',
      }),
    ).toContainEqual({ to: [{ ipBlock: { cidr: '52.1.0.0/16' } }], ports: [{ protocol: 'TCP', port: 443 }] });
    expect(await egress({ 'networkPolicy.backupStore.ports': '{9000}' })).toContainEqual({
      to: [],
      ports: [{ protocol: 'TCP', port: 9000 }],
    });
    await expect(render({ 'networkPolicy.backupStore.ports': '{0}' })).rejects.toThrow(
      "at '/networkPolicy/backupStore/ports/0': minimum",
    );
  });
});
