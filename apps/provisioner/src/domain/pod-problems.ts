/**
 * What Kubernetes says about one of a store's pods (or the Job, claim or controller behind it), in words an
 * operator acts on: "Database pod cannot be scheduled: not enough CPU". One wording for the running step's live
 * events and for a failure's headline, so both say the same thing.
 */
export interface PodProblemInput {
  /** The pod's `app.kubernetes.io/component` label (database, app, worker, cache, setup, migrate, cron, test). */
  component?: string;
  /** The pod's (or Job's, claim's, ReplicaSet's) name, used when the component is unknown. */
  podName?: string;
  /** The kind of object the event is about (Pod, Job, PersistentVolumeClaim, ReplicaSet...); Pod when absent. */
  kind?: string;
  /** The pod's phase (Pending, Running, Failed...). */
  phase?: string;
  /** A container's waiting reason (ImagePullBackOff, CrashLoopBackOff, CreateContainerConfigError...). */
  waitingReason?: string;
  /** A container's last termination reason (OOMKilled, Error...). */
  terminatedReason?: string;
  /** The warning event's reason (FailedScheduling, FailedCreate, BackoffLimitExceeded, BackOff...). */
  eventReason?: string;
  /** The warning event's message ("0/3 nodes are available: 3 Insufficient cpu."). */
  eventMessage?: string;
  /** How many times the event was seen; more than one adds "(xN)" to `line`. */
  count?: number;
}

/**
 * A stable code of the cause (for grouping and for choosing the next action), the words, and the words with the
 * repeat count ("... (x3)") for an evidence list.
 */
export interface PodProblem {
  cause: PodProblemCause;
  words: string;
  line: string;
}

/** The causes a pod problem is classified as, most specific first (the order a headline is chosen in). */
export const podProblemCauses = [
  'quota_exceeded',
  'insufficient_cpu',
  'insufficient_memory',
  'storage_unavailable',
  'image_pull_failed',
  'setup_failed',
  'out_of_memory',
  'crash_loop',
  'config_error',
  'unschedulable',
  'not_ready',
] as const;
export type PodProblemCause = (typeof podProblemCauses)[number];

const componentNames: Record<string, string> = {
  database: 'Database',
  app: 'App',
  worker: 'Worker',
  cache: 'Cache',
  setup: 'Setup',
  migrate: 'Migration',
  cron: 'Scheduled task',
  test: 'Test',
};

/** The chart's object-name suffixes (`<store>-db-0`, `<store>-app-5d8f...`) and the component each belongs to. */
const suffixComponents: Record<string, string> = {
  db: 'database',
  app: 'app',
  worker: 'worker',
  cache: 'cache',
  setup: 'setup',
  migrate: 'migrate',
  cron: 'cron',
};

/**
 * The component of an object the chart named `<store>-<suffix>...`, for events about objects without the pod's
 * labels at hand (a ReplicaSet refused by the quota, a claim); undefined when the name does not tell.
 */
export function componentOfName(name: string, store?: string): string | undefined {
  const rest = store && name.startsWith(`${store}-`) ? name.slice(store.length + 1) : name;
  const match = store
    ? /^([a-z]+)(?:-|$)/.exec(rest)
    : /-(db|app|worker|cache|setup|migrate|cron)(?:-|$)/.exec(rest);
  return match ? suffixComponents[match[1]!] : undefined;
}

/** "Database pod", "Setup job", "Pod acme-x-1": who the sentence is about. */
function subject(input: PodProblemInput): string {
  const kind = input.kind ?? 'Pod';
  const name = input.component ? componentNames[input.component] : undefined;
  if (kind === 'PersistentVolumeClaim')
    return name ? `${name} storage` : `Claim ${input.podName ?? ''}`.trim();
  const noun = kind === 'Job' || kind === 'CronJob' ? 'job' : 'pod';
  if (name) return `${name} ${noun}`;
  return `${noun === 'job' ? 'Job' : 'Pod'} ${input.podName ?? ''}`.trim();
}

