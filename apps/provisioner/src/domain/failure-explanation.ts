import type { FailureAction, FailureKind, PlanId } from '@store-platform/contracts';

import { namespaceOf } from './naming.js';
import { describePodProblem, podProblemCauses, type PodProblemInput } from './pod-problems.js';

/** One thing Kubernetes showed: a warning event or a pod that is not ready, and its line for the evidence list. */
export interface ProblemFact extends PodProblemInput {
  evidence: string;
}

/** What Kubernetes showed about a failed store's namespace, as facts to explain (KubeClient.evidence). */
export interface FailureFacts {
  /** Warning events (with their counts) and pods that are not ready, oldest first. */
  problems: ProblemFact[];
  /** The setup Job's log tail, only when a pod of that Job ran. */
  job?: { name: string; logTail: string };
  /** What could not be read, in words ("evidence could not be collected: ..."). */
  notes?: string[];
}

export const noFacts: FailureFacts = { problems: [] };

/** The failure as operators read it: the cause first, the evidence that applies once each, what to do next. */
export interface FailureExplanation {
  headline: string;
  cause: string;
  evidence: string[];
  actions: FailureAction[];
}

export interface FailureInput {
  /** The failed step's name and title ("install", "Install store (Helm)"). */
  step: { name: string; title: string };
  /** What the step said when it failed, without the step title ("the store was not ready within ..."). */
  message: string;
  kind?: FailureKind;
  store: { name: string; plan: PlanId };
  facts: FailureFacts;
  /** The store's namespace is someone else's (or the name is taken): nothing was read or removed. */
  notOwned?: boolean;
  /** The store ends failed and a retry (which runs the create again) may start. */
  retryable: boolean;
  /**
   * The store's namespace is still there after the failure (nothing was cleaned up), so a kubectl command about
   * its pods still has something to show.
   */
  leftInPlace: boolean;
}

/** Causes a smaller plan may fix: the cluster or the store's quota lacks room for this plan. */
const roomCauses = new Set([
  'insufficient_cpu',
  'insufficient_memory',
  'quota_exceeded',
  'insufficient_capacity',
]);
const smallestPlan: PlanId = 'basic';

/** Identical lines once each, in the order first seen, with their counts summed: "... (x2)". */
export function foldEvidence(lines: { text: string; count?: number }[]): string[] {
  const counts = new Map<string, number>();
  for (const { text, count } of lines) counts.set(text, (counts.get(text) ?? 0) + Math.max(1, count ?? 1));
  return [...counts].map(([text, count]) => (count > 1 ? `${text} (x${count})` : text));
}

/**
 * The last line of a log that says something: not blank, not a shell trace ("+ cmd") and, when any line reads like
 * an error, the last of those.
 */
export function lastMeaningfulLine(log: string): string | undefined {
  const lines = log
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('+ '));
  const line =
    lines.filter((l) => /error|fail|fatal|denied|refused|cannot|could not|exception/i.test(l)).at(-1) ??
    lines.at(-1);
  if (!line) return undefined;
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

/** The most specific problem, by cause (podProblemCauses' order), then the most repeated, then the newest. */
function mostSpecific(problems: ProblemFact[]) {
  let best: { fact: ProblemFact; rank: number; count: number; index: number } | undefined;
  problems.forEach((fact, index) => {
    const rank = podProblemCauses.indexOf(describePodProblem(fact).cause);
    const count = fact.count ?? 1;
    if (!best || rank < best.rank || (rank === best.rank && count >= best.count))
      best = { fact, rank, count, index };
  });
  return best?.fact;
}

function firstSentence(text: string): string {
  return text.split(/\.\s/)[0]!.replace(/\.$/, '');
}

