import { engineTitles, planCatalog, type EngineId, type PlanId } from '@store-platform/contracts';

import { parseQuantity } from './quantity.js';

export interface EngineInfo {
  id: EngineId;
  title: string;
  description: string;
}

/** The engines, in the order the dashboard shows them. Medusa is "coming soon" unless a setting enables it. */
export const engines: readonly EngineInfo[] = [
  {
    id: 'woocommerce',
    title: engineTitles.woocommerce,
    description: 'WordPress with WooCommerce and MySQL 8.',
  },
  {
    id: 'medusa',
    title: engineTitles.medusa,
    description: 'Headless commerce: Medusa server, PostgreSQL and Redis.',
  },
];

/**
 * What each plan asks of the cluster at most (its ResourceQuota's requests in helm-charts/store-instance), for
 * the pre-flight capacity check: read from the plan catalog of contracts, which a test keeps equal to the chart.
 */
export const planRequests = Object.fromEntries(
  planCatalog.map((plan) => [
    plan.id,
    { cpuMillis: Math.round(parseQuantity(plan.cpu) * 1000), memoryBytes: parseQuantity(plan.memory) },
  ]),
) as Record<PlanId, { cpuMillis: number; memoryBytes: number }>;
