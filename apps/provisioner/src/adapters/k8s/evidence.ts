import type * as k8s from '@kubernetes/client-node';

import type { FailureFacts, ProblemFact } from '../../domain/failure-explanation.js';
import { componentOfName } from '../../domain/pod-problems.js';

const componentLabel = 'app.kubernetes.io/component';

/**
 * What Kubernetes shows about a failed store, as facts: its warning events (newest 10, with their counts), its pods
 * that are not ready and why, and the setup Job's log tail when a pod of that Job ran (none when it never started,
 * so a failure before the Job shows no Job evidence). Each fact keeps its raw line for the evidence list.
 */
export function evidenceFacts(input: {
  store: string;
  events: k8s.CoreV1Event[];
  pods: k8s.V1Pod[];
  job?: string;
  logTail?: string;
}): FailureFacts {
  const podComponent = new Map(
    input.pods.map((p) => [p.metadata?.name ?? '', p.metadata?.labels?.[componentLabel]]),
  );
  const componentOf = (name: string) => podComponent.get(name) ?? componentOfName(name, input.store);
  const problems: ProblemFact[] = input.events
    .filter((e) => e.type === 'Warning')
    .sort((a, b) => String(timeOf(a)).localeCompare(String(timeOf(b))))
    .slice(-10)
    .map((event) => {
      const { kind, name = '' } = event.involvedObject;
      return {
        kind,
        podName: name,
        component: componentOf(name),
        eventReason: event.reason,
        eventMessage: event.message,
        count: event.count ?? event.series?.count ?? 1,
        evidence: `${kind} ${name}: ${event.reason}: ${event.message ?? ''}`.trim(),
      };
    });
  for (const pod of input.pods) {
    const phase = pod.status?.phase;
    const ready = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    if (ready || phase === 'Succeeded') continue;
    const statuses = pod.status?.containerStatuses ?? [];
    const states = statuses.map((c) => {
      const waiting = c.state?.waiting;
      const terminated = c.state?.terminated;
      if (waiting) return `${c.name} waiting (${waiting.reason ?? 'unknown'})`;
      if (terminated)
        return `${c.name} exited with code ${terminated.exitCode} (${terminated.reason ?? 'unknown'})`;
      return `${c.name} not ready`;
    });
    const name = pod.metadata?.name ?? '';
    problems.push({
      kind: 'Pod',
      podName: name,
      component: componentOf(name),
      phase,
      waitingReason: statuses.find((c) => c.state?.waiting)?.state?.waiting?.reason,
      terminatedReason: statuses
        .map((c) => c.state?.terminated?.reason ?? c.lastState?.terminated?.reason)
        .find(Boolean),
      evidence: `pod ${name} is ${phase ?? 'unknown'}${states.length ? `: ${states.join(', ')}` : ''}`,
    });
  }
  return input.job && input.logTail !== undefined
    ? { problems, job: { name: input.job, logTail: input.logTail } }
    : { problems };
}

const timeOf = (e: k8s.CoreV1Event) => e.lastTimestamp ?? e.eventTime ?? '';
