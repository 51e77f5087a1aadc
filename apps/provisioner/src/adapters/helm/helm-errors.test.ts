import { describe, expect, it } from 'vitest';

import { helmFailureKind } from './cli-helm-runner.js';

// Helm's own error lines, as the pinned helm prints them.
describe('helmFailureKind', () => {
  it.each([
    ['context deadline exceeded', 'timeout'],
    [
      'resource not ready, name: shop-app, kind: Deployment, status: InProgress: timed out waiting for the condition',
      'timeout',
    ],
    ['another operation (install/upgrade/rollback) is in progress', 'conflict'],
    [
      'unable to build kubernetes objects from release manifest: unable to decode "": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
      'invalid',
    ],
    [
      "values don't meet the specifications of the schema(s) in the following chart(s):\nstore-instance:\n- at '/store/plan'",
      'invalid',
    ],
    [
      'pods "shop-setup-x" is forbidden: exceeded quota: shop-quota, requested: limits.cpu=2',
      'quota_exceeded',
    ],
    ['secrets is forbidden: User "system:serviceaccount:p:p" cannot list resource "secrets"', 'forbidden'],
    [
      'Kubernetes cluster unreachable: Get "https://127.0.0.1:6443/version": dial tcp: connection refused',
      'unavailable',
    ],
    ['release: not found', 'not_found'],
  ] as const)('%s -> %s', (line, kind) => {
    expect(helmFailureKind(line)).toBe(kind);
  });
});
