/**
 * helm-charts/store-platform rendered by the real helm (no cluster): each value reaches the object it is for,
 * and each optional part can be switched off.
 */
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { chartPath, find, renderWith, setFlags, type K8sObject, type Rendered } from './helm.js';

const chart = chartPath('store-platform');
const target = { release: 'store-platform', namespace: 'store-platform' };
const local = (values: Record<string, string | number | boolean> = {}) =>
  renderWith('store-platform', ['-f', path.join(chart, 'values-local.yaml'), ...setFlags(values)], target);
const kinds = (all: K8sObject[], kind: string) =>
  all.filter((o) => o.kind === kind).map((o) => o.metadata.name);
const containerOf = (all: K8sObject[], kind: string, name: string) =>
  find(all, kind, name).spec.template.spec.containers[0];

describe('store-platform values reach their objects', () => {
  it('gives the provisioner its settings, and sizes its database pool from the concurrency', async () => {
    const all = await local({
      'provisioner.workerConcurrency': 12,
      'provisioner.medusaEnabled': true,
      'provisioner.storefrontCheck': false,
      'provisioner.healthIntervalSeconds': 7,
      'provisioner.logLevel': 'debug',
      'provisioner.adminUser': 'operator',
      'ingress.class': 'traefik',
    });
    const env = Object.fromEntries(
      containerOf(all, 'Deployment', 'store-platform-provisioner').env.map(
        (e: { name: string; value?: string }) => [e.name, e.value],
      ),
    );
    expect(env).toMatchObject({
      WORKER_CONCURRENCY: '12',
      DATABASE_POOL_SIZE: '17',
      MEDUSA_ENABLED: 'true',
      STOREFRONT_CHECK: 'false',
      HEALTH_INTERVAL_SECONDS: '7',
      LOG_LEVEL: 'debug',
      PLATFORM_ADMIN_USER: 'operator',
      INGRESS_CLASS: 'traefik',
      STORE_CHART: '/app/helm-charts/store-instance',
      HELM_BINARY: 'helm',
      COOKIE_SECURE: 'true',
    });
    expect(find(all, 'Ingress', 'store-platform-dashboard').spec.ingressClassName).toBe('traefik');
    // The ClusterRole it binds in each store namespace is the one the chart made for that purpose.
    expect(kinds(all, 'ClusterRole')).toContain(env.STORE_CLUSTER_ROLE);
    expect(env.STORE_CLUSTER_ROLE).toBe('store-platform-store-manager');
    // Who it is: the install whose label its stores carry, and the namespace no store may take.
    expect(env).toMatchObject({ PLATFORM_INSTANCE: 'store-platform', PLATFORM_NAMESPACE: 'store-platform' });
  });

  it('gives the provisioner the lifetimes of API tokens, and refuses a default above the maximum', async () => {
    const env = (all: K8sObject[]) =>
      Object.fromEntries(
        containerOf(all, 'Deployment', 'store-platform-provisioner').env.map(
          (e: { name: string; value?: string }) => [e.name, e.value],
        ),
      );
    expect(env(await local())).toMatchObject({ TOKEN_DEFAULT_TTL_DAYS: '90', TOKEN_MAX_TTL_DAYS: '365' });
    const set = await local({ 'provisioner.tokens.defaultTtlDays': 7, 'provisioner.tokens.maxTtlDays': 30 });
    expect(env(set)).toMatchObject({ TOKEN_DEFAULT_TTL_DAYS: '7', TOKEN_MAX_TTL_DAYS: '30' });
    await expect(
      local({ 'provisioner.tokens.defaultTtlDays': 60, 'provisioner.tokens.maxTtlDays': 30 }),
    ).rejects.toThrow('provisioner.tokens.defaultTtlDays must not exceed provisioner.tokens.maxTtlDays');
    await expect(local({ 'provisioner.tokens.maxTtlDays': 0 })).rejects.toThrow(
      "at '/provisioner/tokens/maxTtlDays': minimum",
    );
  });

  it('gives the provisioner its sign-in, session and stream limits', async () => {
    const envOf = (all: K8sObject[]) =>
      Object.fromEntries(
        containerOf(all, 'Deployment', 'store-platform-provisioner').env.map(
          (e: { name: string; value?: string }) => [e.name, e.value],
        ),
      );
    const all = await local({
      'provisioner.login.failuresPerUser': 4,
      'provisioner.login.failuresPerAddress': 40,
      'provisioner.login.lockoutSeconds': 10,
      'provisioner.login.maxLockoutSeconds': 600,
      'provisioner.login.attemptsPerMinute': 90,
      'provisioner.login.concurrentHashes': 3,
      'provisioner.credentialCreatesPerHour': 12,
      'provisioner.sessionIdleMinutes': 45,
      'provisioner.streamsPerUser': 8,
    });
    expect(envOf(all)).toMatchObject({
      LOGIN_FAILURES_PER_USER: '4',
      LOGIN_FAILURES_PER_ADDRESS: '40',
      LOGIN_LOCKOUT_SECONDS: '10',
      LOGIN_LOCKOUT_MAX_SECONDS: '600',
      LOGIN_ATTEMPTS_PER_MINUTE: '90',
      LOGIN_HASH_CONCURRENCY: '3',
      CREDENTIAL_CREATES_PER_HOUR: '12',
      SESSION_IDLE_MINUTES: '45',
      STREAMS_PER_USER: '8',
    });
    // The client's address is the one the Ingress controller saw: two proxies (it and the dashboard's nginx)
    // are trusted; one without the Ingress; or as many as set.
    expect(envOf(all).TRUSTED_PROXY_HOPS).toBe('2');
    expect(envOf(await local({ 'ingress.enabled': false })).TRUSTED_PROXY_HOPS).toBe('1');
    expect(envOf(await local({ 'provisioner.trustedProxyHops': 3 })).TRUSTED_PROXY_HOPS).toBe('3');
  });

  it('pulls every image from global.imageRegistry, at the pinned tags', async () => {
    const all = await local({ 'global.imageRegistry': 'registry.example.com:5000' });
    expect(containerOf(all, 'Deployment', 'store-platform-dashboard').image).toBe(
      'registry.example.com:5000/store-platform/dashboard:0.1.0',
    );
    expect(containerOf(all, 'Deployment', 'store-platform-provisioner').image).toBe(
      'registry.example.com:5000/store-platform/provisioner:0.1.0',
    );
    expect(containerOf(all, 'StatefulSet', 'store-platform-postgresql').image).toBe(
      'registry.example.com:5000/postgres:16.6-bookworm',
    );
  });

  it('pins each image by the digest set, after its tag', async () => {
    const digest = (c: string) => `sha256:${c.repeat(64)}`;
    const all = await local({
      'global.imageRegistry': 'registry.example.com',
      'dashboard.image.digest': digest('a'),
      'provisioner.image.digest': digest('b'),
      'postgresql.image.digest': digest('c'),
    });
    expect(containerOf(all, 'Deployment', 'store-platform-dashboard').image).toBe(
      `registry.example.com/store-platform/dashboard:0.1.0@${digest('a')}`,
    );
    expect(containerOf(all, 'Deployment', 'store-platform-provisioner').image).toBe(
      `registry.example.com/store-platform/provisioner:0.1.0@${digest('b')}`,
    );
    expect(containerOf(all, 'StatefulSet', 'store-platform-postgresql').image).toBe(
      `registry.example.com/postgres:16.6-bookworm@${digest('c')}`,
    );
    // One digest leaves the other images on their tags.
    const one = await local({ 'postgresql.image.digest': digest('c') });
    expect(containerOf(one, 'Deployment', 'store-platform-dashboard').image).toBe(
      'store-platform/dashboard:0.1.0',
    );
  });

  it('names the embedded database, its role and its claim size as set', async () => {
    const all = await local({
      'postgresql.database': 'platform',
      'postgresql.user': 'platform_app',
      'postgresql.persistence.size': '30Gi',
    });
    const database = find(all, 'StatefulSet', 'store-platform-postgresql');
    expect(database.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('30Gi');
    const url = containerOf(all, 'Deployment', 'store-platform-provisioner').env.find(
      (e: { name: string }) => e.name === 'DATABASE_URL',
    ).value;
    expect(url).toBe(
      'postgres://platform_app:$(DB_PASSWORD)@store-platform-postgresql:5432/platform?sslmode=disable',
    );
  });

  it('uses the operator’s TLS Secret name and ACME server', async () => {
    const all = await renderWith(
      'store-platform',
      [
        ...['-f', path.join(chart, 'values-prod.yaml')],
        ...setFlags({
          'global.baseDomain': 'example.com',
          'certManager.email': 'ops@example.com',
          'certManager.acmeServer': 'https://acme-staging-v02.api.letsencrypt.org/directory',
          'ingress.tls.secretName': 'dashboard-cert',
        }),
      ],
      target,
    );
    expect(find(all, 'Ingress', 'store-platform-dashboard').spec.tls[0].secretName).toBe('dashboard-cert');
    expect(find(all, 'ClusterIssuer', 'letsencrypt-prod').spec.acme.server).toBe(
      'https://acme-staging-v02.api.letsencrypt.org/directory',
    );
  });

  it('scales with the autoscaler’s bounds and target as set', async () => {
    const all = await local({
      'provisioner.hpa.enabled': true,
      'provisioner.hpa.minReplicas': 3,
      'provisioner.hpa.maxReplicas': 9,
      'provisioner.hpa.targetCPUUtilizationPercentage': 60,
    });
    const hpa = find(all, 'HorizontalPodAutoscaler', 'store-platform-provisioner').spec;
    expect(hpa).toMatchObject({ minReplicas: 3, maxReplicas: 9 });
    expect(hpa.metrics[0].resource.target.averageUtilization).toBe(60);
  });

  it("lets the health checks list the stores' kinds across the cluster, and nothing more", async () => {
    const all = await local();
    const role = find(all, 'ClusterRole', 'store-platform-provisioner') as unknown as {
      rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[];
    };
    const { rules } = role;
    const verbsOn = (group: string, resource: string) =>
      rules
        .filter((r) => r.apiGroups.includes(group) && r.resources.includes(resource))
        .flatMap((r) => r.verbs);
    expect(verbsOn('apps', 'deployments')).toEqual(['list']);
    expect(verbsOn('apps', 'statefulsets')).toEqual(['list']);
    expect(verbsOn('', 'resourcequotas')).toEqual(['list']);
    expect(verbsOn('cert-manager.io', 'certificates')).toEqual(['list']);
    expect(verbsOn('', 'namespaces')).toEqual(['get', 'list', 'create', 'delete']);
    expect(verbsOn('', 'secrets')).toEqual([]);
    await expect(local({ 'provisioner.healthIntervalSeconds': 0 })).rejects.toThrow('healthIntervalSeconds');
  });

  it('leaves out each optional part when it is switched off', async () => {
    const all = await local({
      'ingress.enabled': false,
      'networkPolicy.enabled': false,
      'podDisruptionBudget.enabled': false,
      'topologySpread.enabled': false,
      'provisioner.rbac.create': false,
    });
    for (const kind of [
      'Ingress',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'ClusterRole',
      'ClusterRoleBinding',
    ]) {
      expect(kinds(all, kind), kind).toEqual([]);
    }
    // The pods still run as their own ServiceAccount, to which the operator grants the rights.
    expect(kinds(all, 'ServiceAccount')).toEqual(['store-platform-provisioner']);
    const spec = find(all, 'Deployment', 'store-platform-provisioner').spec.template.spec;
    expect(spec).not.toHaveProperty('topologySpreadConstraints');
    // Without an Ingress nothing terminates TLS in front of the dashboard: the cookie cannot insist on HTTPS.
    const env = spec.containers[0].env.find((e: { name: string }) => e.name === 'COOKIE_SECURE');
    expect(env.value).toBe('false');
    expect(spec.containers[0].env.map((e: { name: string }) => e.name)).not.toContain('STORE_CLUSTER_ROLE');
  });

  it('gives the provisioner the assistant’s settings only when it has one, its API key by secretKeyRef only', async () => {
    const envOf = (all: K8sObject[]) =>
      (containerOf(all, 'Deployment', 'store-platform-provisioner').env as Rendered[]).filter((e) =>
        e.name.startsWith('ASSISTANT_'),
      );
    // Off by default: no ASSISTANT_* setting at all.
    expect(envOf(await local())).toEqual([]);
    const assistant = {
      'assistant.baseUrl': 'https://api.openai.com/v1/',
      'assistant.model': 'gpt-4o-mini',
      'assistant.timeoutSeconds': 45,
    };
    const withKey = await local({
      ...assistant,
      'assistant.apiKeySecret.name': 'assistant-api',
      'assistant.apiKeySecret.key': 'token',
    });
    expect(envOf(withKey)).toEqual([
      { name: 'ASSISTANT_BASE_URL', value: 'https://api.openai.com/v1' },
      { name: 'ASSISTANT_MODEL', value: 'gpt-4o-mini' },
      { name: 'ASSISTANT_API_KEY', valueFrom: { secretKeyRef: { name: 'assistant-api', key: 'token' } } },
      { name: 'ASSISTANT_TIMEOUT_SECONDS', value: '45' },
    ]);
    // A model server of the operator's own, without a token: no ASSISTANT_API_KEY, rather than an empty one.
    const withoutKey = await local({ ...assistant, 'assistant.baseUrl': 'http://ollama.ai.svc:11434/v1' });
    expect(envOf(withoutKey).map((e) => e.name)).toEqual([
      'ASSISTANT_BASE_URL',
      'ASSISTANT_MODEL',
      'ASSISTANT_TIMEOUT_SECONDS',
    ]);
  });

  it('lets the provisioner reach the assistant’s API on its URL’s port, at the addresses set, only when set', async () => {
    const egress = (all: K8sObject[]): Rendered[] =>
      find(all, 'NetworkPolicy', 'store-platform-provisioner').spec.egress;
    const assistant = { 'assistant.baseUrl': 'https://api.openai.com/v1', 'assistant.model': 'gpt-4o-mini' };
    const off = egress(await local());
    const on = egress(await local(assistant));
    // One rule more, and only with a base URL: any IPv4 address (the default the operator should narrow) on 443.
    expect(on).toEqual([
      ...off,
      { ports: [{ protocol: 'TCP', port: 443 }], to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] },
    ]);
    const narrowed = await local({
      ...assistant,
      'assistant.baseUrl': 'http://models.example.com:8000/v1',
      'assistant.egressCidrs': '{203.0.113.0/24,198.51.100.7/32}',
    });
    expect(egress(narrowed)).toContainEqual({
      ports: [{ protocol: 'TCP', port: 8000 }],
      to: [{ ipBlock: { cidr: '203.0.113.0/24' } }, { ipBlock: { cidr: '198.51.100.7/32' } }],
    });
    const plainHttpAnywhere = await renderWith(
      'store-platform',
      [
        ...['-f', path.join(chart, 'values-local.yaml')],
        ...setFlags({ ...assistant, 'assistant.baseUrl': 'http://models.example.com/v1' }),
        ...['--set-json', 'assistant.egressCidrs=[]'],
      ],
      target,
    );
    expect(egress(plainHttpAnywhere)).toContainEqual({ ports: [{ protocol: 'TCP', port: 80 }] });
  });

  it('lets the provisioner reach the API server on the ports set', async () => {
    const all = await local({ 'networkPolicy.apiServerPorts[0]': 16443 });
    const egress = find(all, 'NetworkPolicy', 'store-platform-provisioner').spec.egress;
    expect(egress).toContainEqual({ ports: [{ protocol: 'TCP', port: 16443 }] });
  });
});
