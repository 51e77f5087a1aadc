import type { StoreView } from '@store-platform/contracts';

/**
 * Why a failed store failed, in one line (its title and the DOM keep it whole): the most specific cause when the
 * provisioner found one, else the failure's message. Nothing for a store that has not failed.
 */
export function FailureReason({ store }: { store: StoreView }) {
  const error = store.operation?.error;
  if (store.status !== 'failed' || !error) return null;
  const text = error.headline ?? error.message;
  return (
    <span className="health-reason failure-reason" title={text}>
      {text}
    </span>
  );
}
