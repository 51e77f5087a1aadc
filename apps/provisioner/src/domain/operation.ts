import {
  cancellableKinds,
  storeCatalogSchema,
  type FailureAction,
  type FailureKind,
  type OperationView,
  type StepView,
  type StoreCatalog,
} from '@store-platform/contracts';

/** Kinds of long-running work on a store, their phases and their steps' statuses: as the API shows them. */
export type OperationKind = OperationView['kind'];
export type OperationPhase = OperationView['phase'];
export type StepStatus = StepView['status'];

export interface Step {
  name: string;
  title: string;
  status: StepStatus;
  message: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** While the step runs: its store's pods' problems in words, newest last (step-watch.ts). */
  events?: string[];
  /** While the step runs: when its wait gives up (ISO time). */
  deadline?: string | null;
}

export interface OperationError {
  step: string;
  message: string;
  /** What Kubernetes showed when it failed: events, pod states, the setup Job's log tail. */
  evidence: string[];
  /** When Kubernetes or Helm said what kind of failure it was (a ClusterError). */
  kind?: FailureKind;
  /** The most specific cause in words (failure-explanation.ts); absent on operations recorded before. */
  headline?: string;
  /** A stable code of that cause (`insufficient_cpu`, `name_taken`, `timeout`...). */
  cause?: string;
  /** What the operator can do next. */
  actions?: FailureAction[];
}

/** What an update or rollback was asked to do (the validated request), kept with its operation. */
export type OperationRequest = Record<string, unknown>;

/** A persisted unit of long work, shown to users as it progresses. */
export interface Operation {
  id: string;
  storeName: string;
  kind: OperationKind;
  phase: OperationPhase;
  steps: Step[];
  error: OperationError | null;
  /** The request of an update or rollback; null for the other kinds. */
  request: OperationRequest | null;
  startedBy: string;
  /** Who asked to cancel it (POST /stores/{name}/cancel), or null. */
  cancelRequestedBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** When the worker running it last said it was alive (every few seconds); null before it ran. */
  heartbeatAt: Date | null;
}

const createSteps = [
  { name: 'preflight', title: 'Pre-flight checks' },
  { name: 'namespace', title: 'Create namespace' },
  { name: 'secrets', title: 'Generate secrets' },
  { name: 'install', title: 'Install store (Helm)' },
  { name: 'setup', title: 'Set up the shop' },
  { name: 'storefront', title: 'Storefront answers' },
] as const;
// The backup runs while the app still serves (the backup Job mounts the uploads beside the app's pod); the volumes
// are kept before the uninstall, which would delete the claims and, with reclaim policy Delete, their data.
const deleteSteps = [
  { name: 'backup', title: 'Back up before deleting' },
  { name: 'scale-down', title: 'Stop the store' },
  { name: 'retain', title: 'Keep the volumes' },
  { name: 'uninstall', title: 'Uninstall (Helm)' },
  { name: 'namespace', title: 'Delete namespace' },
  { name: 'wait-gone', title: 'Wait until everything is gone' },
] as const;

const updateSteps = [
  { name: 'check', title: 'Check the change' },
  { name: 'upgrade', title: 'Upgrade (Helm)' },
  { name: 'storage', title: 'Grow volumes' },
  { name: 'migrate', title: 'Run migrations' },
  { name: 'revert', title: 'Roll back if it failed' },
] as const;
const rollbackSteps = [
  { name: 'check', title: 'Check the revision' },
  { name: 'rollback', title: 'Roll back (Helm)' },
  { name: 'verify', title: 'Workloads ready' },
] as const;
const repairSteps = [
  { name: 'inspect', title: 'Inspect what drifted' },
  { name: 'namespace', title: 'Namespace and access' },
  { name: 'secrets', title: 'Secrets' },
  { name: 'install', title: 'Install again (Helm)' },
  { name: 'setup', title: 'Set up the shop' },
  { name: 'storefront', title: 'Storefront answers' },
] as const;

