/**
 * A store that fails for a cause Kubernetes names, through the real provisioner, scheduler, quota and Helm: the
 * failure headlines that cause, folds repeated evidence and offers a retry on a smaller plan, which
 * POST /stores/:name/retry {plan} starts.
 */
import type { StoreView } from '@store-platform/contracts';
import { adminKube } from '@store-platform/test-cluster';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { unschedulableOnStandard } from './failure-values.js';
import { createDatabase, startProvisioner, type ProvisionerProcess } from './provisioner-process.js';

const { core } = adminKube(inject('kubeconfig'));

let provisioner: ProvisionerProcess;

beforeAll(async () => {
  provisioner = await startProvisioner({
    DATABASE_URL: await createDatabase(inject('databaseUrl'), 'failure_reasons'),
    STORE_VALUES_FILES: await unschedulableOnStandard('failure-reasons-standard'),
    // Helm waits 70% of it (at least 60 s): the install gives up after about a minute.
    OPERATION_TIMEOUT_SECONDS: '100',
    UPDATE_TIMEOUT_SECONDS: '20',
  });
});
afterAll(async () => {
  await provisioner?.stop();
});

describe('failure reasons', () => {
  it('headlines a database pod no node has CPU for, and a retry on basic brings the store up', async () => {
    const { api } = provisioner;
    const created = await api.call('POST', '/stores', {
      body: { name: 'huge-api', engine: 'woocommerce', plan: 'standard' },
    });
    expect(created.status).toBe(202);
    const failed = await api.waitForStatus('huge-api', 'failed', 180_000);
    const error = failed.operation?.error;
    expect(error, JSON.stringify(error?.evidence)).toMatchObject({
      step: 'install',
      headline: 'Database pod cannot be scheduled: not enough CPU',
      cause: 'insufficient_cpu',
      actions: [
        { kind: 'retry', label: 'Retry' },
        { kind: 'retry-with-plan', label: 'Retry with Basic', plan: 'basic' },
      ],
    });
    expect(failed.reason).toMatch(/^Install store \(Helm\) failed: /);
    // The scheduler's verdict, or (when it last spoke of the claims still binding and has not tried again) the
    // requests against the nodes, leads the evidence, once, however often it was said.
    expect(error?.evidence[0]).toMatch(
      /^(Pod huge-api-db-0: FailedScheduling: 0\/3 nodes are available: 3 Insufficient cpu|pod huge-api-db-0 requests 9 CPU; no node has more than 8 allocatable)/,
    );
    expect(new Set(error?.evidence).size).toBe(error?.evidence.length);

    // Not a plan the platform has, nor a field it knows: refused, and nothing starts.
    for (const body of [{ plan: 'huge' }, { plan: 'basic', replicas: 2 }]) {
      const refused = await api.call('POST', '/stores/huge-api/retry', { body });
      expect(refused.status, JSON.stringify(body)).toBe(400);
    }
    const retried = await api.call('POST', '/stores/huge-api/retry', {
      body: { plan: 'basic' },
      headers: { 'if-match': `"${String(failed.version)}"` },
    });
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ plan: 'basic', status: 'provisioning' });
    const running = await api.waitForStatus('huge-api', 'running', 180_000);
    expect(running).toMatchObject({ plan: 'basic', operation: { kind: 'retry', error: null } });
    const namespace = await core.readNamespace({ name: 'store-huge-api' });
    expect(namespace.metadata?.labels?.['store-platform.io/plan']).toBe('basic');
    const { body: activity } = await api.call('GET', '/activity?store=huge-api&action=retry');
    const entries = activity.items as { result: string; detail: string | null }[];
    // The request's entry says the plan changed (the worker's entry, when it ends, says how it went).
    expect(entries.find((e) => e.result === 'accepted')?.detail).toBe('plan standard → basic');

    expect((await api.call('DELETE', '/stores/huge-api')).status).toBe(202);
    await api.waitForGone('huge-api');
  });

  it('fails the pre-flight of a name a hand-made namespace holds, with no evidence and another name offered; a retry without a body keeps the plan', async () => {
    const { api } = provisioner;
    // A namespace of that name made by hand: not the platform's, so the pre-flight fails and reads nothing.
    await core.createNamespace({
      body: { metadata: { name: 'store-held-api', labels: { team: 'payments' } } },
    });
    try {
      await api.call('POST', '/stores', { body: { name: 'held-api', engine: 'woocommerce', plan: 'basic' } });
      const failed: StoreView = await api.waitForStatus('held-api', 'failed');
      expect(failed.operation?.error).toMatchObject({
        step: 'preflight',
        cause: 'name_taken',
        evidence: [],
        actions: [
          { kind: 'retry', label: 'Retry' },
          { kind: 'choose-another-name', label: 'Choose another name' },
        ],
      });
      const retried = await api.call('POST', '/stores/held-api/retry');
      expect(retried.status).toBe(202);
      expect(retried.body).toMatchObject({ plan: 'basic', status: 'provisioning' });
      await api.waitForStatus('held-api', 'failed');
      expect((await api.call('DELETE', '/stores/held-api')).status).toBe(202);
      await api.waitForGone('held-api');
    } finally {
      await core.deleteNamespace({ name: 'store-held-api' });
    }
  });
});
