import {
  engineIds,
  engineTitles,
  planTitles,
  storeStatuses,
  storeStatusTitles,
} from '@store-platform/contracts';
import { Link } from 'react-router';

import { useStores } from '../../api/queries.js';
import { StatusBadge } from '../../ui/StatusBadge.js';
import { Field } from '../../ui/Field.js';
import { useUrlState } from '../../ui/use-url-state.js';
import { When } from '../../ui/When.js';
import { HealthSummaryText } from './HealthSummaryText.js';
import { sortOrders, visibleStores, type SortOrder } from './store-filters.js';
import { usePageTitle } from '../../ui/use-page-title.js';

/** Every store, live: filters and search live in the address, so a filtered list can be shared or reloaded. */
export function StoreListPage({ canCreate }: { canCreate: boolean }) {
  usePageTitle('Stores');
  const stores = useStores();
  const { get, set } = useUrlState();
  const filter = {
    status: get('status'),
    engine: get('engine'),
    q: get('q'),
    sort: get('sort', 'newest') as SortOrder,
  };
  const all = stores.data ?? [];
  const shown = visibleStores(all, filter);

  return (
    <>
      <div className="page-title">
        <h1>Stores</h1>
        {canCreate && (
          <Link className="button button-primary" to="/stores/new">
            Create store
          </Link>
        )}
      </div>
      <section role="search" className="card row" aria-label="Filter stores">
        <Field label="Search by name">
          <input type="search" value={filter.q} onChange={(e) => set('q', e.target.value)} />
        </Field>
        <Field label="Status">
          <select value={filter.status} onChange={(e) => set('status', e.target.value)}>
            <option value="">Any status</option>
            {storeStatuses.map((s) => (
              <option key={s} value={s}>
                {storeStatusTitles[s]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Engine">
          <select value={filter.engine} onChange={(e) => set('engine', e.target.value)}>
            <option value="">Any engine</option>
            {engineIds.map((e) => (
              <option key={e} value={e}>
                {engineTitles[e]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Sort">
          <select value={filter.sort} onChange={(e) => set('sort', e.target.value)}>
            {Object.entries(sortOrders).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
      </section>

      {stores.isPending && <p role="status">Loading stores…</p>}
      {stores.error && <p role="alert">The stores could not be loaded: {stores.error.message}</p>}
      {stores.data && all.length === 0 && (
        <section className="card">
          <h2>No stores yet</h2>
          <p>
            A store is a complete {engineTitles.woocommerce} shop with its own database, address and
            certificate.
          </p>
          {canCreate ? (
            <Link className="button button-primary" to="/stores/new">
              Create your first store
            </Link>
          ) : (
            <p className="muted">Ask an operator to create one: your role can only look.</p>
          )}
        </section>
      )}
      {all.length > 0 && shown.length === 0 && <p role="status">No store matches these filters.</p>}
      {shown.length > 0 && (
        <div className="table-wrap">
          <table aria-label="Stores">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Health</th>
                <th scope="col" className="optional">
                  Engine
                </th>
                <th scope="col" className="optional">
                  Plan
                </th>
                <th scope="col">Links</th>
                <th scope="col" className="optional">
                  Created
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((store) => (
                <tr key={store.name} data-store={store.name}>
                  <td>
                    <Link to={`/stores/${store.name}`}>{store.name}</Link>
                  </td>
                  <td>
                    <StatusBadge status={store.status} />
                  </td>
                  <td>
                    <HealthSummaryText store={store} />
                  </td>
                  <td className="optional">{engineTitles[store.engine]}</td>
                  <td className="optional">{planTitles[store.plan]}</td>
                  <td>
                    {store.status === 'running' ? (
                      <>
                        <a href={store.urls.storefront} target="_blank" rel="noreferrer">
                          Storefront<span className="visually-hidden"> of {store.name}</span>
                        </a>{' '}
                        ·{' '}
                        <a href={store.urls.admin} target="_blank" rel="noreferrer">
                          Admin<span className="visually-hidden"> of {store.name}</span>
                        </a>
                      </>
                    ) : (
                      <span className="muted">Not yet</span>
                    )}
                  </td>
                  <td className="optional">
                    <When iso={store.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
