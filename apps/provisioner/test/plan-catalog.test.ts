/** The provisioner's idea of each plan matches the chart it installs (real helm, no cluster). */
import { planCatalog, planIds } from '@store-platform/contracts';
import { describe, expect, it } from 'vitest';

import { parse } from 'yaml';

import { chartPath, find, helm, render } from '../../../test/charts/helm.js';
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

  it.each(planCatalog)('tells operators what the $id plan gives, as the chart does', async (summary) => {
    const values = await helm(['show', 'values', chartPath('store-instance')]);
    const plan = (
      parse(values) as {
        plans: Record<string, { description: string; appReplicas: number; storage: unknown }>;
      }
    ).plans[summary.id];
    const all = await render('store-instance', { 'store.name': 'catalog', 'store.plan': summary.id });
    const hard = find(all, 'ResourceQuota', 'catalog-quota').spec.hard as Record<string, string>;
    expect(summary).toMatchObject({
      description: plan?.description,
      appReplicas: plan?.appReplicas,
      cpu: hard['requests.cpu'],
      memory: hard['requests.memory'],
      storage: hard['requests.storage'],
      volumes: plan?.storage,
    });
  });
});
