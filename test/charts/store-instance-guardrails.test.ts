/** Guardrails of helm-charts/store-instance (real helm, no cluster): NetworkPolicies, quota, retention, lint. */
import { engineIds, planIds } from '@store-platform/contracts';
import { describe, expect, it } from 'vitest';

import {
  chartPath,
  find,
  helm,
  podSpecs,
  render,
  renderWith,
  setFlags,
  type K8sObject,
  type Rendered,
} from './helm.js';
import { parseQuantity } from '../../apps/provisioner/src/domain/quantity.js';

const engines = engineIds;
const plans = planIds;
const base = { 'store.name': 'my-store' };

type Policy = K8sObject & {
  spec: {
    podSelector: Record<string, unknown>;
    policyTypes: string[];
    ingress?: Rendered[];
    egress?: Rendered[];
  };
};
const policies = (all: K8sObject[]) => all.filter((o): o is Policy => o.kind === 'NetworkPolicy');
const component = (policy: Policy) =>
  (policy.spec.podSelector as { matchLabels?: Record<string, string> }).matchLabels?.[
    'app.kubernetes.io/component'
  ];

describe.each(engines)('store-instance NetworkPolicies (%s)', (engine) => {
  const dbPort = engine === 'woocommerce' ? 3306 : 5432;
  const appPort = engine === 'woocommerce' ? 8080 : 9000;

  it('deny all ingress and egress by default and never select every namespace', async () => {
    const all = policies(await render('store-instance', { ...base, 'store.engine': engine }));
    const deny = all.find((p) => p.metadata.name === 'my-store-default-deny');
    expect(deny?.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const peers = all.flatMap((p) => [
      ...(p.spec.ingress ?? []).flatMap((r: Rendered) => r.from),
      ...(p.spec.egress ?? []).flatMap((r: Rendered) => r.to),
    ]);
    for (const peer of peers) {
      if ('namespaceSelector' in peer) expect(peer.namespaceSelector).not.toEqual({});
    }
  });

  it('let the ingress controller and the platform reach the app port, and nothing else from outside', async () => {
    const all = policies(await render('store-instance', { ...base, 'store.engine': engine }));
    const appIngress = all.filter((p) => component(p) === 'app' && p.spec.policyTypes.includes('Ingress'));
    expect(appIngress).toHaveLength(1);
    const rule = appIngress[0]?.spec.ingress?.[0];
    expect(rule.ports).toEqual([{ protocol: 'TCP', port: appPort }]);
    const namespaces = rule.from.flatMap((peer: Rendered) =>
      peer.namespaceSelector ? [peer.namespaceSelector.matchLabels['kubernetes.io/metadata.name']] : [],
    );
    expect(namespaces.sort()).toEqual(['ingress-nginx', 'store-platform']);
    // From the platform's namespace, only the provisioner's pods (namespace and pod selector in one peer).
    const platform = rule.from.find(
      (peer: Rendered) =>
        peer.namespaceSelector?.matchLabels['kubernetes.io/metadata.name'] === 'store-platform',
    );
    expect(platform.podSelector).toEqual({
      matchLabels: { 'app.kubernetes.io/name': 'provisioner', 'app.kubernetes.io/component': 'api' },
    });
  });

  it('admit the platform pods that networkPolicy.platformPodSelector names, and refuse an empty selector', async () => {
    const values = { ...base, 'store.engine': engine };
    const all = policies(
      await render('store-instance', {
        ...values,
        'networkPolicy.platformPodSelector.app\\.kubernetes\\.io/instance': 'platform-eu',
      }),
    );
    const rule = all.find((p) => p.metadata.name === 'my-store-app-ingress')?.spec.ingress?.[0];
    expect(rule.from[1].podSelector.matchLabels).toEqual({
      'app.kubernetes.io/name': 'provisioner',
      'app.kubernetes.io/component': 'api',
      'app.kubernetes.io/instance': 'platform-eu',
    });
    // Both default labels unset: an empty selector would admit every pod of the platform's namespace.
    const empty = '{"app.kubernetes.io/name":null,"app.kubernetes.io/component":null}';
    await expect(
      renderWith('store-instance', [
        '--set-json',
        `networkPolicy.platformPodSelector=${empty}`,
        ...setFlags(values),
      ]),
    ).rejects.toThrow("at '/networkPolicy/platformPodSelector': minProperties: got 0, want 1");
  });

  it('follow the ingress controller namespace value (k3s Traefik lives in kube-system)', async () => {
    const all = policies(
      await render('store-instance', {
        ...base,
        'store.engine': engine,
        'networkPolicy.ingressControllerNamespace': 'kube-system',
      }),
    );
    const rule = all.find((p) => p.metadata.name === 'my-store-app-ingress')?.spec.ingress?.[0];
    expect(rule.from[0].namespaceSelector.matchLabels).toEqual({
      'kubernetes.io/metadata.name': 'kube-system',
    });
  });

  it('let only the app and its jobs reach the database, and every pod reach DNS', async () => {
    const all = policies(await render('store-instance', { ...base, 'store.engine': engine }));
    const dbIngress = all.find((p) => p.metadata.name === 'my-store-database-ingress');
    expect(dbIngress?.spec.ingress?.[0].ports).toEqual([{ protocol: 'TCP', port: dbPort }]);
    const clients = dbIngress?.spec.ingress?.[0].from[0].podSelector.matchExpressions[0].values;
    expect(clients).toContain('app');
    expect(clients).not.toContain('test');
    // WordPress's scheduled events run from the CronJob, against the database.
    if (engine === 'woocommerce') expect(clients).toContain('cron');
    const dns = all.find((p) => p.metadata.name === 'my-store-allow-dns');
    expect(dns?.spec.podSelector).toEqual({});
    expect(dns?.spec.egress?.[0].ports).toEqual([
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ]);
  });

  it('allow internet egress except private ranges, and can switch it off', async () => {
    const on = policies(await render('store-instance', { ...base, 'store.engine': engine }));
    const internet = on.find((p) => p.metadata.name === 'my-store-internet-egress');
    const block = internet?.spec.egress?.[0].to[0].ipBlock;
    expect(block.cidr).toBe('0.0.0.0/0');
    expect(block.except).toEqual(
      expect.arrayContaining(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16']),
    );
    const off = policies(
      await render('store-instance', {
        ...base,
        'store.engine': engine,
        'networkPolicy.internetEgress.enabled': false,
      }),
    );
    expect(off.find((p) => p.metadata.name === 'my-store-internet-egress')).toBeUndefined();
  });
});

/**
 * The largest the release gets. During a rolling update a Deployment runs its new pods while the old ones are
 * still terminating, and a terminating pod counts against the quota until its grace period ends
 * (https://kubernetes.io/docs/concepts/policy/resource-quotas/): so twice its replicas. Then the StatefulSet, one
 * hook Job at a time (the largest), one run of each CronJob (concurrencyPolicy Forbid) and the helm test pod.
 * A pod counts what the quota counts: the larger of its containers' sum and its largest init container.
 */
const computeKeys = (['requests', 'limits'] as const).flatMap((kind) =>
  (['cpu', 'memory', 'ephemeral-storage'] as const).map((resource) => [kind, resource] as const),
);
function podUsage(spec: Rendered): Record<string, number> {
  const usage: Record<string, number> = {};
  for (const [kind, resource] of computeKeys) {
    const of = (c: Rendered) => parseQuantity(c.resources[kind][resource]);
    const containers = (spec.containers as Rendered[]).reduce((sum, c) => sum + of(c), 0);
    const init = Math.max(0, ...((spec.initContainers ?? []) as Rendered[]).map(of));
    usage[`${kind}.${resource}`] = Math.max(containers, init);
  }
  return usage;
}
function peakUsage(all: K8sObject[]) {
  const totals: Record<string, number> = { pods: 0 };
  for (const [kind, resource] of computeKeys) totals[`${kind}.${resource}`] = 0;
  const add = (spec: Rendered, count: number) => {
    for (const [key, value] of Object.entries(podUsage(spec))) (totals[key] as number) += count * value;
    (totals.pods as number) += count;
  };
  const jobs: Rendered[] = [];
  for (const { owner, spec } of podSpecs(all)) {
    if (owner.kind === 'Deployment') add(spec, 2 * owner.spec.replicas);
    else if (owner.kind === 'StatefulSet') add(spec, owner.spec.replicas);
    else if (owner.kind === 'Pod') add(spec, 1);
    else if (owner.kind === 'CronJob') {
      expect(owner.spec.concurrencyPolicy, `${owner.metadata.name} runs once at a time`).toBe('Forbid');
      add(spec, 1);
    } else jobs.push(spec);
  }
  const cpuLimit = (spec: Rendered) => podUsage(spec)['limits.cpu'] ?? 0;
  const largestJob = jobs.sort((a, b) => cpuLimit(b) - cpuLimit(a))[0];
  if (largestJob) add(largestJob, 1);
  const claims = all
    .filter((o) => o.kind === 'PersistentVolumeClaim')
    .map((c) => parseQuantity(c.spec.resources.requests.storage));
  const templates = all
    .filter((o) => o.kind === 'StatefulSet')
    .flatMap((s) =>
      s.spec.volumeClaimTemplates.map(
        (t: Rendered) => s.spec.replicas * parseQuantity(t.spec.resources.requests.storage),
      ),
    );
  totals['requests.storage'] = [...claims, ...templates].reduce((a, b) => a + b, 0);
  totals.persistentvolumeclaims = claims.length + templates.length;
  return totals;
}

describe('store-instance ResourceQuota', () => {
  it.each(engines.flatMap((engine) => plans.map((plan) => [engine, plan] as const)))(
    'admits the whole %s release on plan %s, surge and jobs included',
    async (engine, plan) => {
      const all = await render('store-instance', { ...base, 'store.engine': engine, 'store.plan': plan });
      const hard = find(all, 'ResourceQuota', 'my-store-quota').spec.hard as Record<string, string>;
      expect(hard['services.loadbalancers']).toBe('0');
      expect(hard['services.nodeports']).toBe('0');
      const peak = peakUsage(all);
      // Every compute resource is capped, local disk included (a store must not fill a node's disk).
      expect(Object.keys(hard)).toEqual(expect.arrayContaining(Object.keys(peak)));
      for (const [resource, used] of Object.entries(peak)) {
        expect(used, `${resource} at peak`).toBeLessThanOrEqual(parseQuantity(hard[resource] ?? '0'));
      }
    },
  );
});

describe('store-instance deletion policy', () => {
  it.each([
    [true, 'Retain', 'keep'],
    [false, 'Delete', undefined],
  ])('retainData=%s keeps claims accordingly', async (retainData, whenDeleted, annotation) => {
    const all = await render('store-instance', { ...base, 'deletionPolicy.retainData': retainData });
    expect(
      find(all, 'StatefulSet', 'my-store-db').spec.persistentVolumeClaimRetentionPolicy.whenDeleted,
    ).toBe(whenDeleted);
    expect(
      find(all, 'PersistentVolumeClaim', 'my-store-uploads').metadata.annotations?.[
        'helm.sh/resource-policy'
      ],
    ).toBe(annotation);
  });
});

describe('helm lint --strict', () => {
  const combos = engines.flatMap((engine) =>
    (['local', 'production'] as const).flatMap((environment) =>
      plans.map((plan) => [engine, environment, plan] as const),
    ),
  );
  it.each(combos)('passes for %s in %s on plan %s', async (engine, environment, plan) => {
    const values = { ...base, 'store.engine': engine, 'global.environment': environment, 'store.plan': plan };
    const output = await helm(['lint', '--strict', chartPath('store-instance'), ...setFlags(values)]);
    expect(output).toContain('1 chart(s) linted, 0 chart(s) failed');
  });
});