const backupSteps = [
  { name: 'backup', title: 'Back up database and uploads' },
  { name: 'verify', title: 'Check the archive' },
] as const;
const restoreSteps = [
  { name: 'verify', title: "Check the backup's archive" },
  { name: 'safety-backup', title: 'Safety backup of the store as it is' },
  { name: 'scale-down', title: 'Stop the app' },
  { name: 'restore', title: 'Restore database and uploads' },
  { name: 'scale-up', title: 'Start the app again' },
  { name: 'ready', title: 'App ready' },
] as const;
/** A clone's create restores its backup after the shop's setup (before the storefront check). */
const cloneRestoreStep = { name: 'restore', title: 'Restore the backup (clone)' } as const;
/** Every rotation runs these steps; those that are not its kind's are skipped, saying why. */
const rotateSteps = [
  { name: 'prepare', title: 'Make the new Secret version' },
  { name: 'database-user', title: 'Create the new database user' },
  { name: 'rollout', title: 'Roll the store to it (Helm)' },
  { name: 'admin-password', title: 'Set the administrator password' },
  { name: 'retire', title: 'Drop the old database user' },
  { name: 'revert', title: 'Go back if it failed' },
] as const;

/** The names of a create's (and a retry's) steps, and of a delete's: the flows can name no other. */
export type CreateStep = (typeof createSteps)[number]['name'] | (typeof cloneRestoreStep)['name'];
export type DeleteStep = (typeof deleteSteps)[number]['name'];
export type UpdateStep = (typeof updateSteps)[number]['name'];
export type RollbackStep = (typeof rollbackSteps)[number]['name'];
export type RepairStep = (typeof repairSteps)[number]['name'];
export type BackupStep = (typeof backupSteps)[number]['name'];
export type RestoreStep = (typeof restoreSteps)[number]['name'];
export type RotateStep = (typeof rotateSteps)[number]['name'];

/** The steps of each kind of operation, in order, with the titles users see. */
export const stepPlan: Record<OperationKind, readonly { name: string; title: string }[]> = {
  create: createSteps,
  retry: createSteps,
  delete: deleteSteps,
  update: updateSteps,
  rollback: rollbackSteps,
  repair: repairSteps,
  backup: backupSteps,
  restore: restoreSteps,
  'rotate-secrets': rotateSteps,
};

/** The backup a create restores (a clone: POST /stores with fromBackup), from its operation's request. */
export function cloneSourceOf(request: OperationRequest | null | undefined): string | undefined {
  const from = request?.fromBackup;
  return typeof from === 'string' ? from : undefined;
}

/** The starter catalog a create loads (POST /stores with catalog), from its operation's request. */
export function catalogOf(request: OperationRequest | null | undefined): StoreCatalog | undefined {
  const parsed = storeCatalogSchema.safeParse(request?.catalog);
  return parsed.success ? parsed.data : undefined;
}

/** Fresh, pending steps for an operation of `kind` (a clone's create, and its retry, have a restore step too). */
export function initialSteps(kind: OperationKind, request?: OperationRequest | null): Step[] {
  const plan: readonly { name: string; title: string }[] =
    (kind === 'create' || kind === 'retry') && cloneSourceOf(request)
      ? [...createSteps.slice(0, 5), cloneRestoreStep, ...createSteps.slice(5)]
      : stepPlan[kind];
  return plan.map((s) => ({
    ...s,
    status: 'pending',
    message: null,
    startedAt: null,
    finishedAt: null,
  }));
}

/**
 * Why the operation cannot be cancelled now, in words; undefined when it can. A create (or retry) cancelled cleans
 * up as after a failure, an update rolls back; a delete, rollback or repair stopped half way would leave the store
 * in neither state.
 */
export function cancelBlocker(operation: Operation | undefined, store: string): string | undefined {
  if (!operation || operation.phase === 'succeeded' || operation.phase === 'failed') {
    return `nothing runs on store "${store}": there is nothing to cancel`;
  }
  if (!cancellableKinds.includes(operation.kind)) {
    return `a ${operation.kind} cannot be cancelled: stopping it half way would leave the store in neither state; wait for it to end`;
  }
  return undefined;
}

/** Why a step stopped when someone cancelled its operation. */
export class OperationCancelled extends Error {
  constructor(readonly by: string) {
    super(`cancelled by ${by}`);
    this.name = 'OperationCancelled';
  }
}
