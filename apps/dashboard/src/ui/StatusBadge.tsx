import { storeStatusTitles, type StoreStatus } from '@store-platform/contracts';

/**
 * A store's status as a colored label; the text says it too, for people who do not see the color. Not a live
 * region: a list holds dozens, and changes are announced once, by the page's one polite region. Colors come from
 * theme.css (`.status-badge[data-status]`), so that they follow the light or dark theme.
 */
export function StatusBadge({ status }: { status: StoreStatus }) {
  return (
    <span className="badge status-badge" data-status={status}>
      {storeStatusTitles[status]}
    </span>
  );
}
