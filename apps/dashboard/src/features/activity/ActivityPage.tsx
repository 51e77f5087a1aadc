import { activityActions } from '@store-platform/contracts';

import { Field } from '../../ui/Field.js';
import { useUrlState } from '../../ui/use-url-state.js';
import { ActivityTable } from './ActivityTable.js';
import { usePageTitle } from '../../ui/use-page-title.js';

/** The whole activity log, filtered by store, user and action (kept in the address). */
export function ActivityPage() {
  usePageTitle('Activity');
  const { get, set } = useUrlState();
  const filter = {
    store: get('store'),
    actor: get('actor'),
    action: get('action'),
    page: Number(get('page', '1')) || 1,
  };
  return (
    <>
      <div className="page-title">
        <h1>Activity</h1>
      </div>
      <section role="search" className="card row" aria-label="Filter activity">
        <Field label="Store">
          <input value={filter.store} onChange={(e) => set('store', e.target.value.trim())} />
        </Field>
        <Field label="User">
          <input value={filter.actor} onChange={(e) => set('actor', e.target.value.trim())} />
        </Field>
        <Field label="Action">
          <select value={filter.action} onChange={(e) => set('action', e.target.value)}>
            <option value="">Any action</option>
            {activityActions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </Field>
      </section>
      <ActivityTable filter={filter} onPage={(page) => set('page', String(page))} />
    </>
  );
}
