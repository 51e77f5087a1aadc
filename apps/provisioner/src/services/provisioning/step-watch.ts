import { namespaceOf } from '../../domain/naming.js';
import { OperationCancelled } from '../../domain/operation.js';
import { describePodProblem, type PodProblemInput } from '../../domain/pod-problems.js';
import type { KubeClient } from '../../ports/kube-client.js';
import type { StoreRepository } from '../../ports/store-repository.js';
import type { ProvisioningDeps } from './deps.js';

/** How many pod problems a running step shows: the newest, enough to see why it waits without a wall of text. */
export const maxStepEvents = 5;
/** How often a running step looks at its store's pods and at a cancel request. */
export const watchIntervalMs = 3000;

/**
 * What a long step is watched with (install, setup, an update's upgrade): its store's namespace, whose pods that
 * are not ready become the step's `events`, and when its own wait gives up (the step's `deadline`).
 */
export interface StepWatch {
  namespace: string;
  deadline: Date;
  kube: Pick<KubeClient, 'podProblems'>;
  intervalMs: number;
}

/** The watch of a step of `store` whose wait lasts `timeoutSeconds` from now. */
export function watchStore(deps: ProvisioningDeps, store: string, timeoutSeconds: number): StepWatch {
  const now = deps.now?.() ?? new Date();
  return {
    namespace: namespaceOf(store),
    deadline: new Date(now.getTime() + timeoutSeconds * 1000),
    kube: deps.kube,
    intervalMs: watchIntervalMs,
  };
}

/**
 * Pod problems (oldest first) as a step's events: each in words, repeats folded into one line at the place of
 * the latest with their counts added ("... (x3)"), newest last, at most `limit`.
 */
export function foldEvents(problems: PodProblemInput[], limit = maxStepEvents): string[] {
  const folded = new Map<string, number>();
  for (const problem of problems) {
    const { words } = describePodProblem(problem);
    const count = (folded.get(words) ?? 0) + (problem.count ?? 1);
    // Deleting first moves the words to the end: the order is that of each one's latest sighting.
    folded.delete(words);
    folded.set(words, count);
  }
  return [...folded].map(([words, count]) => (count > 1 ? `${words} (x${count})` : words)).slice(-limit);
}

/** A running watch: its signal aborts when someone cancels the operation; `stop` ends it. */
export interface RunningWatch {
  signal: AbortSignal;
  stop(): Promise<void>;
}

/**
 * Polls, every `watch.intervalMs` until stopped, whether the operation was asked to be cancelled (in the database,
 * so that the API and the worker may be different processes), aborting the signal with OperationCancelled; and
 * what the store's pods say, handing the folded events to `onEvents` when they changed. A failed look is logged
 * and tried again at the next tick: the step's own wait decides when it gives up.
 */
export function startWatch(
  watch: StepWatch,
  operationId: string,
  repository: Pick<StoreRepository, 'cancelRequest'>,
  onEvents: (events: string[]) => Promise<void>,
  log: (message: string, fields: Record<string, unknown>) => void,
): RunningWatch {
  const controller = new AbortController();
  let last = '[]';
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    try {
      const cancel = await repository.cancelRequest(operationId);
      if (cancel && !controller.signal.aborted) controller.abort(new OperationCancelled(cancel.by));
      if (controller.signal.aborted || stopped) return;
      const events = foldEvents(await watch.kube.podProblems(watch.namespace));
      if (JSON.stringify(events) === last || stopped) return;
      last = JSON.stringify(events);
      await onEvents(events);
    } catch (error) {
      log('watching a step failed', { operationId, err: error });
    }
  };
  let running = tick();
  const schedule = () => {
    timer = setTimeout(() => {
      running = tick().then(() => {
        if (!stopped) schedule();
      });
    }, watch.intervalMs);
  };
  void running.then(() => {
    if (!stopped) schedule();
  });
  return {
    signal: controller.signal,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      // A look under way finishes first, so that nothing is saved after the step's end.
      await running;
    },
  };
}

/** The failure's headline and cause code when it is a cancel, else nothing. */
export function cancelledCause(cause: unknown): { headline: string; cause: 'cancelled' } | object {
  return cause instanceof OperationCancelled
    ? { headline: `Cancelled by ${cause.by}`, cause: 'cancelled' }
    : {};
}
