import { healthStateTitles, type StoreView } from '@store-platform/contracts';

import { failedStepTitle } from './store-filters.js';

/** Stores that need attention for the same cause. */
export interface AttentionGroup {
  /** The cause's code (`failed:insufficient_cpu`, `failed:preflight`, `health:down:app_not_ready`). */
  key: string;
  /** The cause in words: the first store's headline, or the step it failed at, or its first health reason. */
  title: string;
  /** Failed stores can be retried; unhealthy ones (running, degraded or down) cannot. */
  kind: 'failed' | 'unhealthy';
  stores: StoreView[];
}

function causeOf(store: StoreView): Omit<AttentionGroup, 'stores'> | undefined {
  if (store.status === 'failed') {
    const error = store.operation?.error;
    return {
      key: `failed:${error?.cause ?? error?.step ?? 'unknown'}`,
      title: error?.headline ?? `Failed at: ${failedStepTitle(store) ?? 'unknown step'}`,
      kind: 'failed',
    };
  }
  const health = store.health;
  if (store.status === 'running' && (health?.state === 'down' || health?.state === 'degraded')) {
    const [first] = health.reasons;
    return {
      key: `health:${health.state}:${first?.code ?? ''}`,
      title: `${healthStateTitles[health.state]}${first ? `: ${first.message}` : ''}`,
      kind: 'unhealthy',
    };
  }
  return undefined;
}

/**
 * Failed and unhealthy stores grouped by cause (a failure's `cause`, else its step; a health state and its first
 * reason), the largest group first; stores by name within a group.
 */
export function attentionGroups(stores: readonly StoreView[]): AttentionGroup[] {
  const groups = new Map<string, AttentionGroup>();
  for (const store of [...stores].sort((a, b) => a.name.localeCompare(b.name))) {
    const cause = causeOf(store);
    if (!cause) continue;
    const group = groups.get(cause.key);
    if (group) group.stores.push(store);
    else groups.set(cause.key, { ...cause, stores: [store] });
  }
  return [...groups.values()].sort(
    (a, b) => b.stores.length - a.stores.length || a.title.localeCompare(b.title),
  );
}

/** How many stores need attention. */
export const attentionCount = (stores: readonly StoreView[]) =>
  stores.filter((s) => causeOf(s) !== undefined).length;
