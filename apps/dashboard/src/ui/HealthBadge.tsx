import { healthStateTitles, type HealthState } from '@store-platform/contracts';

import './HealthBadge.css';

const marks: Record<HealthState, string> = { healthy: '✓', degraded: '!', down: '✗', unknown: '?' };

/**
 * A store's observed health as a colored label with a mark and its title: the words say it, for people who do not
 * see the color. Not a live region (a list holds many); "Health:" is there for screen readers. Colors come from
 * the theme's tokens (HealthBadge.css), so that they follow the light or dark theme.
 */
export function HealthBadge({ state }: { state: HealthState }) {
  return (
    <span className="badge health-badge" data-health={state}>
      <span className="visually-hidden">Health: </span>
      <span aria-hidden="true">{marks[state]} </span>
      {healthStateTitles[state]}
    </span>
  );
}
