import {
  cancellableKinds,
  operationKindTitles,
  stepStatusTitles,
  type OperationView,
  type StepView,
} from '@store-platform/contracts';
import { useEffect, useState } from 'react';

import { ago, duration, exactTime } from '../../ui/time.js';
import { tickNow } from '../../ui/When.js';
import { CancelOperation } from './CancelOperation.js';
import './OperationProgress.css';

/** Each status's mark; its title (from contracts) is there for screen readers. */
const marks: Record<StepView['status'], string> = {
  pending: '○',
  running: '◐',
  done: '✓',
  skipped: '–',
  failed: '✗',
};

/**
 * Re-renders every second while `active`, so that a running step's time counts up; from ui/When's clock, which
 * stands still while live updates are lost (a step timer counting on then would claim progress no one saw).
 */
function useNow(active: boolean): number {
  const [now, setNow] = useState(tickNow());
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => setNow(tickNow()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function stepTime(step: StepView, now: number): string {
  if (!step.startedAt) return '';
  const end = step.finishedAt ? new Date(step.finishedAt).getTime() : now;
  return duration(Math.max(0, end - new Date(step.startedAt).getTime()));
}

const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** "Gives up at 10:42 AM (in 7 minutes)": when a running step's wait ends and the operation fails. */
export const deadlineText = (iso: string, now: number) =>
  `Gives up at ${clock.format(new Date(iso))} (${ago(iso, now)})`;

/** What the running step waits for (its pods' events, newest last) and when it gives up. */
function RunningStep({ step, now }: { step: StepView; now: number }) {
  return (
    <>
      {step.events && step.events.length > 0 && (
        <ul className="step-events" aria-label={`Why ${step.title} waits`}>
          {step.events.map((event) => (
            <li key={event}>{event}</li>
          ))}
        </ul>
      )}
      {step.deadline && (
        <time className="step-deadline muted" dateTime={step.deadline} title={exactTime(step.deadline)}>
          {deadlineText(step.deadline, now)}
        </time>
      )}
    </>
  );
}

/**
 * The operation's steps as a checklist with their times; the running one counts up and says what it waits for
 * and until when. An operator may cancel a running create, retry or update (`canCancel`).
 */
export function OperationProgress({
  operation,
  canCancel = false,
}: {
  operation: OperationView;
  canCancel?: boolean;
}) {
  const active = operation.phase === 'running' || operation.phase === 'queued';
  const now = useNow(active);
  return (
    <section className="card" aria-labelledby="operation-title">
      <h2 id="operation-title">
        {operationKindTitles[operation.kind]} operation: {operation.phase}
      </h2>
      <p className="muted">
        Started by {operation.startedBy} at {exactTime(operation.createdAt)}
        {operation.finishedAt && operation.startedAt
          ? `; took ${duration(new Date(operation.finishedAt).getTime() - new Date(operation.startedAt).getTime())}`
          : ''}
      </p>
      {operation.phase === 'queued' && <p role="status">Waiting for a worker to take it…</p>}
      {operation.error?.cause === 'cancelled' && operation.error.headline && (
        <p>
          <strong>{operation.error.headline}</strong>
        </p>
      )}
      <ol className="steps" aria-label="Steps">
        {operation.steps.map((step) => (
          <li key={step.name} aria-current={step.status === 'running' ? 'step' : undefined}>
            <span className="step-mark" aria-hidden="true">
              {marks[step.status]}
            </span>
            <span>
              <strong>{step.title}</strong>{' '}
              <span className="visually-hidden">{stepStatusTitles[step.status]}</span>
              {step.message && (
                <>
                  <br />
                  <span className="muted">{step.message}</span>
                </>
              )}
              {step.status === 'running' && <RunningStep step={step} now={now} />}
            </span>
            <span className="muted">{stepTime(step, now)}</span>
          </li>
        ))}
      </ol>
      {canCancel && active && cancellableKinds.includes(operation.kind) && (
        <CancelOperation operation={operation} />
      )}
    </section>
  );
}
