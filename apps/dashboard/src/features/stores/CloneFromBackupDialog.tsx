import { planTitles, storeNameSchema, type EngineId, type PlanId } from '@store-platform/contracts';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';

import { useCloneStore } from '../../api/backups.js';
import { Button } from '../../ui/Button.js';
import { Dialog, DialogClose } from '../../ui/Dialog.js';
import { Field } from '../../ui/Field.js';

interface CloneFromBackupDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The store the backup is of (its engine and plan are the new store's). */
  source: { name: string; engine: EngineId; plan: PlanId };
  backupId: string;
  /** The name offered, editable. */
  suggestedName: string;
  /** The dialog's title, e.g. "New store from this backup". */
  title: string;
  /** The source store was deleted (restoring it from the Deleted stores view). */
  deleted?: boolean;
}

/**
 * A new store restored from a backup (`POST /stores {…, fromBackup}`): the user names it (checked as typed, with
 * the same rule as the wizard); on success the new store's page shows its progress.
 */
export function CloneFromBackupDialog({
  open,
  onOpenChange,
  source,
  backupId,
  suggestedName,
  title,
  deleted = false,
}: CloneFromBackupDialogProps) {
  const [name, setName] = useState(suggestedName);
  const clone = useCloneStore();
  const navigate = useNavigate();
  const check = storeNameSchema.safeParse(name);
  const problem = name && !check.success ? check.error.issues[0]?.message : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!check.success) return;
    clone.mutate(
      { name, engine: source.engine, plan: source.plan, fromBackup: backupId },
      { onSuccess: (store) => void navigate(`/stores/${store.name}`) },
    );
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) clone.reset();
        onOpenChange(next);
      }}
      title={title}
      description={
        <>
          A new store on the {planTitles[source.plan]} plan gets {source.name}&apos;s database and uploads
          from
          {deleted ? ' its last backup' : ' this backup'}, with its address changed to the new name.
          {deleted ? '' : ` ${source.name} itself is not touched.`}
        </>
      }
    >
      <form onSubmit={submit}>
        <Field label="New store's name" error={problem ? `The name ${problem}` : clone.error?.message}>
          <input
            value={name}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <div className="dialog-actions">
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          <Button type="submit" variant="primary" disabled={!check.success || clone.isPending}>
            {clone.isPending ? 'Creating…' : 'Create store'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
