import { describe, expect, it } from 'vitest';

import { foreignNamespaceReason, platformNameClash, storeLabels } from './ownership.js';

const labels = storeLabels({ name: 'shop', engine: 'woocommerce', plan: 'basic' }, 'store-platform');
const reason = (given: Record<string, string>) =>
  foreignNamespaceReason({ name: 'store-shop', labels: given }, 'shop', 'store-platform');

describe('foreignNamespaceReason', () => {
  it('owns the namespaces it labelled for this store and this install', () => {
    expect(labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'store-platform-provisioner',
      'store-platform.io/store': 'shop',
      'store-platform.io/instance': 'store-platform',
    });
    expect(reason(labels)).toBeUndefined();
  });

  it.each([
    [
      'no labels at all',
      {},
      "namespace store-shop is not this platform's: it has no label store-platform.io/store=shop",
    ],
    [
      "another store's label",
      { ...labels, 'store-platform.io/store': 'other' },
      "namespace store-shop is not this platform's: it has no label store-platform.io/store=shop",
    ],
    [
      'the store label alone',
      { 'store-platform.io/store': 'shop' },
      "namespace store-shop is not this platform's: it has no label app.kubernetes.io/managed-by=store-platform-provisioner",
    ],
    [
      "another install's label",
      { ...labels, 'store-platform.io/instance': 'other-platform' },
      'namespace store-shop belongs to another install of the platform (store-platform.io/instance=other-platform), not to this one (store-platform)',
    ],
  ])('refuses a namespace with %s, and says why', (_what, given, expected) => {
    expect(reason(given)).toBe(expected);
  });

  it('refuses a namespace made before installs were labelled, and says how to adopt it', () => {
    const older: Record<string, string> = { ...labels };
    delete older['store-platform.io/instance'];
    expect(reason(older)).toBe(
      'namespace store-shop has no label store-platform.io/instance (it was made before installs were labelled, or by hand); if it is a store of this install, label it: kubectl label namespace store-shop store-platform.io/instance=store-platform',
    );
  });
});

describe('platformNameClash', () => {
  const platform = { namespace: 'store-platform-home', release: 'store-front' };

  it("refuses a store whose namespace or release would be the platform's own", () => {
    expect(platformNameClash('platform-home', platform)).toBe(
      'store name "platform-home" is reserved: its namespace store-platform-home is the platform\'s own',
    );
    expect(platformNameClash('front', platform)).toBe(
      'store name "front" is reserved: its Helm release store-front would have the name of the platform\'s own release',
    );
  });

  it('accepts every other name, and any name when the platform has no namespace (make up on this host)', () => {
    expect(platformNameClash('shop', platform)).toBeUndefined();
    expect(platformNameClash('platform-home', { namespace: '', release: 'store-platform' })).toBeUndefined();
  });
});
