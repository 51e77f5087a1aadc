import { describe, expect, it } from 'vitest';

import { recordingWorld } from '../../../test/doubles/provisioning-world.js';
import { ClusterError } from '../../domain/errors.js';
import type { CreateStep } from '../../domain/operation.js';
import { Skipped, StepFailed } from './step-recorder.js';

/** A recorder on a fresh create operation, with the world's fake clock and log. */
async function recorder() {
  const { world, steps } = await recordingWorld();
  const saved = (step: CreateStep) =>
    world.repository.savedSteps.map((s) => s.steps.find((x) => x.name === step));
  return { world, steps, saved };
}

describe('StepRecorder', () => {
  it('saves a step as running, then done with its message, with the times of the clock', async () => {
    const { world, steps, saved } = await recorder();
    const start = world.clock.now();
    await steps.run('preflight', async () => {
      world.clock.advance(4000);
      return 'capacity: 8.0 CPU and 16.0 GiB free';
    });

    // Two saves: the UI saw the step running before it saw it done.
    expect(saved('preflight')).toEqual([
      {
        name: 'preflight',
        title: 'Pre-flight checks',
        status: 'running',
        message: null,
        startedAt: start,
        finishedAt: null,
      },
      {
        name: 'preflight',
        title: 'Pre-flight checks',
        status: 'done',
        message: 'capacity: 8.0 CPU and 16.0 GiB free',
        startedAt: start,
        finishedAt: new Date(start.getTime() + 4000),
      },
    ]);
  });

  it('saves a step that had nothing to do as skipped, with the reason', async () => {
    const { steps, saved } = await recorder();
    await steps.run('storefront', async () => new Skipped('skipped: the storefront check is off'));

    expect(saved('storefront').at(-1)).toMatchObject({
      status: 'skipped',
      message: 'skipped: the storefront check is off',
    });
  });

  it('fails a step with the short reason for users; the raw cause goes to the log only', async () => {
    const { world, steps, saved } = await recorder();
    const raw = {
      statusCode: 403,
      body: 'namespaces "store-shop" is forbidden: User "system:serviceaccount:..."',
    };
    const failure = steps.run('namespace', async () => {
      throw new ClusterError('forbidden', 'the provisioner is not allowed to create the namespace', {
        cause: raw,
      });
    });

    await expect(failure).rejects.toThrow(StepFailed);
    await expect(failure).rejects.toMatchObject({
      kind: 'forbidden',
      message: 'Create namespace failed: the provisioner is not allowed to create the namespace',
    });
    expect(saved('namespace').at(-1)).toMatchObject({
      status: 'failed',
      message: 'the provisioner is not allowed to create the namespace',
    });
    expect(JSON.stringify(world.repository.savedSteps)).not.toContain('system:serviceaccount');
    expect(world.logged).toEqual([
      {
        message: 'operation step failed',
        fields: {
          operationId: expect.any(String),
          step: 'namespace',
          reason: 'the provisioner is not allowed to create the namespace',
          err: raw,
        },
      },
    ]);
  });

  it('runs only the steps of its operation’s plan', async () => {
    const { steps } = await recorder();
    // A delete's step is not a create's: the compiler refuses it, and so does the recorder if it is forced.
    // @ts-expect-error 'uninstall' is a DeleteStep, not a CreateStep
    await expect(steps.run('uninstall', async () => 'done')).rejects.toThrow(
      'operation has no step "uninstall"',
    );
  });
});
