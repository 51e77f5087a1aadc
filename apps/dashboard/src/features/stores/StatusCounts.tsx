import { storeStatuses, storeStatusTitles, type StoreView } from '@store-platform/contracts';
import { Fragment } from 'react';

/**
 * How many stores are in each status ("Running 12 · Failed 21"), each a toggle of the list's status filter; a
 * status no store is in is left out.
 */
export function StatusCounts({
  stores,
  status,
  onStatus,
}: {
  stores: readonly StoreView[];
  /** The status filter now ('' for any). */
  status: string;
  onStatus: (status: string) => void;
}) {
  const counts = storeStatuses
    .map((s) => ({ status: s, count: stores.filter((store) => store.status === s).length }))
    .filter((c) => c.count > 0);
  if (counts.length === 0) return null;
  return (
    <div role="group" className="status-counts" aria-label="Stores by status">
      {counts.map((c, i) => (
        <Fragment key={c.status}>
          {i > 0 && <span aria-hidden="true"> · </span>}
          <button
            type="button"
            className="status-count"
            data-status={c.status}
            aria-pressed={status === c.status}
            onClick={() => onStatus(status === c.status ? '' : c.status)}
          >
            {storeStatusTitles[c.status]} <strong>{c.count}</strong>
          </button>
        </Fragment>
      ))}
    </div>
  );
}
