/**
 * The event stream and the activity log of the provisioner process, against the run's real PostgreSQL (LISTEN/
 * NOTIFY), the local control plane and helm.
 */
import type { StoreView } from '@store-platform/contracts';
import { waitFor } from '@store-platform/test-cluster';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { collectEvents, type ReceivedEvent } from './event-stream.js';
import { createDatabase, startProvisioner, type ProvisionerProcess } from './provisioner-process.js';

let provisioner: ProvisionerProcess;
let token: string;

beforeAll(async () => {
  const databaseUrl = await createDatabase(inject('databaseUrl'), 'stream');
  provisioner = await startProvisioner({ DATABASE_URL: databaseUrl });
  token = await provisioner.api.tokenFor('admin', provisioner.adminPassword);
});
afterAll(async () => {
  await provisioner?.stop();
});

/** Reads server-sent events into `events` (with the time each arrived) until aborted. */
async function listen(events: ReceivedEvent[], signal: AbortSignal) {
  const response = await fetch(`${provisioner.url}/api/v1/stream`, {
    headers: { authorization: `Bearer ${token}` },
    signal,
  });
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  void collectEvents(response, events);
}

describe('event stream and activity log', () => {
  it('streams a store from Provisioning to Running to deleted, and logs who did it', async () => {
    const events: ReceivedEvent[] = [];
    const stop = new AbortController();
    await listen(events, stop.signal);
    try {
      expect(
        (
          await provisioner.api.call('POST', '/stores', {
            body: { name: 'live-shop', engine: 'woocommerce', plan: 'basic' },
          })
        ).status,
      ).toBe(202);
      const running = await waitFor('a stream event with the store running', async () =>
        events.find((e) => e.event === 'store' && (e.data as unknown as StoreView).status === 'running'),
      );
      // The stream showed the steps progressing before the end.
      const stepUpdates = events.filter((e) => e.event === 'store' && e.at <= running.at);
      expect(stepUpdates.length).toBeGreaterThan(3);
      expect(stepUpdates[0]?.data.status).toBe('provisioning');

      expect((await provisioner.api.call('DELETE', '/stores/live-shop')).status).toBe(202);
      await waitFor(
        'a store-deleted event',
        async () => events.find((e) => e.event === 'store-deleted' && e.data.name === 'live-shop'),
        {
          timeoutMs: 120_000,
        },
      );
    } finally {
      stop.abort();
    }

    const { body } = await provisioner.api.call('GET', '/activity?store=live-shop');
    const entries = body.items as {
      actor: string;
      action: string;
      result: string;
      durationMs: number | null;
    }[];
    expect(entries.map((e) => `${e.action} ${e.result}`)).toEqual([
      'delete succeeded',
      'delete accepted',
      'create succeeded',
      'create accepted',
    ]);
    expect(entries.every((e) => e.actor === 'admin')).toBe(true);
    expect(entries.find((e) => e.result === 'succeeded')?.durationMs).toBeGreaterThan(0);
    const filtered = await provisioner.api.call('GET', '/activity?action=create&pageSize=1');
    expect(filtered.body).toMatchObject({ page: 1, pageSize: 1, total: 2 });
  });
});