/** Why the scheduler placed no node, from its "0/3 nodes are available: 3 Insufficient cpu, ..." message. */
function schedulingCause(message: string): { cause: PodProblemCause; why: string } {
  const cpu = /Insufficient cpu/i.test(message);
  const memory = /Insufficient memory/i.test(message);
  if (cpu && memory) return { cause: 'insufficient_cpu', why: 'not enough CPU and memory' };
  if (cpu) return { cause: 'insufficient_cpu', why: 'not enough CPU' };
  if (memory) return { cause: 'insufficient_memory', why: 'not enough memory' };
  if (/unbound.*PersistentVolumeClaim|volume node affinity|persistentvolumeclaim .* not found/i.test(message))
    return { cause: 'storage_unavailable', why: 'its storage claim is not bound' };
  if (/taint/i.test(message))
    return { cause: 'unschedulable', why: 'every node has a taint it does not tolerate' };
  if (/affinity|selector/i.test(message))
    return { cause: 'unschedulable', why: 'no node matches its placement rules' };
  return { cause: 'unschedulable', why: firstSentence(message) };
}

/** The resource names a quota refusal lists ("exceeded quota: q, requested: requests.cpu=2, ..."). */
function quotaResources(message: string): string {
  const requested = /requested: (.*?)(?:, used:|$)/i.exec(message)?.[1];
  const names = (requested ?? '')
    .split(',')
    .map((part) => part.trim().split('=')[0])
    .filter((name): name is string => Boolean(name));
  return names.length ? ` (${names.join(', ')})` : '';
}

function firstSentence(message: string): string {
  const trimmed = message.trim().replace(/\.$/, '');
  return trimmed.length > 160 ? `${trimmed.slice(0, 157)}...` : trimmed;
}

function classify(input: PodProblemInput): { cause: PodProblemCause; words: string } {
  const who = subject(input);
  const reason = input.eventReason ?? '';
  const message = input.eventMessage ?? '';
  if (/exceeded quota/i.test(message))
    return {
      cause: 'quota_exceeded',
      words: `${who} refused: the store's quota is used up${quotaResources(message)}`,
    };
  if (reason === 'FailedScheduling') {
    const { cause, why } = schedulingCause(message);
    return { cause, words: `${who} cannot be scheduled: ${why}` };
  }
  if (
    reason === 'ProvisioningFailed' ||
    reason === 'FailedBinding' ||
    reason === 'FailedMount' ||
    reason === 'FailedAttachVolume'
  )
    return {
      cause: 'storage_unavailable',
      words: `${who} ${input.kind === 'PersistentVolumeClaim' ? 'is unavailable' : 'cannot mount its storage'}: ${firstSentence(message)}`,
    };
  if (reason === 'BackoffLimitExceeded' || reason === 'DeadlineExceeded')
    return {
      cause: 'setup_failed',
      words: `${who} failed: ${reason === 'DeadlineExceeded' ? 'it ran out of time' : 'it failed on every attempt'}`,
    };
  const waiting = input.waitingReason ?? '';
  if (
    /ImagePullBackOff|ErrImagePull|InvalidImageName|ErrImageNeverPull/.test(waiting) ||
    /Failed to pull image|Back-off pulling image/i.test(message)
  )
    return { cause: 'image_pull_failed', words: `${who} cannot pull its image` };
  if (input.terminatedReason === 'OOMKilled')
    return { cause: 'out_of_memory', words: `${who} ran out of memory and was stopped` };
  if (waiting === 'CrashLoopBackOff' || /Back-off restarting failed container/i.test(message))
    return { cause: 'crash_loop', words: `${who} keeps crashing` };
  if (waiting === 'CreateContainerConfigError' || waiting === 'CreateContainerError')
    return { cause: 'config_error', words: `${who} cannot start: its configuration is missing or wrong` };
  if (reason === 'Unhealthy') return { cause: 'not_ready', words: `${who} fails its health check` };
  if (reason)
    return { cause: 'not_ready', words: `${who}: ${reason}${message ? `: ${firstSentence(message)}` : ''}` };
  if (waiting) return { cause: 'not_ready', words: `${who} is waiting (${waiting})` };
  return { cause: 'not_ready', words: `${who} is ${input.phase ?? 'not ready'}` };
}

/** One pod problem in words, with its cause code. */
export function describePodProblem(input: PodProblemInput): PodProblem {
  const { cause, words } = classify(input);
  const count = input.count ?? 1;
  return { cause, words, line: count > 1 ? `${words} (x${count})` : words };
}
