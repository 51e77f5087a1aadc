import { activityActions, activityActionTitle } from '@store-platform/contracts';
import { useSearchParams } from 'react-router';

import { useActivity, useStores } from '../../api/queries.js';
import { AddressTextInput } from '../../ui/AddressTextInput.js';
import { Field } from '../../ui/Field.js';
import { useUrlState } from '../../ui/use-url-state.js';
import { ActivityTable } from './ActivityTable.js';
import { usePageTitle } from '../../ui/use-page-title.js';

const filterKeys = ['store', 'actor', 'action'] as const;

/**
 * The whole activity log, filtered by store, user and action (kept in the address). Store and user match any part
 * of the name whatever its case, like the store search, with the known names suggested; the total of entries and
 * "Clear filters" sit above the table.
 */
export function ActivityPage() {
  usePageTitle('Activity');
  const { get, set } = useUrlState();
  const [, setParams] = useSearchParams();
  const filter = {
    store: get('store').trim(),
    actor: get('actor').trim(),
    action: get('action'),
    match: 'partial' as const,
    page: Number(get('page', '1')) || 1,
  };
  // The same query as the table's (one request): its total, and the users it names as suggestions.
  const activity = useActivity(filter);
  const stores = useStores();
  const storeNames = [...new Set((stores.data ?? []).map((s) => s.name))].sort();
  const users = [
    ...new Set([
      ...(stores.data ?? []).map((s) => s.createdBy),
      ...(activity.data?.items ?? []).map((e) => e.actor),
    ]),
  ].sort();
  const filtered = filterKeys.some((key) => filter[key] !== '');
  const total = activity.data?.total;
  return (
    <>
      <div className="page-title">
        <h1>Activity</h1>
      </div>
      <section role="search" className="card row" aria-label="Filter activity">
        <Field label="Store">
          <AddressTextInput
            value={get('store')}
            list="activity-store-names"
            autoComplete="off"
            onValue={(value) => set('store', value)}
          />
        </Field>
        <datalist id="activity-store-names">
          {storeNames.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <Field label="User">
          <AddressTextInput
            value={get('actor')}
            list="activity-user-names"
            autoComplete="off"
            onValue={(value) => set('actor', value)}
          />
        </Field>
        <datalist id="activity-user-names">
          {users.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <Field label="Action">
          <select value={filter.action} onChange={(e) => set('action', e.target.value)}>
            <option value="">Any action</option>
            {activityActions.map((a) => (
              <option key={a} value={a}>
                {activityActionTitle(a)}
              </option>
            ))}
          </select>
        </Field>
      </section>
      <p className="row activity-summary">
        {total !== undefined && (
          <span data-testid="activity-total">
            {total} {total === 1 ? 'entry' : 'entries'}
          </span>
        )}
        {filtered && (
          <>
            {total !== undefined && <span aria-hidden="true">·</span>}
            <button
              type="button"
              className="link-button"
              onClick={() => setParams(new URLSearchParams(), { replace: true })}
            >
              Clear filters
            </button>
          </>
        )}
      </p>
      <ActivityTable filter={filter} onPage={(page) => set('page', String(page))} />
    </>
  );
}
