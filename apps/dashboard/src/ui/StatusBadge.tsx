import type { StoreStatus } from '@store-platform/contracts';

const look: Record<StoreStatus, { label: string; color: string; background: string }> = {
  provisioning: { label: 'Provisioning', color: '#1e40af', background: '#dbeafe' },
  running: { label: 'Running', color: '#166534', background: '#dcfce7' },
  failed: { label: 'Failed', color: '#991b1b', background: '#fee2e2' },
  deleting: { label: 'Deleting', color: '#92400e', background: '#fef3c7' },
};

/** A store's status as a colored label; the text says it too, for people who do not see the color. */
export function StatusBadge({ status }: { status: StoreStatus }) {
  const { label, color, background } = look[status];
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
