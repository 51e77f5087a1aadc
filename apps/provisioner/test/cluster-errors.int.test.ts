/**
 * Failures of the Kubernetes API reach users as data: a kind and a short sentence in the store's reason and its
 * operation's error, never client-node's raw answer (its code, body and headers), which goes to the log. The
 * provisioner runs as its ServiceAccount and is told to bind a role it may not (cluster-admin), which the API
 * server refuses.
 */
import { expect, it } from 'vitest';

import { useProvisioner } from './provisioner-process.js';

const provisioner = useProvisioner('cluster_errors', { STORE_CLUSTER_ROLE: 'cluster-admin' });

it('reports a refused call with its kind and the API server’s sentence, and logs the raw answer', async () => {
  const api = provisioner().api;
  const created = await api.call('POST', '/stores', {
    body: { name: 'refused', engine: 'woocommerce', plan: 'basic' },
  });
  expect(created.status).toBe(202);
  const failed = await api.waitForStatus('refused', 'failed', 60_000);
  const error = failed.operation?.error;
  expect(error?.step).toBe('namespace');
  expect(error?.kind).toBe('forbidden');
  expect(failed.reason).toMatch(
    /^Create namespace failed: could not bind the store role in the namespace \(HTTP 403, the provisioner is not allowed to bind the store role in the namespace\): rolebindings\.rbac\.authorization\.k8s\.io "cluster-admin" is forbidden/,
  );
  for (const shown of [failed.reason ?? '', error?.message ?? '']) {
    expect(shown).not.toMatch(/HTTP-Code|Headers|audit-id|"kind":"Status"/);
  }
  // What was made for the store was removed, as for any failure.
  expect(failed.reason).toContain('Everything created for the store was removed');
  // The raw answer is in the log, for the operator.
  const logged = provisioner()
    .output()
    .split('\n')
    .find((line) => line.includes('operation step failed') && line.includes('"step":"namespace"'));
  expect(logged).toContain('HTTP-Code: 403');
});
