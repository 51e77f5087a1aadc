/** Kinds of long-running work on a store. */
export type OperationKind = 'create' | 'delete' | 'retry';
export type OperationPhase = 'queued' | 'running' | 'succeeded' | 'failed';
export type StepStatus = 'pending' | 'running' | 'done' | 'skipped' | 'failed';

export interface Step {
  name: string;
  title: string;
  status: StepStatus;
  message: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface OperationError {
  step: string;
  message: string;
  /** What Kubernetes showed when it failed: events, pod states, the setup Job's log tail. */
  evidence: string[];
}

/** A persisted unit of long work, shown to users as it progresses. */
export interface Operation {
  id: string;
  storeName: string;
  kind: OperationKind;
  phase: OperationPhase;
  steps: Step[];
  error: OperationError | null;
  startedBy: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** The steps of each kind of operation, in order, with the titles users see. */
export const stepPlan: Record<OperationKind, { name: string; title: string }[]> = {
  create: [
    { name: 'preflight', title: 'Pre-flight checks' },
    { name: 'namespace', title: 'Create namespace' },
    { name: 'secrets', title: 'Generate secrets' },
    { name: 'install', title: 'Install store (Helm)' },
    { name: 'setup', title: 'Set up the shop' },
    { name: 'storefront', title: 'Storefront answers' },
  ],
  retry: [],
  delete: [
    { name: 'scale-down', title: 'Stop the store' },
    { name: 'uninstall', title: 'Uninstall (Helm)' },
    { name: 'namespace', title: 'Delete namespace' },
    { name: 'wait-gone', title: 'Wait until everything is gone' },
  ],
};
stepPlan.retry = stepPlan.create;

/** Fresh, pending steps for an operation of `kind`. */
export function initialSteps(kind: OperationKind): Step[] {
  return stepPlan[kind].map((s) => ({
    ...s,
    status: 'pending',
    message: null,
    startedAt: null,
    finishedAt: null,
  }));
}
