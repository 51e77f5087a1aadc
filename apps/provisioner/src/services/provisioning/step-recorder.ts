import type { Step } from '../../domain/operation.js';
import type { StoreRepository } from '../../ports/store-repository.js';

/** Returned by a step that had nothing to do, with the reason users see. */
export class Skipped {
  constructor(readonly message: string) {}
}

/** A step that failed: which one, and why in plain words. */
export class StepFailed extends Error {
  constructor(
    readonly step: Step,
    readonly reason: string,
    cause?: unknown,
  ) {
    super(`${step.title} failed: ${reason}`, { cause });
    this.name = 'StepFailed';
  }
}

/** Runs an operation's steps in order, saving each one's status and times so that the UI can show progress. */
export class StepRecorder {
  constructor(
    private readonly repository: StoreRepository,
    private readonly operationId: string,
    private readonly steps: Step[],
  ) {}

  /** Runs `work` as step `name`; its string result becomes the step's message. */
  async run(name: string, work: () => Promise<string | Skipped | void>): Promise<void> {
    const step = this.steps.find((s) => s.name === name);
    if (!step) throw new Error(`operation has no step "${name}"`);
    Object.assign(step, { status: 'running', message: null, startedAt: new Date(), finishedAt: null });
    await this.save();
    try {
      const result = await work();
      const skipped = result instanceof Skipped;
      Object.assign(step, {
        status: skipped ? 'skipped' : 'done',
        message: skipped ? result.message : (result ?? null),
        finishedAt: new Date(),
      });
      await this.save();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      Object.assign(step, { status: 'failed', message: reason, finishedAt: new Date() });
      await this.save();
      throw new StepFailed(step, reason, error);
    }
  }

  private save(): Promise<void> {
    return this.repository.saveSteps(this.operationId, this.steps);
  }
}
