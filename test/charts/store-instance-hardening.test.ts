/**
 * What external scanners (kube-score, checkov) ask of helm-charts/store-instance, checked on the rendered chart
 * (real helm, no cluster): read-only root filesystems with an emptyDir wherever each image writes, local disk
 * requested and capped, a headless Service governing the database, a liveness probe that does not depend on
 * the database, images pinnable by digest, and the store reachable from the platform's provisioner only.
 */
import path from 'node:path';

import { engineIds, planIds } from '@store-platform/contracts';
import { describe, expect, it } from 'vitest';

import { parseQuantity } from '../../apps/provisioner/src/domain/quantity.js';
import {
  chartPath,
  find,
  podSpecs,
  render,
  renderStoreWithPlatformValues,
  renderWith,
  type K8sObject,
  type Rendered,
} from './helm.js';

const engines = engineIds;
const plans = planIds;
const base = { 'store.name': 'my-store' };
const containersOf = (spec: Rendered): Rendered[] => [...spec.containers, ...(spec.initContainers ?? [])];

/**
 * Where each image writes at run time, read from its upstream entrypoint and configuration (see the chart
 * README): these must be volumes, as the root filesystem is read-only.
 */
const writablePaths: Record<string, string[]> = {
  // Apache (APACHE_RUN_DIR and APACHE_LOCK_DIR of the php image's envvars: pid file, mutexes), PHP uploads.
  'Deployment/my-store-app@woocommerce': [
    '/tmp',
    '/var/run/apache2',
    '/var/lock/apache2',
    '/var/www/html/wp-content/uploads',
  ],
  // mysqld: datadir, socket and pid file (/etc/my.cnf of the official image), temporary tables.
  'StatefulSet/my-store-db@woocommerce': ['/var/lib/mysql', '/var/run/mysqld', '/tmp'],
  'Job/my-store-setup@woocommerce': ['/tmp', '/var/www/html/wp-content/uploads'],
  'Job/my-store-migrate@woocommerce': ['/tmp'],
  'CronJob/my-store-cron@woocommerce': ['/tmp', '/var/www/html/wp-content/uploads'],
  // Medusa: HOME, the npm cache and file uploads are under /tmp (images/medusa/Dockerfile).
  'Deployment/my-store-app@medusa': ['/tmp'],
  'Deployment/my-store-worker@medusa': ['/tmp'],
  // postgres: PGDATA on the claim, the socket and its lock in /var/run/postgresql.
  'StatefulSet/my-store-db@medusa': ['/var/lib/postgresql/data', '/var/run/postgresql', '/tmp'],
  // redis-server: its working directory (nothing is saved: --save "" --appendonly no).
  'Deployment/my-store-cache@medusa': ['/data'],
};

describe.each(engines)('store-instance hardening (%s)', (engine) => {
  const objects = (values: Record<string, string | number | boolean> = {}) =>
    render('store-instance', { ...base, 'store.engine': engine, ...values });

  it('runs every container with a read-only root filesystem, and mounts a volume where each image writes', async () => {
    const pods = podSpecs(await objects());
    for (const { owner, spec } of pods) {
      for (const container of containersOf(spec)) {
        expect(
          container.securityContext.readOnlyRootFilesystem,
          `${owner.metadata.name} ${container.name}`,
        ).toBe(true);
      }
      const mounted = (spec.containers[0].volumeMounts ?? []).map((m: Rendered) => m.mountPath);
      const key = `${owner.kind}/${owner.metadata.name}@${engine}`;
      expect(mounted, key).toEqual(expect.arrayContaining(writablePaths[key] ?? []));
    }
    const covered = pods.map(({ owner }) => `${owner.kind}/${owner.metadata.name}@${engine}`);
    expect(covered).toEqual(
      expect.arrayContaining(Object.keys(writablePaths).filter((k) => k.endsWith(`@${engine}`))),
    );
  });

  it.each(plans)(
    'requests and caps local disk in every container on plan %s, with room for its emptyDirs',
    async (plan) => {
      const all = await objects({ 'store.plan': plan });
      const limitRange = find(all, 'LimitRange', 'my-store-limits').spec.limits[0];
      for (const key of ['defaultRequest', 'default', 'max'])
        expect(limitRange[key]['ephemeral-storage'], key).toBeDefined();
      const max = parseQuantity(limitRange.max['ephemeral-storage']);
      for (const { owner, spec } of podSpecs(all)) {
        let limits = 0;
        for (const container of containersOf(spec)) {
          const where = `${owner.metadata.name} ${container.name}`;
          const request = parseQuantity(container.resources.requests['ephemeral-storage']);
          const limit = parseQuantity(container.resources.limits['ephemeral-storage']);
          expect(request, where).toBeGreaterThan(0);
          expect(request, where).toBeLessThanOrEqual(limit);
          expect(limit, `${where}: LimitRange max`).toBeLessThanOrEqual(max);
          if (spec.containers.includes(container)) limits += limit;
        }
        // The kubelet evicts a pod whose emptyDirs and logs outgrow its containers' limits: the volumes fit.
        const emptyDirs = (spec.volumes ?? [])
          .filter((v: Rendered) => v.emptyDir)
          .map((v: Rendered) => {
            expect(v.emptyDir.sizeLimit, `${owner.metadata.name} volume ${v.name}`).toBeDefined();
            return parseQuantity(v.emptyDir.sizeLimit);
          });
        expect(
          emptyDirs.reduce((a: number, b: number) => a + b, 0),
          owner.metadata.name,
        ).toBeLessThan(limits);
      }
    },
  );

  it('governs the database StatefulSet by a headless Service, and keeps the ClusterIP one for clients', async () => {
    const all = await objects();
    const db = find(all, 'StatefulSet', 'my-store-db');
    const headless = find(all, 'Service', 'my-store-db-headless');
    expect(db.spec.serviceName).toBe('my-store-db-headless');
    expect(headless.spec.clusterIP).toBe('None');
    expect(headless.spec.selector).toEqual(db.spec.selector.matchLabels);
    expect(headless.spec.ports).toEqual(find(all, 'Service', 'my-store-db').spec.ports);
    expect(find(all, 'Service', 'my-store-db').spec.type).toBe('ClusterIP');
  });

  it('never mounts a service-account token', async () => {
    for (const { owner, spec } of podSpecs(await objects()))
      expect(spec.automountServiceAccountToken, owner.metadata.name).toBe(false);
  });

  it('pulls every image by digest when one is given, and by tag otherwise', async () => {
    const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;
    const keys =
      engine === 'woocommerce'
        ? ['engines.woocommerce.image', 'engines.woocommerce.databaseImage', 'tests.image']
        : [
            'engines.medusa.image',
            'engines.medusa.databaseImage',
            'engines.medusa.cacheImage',
            'tests.image',
          ];
    const images = (all: K8sObject[]) =>
      new Set(podSpecs(all).flatMap(({ spec }) => containersOf(spec).map((c) => c.image as string)));
    const byTag = images(await objects());
    expect([...byTag].every((image) => /^[^@]+:[^@:]+$/.test(image))).toBe(true);
    const pinned = images(await objects(Object.fromEntries(keys.map((k) => [`${k}.digest`, digest]))));
    expect(pinned).toEqual(new Set([...byTag].map((image) => `${image}@${digest}`)));
  });
});

