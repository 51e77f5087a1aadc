import type { StoreView } from '@store-platform/contracts';

/** A running store's storefront and admin links (their names say which store, for screen readers' link lists). */
export function StoreLinks({ store }: { store: StoreView }) {
  if (store.status !== 'running') return <span className="muted">Not yet</span>;
  return (
    <>
      <a href={store.urls.storefront} target="_blank" rel="noreferrer">
        Storefront<span className="visually-hidden"> of {store.name}</span>
      </a>{' '}
      ·{' '}
      <a href={store.urls.admin} target="_blank" rel="noreferrer">
        Admin<span className="visually-hidden"> of {store.name}</span>
      </a>
    </>
  );
}

/** The tick box of a store in the list: "Select acme-shop". */
export function SelectBox({
  name,
  selected,
  toggle,
}: {
  name: string;
  selected: ReadonlySet<string>;
  toggle: (name: string, on: boolean) => void;
}) {
  return (
    <input
      type="checkbox"
      className="select-box"
      aria-label={`Select ${name}`}
      checked={selected.has(name)}
      onChange={(e) => toggle(name, e.target.checked)}
    />
  );
}
