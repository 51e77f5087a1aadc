/** The provisioner's idea of each plan matches the chart it installs (real helm, no cluster). */
import { planIds } from '@store-platform/contracts';
import { describe, expect, it } from 'vitest';

import { find, render } from '../../../test/charts/helm.js';
import { planRequests } from '../src/domain/catalog.js';
import { parseQuantity } from '../src/domain/quantity.js';

describe('plan catalog', () => {
  it.each(planIds)('asks pre-flight for what the %s quota requests', async (plan) => {
    const all = await render('store-instance', { 'store.name': 'catalog', 'store.plan': plan });
    const hard = find(all, 'ResourceQuota', 'catalog-quota').spec.hard as Record<string, string>;
    expect(planRequests[plan]).toEqual({
      cpuMillis: parseQuantity(hard['requests.cpu'] ?? '0') * 1000,
      memoryBytes: parseQuantity(hard['requests.memory'] ?? '0'),
    });
  });
});
