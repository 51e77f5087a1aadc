import { engineTitles, planTitles } from '@store-platform/contracts';
import { Link } from 'react-router';

import { StatusBadge } from '../../ui/StatusBadge.js';
import { When } from '../../ui/When.js';
import { FailureReason } from './FailureReason.js';
import { HealthSummaryText } from './HealthSummaryText.js';
import { SelectBox, StoreLinks } from './StoreLinks.js';
import { SelectAll, type StoreViewsProps } from './StoreTable.js';

/** The stores as cards, one under another (phones): what the table's columns say, with nothing cut off. */
export function StoreCards({ stores, selection, highlighted }: StoreViewsProps) {
  return (
    <>
      {selection && (
        <label className="select-all-line">
          <SelectAll stores={stores} selection={selection} /> Select all shown
        </label>
      )}
      <ul className="store-cards" aria-label="Stores">
        {stores.map((store) => (
          <li
            key={store.name}
            className="store-card"
            data-store={store.name}
            data-highlight={highlighted.has(store.name) || undefined}
          >
            <div className="store-card-head">
              {selection && <SelectBox name={store.name} {...selection} />}
              <Link to={`/stores/${store.name}`}>{store.name}</Link>
              <StatusBadge status={store.status} />
            </div>
            <div>
              <HealthSummaryText store={store} />
              <FailureReason store={store} />
            </div>
            <div>
              <StoreLinks store={store} />
            </div>
            <div className="muted">
              {engineTitles[store.engine]} · {planTitles[store.plan]} · <When iso={store.createdAt} />
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
