import type { StoreView } from '@store-platform/contracts';

import { HealthBadge } from '../../ui/HealthBadge.js';
import { healthOf } from './store-filters.js';

/**
 * A store's health in a few words: the observed state with its first reason below it (cut to one line on screen,
 * whole in the title and for screen readers), "Not checked yet", or what a store that is not running is doing.
 */
export function HealthSummaryText({ store }: { store: StoreView }) {
  const summary = healthOf(store);
  if (summary.kind === 'progress') return <>{summary.text}</>;
  if (summary.kind === 'unchecked') return <span className="muted">Not checked yet</span>;
  const { state, reasons } = summary.health;
  const [first] = reasons;
  return (
    <>
      <HealthBadge state={state} />
      {first && (
        <span className="health-reason" title={reasons.map((r) => r.message).join('\n')}>
          {first.message}
          {reasons.length > 1 && ` (+${reasons.length - 1} more)`}
        </span>
      )}
    </>
  );
}
