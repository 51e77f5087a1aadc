import * as k8s from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';

import { ClusterError } from '../../domain/errors.js';
import { toClusterError, withClusterErrors } from './kube-errors.js';

/** An error answer as client-node raises it: the code, the Status body as text, and the response headers. */
const answer = (code: number, reason: string, message: string) =>
  new k8s.ApiException(
    code,
    `HTTP-Code: ${code}\nMessage: Unknown API Status Code!`,
    JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, message, code }),
    { 'audit-id': 'a1b2c3', 'content-type': 'application/json' },
  );

describe('toClusterError', () => {
  it.each([
    [403, 'Forbidden', 'namespaces "store-x" is forbidden: User "sa" cannot delete resource', 'forbidden'],
    [
      403,
      'Forbidden',
      'pods "p" is forbidden: exceeded quota: store-x-quota, requested: cpu=2',
      'quota_exceeded',
    ],
    [404, 'NotFound', 'namespaces "store-x" not found', 'not_found'],
    [409, 'AlreadyExists', 'namespaces "store-x" already exists', 'conflict'],
    [422, 'Invalid', 'Service "s" is invalid: spec.type: Unsupported value', 'invalid'],
    [504, 'Timeout', 'the server was unable to return a response in the time allotted', 'timeout'],
    [503, 'ServiceUnavailable', 'the server is currently unable to handle the request', 'unavailable'],
  ] as const)('HTTP %i %s is %s', (code, reason, message, kind) => {
    const error = toClusterError(answer(code, reason, message), 'delete the namespace');
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as ClusterError).kind).toBe(kind);
    // A short sentence with the API server's own words; the raw answer (headers, body) only as the cause.
    expect((error as ClusterError).message).toContain(message);
    expect((error as ClusterError).message).toMatch(/^could not delete the namespace \(HTTP \d+, /);
    expect((error as ClusterError).message).not.toMatch(/HTTP-Code|audit-id|Headers|"kind":"Status"/);
    expect((error as ClusterError).cause).toBeInstanceOf(k8s.ApiException);
  });

  it('says the API server was not reached when there was no answer', () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const error = toClusterError(refused, 'read the namespace') as ClusterError;
    expect(error.kind).toBe('unavailable');
    expect(error.message).toBe(
      'could not read the namespace: the Kubernetes API did not answer (ECONNREFUSED)',
    );
  });

  it('keeps the kind and words of an error that is already classified', () => {
    const conflict = new ClusterError('conflict', 'namespace store-x was replaced since it was checked');
    expect(toClusterError(conflict, 'delete the namespace')).toBe(conflict);
  });
});

describe('withClusterErrors', () => {
  it('classifies what every method rejects with, and passes results through', async () => {
    const client = withClusterErrors({
      ping: async () => undefined,
      namespace: async () => Promise.reject(answer(403, 'Forbidden', 'namespaces is forbidden')),
    } as unknown as Parameters<typeof withClusterErrors>[0]);
    await expect(client.ping()).resolves.toBeUndefined();
    await expect(client.namespace('store-x')).rejects.toMatchObject({
      kind: 'forbidden',
      message: expect.stringContaining('the provisioner is not allowed to read the namespace'),
    });
  });
});

describe('withClusterErrors while the API server is starting', () => {
  // What client-node's fetch rejects with when nothing listens on the API server's port.
  const refusedError = () =>
    Object.assign(new Error('request to https://127.0.0.1:6443/api/v1/namespaces/store-x failed'), {
      code: 'ECONNREFUSED',
    });
  type Kube = Parameters<typeof withClusterErrors>[0];

  it('sends a call again until the API server answers (a restart)', async () => {
    let calls = 0;
    const client = withClusterErrors({
      namespace: async () => {
        calls += 1;
        if (calls < 3) throw refusedError();
        return { name: 'store-x' };
      },
    } as unknown as Kube);
    await expect(client.namespace('store-x')).resolves.toEqual({ name: 'store-x' });
    expect(calls).toBe(3);
  });

  it('sends a call again whose connection was cut in flight (the API server killed under it)', async () => {
    // node-fetch's FetchError for a socket the server closed mid-request ("socket hang up").
    const reset = () =>
      Object.assign(
        new Error('request to https://127.0.0.1:6443/api/v1/namespaces failed, reason: socket hang up'),
        {
          type: 'system',
          code: 'ECONNRESET',
        },
      );
    const created: string[] = [];
    const client = withClusterErrors({
      createNamespace: async (name: string) => {
        created.push(name);
        if (created.length === 1) throw reset();
      },
    } as unknown as Kube);
    await expect(client.createNamespace('store-x', {})).resolves.toBeUndefined();
    expect(created).toEqual(['store-x', 'store-x']);
  });

  it('gives up after its retry time, as unavailable, and readiness’s ping does not wait', async () => {
    let calls = 0;
    const client = withClusterErrors(
      {
        ping: async () => {
          calls += 1;
          throw refusedError();
        },
        namespace: async () => Promise.reject(refusedError()),
      } as unknown as Kube,
      { retryMs: 600 },
    );
    await expect(client.namespace('store-x')).rejects.toMatchObject({
      kind: 'unavailable',
      message: 'could not read the namespace: the Kubernetes API did not answer (ECONNREFUSED)',
    });
    await expect(client.ping()).rejects.toMatchObject({ kind: 'unavailable' });
    expect(calls).toBe(1);
  });

  it('does not send again a call the API server refused on its rules', async () => {
    let calls = 0;
    const client = withClusterErrors(
      {
        namespace: async () => {
          calls += 1;
          throw answer(403, 'Forbidden', 'namespaces is forbidden');
        },
      } as unknown as Kube,
      { ready: async () => true },
    );
    await expect(client.namespace('store-x')).rejects.toMatchObject({ kind: 'forbidden' });
    expect(calls).toBe(1);
  });

  it('sends a call again while a starting API server forbids it and says it is not ready (no RBAC rules yet)', async () => {
    let loaded = false;
    let calls = 0;
    const client = withClusterErrors(
      {
        namespace: async () => {
          calls += 1;
          if (!loaded) throw answer(403, 'Forbidden', 'namespaces "store-x" is forbidden');
          return { name: 'store-x' };
        },
      } as unknown as Kube,
      { ready: async () => loaded },
    );
    setTimeout(() => (loaded = true), 500);
    await expect(client.namespace('store-x')).resolves.toEqual({ name: 'store-x' });
    expect(calls).toBeGreaterThan(1);
  });
});
