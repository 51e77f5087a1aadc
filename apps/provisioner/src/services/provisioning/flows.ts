import type { Operation, OperationKind } from '../../domain/operation.js';
import type { Store } from '../../domain/store.js';
import { runBackup } from './backup-flow.js';
import { runCreate } from './create-flow.js';
import { runDelete } from './delete-flow.js';
import type { ProvisioningDeps } from './deps.js';
import { runRepair } from './repair-flow.js';
import { runRestore } from './restore-flow.js';
import { runRollback } from './rollback-flow.js';
import { runRotateSecrets } from './rotate-flow.js';
import { runUpdate } from './update-flow.js';

/** Runs one operation to its end, recording its steps and its outcome. */
export type Flow = (deps: ProvisioningDeps, operation: Operation, store: Store) => Promise<void>;

/** The flow of each kind of operation (a retry runs the create again: its steps converge). */
export const flows: Record<OperationKind, Flow> = {
  create: runCreate,
  retry: runCreate,
  delete: runDelete,
  update: runUpdate,
  rollback: runRollback,
  repair: runRepair,
  backup: runBackup,
  restore: runRestore,
  'rotate-secrets': runRotateSecrets,
};
