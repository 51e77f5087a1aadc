import { describe, expect, it } from 'vitest';

import { manifestChanges } from './manifest-diff.js';

const quota = (cpu: string) => `---
# Source: store-instance/templates/store-guardrails.yaml
apiVersion: v1
kind: ResourceQuota
metadata:
  name: shop-quota
spec:
  hard:
    requests.cpu: ${cpu}
`;
const secret = (password: string) => `---
apiVersion: v1
kind: Secret
metadata:
  name: shop-credentials
stringData:
  admin-password: ${password}
`;
const service = `---
apiVersion: v1
kind: Service
metadata:
  name: shop-app
`;

describe('manifestChanges', () => {
  it('diffs each changed object, and lists those added and removed', () => {
    const changes = manifestChanges(quota('1500m') + service, quota('"4"') + secret('a'));
    expect(changes.map((c) => [c.kind, c.name, c.change])).toEqual([
      ['ResourceQuota', 'shop-quota', 'changed'],
      ['Secret', 'shop-credentials', 'added'],
      ['Service', 'shop-app', 'removed'],
    ]);
    expect(changes[0]?.diff).toMatch(/^-\s+requests\.cpu: 1500m$/m);
    expect(changes[0]?.diff).toMatch(/^\+\s+requests\.cpu: "4"$/m);
  });

  it('shows nothing for an object printed differently but equal, and never a Secret’s values', () => {
    expect(manifestChanges(quota('1500m'), quota("'1500m'"))).toEqual([]);
    expect(manifestChanges(secret('old-secret'), secret('new-secret'))).toEqual([]);
    const added = manifestChanges('', secret('hunter2'));
    expect(added[0]?.diff).not.toContain('hunter2');
  });
});
