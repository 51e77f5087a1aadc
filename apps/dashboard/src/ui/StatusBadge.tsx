import { storeStatusTitles, type StoreStatus } from '@store-platform/contracts';

const look: Record<StoreStatus, { color: string; background: string }> = {
  provisioning: { color: '#1e40af', background: '#dbeafe' },
  running: { color: '#166534', background: '#dcfce7' },
  updating: { color: '#5b21b6', background: '#ede9fe' },
  failed: { color: '#991b1b', background: '#fee2e2' },
  deleting: { color: '#92400e', background: '#fef3c7' },
};

/** A store's status as a colored label; the text says it too, for people who do not see the color. */
export function StatusBadge({ status }: { status: StoreStatus }) {
  const { color, background } = look[status];
  const label = storeStatusTitles[status];
  return (
    <span
      role="status"
      aria-label={`Status: ${label}`}
      style={{ color, background, borderRadius: 12, padding: '2px 10px', fontSize: 13, fontWeight: 600 }}
    >
      {label}
    </span>
  );
}
