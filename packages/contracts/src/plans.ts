import type { PlanId } from './stores.js';

/** Each plan's title, for lists that show only the name; `planCatalog` describes each plan in full. */
export const planTitles: Readonly<Record<PlanId, string>> = {
  basic: 'Basic',
  standard: 'Standard',
  premium: 'Premium',
};

export interface PlanSummary {
  id: PlanId;
  title: string;
  /** The chart's `plans.{id}.description`. */
  description: string;
  appReplicas: number;
  /** The store's ResourceQuota: what all its pods may request together, and its storage. */
  cpu: string;
  memory: string;
  storage: string;
  /** The chart's `plans.{id}.storage`: the claims' sizes at install, and what a plan change grows them to. */
  volumes: { database: string; uploads: string };
}

/**
 * What each plan gives a store, as the dashboard explains it. helm-charts/store-instance is the source; a test
 * (apps/provisioner/test/plan-catalog.test.ts) renders the chart and keeps these figures equal to it.
 */
export const planCatalog: readonly PlanSummary[] = [
  {
    id: 'basic',
    title: planTitles.basic,
    description: 'One app replica; for trying the platform or a small shop.',
    appReplicas: 1,
    cpu: '1500m',
    memory: '3Gi',
    storage: '20Gi',
    volumes: { database: '10Gi', uploads: '5Gi' },
  },
  {
    id: 'standard',
    title: planTitles.standard,
    description: 'Two app replicas and a larger database; for a shop with steady traffic.',
    appReplicas: 2,
    cpu: '4',
    memory: '6Gi',
    storage: '40Gi',
    volumes: { database: '20Gi', uploads: '10Gi' },
  },
  {
    id: 'premium',
    title: planTitles.premium,
    description: 'Three app replicas and the largest database; for busy shops.',
    appReplicas: 3,
    cpu: '10',
    memory: '12Gi',
    storage: '100Gi',
    volumes: { database: '50Gi', uploads: '20Gi' },
  },
];
