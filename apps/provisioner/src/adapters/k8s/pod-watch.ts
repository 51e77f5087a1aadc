import type * as k8s from '@kubernetes/client-node';

import { componentOfName, type PodProblemInput } from '../../domain/pod-problems.js';
import { oversized } from './evidence.js';

const isReady = (pod: k8s.V1Pod) =>
  pod.status?.phase === 'Succeeded' ||
  Boolean(pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));

/**
 * Warnings that say why a pod is not running: about the pod itself, its claims, a controller refused a pod (the
 * quota: FailedCreate) or a Job that gave up. A controller's other warnings (a StatefulSet's FailedUpdate while
 * its pod waits) repeat the pod's trouble in its own jargon.
 */
const saysWhy = (event: k8s.CoreV1Event) =>
  ['Pod', 'PersistentVolumeClaim'].includes(event.involvedObject.kind ?? '') ||
  ['FailedCreate', 'BackoffLimitExceeded', 'DeadlineExceeded'].includes(event.reason ?? '');

const eventTime = (event: k8s.CoreV1Event) =>
  String(event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp ?? '');

/** What a pod's containers wait for or last ended with (the first that says). */
function containerState(pod: k8s.V1Pod): Pick<PodProblemInput, 'waitingReason' | 'terminatedReason'> {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const waiting = statuses.find((c) => c.state?.waiting?.reason)?.state?.waiting?.reason;
  const terminated = statuses.find((c) => c.lastState?.terminated?.reason)?.lastState?.terminated?.reason;
  return {
    ...(waiting ? { waitingReason: waiting } : {}),
    ...(terminated ? { terminatedReason: terminated } : {}),
  };
}

/**
 * The namespace's pods that are not ready and the warning events about them (or about the Jobs, claims and
 * ReplicaSets that make them), oldest first, as pod-problems inputs; a pod not ready with no warning says its
 * state. A Pending pod that asks for more CPU or memory than any Ready node of `nodes` has is said to be so, last,
 * in place of the scheduler's verdicts about it: the scheduler may first speak of claims still binding and not try
 * again for minutes (evidence.ts `oversized`). What a running step shows of why it waits (step-watch.ts).
 */
export function podProblemInputs(
  store: string,
  pods: k8s.V1Pod[],
  events: k8s.CoreV1Event[],
  nodes: k8s.V1Node[] = [],
): PodProblemInput[] {
  const unready = pods.filter((pod) => !isReady(pod));
  const byName = new Map(unready.map((pod) => [pod.metadata?.name ?? '', pod]));
  const readyNames = new Set(pods.filter(isReady).map((pod) => pod.metadata?.name ?? ''));
  const componentOf = (name: string) =>
    byName.get(name)?.metadata?.labels?.['app.kubernetes.io/component'] ?? componentOfName(name, store);
  const tooBig = oversized(unready, nodes, componentOf).map((fact): PodProblemInput => ({
    component: fact.component,
    podName: fact.podName,
    kind: 'Pod',
    phase: 'Pending',
    eventReason: fact.eventReason,
    eventMessage: fact.eventMessage,
  }));
  const placedNever = new Set(tooBig.map((input) => input.podName ?? ''));
  const superseded = (e: k8s.CoreV1Event) =>
    e.reason === 'FailedScheduling' && placedNever.has(e.involvedObject.name ?? '');
  const warnings = events
    .filter(
      (e) =>
        e.type === 'Warning' && saysWhy(e) && !readyNames.has(e.involvedObject.name ?? '') && !superseded(e),
    )
    .sort((a, b) => eventTime(a).localeCompare(eventTime(b)));
  const told = new Set(placedNever);
  const problems: PodProblemInput[] = warnings.map((event) => {
    const name = event.involvedObject.name ?? '';
    const pod = event.involvedObject.kind === 'Pod' ? byName.get(name) : undefined;
    told.add(name);
    return {
      component: pod?.metadata?.labels?.['app.kubernetes.io/component'] ?? componentOfName(name, store),
      podName: name,
      kind: event.involvedObject.kind ?? 'Pod',
      ...(pod ? { phase: pod.status?.phase, ...containerState(pod) } : {}),
      eventReason: event.reason,
      eventMessage: event.message,
      count: event.count ?? 1,
    };
  });
  // Pods with nothing to warn about yet (pulling, starting): their state, before the newer warnings.
  const quiet = unready
    .filter((pod) => !told.has(pod.metadata?.name ?? ''))
    .map((pod) => ({
      component:
        pod.metadata?.labels?.['app.kubernetes.io/component'] ??
        componentOfName(pod.metadata?.name ?? '', store),
      podName: pod.metadata?.name,
      kind: 'Pod',
      phase: pod.status?.phase,
      ...containerState(pod),
    }));
  return [...quiet, ...problems, ...tooBig];
}
