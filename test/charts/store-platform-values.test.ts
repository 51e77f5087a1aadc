/**
 * helm-charts/store-platform rendered by the real helm (no cluster): secrets never in plain, the external
 * database, values the schema refuses, what every store is given, network policies and the dashboard's nginx.
 */
import path from 'node:path';

import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

import {
  chartPath,
  find,
  podSpecs,
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
const provisioner = (all: K8sObject[]) =>
  find(all, 'Deployment', 'store-platform-provisioner').spec.template.spec.containers[0];
const envEntry = (c: Rendered, name: string) => c.env.find((e: { name: string }) => e.name === name);
const generatedPasswords = (all: K8sObject[]) =>
  all
    .filter((o) => o.kind === 'Secret')
    .flatMap((o) => Object.values(o.data ?? {}))
    .map((value) => Buffer.from(value, 'base64').toString());
const external = {
  'postgresql.enabled': false,
  'externalDatabase.host': 'db.example.com',
  'externalDatabase.existingSecret': 'platform-db',
  'externalDatabase.passwordKey': 'pw',
  'externalDatabase.sslMode': 'verify-full',
};

describe('store-platform secrets and database', () => {
  it('generates the passwords into Secrets, new on every render, and never writes one in plain', async () => {
    const [first, second] = [await local(), await local()];
    const passwords = (all: K8sObject[]) =>
      ['store-platform-admin', 'store-platform-postgresql'].map((name) =>
        Buffer.from(find(all, 'Secret', name).data?.password ?? '', 'base64').toString(),
      );
    for (const password of [...passwords(first), ...passwords(second)]) {
      expect(password).toMatch(/^[A-Za-z0-9]{32}$/);
    }
    expect(passwords(first)).not.toEqual(passwords(second));
    // Nothing outside a Secret holds a secret: not ConfigMaps, not env values (a lifetime such as
    // TOKEN_MAX_TTL_DAYS is a number of days, not a secret).
    const plain = JSON.stringify(first.filter((o) => o.kind !== 'Secret'));
    expect(generatedPasswords(first)).toHaveLength(4);
    for (const secret of generatedPasswords(first))
      expect(plain.includes(secret), 'a password in plain').toBe(false);
    for (const { spec } of podSpecs(first)) {
      for (const entry of spec.containers.flatMap((c: Rendered) => c.env ?? [])) {
        if (/PASSWORD|SECRET|TOKEN/.test(entry.name) && !/_TTL_DAYS$/.test(entry.name))
          expect(entry, entry.name).toHaveProperty('valueFrom');
      }
    }
    expect(envEntry(provisioner(first), 'DATABASE_URL').value).toBe(
      'postgres://store_platform:$(DB_PASSWORD)@store-platform-postgresql:5432/store_platform?sslmode=disable',
    );
    // The database's password and its data outlive an uninstall, together.
    const secret = find(first, 'Secret', 'store-platform-postgresql');
    expect(secret.metadata.annotations?.['helm.sh/resource-policy']).toBe('keep');
  });

  it('uses an external database from its Secret, with no PostgreSQL of its own', async () => {
    const all = await local(external);
    expect(all.filter((o) => o.metadata.name === 'store-platform-postgresql')).toEqual([]);
    const container = provisioner(all);
    expect(envEntry(container, 'DB_PASSWORD').valueFrom).toEqual({
      secretKeyRef: { name: 'platform-db', key: 'pw' },
    });
    expect(envEntry(container, 'DATABASE_URL').value).toBe(
      'postgres://store_platform:$(DB_PASSWORD)@db.example.com:5432/store_platform?sslmode=verify-full',
    );
    const policy = find(all, 'NetworkPolicy', 'store-platform-provisioner');
    expect(policy.spec.egress).toContainEqual({ ports: [{ protocol: 'TCP', port: 5432 }] });
  });

  it('uses the operator’s Secret for the admin password, and generates none', async () => {
    const all = await local({
      'provisioner.adminPassword.existingSecret': 'my-admin',
      'provisioner.adminPassword.existingSecretKey': 'secret',
    });
    expect(all.filter((o) => o.kind === 'Secret').map((o) => o.metadata.name)).toEqual([
      'store-platform-backup-store',
      'store-platform-postgresql',
    ]);
    expect(envEntry(provisioner(all), 'PLATFORM_ADMIN_PASSWORD').valueFrom).toEqual({
      secretKeyRef: { name: 'my-admin', key: 'secret' },
    });
  });

  it.each([
    [
      { 'global.environment': 'staging' },
      "at '/global/environment': value must be one of 'local', 'production'",
    ],
    [{ 'provisioner.replica': 3 }, "additional properties 'replica' not allowed"],
    [{ 'provisioner.workerConcurrency': 0 }, "at '/provisioner/workerConcurrency': minimum"],
    [{ 'provisioner.login.concurrentHashes': 0 }, "at '/provisioner/login/concurrentHashes': minimum"],
    [{ 'provisioner.sessionIdleMinutes': 0 }, "at '/provisioner/sessionIdleMinutes': minimum"],
    [{ 'externalDatabase.sslMode': 'maybe' }, "at '/externalDatabase/sslMode': value must be one of"],
    [
      { 'global.environment': 'production', 'global.baseDomain': '' },
      'global.baseDomain is required in production',
    ],
    [{ 'dashboard.image.digest': 'latest' }, "at '/dashboard/image/digest': 'latest' does not match pattern"],
    [{ 'postgresql.enabled': false }, 'set externalDatabase.host and externalDatabase.existingSecret'],
    [{ 'assistant.baseUrl': 'ftp://models.example.com' }, "at '/assistant/baseUrl'"],
    [{ 'assistant.baseUrl': 'api.openai.com/v1' }, "at '/assistant/baseUrl'"],
    // The API key reaches the provisioner from a Secret only: values have no place for it.
    [{ 'assistant.apiKey': 'sk-not-here' }, "additional properties 'apiKey' not allowed"],
    [{ 'assistant.apiKeySecret.name': 'Not_A_Name' }, "at '/assistant/apiKeySecret/name'"],
    [{ 'assistant.timeoutSeconds': 0 }, "at '/assistant/timeoutSeconds': minimum"],
    [{ 'assistant.egressCidrs': '{api.openai.com}' }, "at '/assistant/egressCidrs/0'"],
    [
      { 'assistant.baseUrl': 'https://api.openai.com/v1' },
      'assistant.baseUrl is set: set assistant.model too',
    ],
    [{ 'assistant.model': 'gpt-4o-mini' }, 'assistant.model is set: set assistant.baseUrl too'],
  ])('refuses %j and says why', async (values, reason) => {
    await expect(local(values)).rejects.toThrow(reason);
  });
});

describe('store-platform settings for stores and traffic', () => {
  it('hands every store the platform’s settings and store.values, in a file the store chart accepts', async () => {
    const all = await local({
      'store.persistence.size': '15Gi',
      'store.defaultResources.requests.cpu': '50m',
      'store.defaultResources.requests.memory': '64Mi',
      'store.defaultResources.limits.cpu': '250m',
      'store.defaultResources.limits.memory': '128Mi',
      'store.values.engines.woocommerce.image.repository': 'registry.example.com/woocommerce',
    });
    const file = find(all, 'ConfigMap', 'store-platform-store-values').data?.['store-values.yaml'] ?? '';
    const values = parse(file);
    expect(values).toMatchObject({
      persistence: { database: { size: '15Gi' } },
      ingress: { tls: { clusterIssuer: 'selfsigned' } },
      networkPolicy: { platformNamespace: 'store-platform', ingressControllerNamespace: 'ingress-nginx' },
      engines: { woocommerce: { image: { repository: 'registry.example.com/woocommerce' } } },
    });
    expect(envEntry(provisioner(all), 'STORE_VALUES_FILES').value).toBe(
      '/etc/store-platform/store-values.yaml',
    );

    // The provisioner installs each store with this file: the store chart must take it as it is.
    const store = await renderStoreWithPlatformValues(file);
    expect(find(store, 'LimitRange', 'shop-limits').spec.limits[0]).toMatchObject({
      defaultRequest: { cpu: '50m', memory: '64Mi' },
      default: { cpu: '250m', memory: '128Mi' },
    });
    expect(find(store, 'Deployment', 'shop-app').spec.template.spec.containers[0].image).toContain(
      'registry.example.com/woocommerce:',
    );
  });

  it('tells the provisioner which engine versions an update may set, and stores how their uploads are shared', async () => {
    const defaults = await local();
    expect(envEntry(provisioner(defaults), 'ENGINE_VERSIONS_WOOCOMMERCE').value).toBe('');
    expect(envEntry(provisioner(defaults), 'UPLOADS_ACCESS_MODE').value).toBe('ReadWriteOnce');
    const all = await local({
      'store.engineVersions.woocommerce': '{6.9.4-wc10.9.4,6.9.5-wc10.10.0}',
      'store.engineVersions.medusa': '{2.21.2}',
      'store.uploadsAccessMode': 'ReadWriteMany',
    });
    expect(envEntry(provisioner(all), 'ENGINE_VERSIONS_WOOCOMMERCE').value).toBe(
      '6.9.4-wc10.9.4,6.9.5-wc10.10.0',
    );
    expect(envEntry(provisioner(all), 'ENGINE_VERSIONS_MEDUSA').value).toBe('2.21.2');
    expect(envEntry(provisioner(all), 'UPLOADS_ACCESS_MODE').value).toBe('ReadWriteMany');
    // The stores' claims get the mode the provisioner checks replicas against.
    const file = find(all, 'ConfigMap', 'store-platform-store-values').data?.['store-values.yaml'] ?? '';
    const store = await renderStoreWithPlatformValues(file);
    expect(find(store, 'PersistentVolumeClaim', 'shop-uploads').spec.accessModes).toEqual(['ReadWriteMany']);
    await expect(local({ 'store.uploadsAccessMode': 'ReadOnlyMany' })).rejects.toThrow('uploadsAccessMode');
  });

  it('denies all traffic but ingress -> dashboard -> provisioner -> PostgreSQL, the API server and stores', async () => {
    const all = await local();
    const names = all.filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.name);
    expect(names.sort()).toEqual(
      ['acme-solver', 'backup-store', 'dashboard', 'default-deny', 'dns', 'postgresql', 'provisioner'].map(
        (n) => `store-platform-${n}`,
      ),
    );
    expect(find(all, 'NetworkPolicy', 'store-platform-default-deny').spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    });
    const dashboard = find(all, 'NetworkPolicy', 'store-platform-dashboard').spec;
    expect(dashboard.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
    ]);
    const egress = find(all, 'NetworkPolicy', 'store-platform-provisioner').spec.egress;
    expect(egress).toContainEqual({
      ports: [
        { protocol: 'TCP', port: 443 },
        { protocol: 'TCP', port: 6443 },
      ],
    });
    expect(egress).toContainEqual(
      expect.objectContaining({
        to: [
          {
            // This install's stores only, not another install's in the same cluster.
            namespaceSelector: {
              matchLabels: { 'store-platform.io/instance': 'store-platform' },
              matchExpressions: [{ key: 'store-platform.io/store', operator: 'Exists' }],
            },
          },
        ],
      }),
    );
    const database = find(all, 'NetworkPolicy', 'store-platform-postgresql').spec;
    expect(database.ingress[0].from[0].podSelector.matchLabels).toMatchObject({
      'app.kubernetes.io/name': 'provisioner',
    });
    const traefik = await local({
      'ingress.class': 'traefik',
      'networkPolicy.ingressNamespaceSelector.kubernetes\\.io/metadata\\.name': 'kube-system',
    });
    expect(find(traefik, 'NetworkPolicy', 'store-platform-dashboard').spec.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } },
    ]);
  });

  it('serves the dashboard app and proxies /api/ to the provisioner, streaming events unbuffered', async () => {
    const conf = find(await local(), 'ConfigMap', 'store-platform-dashboard').data?.['default.conf'] ?? '';
    expect(conf).toContain('server store-platform-provisioner:8080;');
    expect(conf).toMatch(/location \/api\/ \{[^}]*proxy_pass http:\/\/provisioner;/);
    expect(conf).toMatch(/location \/api\/v1\/stream \{[^}]*proxy_buffering off;[^}]*proxy_read_timeout 1h;/);
    expect(conf).toMatch(/location \/ \{[^}]*try_files \$uri \/index\.html;/);
    expect(conf).toMatch(/location = \/healthz \{[^}]*return 200/);
    // Security headers for every answer (`always`: errors too); no location adds its own, which would drop them.
    expect(conf).toContain(
      `add_header Content-Security-Policy "default-src 'self'; style-src-elem 'self' 'unsafe-inline'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'" always;`,
    );
    expect(conf).toContain('add_header Referrer-Policy no-referrer always;');
    expect(conf.match(/^\s*add_header /gm)).toHaveLength(4);
  });
});
