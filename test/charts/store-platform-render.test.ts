/**
 * helm-charts/store-platform rendered by the real helm (no cluster) with the flags of the requirements' install
 * commands, as written (store-platform-commands.ts): what changes between local and production, probes,
 * availability and Pod Security.
 */
import { describe, expect, it } from 'vitest';

import { find, helm, podSpecs, renderWith, type K8sObject, type Rendered } from './helm.js';
import { commandArgs, renderCommand, type Environment } from './store-platform-commands.js';

const environments: Environment[] = ['local', 'production'];
const target = { release: 'store-platform', namespace: 'store-platform' };
const platform = renderCommand;
const container = (objects: K8sObject[], kind: string, name: string) =>
  find(objects, kind, name).spec.template.spec.containers[0];
const envOf = (c: Rendered) =>
  Object.fromEntries((c.env as { name: string; value?: string }[]).map((e) => [e.name, e.value]));
const hpaNames = (objects: K8sObject[]) =>
  objects.filter((o) => o.kind === 'HorizontalPodAutoscaler').map((o) => o.metadata.name);

describe('store-platform chart', () => {
  it.each(environments)('passes helm lint --strict with %s values', async (env) => {
    // The command's chart and values files; lint has no release, namespace or --create-namespace.
    const [, , chart = '', ...flags] = commandArgs(env);
    const files = flags.flatMap((flag, i) => (flag === '-f' ? ['-f', flags[i + 1] ?? ''] : []));
    const output = await helm(['lint', '--strict', chart, ...files]);
    expect(output).toContain('0 chart(s) failed');
  });

  it('serves the dashboard at dashboard.{baseDomain} with the environment’s certificate issuer', async () => {
    const expected = {
      local: { host: 'dashboard.127.0.0.1.nip.io', issuer: 'selfsigned' },
      production: { host: 'dashboard.stores.example.com', issuer: 'letsencrypt-prod' },
    };
    for (const env of ['local', 'production'] as const) {
      const all = await platform(env);
      const ingress = find(all, 'Ingress', 'store-platform-dashboard');
      expect(ingress.spec.rules[0].host).toBe(expected[env].host);
      expect(ingress.spec.tls).toEqual([
        { hosts: [expected[env].host], secretName: 'store-platform-dashboard-tls' },
      ]);
      expect(ingress.spec.ingressClassName).toBe('nginx');
      expect(ingress.metadata.annotations?.['cert-manager.io/cluster-issuer']).toBe(expected[env].issuer);
      find(all, 'ClusterIssuer', expected[env].issuer);
      expect(envOf(container(all, 'Deployment', 'store-platform-provisioner'))).toMatchObject({
        ENVIRONMENT: env,
        BASE_DOMAIN: expected[env].host.replace('dashboard.', ''),
      });
    }
    const local = find(await platform('local'), 'ClusterIssuer', 'selfsigned');
    expect(local.spec).toEqual({ selfSigned: {} });
    const prod = find(await platform('production'), 'ClusterIssuer', 'letsencrypt-prod');
    expect(prod.spec.acme).toMatchObject({
      server: 'https://acme-v02.api.letsencrypt.org/directory',
      solvers: [{ http01: { ingress: { ingressClassName: 'nginx' } } }],
    });
    // The e-mail is optional in cert-manager: none given, none written (not an empty one, which ACME refuses).
    expect(prod.spec.acme).not.toHaveProperty('email');
    const withEmail = await platform('production', ['--set', 'certManager.email=ops@example.com']);
    expect(find(withEmail, 'ClusterIssuer', 'letsencrypt-prod').spec.acme.email).toBe('ops@example.com');
  });

  it('creates no ClusterIssuer and no issuer annotation when cert-manager is off', async () => {
    const all = await platform('local', ['--set', 'certManager.enabled=false']);
    expect(all.filter((o) => o.kind === 'ClusterIssuer')).toEqual([]);
    const ingress = find(all, 'Ingress', 'store-platform-dashboard');
    expect(ingress.metadata.annotations).not.toHaveProperty('cert-manager.io/cluster-issuer');
  });

  it('runs two provisioners in both environments, and autoscales only in production', async () => {
    const local = await platform('local');
    expect(find(local, 'Deployment', 'store-platform-provisioner').spec.replicas).toBe(2);
    expect(find(local, 'Deployment', 'store-platform-dashboard').spec.replicas).toBe(1);
    expect(hpaNames(local)).toEqual([]);

    const prod = await platform('production');
    expect(hpaNames(prod).sort()).toEqual(['store-platform-dashboard', 'store-platform-provisioner']);
    const hpa = find(prod, 'HorizontalPodAutoscaler', 'store-platform-provisioner');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toMatchObject({
      minReplicas: 2,
      scaleTargetRef: { name: 'store-platform-provisioner' },
    });
    // The autoscaler owns the count: a replicas field would reset it on every upgrade.
    expect(find(prod, 'Deployment', 'store-platform-provisioner').spec).not.toHaveProperty('replicas');
    const fixed = await platform('production', ['--set', 'dashboard.hpa.enabled=false']);
    expect(find(fixed, 'Deployment', 'store-platform-dashboard').spec.replicas).toBe(2);
  });

  it('puts claims on the environment’s storage class', async () => {
    const claimClass = (all: K8sObject[]) =>
      find(all, 'StatefulSet', 'store-platform-postgresql').spec.volumeClaimTemplates[0].spec
        .storageClassName;
    const local = await platform('local');
    expect(claimClass(local)).toBeUndefined();
    expect(envOf(container(local, 'Deployment', 'store-platform-provisioner')).STORAGE_CLASS).toBe('');
    // The requirements' class, whether or not a cluster has it (the install's notes say when it does not).
    const prod = await platform('production');
    expect(claimClass(prod)).toBe('fast-ssd');
    expect(envOf(container(prod, 'Deployment', 'store-platform-provisioner')).STORAGE_CLASS).toBe('fast-ssd');
    // The environment decides when no value is set: values.yaml alone, made production.
    const bare = await renderWith(
      'store-platform',
      ['--set', 'global.environment=production,global.baseDomain=example.com'],
      target,
    );
    expect(claimClass(bare)).toBe('local-path');
    // '' is the cluster's default class, in production too.
    expect(claimClass(await platform('production', ['--set', 'global.storageClass=']))).toBeUndefined();
  });

  it('gives production larger requests, and takes the operator’s own when set', async () => {
    const resources = async (env: Environment, flags: string[] = []) =>
      container(await platform(env, flags), 'Deployment', 'store-platform-provisioner').resources;
    expect(await resources('local')).toEqual({
      requests: { cpu: '100m', memory: '256Mi' },
      limits: { cpu: '1', memory: '1Gi' },
    });
    expect(await resources('production')).toEqual({
      requests: { cpu: '250m', memory: '512Mi' },
      limits: { cpu: '2', memory: '2Gi' },
    });
    const own = ['requests.cpu=1', 'requests.memory=1Gi', 'limits.cpu=3500m', 'limits.memory=3Gi'];
    const set = own.flatMap((entry) => ['--set', `provisioner.resources.${entry}`]);
    expect(await resources('production', set)).toEqual({
      requests: { cpu: 1, memory: '1Gi' },
      limits: { cpu: '3500m', memory: '3Gi' },
    });
  });

  it('probes the provisioner exactly as the requirements say, on port 8080', async () => {
    const provisioner = container(await platform('local'), 'Deployment', 'store-platform-provisioner');
    expect(provisioner.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(provisioner.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 8080 });
    expect(provisioner.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 8080 });
    expect(provisioner.startupProbe.httpGet).toEqual({ path: '/health/startup', port: 8080 });
    const dashboard = container(await platform('local'), 'Deployment', 'store-platform-dashboard');
    expect(dashboard.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 8080 });
    expect(dashboard.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 8080 });
  });

  it('keeps a provisioner through node drains and spreads pods over nodes', async () => {
    const all = await platform('local');
    const deployment = find(all, 'Deployment', 'store-platform-provisioner');
    const pdb = find(all, 'PodDisruptionBudget', 'store-platform-provisioner');
    expect(pdb.spec.minAvailable).toBe(1);
    expect(pdb.spec.selector).toEqual(deployment.spec.selector);
    for (const name of ['store-platform-provisioner', 'store-platform-dashboard']) {
      const [spread] = find(all, 'Deployment', name).spec.template.spec.topologySpreadConstraints;
      expect(spread).toMatchObject({ topologyKey: 'kubernetes.io/hostname', maxSkew: 1 });
      expect(spread.labelSelector).toEqual(find(all, 'Deployment', name).spec.selector);
    }
    // One pod cannot keep one available through a drain: a budget would block the drain for good.
    const single = await platform('local', ['--set', 'provisioner.replicas=1']);
    expect(single.filter((o) => o.kind === 'PodDisruptionBudget')).toEqual([]);
  });

  it.each(environments)(
    'runs every pod under Pod Security restricted with a read-only root, and no API token unless it needs one (%s)',
    async (env) => {
      const pods = podSpecs(await platform(env));
      expect(pods.map((p) => p.owner.metadata.name).sort()).toEqual([
        'store-platform-backup-store',
        'store-platform-dashboard',
        'store-platform-postgresql',
        'store-platform-provisioner',
      ]);
      for (const { owner, spec } of pods) {
        const name = owner.metadata.name;
        expect(spec.securityContext, name).toMatchObject({
          runAsNonRoot: true,
          seccompProfile: { type: 'RuntimeDefault' },
        });
        expect(spec.hostNetwork ?? false, name).toBe(false);
        for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
          expect(c.securityContext, name).toEqual({
            allowPrivilegeEscalation: false,
            runAsNonRoot: true,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
            seccompProfile: { type: 'RuntimeDefault' },
          });
        }
        const volumes = (spec.volumes ?? []) as { name: string; hostPath?: unknown }[];
        expect(
          volumes.filter((v) => v.hostPath),
          name,
        ).toEqual([]);
      }
      // Only the provisioner calls the Kubernetes API: the others get no ServiceAccount token to steal.
      const tokens = Object.fromEntries(
        pods.map(({ owner, spec }) => [
          owner.metadata.name,
          [spec.automountServiceAccountToken ?? true, spec.serviceAccountName ?? 'default'],
        ]),
      );
      expect(tokens).toEqual({
        'store-platform-backup-store': [false, 'default'],
        'store-platform-dashboard': [false, 'default'],
        'store-platform-postgresql': [false, 'default'],
        'store-platform-provisioner': [true, 'store-platform-provisioner'],
      });
      // helm writes its caches under HOME, and temporary files under /tmp: both are emptyDirs.
      const provisioner = container(await platform(env), 'Deployment', 'store-platform-provisioner');
      const mounts = provisioner.volumeMounts.map((m: { mountPath: string }) => m.mountPath);
      expect(mounts).toEqual(expect.arrayContaining(['/tmp', envOf(provisioner).HOME]));
    },
  );
});
