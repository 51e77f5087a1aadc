import { describe, expect, it } from 'vitest';

import {
  explainFailure,
  foldEvidence,
  lastMeaningfulLine,
  type FailureInput,
  type ProblemFact,
} from './failure-explanation.js';

const install = { name: 'install', title: 'Install store (Helm)' };
const base: FailureInput = {
  step: install,
  message: 'context deadline exceeded',
  kind: 'timeout',
  store: { name: 'acme', plan: 'standard' },
  facts: { problems: [] },
  retryable: true,
  leftInPlace: false,
};
const event = (fields: Partial<ProblemFact>): ProblemFact => ({
  kind: 'Pod',
  podName: 'acme-db-0',
  component: 'database',
  evidence: `Pod acme-db-0: ${fields.eventReason}: ${fields.eventMessage}`,
  ...fields,
});
const retry = { kind: 'retry', label: 'Retry' };
const retryBasic = { kind: 'retry-with-plan', label: 'Retry with Basic', plan: 'basic' };

describe('explainFailure', () => {
  it('headlines the most specific event, puts its line first and folds repeats', () => {
    const cpu = event({
      eventReason: 'FailedScheduling',
      eventMessage: '0/3 nodes are available: 3 Insufficient cpu.',
    });
    const explained = explainFailure({
      ...base,
      facts: {
        problems: [
          {
            kind: 'Pod',
            podName: 'acme-db-0',
            component: 'database',
            phase: 'Pending',
            evidence: 'pod acme-db-0 is Pending',
          },
          { ...cpu, count: 2 },
          cpu,
          {
            ...cpu,
            podName: 'acme-app-1',
            component: 'app',
            eventReason: 'Unhealthy',
            evidence: 'Pod acme-app-1: Unhealthy: x',
          },
        ],
      },
    });
    expect(explained).toEqual({
      headline: 'Database pod cannot be scheduled: not enough CPU',
      cause: 'insufficient_cpu',
      evidence: [
        'Pod acme-db-0: FailedScheduling: 0/3 nodes are available: 3 Insufficient cpu. (x3)',
        'pod acme-db-0 is Pending',
        'Pod acme-app-1: Unhealthy: x',
      ],
      actions: [retry, retryBasic],
    });
  });

  it.each([
    ['0/3 nodes are available: 3 Insufficient memory.', 'FailedScheduling', 'insufficient_memory', true],
    [
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.',
      'FailedScheduling',
      'storage_unavailable',
      false,
    ],
    [
      'pods "x" is forbidden: exceeded quota: q, requested: requests.cpu=2, used: requests.cpu=1, limited: requests.cpu=2',
      'FailedCreate',
      'quota_exceeded',
      true,
    ],
    ['Back-off pulling image "mysql:x"', 'BackOff', 'image_pull_failed', false],
    ['Back-off restarting failed container mysql', 'BackOff', 'crash_loop', false],
  ])('classifies "%s" and offers a smaller plan only for room', (message, reason, cause, smaller) => {
    const explained = explainFailure({
      ...base,
      facts: { problems: [event({ eventReason: reason, eventMessage: message })] },
    });
    expect(explained.cause).toBe(cause);
    expect(explained.actions).toEqual(smaller ? [retry, retryBasic] : [retry]);
  });

  it('offers no smaller plan to a store already on basic', () => {
    const cpu = event({
      eventReason: 'FailedScheduling',
      eventMessage: '0/3 nodes are available: 3 Insufficient cpu.',
    });
    const explained = explainFailure({
      ...base,
      store: { name: 'acme', plan: 'basic' },
      facts: { problems: [cpu] },
    });
    expect(explained.actions).toEqual([retry]);
  });

  it('headlines a failed setup Job with its log’s last meaningful line, and shows the log', () => {
    const explained = explainFailure({
      ...base,
      step: { name: 'setup', title: 'Set up the shop' },
      message: 'Job acme-setup failed (BackoffLimitExceeded)',
      kind: undefined,
      leftInPlace: true,
      facts: {
        problems: [
          {
            kind: 'Job',
            podName: 'acme-setup',
            component: 'setup',
            eventReason: 'BackoffLimitExceeded',
            eventMessage: 'Job has reached the specified backoff limit',
            evidence: 'Job acme-setup: BackoffLimitExceeded: Job has reached the specified backoff limit',
          },
        ],
        job: {
          name: 'acme-setup',
          logTail: 'Installing WooCommerce\nError: could not reach the database\n+ exit 1\n\n',
        },
      },
    });
    expect(explained.headline).toBe('Setup job failed: Error: could not reach the database');
    expect(explained.cause).toBe('setup_failed');
    expect(explained.evidence.at(-1)).toBe(
      'last lines of Job acme-setup:\nInstalling WooCommerce\nError: could not reach the database\n+ exit 1',
    );
    expect(explained.actions).toContainEqual({
      kind: 'command',
      label: 'Read the setup log',
      command: 'kubectl -n store-acme logs job/acme-setup',
    });
  });

  it('says a Helm timeout with nothing more specific, naming a pod that was only not ready', () => {
    expect(explainFailure(base)).toMatchObject({
      headline: 'Install store (Helm) did not finish in time',
      cause: 'timeout',
    });
    const pending = {
      kind: 'Pod',
      podName: 'acme-app-1',
      component: 'app',
      phase: 'Pending',
      evidence: 'pod acme-app-1 is Pending',
    };
    expect(explainFailure({ ...base, leftInPlace: true, facts: { problems: [pending] } })).toEqual({
      headline: 'Install store (Helm) did not finish in time (App pod is Pending)',
      cause: 'timeout',
      evidence: ['pod acme-app-1 is Pending'],
      actions: [
        retry,
        {
          kind: 'command',
          label: 'Describe the pod',
          command: 'kubectl -n store-acme describe pod acme-app-1',
        },
      ],
    });
  });

  it('drops all Kubernetes evidence of a pre-flight failure (nothing ran) and names a full cluster', () => {
    const explained = explainFailure({
      ...base,
      step: { name: 'preflight', title: 'Pre-flight checks' },
      kind: 'quota_exceeded',
      message: 'the cluster has 1.0 CPU and 2.0 GiB free; plan standard needs 3.0 CPU and 6.0 GiB',
      facts: {
        problems: [event({ eventReason: 'BackOff', eventMessage: 'old' })],
        job: { name: 'acme-setup', logTail: 'old run' },
      },
    });
    expect(explained).toEqual({
      headline:
        'Not enough room in the cluster: the cluster has 1.0 CPU and 2.0 GiB free; plan standard needs 3.0 CPU and 6.0 GiB',
      cause: 'insufficient_capacity',
      evidence: [],
      actions: [retry, retryBasic],
    });
  });

  it('offers another name when the namespace is not the platform’s, and no command into it', () => {
    const explained = explainFailure({
      ...base,
      step: { name: 'preflight', title: 'Pre-flight checks' },
      kind: 'conflict',
      message: 'namespace store-acme is not this platform’s: it has no label store-platform.io/store=acme',
      notOwned: true,
      leftInPlace: true,
    });
    expect(explained).toMatchObject({
      cause: 'name_taken',
      headline: 'The name "acme" is taken: namespace store-acme is not this platform’s',
      actions: [retry, { kind: 'choose-another-name', label: 'Choose another name' }],
    });
  });

  it('offers no retry where one does not fit (an update undone), and keeps the step’s words otherwise', () => {
    const explained = explainFailure({
      ...base,
      kind: 'invalid',
      message: 'values refused. More.',
      retryable: false,
    });
    expect(explained).toEqual({
      headline: 'Install store (Helm) failed: values refused',
      cause: 'invalid',
      evidence: [],
      actions: [],
    });
  });

  it('keeps the note that evidence could not be read', () => {
    const explained = explainFailure({
      ...base,
      facts: { problems: [], notes: ['evidence could not be collected: x'] },
    });
    expect(explained.evidence).toEqual(['evidence could not be collected: x']);
  });
});

describe('foldEvidence and lastMeaningfulLine', () => {
  it('folds identical lines with their counts, in first-seen order', () => {
    expect(foldEvidence([{ text: 'a' }, { text: 'b', count: 2 }, { text: 'a' }])).toEqual([
      'a (x2)',
      'b (x2)',
    ]);
  });

  it('skips blank lines and shell traces, preferring the last error', () => {
    expect(lastMeaningfulLine('Error: one\nok\n+ exit 1\n')).toBe('Error: one');
    expect(lastMeaningfulLine('step one\nstep two\n\n')).toBe('step two');
    expect(lastMeaningfulLine('\n+ x\n')).toBeUndefined();
  });
});
