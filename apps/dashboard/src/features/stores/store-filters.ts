import type { StoreHealth, StoreView } from '@store-platform/contracts';

export const sortOrders = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  name: 'Name (A to Z)',
  status: 'Status',
} as const;
export type SortOrder = keyof typeof sortOrders;

export interface StoreFilter {
  status?: string;
  engine?: string;
  q?: string;
  sort?: SortOrder;
}

const statusRank: Record<StoreView['status'], number> = {
  failed: 0,
  provisioning: 1,
  updating: 2,
  deleting: 3,
  running: 4,
};

/** The stores the list shows: filtered by status and engine, searched by name, in the chosen order. */
export function visibleStores(stores: readonly StoreView[], filter: StoreFilter): StoreView[] {
  const q = filter.q?.trim().toLowerCase();
  const shown = stores.filter(
    (s) =>
      (!filter.status || s.status === filter.status) &&
      (!filter.engine || s.engine === filter.engine) &&
      (!q || s.name.includes(q)),
  );
  const byCreated = (a: StoreView, b: StoreView) => a.createdAt.localeCompare(b.createdAt);
  const compare: Record<SortOrder, (a: StoreView, b: StoreView) => number> = {
    newest: (a, b) => byCreated(b, a),
    oldest: byCreated,
    name: (a, b) => a.name.localeCompare(b.name),
    status: (a, b) => statusRank[a.status] - statusRank[b.status] || a.name.localeCompare(b.name),
  };
  return shown.sort(compare[filter.sort ?? 'newest']);
}

/**
 * What the Health column says of a store: a running store's observed health (null: not checked yet); for any
 * other, what it is doing now in a few words (the step it is on, or how its last operation ended).
 */
export type HealthSummary =
  { kind: 'observed'; health: StoreHealth } | { kind: 'unchecked' } | { kind: 'progress'; text: string };

export function healthOf(store: StoreView): HealthSummary {
  if (store.status === 'running') {
    return store.health ? { kind: 'observed', health: store.health } : { kind: 'unchecked' };
  }
  return { kind: 'progress', text: progressOf(store) };
}

/** The step a store that is not running is on, or the step its last operation failed at. */
export function progressOf(store: StoreView): string {
  const operation = store.operation;
  if (store.status === 'failed') return `Failed at: ${failedStepTitle(store) ?? 'unknown step'}`;
  const steps = operation?.steps ?? [];
  const current = steps.findIndex((s) => s.status === 'running');
  if (operation?.phase === 'queued' || current < 0) return 'Waiting for a worker';
  return `${steps[current]?.title ?? ''} (step ${current + 1} of ${steps.length})`;
}

/** The title of the step a failed store stopped at, or the step its error names. */
export function failedStepTitle(store: StoreView): string | undefined {
  const steps = store.operation?.steps ?? [];
  return steps.find((s) => s.status === 'failed')?.title ?? store.operation?.error?.step;
}