/** Headline and cause when no pod or Job said anything more specific. */
function withoutProblem(input: FailureInput): { headline: string; cause: string } {
  const { step, message, kind } = input;
  // Who holds the name, not why in full (the message below the headline has the labels and the fix).
  if (input.notOwned)
    return {
      headline: `The name "${input.store.name}" is taken: ${message.split(':')[0]}`,
      cause: 'name_taken',
    };
  if (step.name === 'preflight' && kind === 'quota_exceeded')
    return {
      headline: `Not enough room in the cluster: ${firstSentence(message)}`,
      cause: 'insufficient_capacity',
    };
  if (kind === 'timeout' || /deadline exceeded|timed out|within the .*timeout/i.test(message))
    return { headline: `${step.title} did not finish in time`, cause: 'timeout' };
  return { headline: `${step.title} failed: ${firstSentence(message)}`, cause: kind ?? 'step_failed' };
}

/**
 * Explains a failed step: the most specific cause Kubernetes showed as the headline (a pod no node can schedule,
 * a quota refusal, a failed setup Job with its log's last meaningful line), else what the step said; the evidence
 * that applies, repeats folded; the next actions. A pre-flight failure ran nothing in the store's namespace, so
 * it shows no pod or Job evidence; a namespace that is not the platform's was not read at all.
 */
export function explainFailure(input: FailureInput): FailureExplanation {
  const nothingRan = input.notOwned || input.step.name === 'preflight';
  const facts = nothingRan ? noFacts : input.facts;
  const problem = mostSpecific(facts.problems);
  const described = problem ? describePodProblem(problem) : undefined;
  const lastLine = facts.job ? lastMeaningfulLine(facts.job.logTail) : undefined;
  let headline: string;
  let cause: string;
  if (described && described.cause !== 'not_ready') {
    cause = described.cause;
    headline = described.words;
    if (cause === 'setup_failed' && lastLine) headline = `${headline.replace(/: .*$/, '')}: ${lastLine}`;
  } else if (lastLine && facts.job) {
    cause = 'setup_failed';
    headline = `Setup job failed: ${lastLine}`;
  } else {
    ({ headline, cause } = withoutProblem(input));
    // A pod that is only "not ready" says less than the step, but still which pod held it up.
    if (described) headline = `${headline} (${described.words})`;
  }

  // The lines of the most specific causes first: the one the headline names leads the list.
  const ranked = facts.problems
    .map((fact) => ({ fact, rank: podProblemCauses.indexOf(describePodProblem(fact).cause) }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ fact }) => ({ text: fact.evidence, count: fact.count }));
  const evidence = foldEvidence(ranked);
  if (facts.job) evidence.push(`last lines of Job ${facts.job.name}:\n${facts.job.logTail.trimEnd()}`);
  evidence.push(...(facts.notes ?? []));
  return { headline, cause, evidence, actions: nextActions(input, cause, problem) };
}

function nextActions(input: FailureInput, cause: string, problem: ProblemFact | undefined): FailureAction[] {
  const actions: FailureAction[] = [];
  if (input.retryable) {
    actions.push({ kind: 'retry', label: 'Retry' });
    if (roomCauses.has(cause) && input.store.plan !== smallestPlan)
      actions.push({ kind: 'retry-with-plan', label: 'Retry with Basic', plan: smallestPlan });
  }
  if (cause === 'name_taken') actions.push({ kind: 'choose-another-name', label: 'Choose another name' });
  // After a failed create the namespace is removed, and a command about its pods would find nothing.
  if (input.leftInPlace && !input.notOwned) {
    const namespace = namespaceOf(input.store.name);
    if (input.facts.job && cause === 'setup_failed')
      actions.push({
        kind: 'command',
        label: 'Read the setup log',
        command: `kubectl -n ${namespace} logs job/${input.facts.job.name}`,
      });
    else if (problem?.podName && (problem.kind ?? 'Pod') === 'Pod')
      actions.push({
        kind: 'command',
        label: 'Describe the pod',
        command: `kubectl -n ${namespace} describe pod ${problem.podName}`,
      });
  }
  return actions;
}
