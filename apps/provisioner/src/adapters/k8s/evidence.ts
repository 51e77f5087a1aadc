import type * as k8s from '@kubernetes/client-node';

/**
 * Turns what Kubernetes shows about a failed store into sentences for people: warning events (newest last), pods
 * that are not ready and why, and the tail of the setup Job's log.
 */
export function describeEvidence(input: {
  events: k8s.CoreV1Event[];
  pods: k8s.V1Pod[];
  job?: string;
  logTail?: string;
}): string[] {
  const lines: string[] = [];
  const warnings = input.events
    .filter((e) => e.type === 'Warning')
    .sort((a, b) =>
      String(a.lastTimestamp ?? a.eventTime ?? '').localeCompare(
        String(b.lastTimestamp ?? b.eventTime ?? ''),
      ),
    )
    .slice(-10);
  for (const event of warnings) {
    lines.push(
      `${event.involvedObject.kind} ${event.involvedObject.name}: ${event.reason}: ${event.message ?? ''}`.trim(),
    );
  }
  for (const pod of input.pods) {
    const phase = pod.status?.phase;
    const ready = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    if (ready || phase === 'Succeeded') continue;
    const states = (pod.status?.containerStatuses ?? []).map((c) => {
      const waiting = c.state?.waiting;
      const terminated = c.state?.terminated;
      if (waiting) return `${c.name} waiting (${waiting.reason ?? 'unknown'})`;
      if (terminated)
        return `${c.name} exited with code ${terminated.exitCode} (${terminated.reason ?? 'unknown'})`;
      return `${c.name} not ready`;
    });
    lines.push(
      `pod ${pod.metadata?.name} is ${phase ?? 'unknown'}${states.length ? `: ${states.join(', ')}` : ''}`,
    );
  }
  if (input.job && input.logTail) lines.push(`last lines of Job ${input.job}:\n${input.logTail.trimEnd()}`);
  return lines;
}
