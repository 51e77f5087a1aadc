import { adminKube, waitFor } from '@store-platform/test-cluster';

import { seconds, summarize } from '../bench-stats.js';
import type { BenchPlatform } from '../platform.js';
import { atMost, type ScenarioContext, type ScenarioResult } from './scenario.js';

/**
 * Scenario 5: DELETE of every store of `names` (Running) at once. A store is gone when GET /stores/{name} answers
 * 404 and its namespace no longer exists; both are polled every 250 ms (one GET /stores and one namespace list for
 * all), so each time is within 250 ms of when it happened. Backups are off on the bench platform: no backup is taken.
 */
export async function deletes(
  { log }: ScenarioContext,
  platform: BenchPlatform,
  names: string[],
  description: string,
): Promise<ScenarioResult> {
  const { core } = adminKube(platform.cluster.kubeconfig);
  const deletedAt = new Map<string, number>();
  await Promise.all(
    names.map(async (name) => {
      deletedAt.set(name, Date.now());
      const response = await platform.api.call('DELETE', `/stores/${name}`);
      if (response.status !== 202)
        throw new Error(`DELETE /stores/${name}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
    }),
  );
  const goneAt = new Map<string, number>();
  await waitFor(
    `${names.length} stores and their namespaces to be gone`,
    async () => {
      const [{ body, status }, { items }] = await Promise.all([
        platform.api.call<{ items: { name: string }[] }>('GET', '/stores'),
        core.listNamespace(),
      ]);
      if (status !== 200) throw new Error(`GET /stores: HTTP ${status}`);
      const listed = new Set(body.items.map((s) => s.name));
      const namespaces = new Set(items.map((n) => n.metadata?.name));
      const now = Date.now();
      for (const name of names) {
        if (!goneAt.has(name) && !listed.has(name) && !namespaces.has(`store-${name}`)) goneAt.set(name, now);
      }
      const left = names.filter((n) => !goneAt.has(n));
      if (left.length) throw new Error(`${left.length} left, e.g. ${left.slice(0, 3).join(', ')}`);
      return true;
    },
    { timeoutMs: 10 * 60_000, intervalMs: 250 },
  );
  // The list no longer has them: each one's own GET says 404 too.
  for (const name of names) {
    const { status } = await platform.api.call('GET', `/stores/${name}`);
    if (status !== 404) throw new Error(`GET /stores/${name} after its delete: HTTP ${status}, not 404`);
  }
  const times = names.map((n) => goneAt.get(n)! - deletedAt.get(n)!);
  const s = summarize(times);
  log(`deletes: ${names.length} gone, max ${seconds(s.max)} s`);
  return {
    id: 'deletes',
    title: `5. ${names.length} stores deleted at once`,
    platform: description,
    tables: [
      {
        title: `${names.length} deletes at once (DELETE -> GET 404 and namespace gone)`,
        headers: ['stores', 'gone', 'p50 s', 'p95 s', 'max s'],
        rows: [[names.length, goneAt.size, seconds(s.p50), seconds(s.p95), seconds(s.max)]],
        note: 'Polled every 250 ms. Backups are off on the bench platform (no backup before delete).',
      },
    ],
    targets: [atMost('deletes', 'slowest delete (s)', s.max / 1000, 120, (v) => v.toFixed(1))],
    data: { count: names.length, times, summary: s },
  };
}
