import { healthStateTitles, type StoreView } from '@store-platform/contracts';

import { useActivity } from '../../api/queries.js';
import { HealthBadge } from '../../ui/HealthBadge.js';
import { When } from '../../ui/When.js';
import { RepairButton, repairRecommended } from './RepairButton.js';
import { QueryError } from '../../ui/ErrorState.js';

/** How many changes of health the panel lists. */
const historySize = 10;

/**
 * A store's observed health: its state, every reason (code and words), when it was last checked, the latest
 * changes of health from the activity log, and Repair for operators.
 */
export function HealthPanel({ store, canOperate }: { store: StoreView; canOperate: boolean }) {
  const { health } = store;
  return (
    <section className="card" aria-labelledby="health-title">
      <div className="page-title">
        <h2 id="health-title">Health</h2>
        {canOperate && <RepairButton store={store} />}
      </div>
      {health ? (
        <>
          <p>
            <HealthBadge state={health.state} />{' '}
            <span className="muted">
              last checked <When iso={health.checkedAt} />
            </span>
          </p>
          {health.reasons.length > 0 ? (
            <ul className="health-reasons" aria-label="Reasons">
              {health.reasons.map((reason) => (
                <li key={`${reason.code}-${reason.message}`}>
                  <code>{reason.code}</code> {reason.message}
                </li>
              ))}
            </ul>
          ) : (
            health.state === 'healthy' && <p>Nothing needs attention.</p>
          )}
          {canOperate && repairRecommended(store) && (
            <p className="notice">
              The store drifted from what the platform installed: Repair installs it again as it should be.
            </p>
          )}
        </>
      ) : (
        <p>
          {store.status === 'running'
            ? 'Not checked yet: the platform checks running stores regularly, the first check comes soon.'
            : `${healthStateTitles.unknown}: the platform checks stores once they run.`}
        </p>
      )}
      <HealthHistory store={store.name} />
    </section>
  );
}

/** The latest changes of health, from the activity log ("health: healthy -> degraded: app_not_ready ..."). */
function HealthHistory({ store }: { store: string }) {
  const activity = useActivity({ store, action: 'health' }, historySize);
  if (activity.isPending) return <p role="status">Loading the changes of health…</p>;
  if (activity.error) {
    return <QueryError what="The changes of health" query={activity} />;
  }
  const { items } = activity.data;
  return (
    <>
      <h3>Changes of health</h3>
      {items.length === 0 ? (
        <p className="muted">No change of health recorded yet.</p>
      ) : (
        <ul aria-label="Changes of health">
          {items.map((entry, index) => (
            <li key={`${entry.at}-${index}`}>
              <When iso={entry.at} />: {(entry.detail ?? '').replace(/^health: /, '')}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
