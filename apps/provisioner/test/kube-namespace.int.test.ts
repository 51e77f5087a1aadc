/**
 * ClientNodeKube's namespace reads and deletes against the local control plane (kube-apiserver and the namespace
 * controller): a delete names the UID read at the ownership check, so a namespace replaced in between is left alone.
 */
import * as k8s from '@kubernetes/client-node';
import { adminKube, waitFor } from '@store-platform/test-cluster';
import { afterAll, describe, expect, inject, it } from 'vitest';

import { ClientNodeKube } from '../src/adapters/k8s/client-node-kube.js';

const { kc, core } = adminKube(inject('kubeconfig'));
const kube = new ClientNodeKube(kc);
const name = 'uid-precondition';

const gone = async () =>
  core.readNamespace({ name }).then(
    () => undefined,
    (error: unknown) => (error instanceof k8s.ApiException && error.code === 404 ? true : undefined),
  );

afterAll(async () => {
  await core.deleteNamespace({ name }).catch(() => undefined);
});

describe('ClientNodeKube namespaces', () => {
  it('deletes a namespace only while it is the one that was checked (UID precondition)', async () => {
    await core.createNamespace({ body: { metadata: { name, labels: { team: 'first' } } } });
    const checked = await kube.namespace(name);
    expect(checked).toMatchObject({
      phase: 'Active',
      labels: { team: 'first' },
      uid: expect.any(String) as string,
    });

    // Someone else replaces it between the check and the delete.
    await core.deleteNamespace({ name });
    await waitFor(`namespace ${name} to be gone`, gone, { timeoutMs: 60_000 });
    const replacement = await core.createNamespace({
      body: { metadata: { name, labels: { team: 'second' } } },
    });

    await expect(kube.deleteNamespace(name, checked?.uid ?? '')).rejects.toThrow(
      `namespace ${name} was replaced since it was checked (its UID changed); it was left untouched`,
    );
    expect((await core.readNamespace({ name })).metadata?.uid).toBe(replacement.metadata?.uid);

    // With the UID it has, it goes; a namespace already gone is the converged state.
    await kube.deleteNamespace(name, replacement.metadata?.uid ?? '');
    await waitFor(`namespace ${name} to be gone`, gone, { timeoutMs: 60_000 });
    await kube.deleteNamespace(name, replacement.metadata?.uid ?? '');
  });
});
