import type { FailureAction, StoreView } from '@store-platform/contracts';
import { Link } from 'react-router';

import { useRetryStoreOnPlan } from '../../api/queries.js';
import { Button } from '../../ui/Button.js';
import { CopyButton } from '../../ui/CopyButton.js';
import './FailurePanel.css';

/**
 * Why a store failed, cause first: the headline (the most specific thing Kubernetes said, in words) as the alert's
 * first line, the failed step's message second, the evidence that applies (repeats folded), and what to do next.
 * `alert` makes it an alert (the store page's panel; not where many are listed). The plain Retry is left to the
 * page when `retryElsewhere` (the store page has it in its header).
 */
export function FailurePanel({
  store,
  canOperate,
  alert = false,
  retryElsewhere = false,
  onRetry,
}: {
  store: StoreView;
  canOperate: boolean;
  alert?: boolean;
  retryElsewhere?: boolean;
  onRetry?: () => void;
}) {
  const error = store.operation?.error;
  const message = store.reason ?? error?.message ?? 'The last operation failed without a reason.';
  const headline = error?.headline;
  const actions = (error?.actions ?? []).filter(
    (a) => (canOperate || a.kind === 'command') && !(a.kind === 'retry' && (retryElsewhere || !onRetry)),
  );
  return (
    <div className="failure-panel">
      <div role={alert ? 'alert' : undefined} className="alert">
        {headline ? (
          <>
            <p className="failure-headline">{headline}</p>
            <p className="failure-message">{message}</p>
          </>
        ) : (
          <p className="failure-message">{message}</p>
        )}
      </div>
      {actions.length > 0 && (
        <div className="failure-actions row" aria-label="Next steps" role="group">
          {actions.map((action) => (
            <ActionControl key={actionKey(action)} action={action} store={store} onRetry={onRetry} />
          ))}
        </div>
      )}
      {error && error.evidence.length > 0 && (
        <>
          <h3>Evidence from the cluster</h3>
          <ul className="evidence failure-evidence" aria-label="Evidence">
            {error.evidence.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

const actionKey = (action: FailureAction) =>
  action.kind === 'command' ? `command ${action.command}` : action.kind;

function ActionControl({
  action,
  store,
  onRetry,
}: {
  action: FailureAction;
  store: StoreView;
  onRetry?: () => void;
}) {
  const retryOnPlan = useRetryStoreOnPlan();
  switch (action.kind) {
    case 'retry':
      return <Button onClick={onRetry}>{action.label}</Button>;
    case 'retry-with-plan':
      return (
        <span className="failure-action">
          <Button
            variant="primary"
            disabled={retryOnPlan.isPending}
            onClick={() => retryOnPlan.mutate({ store, plan: action.plan })}
          >
            {retryOnPlan.isPending ? 'Retrying…' : action.label}
          </Button>
          {retryOnPlan.error && <span className="field-error">{retryOnPlan.error.message}</span>}
        </span>
      );
    case 'choose-another-name':
      return (
        <Link className="button" to={`/stores/new?name=${encodeURIComponent(store.name)}`}>
          {action.label}
        </Link>
      );
    case 'command':
      return <CommandToCopy label={action.label} command={action.command} />;
  }
}

/** A command shown to copy (ui/CopyButton says "Copied", or how to copy by hand when the browser refuses). */
function CommandToCopy({ label, command }: { label: string; command: string }) {
  return (
    <span className="failure-command">
      <span>{label}:</span> <code>{command}</code> <CopyButton value={command} what="command" />
    </span>
  );
}
