/** Rendering assertions over `helm template` of helm-charts/store-instance (real helm, no cluster). */
import { engineIds } from '@store-platform/contracts';
import { describe, expect, it } from 'vitest';

import { find, podSpecs, render, renderWith, type K8sObject } from './helm.js';

const engines = engineIds;
const base = { 'store.name': 'my-store' };

describe.each(engines)('store-instance (%s)', (engine) => {
  const objects = () => render('store-instance', { ...base, 'store.engine': engine });

  it('names objects as the requirements do', async () => {
    const all = await objects();
    const db = find(all, 'StatefulSet', 'my-store-db');
    expect(db.spec.volumeClaimTemplates.map((t: K8sObject) => t.metadata.name)).toEqual(['data']);
    for (const name of ['my-store-db', 'my-store-app']) {
      expect(find(all, 'Service', name).spec.type).toBe('ClusterIP');
    }
    find(all, 'Deployment', 'my-store-app');
    find(all, 'Ingress', 'my-store');
    find(all, 'Secret', 'my-store-credentials');
    find(all, 'ResourceQuota', 'my-store-quota');
    find(all, 'LimitRange', 'my-store-limits');
    if (engine === 'woocommerce') {
      find(all, 'PersistentVolumeClaim', 'my-store-uploads');
      expect(find(all, 'Job', 'my-store-setup').metadata.annotations?.['helm.sh/hook']).toBe('post-install');
      expect(find(all, 'Job', 'my-store-migrate').metadata.annotations?.['helm.sh/hook']).toBe(
        'post-upgrade',
      );
    } else {
      find(all, 'Deployment', 'my-store-cache');
      // Medusa does not start on an empty schema: app and worker migrate first, in an init container.
      for (const name of ['my-store-app', 'my-store-worker']) {
        const init = find(all, 'Deployment', name).spec.template.spec.initContainers;
        expect(init.map((c: { command: string[] }) => c.command.join(' '))).toEqual([
          'npx medusa db:migrate',
        ]);
      }
      // Its one hook Job creates the administrator (test/charts/store-instance-medusa-setup.test.ts).
      expect(all.filter((o) => o.kind === 'Job').map((o) => o.metadata.name)).toEqual(['my-store-setup']);
    }
    expect(find(all, 'Pod', 'my-store-test-storefront').metadata.annotations?.['helm.sh/hook']).toBe('test');
  });

  it('runs the plan’s app replicas unless store.appReplicas names others', async () => {
    expect(find(await objects(), 'Deployment', 'my-store-app').spec.replicas).toBe(1);
    const scaled = await render('store-instance', {
      ...base,
      'store.engine': engine,
      'store.appReplicas': 3,
    });
    expect(find(scaled, 'Deployment', 'my-store-app').spec.replicas).toBe(3);
  });

  it('labels every object with the app.kubernetes.io set and selects on name, instance and component only', async () => {
    for (const object of await objects()) {
      expect(object.metadata.labels, `${object.kind}/${object.metadata.name}`).toMatchObject({
        'app.kubernetes.io/name': engine,
        'app.kubernetes.io/instance': 'my-store',
        'app.kubernetes.io/managed-by': 'Helm',
        'app.kubernetes.io/part-of': 'store-platform',
        'app.kubernetes.io/component': expect.any(String),
      });
      const selector = object.kind === 'Service' ? object.spec.selector : object.spec?.selector?.matchLabels;
      if (selector && ['Service', 'Deployment', 'StatefulSet'].includes(object.kind)) {
        expect(Object.keys(selector).sort()).toEqual([
          'app.kubernetes.io/component',
          'app.kubernetes.io/instance',
          'app.kubernetes.io/name',
        ]);
      }
    }
  });

  it('labels every object with the platform install that made the store, when given (store.instance)', async () => {
    const made = await render('store-instance', {
      ...base,
      'store.engine': engine,
      'store.instance': 'store-platform',
    });
    for (const object of made) {
      expect(
        object.metadata.labels?.['store-platform.io/instance'],
        `${object.kind}/${object.metadata.name}`,
      ).toBe('store-platform');
    }
    // Installed by hand, a store belongs to no install.
    for (const object of await objects())
      expect(object.metadata.labels).not.toHaveProperty(['store-platform.io/instance']);
  });

  it('keeps every Service inside the cluster: ClusterIP, no externalIPs (CVE-2020-8554)', async () => {
    const services = (await objects()).filter((o) => o.kind === 'Service');
    expect(services.length).toBeGreaterThan(1);
    for (const service of services) {
      expect(service.spec.type, service.metadata.name).toBe('ClusterIP');
      expect(service.spec, service.metadata.name).not.toHaveProperty('externalIPs');
    }
  });

  it('gives every container requests and limits, and every long-running one three probes', async () => {
    for (const { owner, spec } of podSpecs(await objects())) {
      for (const container of spec.containers) {
        const where = `${owner.kind}/${owner.metadata.name} container ${container.name}`;
        for (const kind of ['requests', 'limits']) {
          expect(container.resources?.[kind], where).toMatchObject({
            cpu: expect.anything(),
            memory: expect.anything(),
          });
        }
        if (owner.kind === 'Deployment' || owner.kind === 'StatefulSet') {
          for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
            expect(container[probe], `${where}: ${probe}`).toBeDefined();
          }
        }
      }
    }
  });

  it('runs every pod under Pod Security "restricted", without an API token', async () => {
    for (const { owner, spec } of podSpecs(await objects())) {
      const where = `${owner.kind}/${owner.metadata.name}`;
      expect(spec.securityContext, where).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(spec.securityContext.runAsUser, where).toBeGreaterThan(0);
      expect(spec.automountServiceAccountToken, where).toBe(false);
      expect(spec.hostNetwork ?? false, where).toBe(false);
      expect(spec.volumes?.filter((v: Record<string, unknown>) => 'hostPath' in v) ?? [], where).toEqual([]);
      for (const container of [...spec.containers, ...(spec.initContainers ?? [])]) {
        expect(container.securityContext, `${where} ${container.name}`).toMatchObject({
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.securityContext.privileged ?? false).toBe(false);
      }
    }
  });

  it('keeps every credential in the Secret: none in a ConfigMap or an env literal', async () => {
    const all = await objects();
    const secret = find(all, 'Secret', 'my-store-credentials');
    const secretValues = Object.values(secret.data ?? {}).map((v) => Buffer.from(v, 'base64').toString());
    const generated = secretValues.filter((v) => v.length >= 24);
    expect(generated.length).toBeGreaterThanOrEqual(3);
    const configMapText = all.filter((o) => o.kind === 'ConfigMap').map((o) => JSON.stringify(o.data));
    const envEntries = podSpecs(all).flatMap(({ spec }) =>
      spec.containers.flatMap((c: { env?: unknown[] }) => c.env ?? []),
    );
    for (const value of generated) {
      for (const text of configMapText) expect(text).not.toContain(value);
      for (const env of envEntries as { value?: string }[]) expect(env.value ?? '').not.toContain(value);
    }
    for (const env of envEntries as { name: string; value?: string }[]) {
      if (/PASSWORD|SECRET|_KEY$|_SALT$/.test(env.name)) expect(env.value, env.name).toBeUndefined();
    }
    const dbPassword = Buffer.from(secret.data?.['db-password'] ?? '', 'base64').toString();
    expect(dbPassword).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it('generates different secrets on two renders without supplied ones', async () => {
    const [first, second] = await Promise.all([objects(), objects()]);
    const password = (all: K8sObject[]) => find(all, 'Secret', 'my-store-credentials').data?.['db-password'];
    expect(password(first)).not.toBe(password(second));
  });

  it('uses a supplied Secret instead of generating one', async () => {
    const all = await render('store-instance', {
      ...base,
      'store.engine': engine,
      'secrets.existingSecret': 'shop-secrets',
    });
    expect(all.filter((o) => o.kind === 'Secret')).toEqual([]);
    const refs = podSpecs(all).flatMap(({ spec }) =>
      spec.containers.flatMap((c: { env?: { valueFrom?: { secretKeyRef?: { name: string } } }[] }) =>
        (c.env ?? []).flatMap((e) => (e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef.name] : [])),
      ),
    );
    expect(refs.length).toBeGreaterThan(0);
    expect(new Set(refs)).toEqual(new Set(['shop-secrets']));
  });
});

describe('store-instance ingress and TLS', () => {
  it.each([
    ['local', 'selfsigned'],
    ['production', 'letsencrypt-prod'],
  ])('in %s uses the %s cluster issuer and the default host', async (environment, issuer) => {
    const all = await render('store-instance', {
      ...base,
      'global.environment': environment,
      'global.baseDomain': 'shops.example.com',
    });
    const ingress = find(all, 'Ingress', 'my-store');
    expect(ingress.metadata.annotations?.['cert-manager.io/cluster-issuer']).toBe(issuer);
    expect(ingress.spec.rules[0].host).toBe('my-store.shops.example.com');
    expect(ingress.spec.tls).toEqual([{ hosts: ['my-store.shops.example.com'], secretName: 'my-store-tls' }]);
    expect(ingress.spec.ingressClassName).toBe('nginx');
  });

  it('routes the Medusa API paths to the server', async () => {
    const all = await render('store-instance', {
      ...base,
      'store.engine': 'medusa',
      'ingress.host': 'shop.example.com',
    });
    const paths = find(all, 'Ingress', 'my-store').spec.rules[0].http.paths.map(
      (p: { path: string }) => p.path,
    );
    expect(paths).toEqual(expect.arrayContaining(['/store', '/admin', '/auth', '/health', '/']));
  });
});

describe('store-instance settings an update changes', () => {
  it('hands a changed title and administrator e-mail to the migrate Job, and only when set', async () => {
    const envOf = (all: K8sObject[]) =>
      find(all, 'Job', 'my-store-migrate').spec.template.spec.containers[0].env.map(
        (e: { name: string }) => e.name,
      );
    expect(envOf(await render('store-instance', base))).not.toContain('STORE_TITLE');
    const set = await render('store-instance', {
      ...base,
      'store.title': 'Corner Shop',
      'store.adminEmail': 'owner@example.com',
    });
    const env = find(set, 'Job', 'my-store-migrate').spec.template.spec.containers[0].env;
    expect(env).toEqual(
      expect.arrayContaining([
        { name: 'STORE_TITLE', value: 'Corner Shop' },
        { name: 'STORE_ADMIN_EMAIL', value: 'owner@example.com' },
      ]),
    );
    expect(envOf(set)).toContain('STORE_TITLE');
  });

  it('makes the uploads claim ReadWriteOnce unless shared uploads are asked for', async () => {
    const claim = (all: K8sObject[]) =>
      find(all, 'PersistentVolumeClaim', 'my-store-uploads').spec.accessModes;
    expect(claim(await render('store-instance', base))).toEqual(['ReadWriteOnce']);
    const shared = await render('store-instance', {
      ...base,
      'persistence.uploads.accessMode': 'ReadWriteMany',
    });
    expect(claim(shared)).toEqual(['ReadWriteMany']);
  });

  it.each([
    ['basic', {}, '10Gi', '5Gi'],
    ['standard', {}, '20Gi', '10Gi'],
    ['premium', {}, '50Gi', '20Gi'],
    ['premium', { 'persistence.database.size': '80Gi', 'persistence.uploads.size': '7Gi' }, '80Gi', '7Gi'],
  ])(
    'sizes the claims by the %s plan unless persistence sizes are set (%o)',
    async (plan, set, db, uploads) => {
      const all = await render('store-instance', { ...base, 'store.plan': plan, ...set });
      const template = find(all, 'StatefulSet', 'my-store-db').spec.volumeClaimTemplates[0];
      expect(template.spec.resources.requests.storage).toBe(db);
      const claim = find(all, 'PersistentVolumeClaim', 'my-store-uploads');
      expect(claim.spec.resources.requests.storage).toBe(uploads);
    },
  );
});

describe('store-instance values schema', () => {
  it.each([
    [{ 'store.name': 'ab' }, "at '/store/name': minLength: got 2, want 3"],
    [{ 'store.name': 'a'.repeat(41) }, "at '/store/name': maxLength: got 41, want 40"],
    [{ 'store.name': 'My_Store' }, "at '/store/name': 'My_Store' does not match pattern"],
    [{ 'store.engine': 'shopify' }, "at '/store/engine': value must be one of 'woocommerce', 'medusa'"],
    [{ 'store.plan': 'gold' }, "at '/store/plan': value must be one of 'basic', 'standard', 'premium'"],
    [{ 'persistence.database.size': 'ten' }, "at '/persistence/database/size': 'ten' does not match pattern"],
    [
      { 'global.environment': 'staging' },
      "at '/global/environment': value must be one of 'local', 'production'",
    ],
    [{ 'engines.woocommerce.image.tag': 'latest' }, "at '/engines/woocommerce/image/tag'"],
  ])('rejects %o', async (values, message) => {
    await expect(render('store-instance', { ...base, ...values })).rejects.toThrow(message);
  });

  it('requires a store name', async () => {
    await expect(render('store-instance', {})).rejects.toThrow("at '/store/name': minLength: got 0, want 3");
  });
});

// Names YAML reads as a number, a boolean, null or a float, given as strings (the provisioner's --set-string):
// every label and object name must stay that string, or the API server refuses the release's objects.
describe.each(['2024', 'true', 'null', '1e3'])('store-instance named %s', (name) => {
  it.each(engines)('renders names and labels as the string (%s)', async (engine) => {
    const all = await renderWith('store-instance', [
      '--set-string',
      `store.name=${name}`,
      '--set',
      `store.engine=${engine}`,
    ]);
    find(all, 'Ingress', name);
    for (const object of all) {
      const where = `${object.kind}/${String(object.metadata.name)}`;
      expect(typeof object.metadata.name, where).toBe('string');
      expect(object.metadata.labels?.['store-platform.io/store'], where).toBe(name);
      expect(object.metadata.labels?.['app.kubernetes.io/instance'], where).toBe(name);
    }
  });
});
