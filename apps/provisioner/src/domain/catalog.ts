import type { EngineId, PlanId } from '@store-platform/contracts';

export interface EngineInfo {
  id: EngineId;
  title: string;
  description: string;
}

/** The engines, in the order the dashboard shows them. Medusa is "coming soon" unless a setting enables it. */
export const engines: readonly EngineInfo[] = [
  { id: 'woocommerce', title: 'WooCommerce', description: 'WordPress with WooCommerce and MySQL 8.' },
  { id: 'medusa', title: 'MedusaJS', description: 'Headless commerce: Medusa server, PostgreSQL and Redis.' },
];

/**
 * What each plan asks of the cluster at most (its ResourceQuota's requests in helm-charts/store-instance), for
 * the pre-flight capacity check. A test keeps these equal to the chart's values.
 */
export const planRequests: Record<PlanId, { cpuMillis: number; memoryBytes: number }> = {
  basic: { cpuMillis: 1500, memoryBytes: 3 * 2 ** 30 },
  standard: { cpuMillis: 4000, memoryBytes: 6 * 2 ** 30 },
  premium: { cpuMillis: 10000, memoryBytes: 12 * 2 ** 30 },
};
