import { engineTitles, type StoreView } from '@store-platform/contracts';
import { useState } from 'react';
import { Link } from 'react-router';

import { useStores } from '../../api/queries.js';
import { useMediaQuery, narrowScreen } from '../../ui/use-media-query.js';
import { usePageTitle } from '../../ui/use-page-title.js';
import { useUrlState } from '../../ui/use-url-state.js';
import { attentionCount } from './attention.js';
import { BulkActions } from './BulkActions.js';
import { useHighlighted } from './highlights.js';
import { NeedsAttention } from './NeedsAttention.js';
import { OutcomeNote } from './OutcomeNote.js';
import type { Selection } from './selection.js';
import { StatusCounts } from './StatusCounts.js';
import { StoreCards } from './StoreCards.js';
import { StoreFilters } from './StoreFilters.js';
import { visibleStores, type SortOrder } from './store-filters.js';
import { StoreTable } from './StoreTable.js';
import './stores.css';
import { QueryError } from '../../ui/ErrorState.js';

/**
 * Every store, live: filters and search live in the address, so a filtered list can be shared or reloaded; so does
 * the "Needs attention" view (`?view=attention`). `canCreate`: not a viewer, so may also select, retry and delete.
 */
export function StoreListPage({ canCreate }: { canCreate: boolean }) {
  const { get, set } = useUrlState();
  const attentionView = get('view') === 'attention';
  usePageTitle(attentionView ? 'Needs attention' : 'Stores');
  const stores = useStores();
  const [outcome, setOutcome] = useState('');
  const all = stores.data ?? [];
  const needing = attentionCount(all);

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
      <nav aria-label="Store views" className="view-tabs">
        <Link to={{ search: '' }} aria-current={attentionView ? undefined : 'page'}>
          All stores
        </Link>
        <Link to={{ search: '?view=attention' }} aria-current={attentionView ? 'page' : undefined}>
          Needs attention ({needing})
        </Link>
        <Link to="/deleted">Deleted stores</Link>
      </nav>
      {!attentionView && (
        <StatusCounts stores={all} status={get('status')} onStatus={(s) => set('status', s)} />
      )}
      <OutcomeNote text={outcome} onDismiss={() => setOutcome('')} />

      {stores.isPending && <p role="status">Loading stores…</p>}
      <QueryError what="The stores" query={stores} />
      {stores.data && all.length === 0 && <NoStores canCreate={canCreate} />}
      {stores.data && all.length > 0 && attentionView && (
        <NeedsAttention stores={all} canOperate={canCreate} onOutcome={setOutcome} />
      )}
      {stores.data && all.length > 0 && !attentionView && (
        <AllStores stores={all} canOperate={canCreate} onOutcome={setOutcome} />
      )}
    </>
  );
}

/** The filtered list, with its filters, tick boxes and bulk actions. */
function AllStores({
  stores,
  canOperate,
  onOutcome,
}: {
  stores: readonly StoreView[];
  canOperate: boolean;
  onOutcome: (summary: string) => void;
}) {
  const { get, set } = useUrlState();
  const narrow = useMediaQuery(narrowScreen);
  const highlighted = useHighlighted();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const filter = {
    status: get('status'),
    engine: get('engine'),
    q: get('q'),
    sort: get('sort', 'newest') as SortOrder,
  };
  const shown = visibleStores(stores, filter);
  const selection: Selection | undefined = canOperate
    ? {
        selected,
        toggle: (name, on) =>
          setSelected((before) => {
            const next = new Set(before);
            if (on) next.add(name);
            else next.delete(name);
            return next;
          }),
      }
    : undefined;
  // Only ticked stores still shown are acted on: a filter changed since must not act on what is out of sight.
  const ticked = shown.filter((s) => selected.has(s.name));
  const List = narrow ? StoreCards : StoreTable;
  return (
    <>
      <StoreFilters filter={filter} set={set} folded={narrow} />
      {selection && ticked.length > 0 && (
        <div className="bulk-bar row" role="group" aria-label="Selected stores">
          <span>{ticked.length} selected</span>
          <BulkActions
            stores={ticked}
            retryLabel={(n) => `Retry ${n} failed`}
            deleteLabel={(n) => `Delete ${n}`}
            onOutcome={(summary) => {
              setSelected(new Set());
              onOutcome(summary);
            }}
          />
          <button type="button" className="button" onClick={() => setSelected(new Set())}>
            Clear selection
          </button>
        </div>
      )}
      {shown.length === 0 && <p>No store matches these filters.</p>}
      {shown.length > 0 && <List stores={shown} selection={selection} highlighted={highlighted} />}
    </>
  );
}

function NoStores({ canCreate }: { canCreate: boolean }) {
  return (
    <section className="card">
      <h2>No stores yet</h2>
      <p>
        A store is a complete {engineTitles.woocommerce} shop with its own database, address and certificate.
      </p>
      {canCreate ? (
        <Link className="button button-primary" to="/stores/new">
          Create your first store
        </Link>
      ) : (
        <p className="muted">Ask an operator to create one: your role can only look.</p>
      )}
    </section>
  );
}
