import { operationKindTitles, type OperationView } from '@store-platform/contracts';
import { useState } from 'react';

import { useCancelOperation } from '../../api/cancel.js';
import { Button } from '../../ui/Button.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { CopyAsCurl } from '../../ui/CopyAsCurl.js';
import { cancelRequest } from './store-curl.js';

/** What a cancel does to a store, by the kind of operation it stops. */
const outcomes = {
  update:
    'Helm is stopped and the store is rolled back to the plan and settings it ran before. It keeps running.',
  create:
    'Helm is stopped, everything made for the store so far is removed, and the store ends Failed ("Cancelled by you"). You can retry or delete it then.',
} as const;

/**
 * The way out of a slow create or update (Delete waits until it ends): a Cancel button that asks first, then
 * says who asked while the worker stops it and cleans up.
 */
export function CancelOperation({ operation }: { operation: OperationView }) {
  const [open, setOpen] = useState(false);
  const cancel = useCancelOperation();
  const what = operationKindTitles[operation.kind].toLowerCase();
  const outcome = operation.kind === 'update' ? outcomes.update : outcomes.create;
  if (operation.cancelRequestedBy) {
    return (
      <p className="operation-cancel">
        Cancelling: {operation.cancelRequestedBy} asked to stop this {what}; it stops within seconds and then{' '}
        {operation.kind === 'update' ? 'rolls back' : 'removes what it made'}.
      </p>
    );
  }
  return (
    <div className="operation-cancel">
      <Button variant="danger" onClick={() => setOpen(true)}>
        Cancel {what}
      </Button>
      <CopyAsCurl what={`for stopping this ${what}`} request={cancelRequest(operation.store)} />
      <p className="muted">
        Delete is unavailable while this {what} runs. Cancel stops it and{' '}
        {operation.kind === 'update' ? 'rolls the store back' : 'cleans up, as after a failure'}.
      </p>
      <ConfirmDialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) cancel.reset();
        }}
        title={`Cancel the ${what} of ${operation.store}?`}
        description={outcome}
        action={operation.kind === 'update' ? 'Stop and roll back' : 'Stop and clean up'}
        busy={cancel.isPending}
        error={cancel.error?.message}
        onConfirm={() => cancel.mutate(operation.store, { onSuccess: () => setOpen(false) })}
      />
    </div>
  );
}
