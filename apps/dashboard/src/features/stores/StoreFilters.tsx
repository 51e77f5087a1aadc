import { engineIds, engineTitles, storeStatuses, storeStatusTitles } from '@store-platform/contracts';
import { useId, useState } from 'react';

import { AddressTextInput } from '../../ui/AddressTextInput.js';
import { Button } from '../../ui/Button.js';
import { Field } from '../../ui/Field.js';
import { sortOrders, type StoreFilter } from './store-filters.js';

/**
 * Search, status, engine and order of the store list. On a phone (`folded`) they hide behind "Filters (2)" (how
 * many filter), so that the stores, not the form, fill the first screen.
 */
export function StoreFilters({
  filter,
  set,
  folded,
}: {
  filter: Required<StoreFilter>;
  set: (key: string, value: string) => void;
  folded: boolean;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const active = [filter.q, filter.status, filter.engine].filter(Boolean).length;
  const form = (
    <section role="search" id={id} className="card row" aria-label="Filter stores">
      <Field label="Search by name">
        <AddressTextInput type="search" value={filter.q} onValue={(value) => set('q', value)} />
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
  );
  if (!folded) return form;
  return (
    <>
      <Button aria-expanded={open} aria-controls={open ? id : undefined} onClick={() => setOpen(!open)}>
        {active > 0 ? `Filters (${active})` : 'Filters'}
      </Button>
      {open && form}
    </>
  );
}
