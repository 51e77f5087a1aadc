import type { FailureKind } from '@store-platform/contracts';

import { ClusterError } from '../../domain/errors.js';
import { explainFailure, type FailureFacts } from '../../domain/failure-explanation.js';
import { OperationCancelled, type Step } from '../../domain/operation.js';
import type { Store } from '../../domain/store.js';
import type { StoreRepository } from '../../ports/store-repository.js';
import { cancelledCause, startWatch, type StepWatch } from './step-watch.js';

/** Returned by a step that had nothing to do, with the reason users see. */
export class Skipped {
  constructor(readonly message: string) {}
}

/** A step that failed: which one, why in plain words, and what kind of failure when Kubernetes or Helm said. */
export class StepFailed extends Error {
  readonly kind?: FailureKind;

  constructor(
    readonly step: Step,
    readonly reason: string,
    cause?: unknown,
  ) {
    super(
      cause instanceof OperationCancelled ? `${step.title}: ${reason}` : `${step.title} failed: ${reason}`,
      { cause },
    );
    this.name = 'StepFailed';
    if (cause instanceof ClusterError) this.kind = cause.kind;
  }
}

/** Where a failed step's raw error goes (the process log): never into what users see. */
export type FailureLog = (message: string, fields: Record<string, unknown>) => void;

/**
 * Runs an operation's steps in order, saving each one's status and times so that the UI can show progress.
 * `Name` is the operation's step names (CreateStep, DeleteStep), so that a flow cannot run a step it has not.
 * `now` is the clock of the steps' times: the system clock, or a fake one in unit tests.
 */
export class StepRecorder<Name extends string> {
  constructor(
    private readonly repository: StoreRepository,
    private readonly operationId: string,
    private readonly steps: Step[],
    private readonly log: FailureLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Runs `work` as step `name`; its string result becomes the step's message. With a `watch`, the step shows its
   * deadline and its store's pod problems while it runs, and a cancel request aborts `work`'s signal and fails the
   * step with OperationCancelled (step-watch.ts).
   */
  async run(
    name: Name,
    work: (signal: AbortSignal) => Promise<string | Skipped | void>,
    watch?: StepWatch,
  ): Promise<void> {
    const step = this.steps.find((s) => s.name === name);
    if (!step) throw new Error(`operation has no step "${name}"`);
    Object.assign(step, { status: 'running', message: null, startedAt: this.now(), finishedAt: null });
    // A step run again (a resumed operation) starts with no events of the attempt before.
    this.ended(step);
    if (watch) step.deadline = watch.deadline.toISOString();
    await this.save();
    const watching = watch
      ? startWatch(
          watch,
          this.operationId,
          this.repository,
          async (events) => {
            step.events = events;
            await this.save();
          },
          this.log,
        )
      : undefined;
    const signal = watching?.signal ?? new AbortController().signal;
    try {
      const result = await work(signal);
      await watching?.stop();
      // Work that ended as the cancel came is cancelled all the same: what it made is undone like a failure's.
      if (signal.aborted) throw signal.reason;
      const skipped = result instanceof Skipped;
      Object.assign(step, {
        status: skipped ? 'skipped' : 'done',
        message: skipped ? result.message : (result ?? null),
        finishedAt: this.now(),
      });
      this.ended(step);
      await this.save();
    } catch (thrown) {
      await watching?.stop();
      // Aborted work fails with its own words (a killed helm, an aborted wait): the cancel is the reason.
      const error: unknown = signal.aborted ? signal.reason : thrown;
      const reason = error instanceof Error ? error.message : String(error);
      // The raw answer behind a classified failure (its cause) is for operators' logs only.
      this.log('operation step failed', {
        operationId: this.operationId,
        step: name,
        reason,
        err: error instanceof ClusterError && error.cause !== undefined ? error.cause : error,
      });
      Object.assign(step, { status: 'failed', message: reason, finishedAt: this.now() });
      this.ended(step);
      await this.save();
      throw new StepFailed(step, reason, error);
    }
  }

  /** Only a running step has live events and a deadline: an ended one says its message (and the evidence). */
  private ended(step: Step): void {
    delete step.events;
    delete step.deadline;
  }

  private save(): Promise<void> {
    return this.repository.saveSteps(this.operationId, this.steps);
  }
}

/** What a failure is explained with (failure-explanation.ts): the store, what Kubernetes showed, what is left. */
export interface FailureContext {
  store: Pick<Store, 'name' | 'plan'>;
  facts: FailureFacts;
  /** The store ends failed and a retry (the create run again) fits: a create's or a retry's failure. */
  retryable: boolean;
  /** The store's namespace is still there, so a kubectl command about its pods has something to show. */
  leftInPlace: boolean;
  /** The namespace is not this install's: nothing was read or removed. */
  notOwned?: boolean;
}

/**
 * Ends an operation whose step failed with `reason` (what users read: the step's failure and what was done about
 * it), the step, the failure explained (its headline, cause code, evidence and next actions), and the failure's
 * kind when Kubernetes or Helm said it. The store is failed with that reason, or keeps `running` (an update or
 * rollback that was undone) with no reason of its own.
 */
export async function failOperation(
  repository: StoreRepository,
  operationId: string,
  failed: StepFailed,
  reason: string,
  context: FailureContext,
  storeStatus: 'failed' | 'running' = 'failed',
): Promise<void> {
  const explained = explainFailure({
    step: failed.step,
    message: failed.reason,
    ...(failed.kind ? { kind: failed.kind } : {}),
    ...context,
  });
  await repository.finishOperation(operationId, {
    phase: 'failed',
    error: {
      step: failed.step.name,
      message: reason,
      ...explained,
      ...(failed.kind ? { kind: failed.kind } : {}),
      ...cancelledCause(failed.cause),
    },
    storeStatus,
    reason: storeStatus === 'failed' ? reason : null,
  });
}
