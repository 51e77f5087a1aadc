import type { StoreView } from '@store-platform/contracts';
import { useState } from 'react';

import { useRepairStore } from '../../api/updates.js';
import { Button } from '../../ui/Button.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { CopyAsCurl } from '../../ui/CopyAsCurl.js';
import { storeActionRequest } from './store-curl.js';

/** Reasons that mean the store drifted from what the platform installed, which a repair puts back. */
const driftReasons = new Set(['namespace_missing', 'release_failed']);

/** Whether the store's health says it drifted (down or degraded for a missing namespace or a failed release). */
export function repairRecommended(store: StoreView): boolean {
  const health = store.health;
  if (!health || (health.state !== 'down' && health.state !== 'degraded')) return false;
  return health.reasons.some((r) => driftReasons.has(r.code));
}

/**
 * Repair re-runs the install of a running store (for operators). When its health says it drifted, one click does
 * it; otherwise a confirmation says first that nothing looks wrong. Its operation then shows on the store's page.
 */
export function RepairButton({ store }: { store: StoreView }) {
  const repair = useRepairStore();
  const [confirming, setConfirming] = useState(false);
  const recommended = repairRecommended(store);
  if (store.status !== 'running') return null;
  // A repair keeps the store Running while its operation runs: one at a time.
  const running = store.operation?.phase === 'queued' || store.operation?.phase === 'running';
  const repairing = (repair.isPending && !confirming) || (running && store.operation?.kind === 'repair');
  const start = () => repair.mutate(store, { onSuccess: () => setConfirming(false) });
  return (
    <>
      <span className="row">
        <Button
          variant={recommended ? 'primary' : 'secondary'}
          disabled={repair.isPending || running}
          onClick={recommended ? start : () => setConfirming(true)}
        >
          {repairing ? 'Repairing…' : 'Repair'}
        </Button>
        <CopyAsCurl what="to repair this store" request={storeActionRequest(store, 'repair')} />
      </span>
      {recommended && repair.error && (
        <p role="alert" className="alert">
          The repair could not start: {repair.error.message}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        onOpenChange={(open) => {
          if (!open) repair.reset();
          setConfirming(open);
        }}
        title={`Repair ${store.name}?`}
        description="Nothing in its health says it drifted. A repair installs the store again with its current settings (its namespace, secrets and Helm release); its data is kept and it keeps serving meanwhile."
        action="Repair"
        busy={repair.isPending}
        error={repair.error?.message}
        onConfirm={start}
      />
    </>
  );
}
