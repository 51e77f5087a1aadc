import { healthStateTitles, type HealthState } from '@store-platform/contracts';

const look: Record<HealthState, { mark: string; color: string; background: string }> = {
  healthy: { mark: '✓', color: '#166534', background: '#dcfce7' },
  degraded: { mark: '!', color: '#92400e', background: '#fef3c7' },
  down: { mark: '✗', color: '#991b1b', background: '#fee2e2' },
  unknown: { mark: '?', color: '#374151', background: '#e5e7eb' },
};

/**
 * A store's observed health as a colored label with a mark and its title: the words say it, for people who do not
 * see the color. Not a live region (a list holds many); "Health:" is there for screen readers.
 */
export function HealthBadge({ state }: { state: HealthState }) {
  const { mark, color, background } = look[state];
  return (
    <span className="badge" data-health={state} style={{ color, background }}>
      <span className="visually-hidden">Health: </span>
      <span aria-hidden="true">{mark} </span>
      {healthStateTitles[state]}
    </span>
  );
}
