import { storeStatusTitles, type StoreStatus } from '@store-platform/contracts';
import { useId, useState, type KeyboardEvent } from 'react';

import { Dialog } from './Dialog.js';
import './JumpToStore.css';

/** At most this many matches are listed: the box is for going somewhere known, the list page is for browsing. */
const shownMatches = 8;

interface JumpToStoreProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The stores to choose from (the list as the page knows it). */
  stores: readonly { name: string; status: StoreStatus }[];
  /** Called with the chosen store's name; the dialog closes itself. */
  onChoose: (name: string) => void;
}

/** The stores whose names contain `text`, case-insensitively, names starting with it first. */
export function matchingStores<T extends { name: string }>(stores: readonly T[], text: string): T[] {
  const wanted = text.trim().toLowerCase();
  const matches = stores.filter((s) => s.name.toLowerCase().includes(wanted));
  const starts = (s: T) => (s.name.toLowerCase().startsWith(wanted) ? 0 : 1);
  return matches.sort((a, b) => starts(a) - starts(b) || a.name.localeCompare(b.name)).slice(0, shownMatches);
}

/**
 * Ctrl/Cmd-K's box: type part of a store's name, arrows to pick, Enter to open it. An ARIA 1.2 combobox (an input
 * that owns a listbox, the active option named by aria-activedescendant), so a screen reader reads each option as
 * the arrows move while focus stays in the input.
 */
export function JumpToStore({ open, onOpenChange, stores, onChoose }: JumpToStoreProps) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const matches = matchingStores(stores, text);
  const current = Math.min(active, matches.length - 1);
  const optionId = (index: number) => `${listId}-${index}`;
  const close = (next: boolean) => {
    if (!next) {
      setText('');
      setActive(0);
    }
    onOpenChange(next);
  };
  const choose = (name: string) => {
    close(false);
    onChoose(name);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + matches.length) % Math.max(matches.length, 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = matches[current];
      if (chosen) choose(chosen.name);
    }
  };
  return (
    <Dialog
      open={open}
      onOpenChange={close}
      title="Go to a store"
      description="Type part of its name; the arrow keys pick, Enter opens it."
      className="jump-to-store"
      returnFocus={false}
    >
      <input
        role="combobox"
        aria-label="Store name"
        aria-expanded={matches.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={matches.length > 0 ? optionId(current) : undefined}
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul role="listbox" id={listId} aria-label="Stores">
        {matches.map((store, index) => (
          <li
            key={store.name}
            id={optionId(index)}
            role="option"
            aria-selected={index === current}
            onClick={() => choose(store.name)}
          >
            <span>{store.name}</span> <span className="muted">{storeStatusTitles[store.status]}</span>
          </li>
        ))}
      </ul>
      {matches.length === 0 && <p className="muted">No store&apos;s name contains “{text.trim()}”.</p>}
    </Dialog>
  );
}
