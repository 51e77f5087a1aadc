import type * as k8s from '@kubernetes/client-node';

import type { FailureFacts, ProblemFact } from '../../domain/failure-explanation.js';
import { componentOfName } from '../../domain/pod-problems.js';
import { parseQuantity } from '../../domain/quantity.js';

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
  /** The cluster's nodes, to tell a Pending pod that asks for more than any node has. */
  nodes?: k8s.V1Node[];
  /** The namespace's claims: once all are bound, the scheduler's earlier "unbound claims" verdict is stale. */
  claims?: k8s.V1PersistentVolumeClaim[];
  job?: string;
  logTail?: string;
}): FailureFacts {
  const podComponent = new Map(
    input.pods.map((p) => [p.metadata?.name ?? '', p.metadata?.labels?.[componentLabel]]),
  );
  const componentOf = (name: string) => podComponent.get(name) ?? componentOfName(name, input.store);
  const claims = input.claims ?? [];
  const allBound = claims.length > 0 && claims.every((c) => c.status?.phase === 'Bound');
  const stale = (e: k8s.CoreV1Event) => allBound && /unbound .*PersistentVolumeClaims/.test(e.message ?? '');
  const problems: ProblemFact[] = input.events
    .filter((e) => e.type === 'Warning' && !stale(e))
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
  problems.push(...oversized(input.pods, input.nodes ?? [], componentOf));
  return input.job && input.logTail !== undefined
    ? { problems, job: { name: input.job, logTail: input.logTail } }
    : { problems };
}

const timeOf = (e: k8s.CoreV1Event) => e.lastTimestamp ?? e.eventTime ?? '';

const resources = [
  ['cpu', 'CPU', (v: number) => `${+v.toFixed(2)}`],
  ['memory', 'memory', (v: number) => `${+(v / 2 ** 30).toFixed(1)} GiB`],
] as const;

/**
 * Pending pods not yet placed that ask for more CPU or memory than any Ready node can give: the scheduler says so
 * only when it tries again, which after a first verdict about claims still binding can be minutes later, so the
 * cause is read from the requests and the nodes' allocatable themselves.
 */
export function oversized(
  pods: k8s.V1Pod[],
  nodes: k8s.V1Node[],
  componentOf: (name: string) => string | undefined,
): ProblemFact[] {
  const ready = nodes.filter((n) =>
    n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  );
  if (ready.length === 0) return [];
  const facts: ProblemFact[] = [];
  for (const pod of pods) {
    if (pod.status?.phase !== 'Pending' || pod.spec?.nodeName) continue;
    const name = pod.metadata?.name ?? '';
    for (const [resource, words, format] of resources) {
      const asked = (pod.spec?.containers ?? []).reduce((sum, c) => {
        const request = c.resources?.requests?.[resource];
        return sum + (request ? parseQuantity(request) : 0);
      }, 0);
      const most = Math.max(...ready.map((n) => parseQuantity(n.status?.allocatable?.[resource] ?? '0')));
      if (asked <= most) continue;
      facts.push({
        kind: 'Pod',
        podName: name,
        component: componentOf(name),
        phase: 'Pending',
        eventReason: 'FailedScheduling',
        eventMessage: `Insufficient ${resource}`,
        evidence: `pod ${name} requests ${format(asked)} ${words}; no node has more than ${format(most)} allocatable`,
      });
    }
  }
  return facts;
}
