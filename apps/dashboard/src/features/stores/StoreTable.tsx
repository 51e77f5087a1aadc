import { engineTitles, planTitles, type StoreView } from '@store-platform/contracts';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';

import { StatusBadge } from '../../ui/StatusBadge.js';
import { When } from '../../ui/When.js';
import { FailureReason } from './FailureReason.js';
import { HealthSummaryText } from './HealthSummaryText.js';
import type { Selection } from './selection.js';
import { SelectBox, StoreLinks } from './StoreLinks.js';
import { TableScroll } from '../../ui/TableScroll.js';

/** What the list shows, as a table or as cards: the stores, their tick boxes for operators, the rows just changed. */
export interface StoreViewsProps {
  stores: readonly StoreView[];
  selection?: Selection;
  highlighted: ReadonlySet<string>;
}

/** The stores as a table (wide screens), with a tick box per row and one for every row shown when `selection`. */
export function StoreTable({ stores, selection, highlighted }: StoreViewsProps) {
  return (
    <TableScroll label="Stores">
      <table aria-label="Stores">
        <thead>
          <tr>
            {selection && (
              <th scope="col" className="select-cell">
                <SelectAll stores={stores} selection={selection} />
              </th>
            )}
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
          {stores.map((store) => (
            <tr
              key={store.name}
              data-store={store.name}
              data-highlight={highlighted.has(store.name) || undefined}
            >
              {selection && (
                <td className="select-cell">
                  <SelectBox name={store.name} {...selection} />
                </td>
              )}
              <td>
                <Link to={`/stores/${store.name}`}>{store.name}</Link>
              </td>
              <td>
                <StatusBadge status={store.status} />
              </td>
              <td>
                <HealthSummaryText store={store} />
                <FailureReason store={store} />
              </td>
              <td className="optional">{engineTitles[store.engine]}</td>
              <td className="optional">{planTitles[store.plan]}</td>
              <td>
                <StoreLinks store={store} />
              </td>
              <td className="optional">
                <When iso={store.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Ticks or unticks every store shown; half-ticked when some are. */
export function SelectAll({ stores, selection }: { stores: readonly StoreView[]; selection: Selection }) {
  const ref = useRef<HTMLInputElement>(null);
  const ticked = stores.filter((s) => selection.selected.has(s.name)).length;
  const all = ticked > 0 && ticked === stores.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = ticked > 0 && !all;
  }, [ticked, all]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className="select-box"
      aria-label="Select all shown stores"
      checked={all}
      onChange={(e) => {
        for (const store of stores) selection.toggle(store.name, e.target.checked);
      }}
    />
  );
}
