/**
 * Platform guardrails and metrics of the provisioner process, against the run's real PostgreSQL, the local
 * control plane and helm: write rate limits, store limits, Prometheus metrics.
 */
import { describe, expect, it } from 'vitest';

import { useProvisioner } from './provisioner-process.js';

const provisioner = useProvisioner('guardrails', {
  WRITE_RATE_LIMIT_PER_MINUTE: '4',
  MAX_STORES_PER_USER: '1',
});

describe('guardrails', () => {
  it('limits stores per user, rate-limits writes with 429, and counts it all in /metrics', async () => {
    const { api } = provisioner();
    expect(
      (
        await api.call('POST', '/stores', {
          body: { name: 'only-shop', engine: 'woocommerce', plan: 'basic' },
        })
      ).status,
    ).toBe(202);
    const second = await api.call('POST', '/stores', {
      body: { name: 'second-shop', engine: 'woocommerce', plan: 'basic' },
    });
    expect(second.status).toBe(429);
    expect(second.body).toMatchObject({
      code: 'limit_reached',
      message: 'you already have your maximum of 1 stores',
    });
    await api.waitForStatus('only-shop', 'running');

    // Two writes so far; two more are allowed this minute, the fifth is refused: every store write (delete,
    // repair, update) draws on the same budget.
    expect((await api.call('DELETE', '/stores/no-such-store')).status).toBe(404);
    expect((await api.call('POST', '/stores/no-such-store/repair')).status).toBe(404);
    const limited = await api.call('PATCH', '/stores/no-such-store', {
      body: { plan: 'standard' },
      headers: { 'if-match': '"1"' },
    });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({
      code: 'limit_reached',
      message: expect.stringContaining('at most 4 a minute'),
    });
    expect((await api.call('GET', '/stores/only-shop')).status).toBe(200);

    const response = await fetch(`${provisioner().url}/metrics`);
    const text = await response.text();
    expect(text).toContain('store_platform_stores{status="running"} 1');
    expect(text).toMatch(/store_platform_queue_depth \d+/);
    expect(text).toMatch(
      /store_platform_operation_duration_seconds_count\{kind="create",result="succeeded"\} 1/,
    );
  });
});