describe('store-instance app probes', () => {
  it('WooCommerce: liveness and startup ask Apache and PHP alone; readiness also needs the database', async () => {
    const all = await render('store-instance', { ...base, 'store.engine': 'woocommerce' });
    const app = find(all, 'Deployment', 'my-store-app').spec.template.spec.containers[0];
    expect(app.readinessProbe.httpGet).toEqual({ path: '/wp-login.php', port: 'http' });
    // The file only sets WordPress's version variables: no WordPress bootstrap, no database connection.
    expect(app.livenessProbe.httpGet).toEqual({ path: '/wp-includes/version.php', port: 'http' });
    expect(app.startupProbe.httpGet).toEqual(app.livenessProbe.httpGet);
  });

  it.each(engines)('%s: no container has a liveness probe equal to its readiness probe', async (engine) => {
    const all = await render('store-instance', { ...base, 'store.engine': engine });
    const handler = (probe: Rendered) => JSON.stringify(probe?.httpGet ?? probe?.exec ?? probe?.tcpSocket);
    const checked: string[] = [];
    for (const { owner, spec } of podSpecs(all)) {
      for (const container of spec.containers as Rendered[]) {
        if (!container.livenessProbe || !container.readinessProbe) continue;
        checked.push(`${owner.metadata.name}/${container.name}`);
        expect(handler(container.livenessProbe), `${owner.metadata.name}/${container.name}`).not.toBe(
          handler(container.readinessProbe),
        );
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(2);
  });
});

describe('store-instance values schema (hardening)', () => {
  it.each([
    [{ 'engines.woocommerce.image.digest': 'sha256:abc' }, "at '/engines/woocommerce/image/digest'"],
    [{ 'tests.image.digest': 'md5:0123' }, "at '/tests/image/digest'"],
    [
      { 'plans.basic.quota.limits\\.ephemeral-storage': 'lots' },
      "at '/plans/basic/quota/limits.ephemeral-storage'",
    ],
    [
      { 'plans.basic.resources.app.limits.ephemeral-storage': '1 GB' },
      "at '/plans/basic/resources/app/limits",
    ],
  ])('rejects %o', async (values, message) => {
    await expect(render('store-instance', { ...base, ...values })).rejects.toThrow(message);
  });
});

describe('store-instance as the platform installs it', () => {
  it('admits the provisioner of that platform release only, from its namespace', async () => {
    const platform = await renderWith(
      'store-platform',
      ['-f', path.join(chartPath('store-platform'), 'values-local.yaml')],
      { release: 'shops', namespace: 'shops-system' },
    );
    const file = find(platform, 'ConfigMap', 'shops-store-values').data?.['store-values.yaml'] ?? '';
    const store = await renderStoreWithPlatformValues(file);
    const from = find(store, 'NetworkPolicy', 'shop-app-ingress').spec.ingress[0].from;
    const provisioner = find(platform, 'Deployment', 'shops-provisioner').spec.template.metadata.labels;
    const peer = from.find((p: Rendered) => p.podSelector && p.namespaceSelector);
    expect(peer.namespaceSelector.matchLabels).toEqual({ 'kubernetes.io/metadata.name': 'shops-system' });
    expect(peer.podSelector.matchLabels).toEqual({
      'app.kubernetes.io/name': 'provisioner',
      'app.kubernetes.io/instance': 'shops',
      'app.kubernetes.io/component': 'api',
    });
    // The selector matches the provisioner's pods, and no other pod of the platform.
    for (const [key, value] of Object.entries(peer.podSelector.matchLabels as Record<string, string>))
      expect(provisioner[key], key).toBe(value);
    const others = platform.filter(
      (o) => ['Deployment', 'StatefulSet'].includes(o.kind) && o.metadata.name !== 'shops-provisioner',
    );
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) {
      const labels = other.spec.template.metadata.labels as Record<string, string>;
      const matches = Object.entries(peer.podSelector.matchLabels).every(([k, v]) => labels[k] === v);
      expect(matches, other.metadata.name).toBe(false);
    }
  });
});
