/**
 * storectl's recovery verbs against the real provisioner on the local control plane: `cancel` stops a create that
 * cannot finish (its database asks for more CPU than any node has: unschedulableDatabaseValues, basic plan only),
 * `wait` then ends with exit code 1 and the reason, `retry --plan standard` runs it again on a plan that fits and
 * ends Running, and `repair` installs the running store again.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { StoreView } from '@store-platform/contracts';
import { waitFor } from '@store-platform/test-cluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { apiClient } from '../../../apps/provisioner/test/api-client.js';
import {
  unschedulableDatabaseValues,
  useProvisioner,
} from '../../../apps/provisioner/test/provisioner-process.js';
import { bundleStorectl, followed, scriptStorectl } from './storectl-process.js';

let cli: Awaited<ReturnType<typeof bundleStorectl>>;
let home: string;
let token = '';
const settings: Record<string, string> = { OPERATION_TIMEOUT_SECONDS: '600' };

beforeAll(async () => {
  settings.STORE_VALUES_FILES = await unschedulableDatabaseValues('cli-stuck');
  cli = await bundleStorectl('recovery-test');
  home = await mkdtemp(path.join(os.tmpdir(), 'storectl-recovery-'));
});
afterAll(async () => {
  await cli?.remove();
  await rm(home, { recursive: true, force: true });
});
const provisioner = useProvisioner('storectl_recovery', settings);

const storectl = scriptStorectl(
  () => cli.bundle,
  () => home,
  () => provisioner().url,
  () => token,
);

describe('storectl cancel, retry and repair', () => {
  it('cancels a create that cannot finish, retries it on a plan that fits, and repairs it', async () => {
    token = await apiClient(provisioner().url).tokenFor('admin', provisioner().adminPassword);
    expect((await storectl(['stores', 'create', 'cli-stuck'])).code).toBe(0);
    await waitFor(
      'the install step to run',
      async () => {
        const { body } = await provisioner().api.store('cli-stuck');
        const install = (body as unknown as StoreView).operation?.steps.find((s) => s.name === 'install');
        return install?.status === 'running' ? true : undefined;
      },
      { timeoutMs: 60_000 },
    );
    const cancelled = await storectl(['stores', 'cancel', 'cli-stuck']);
    expect([cancelled.code, cancelled.stdout, cancelled.stderr]).toEqual([
      0,
      'cli-stuck: cancel requested\n',
      '',
    ]);
    const waited = await storectl(['stores', 'wait', 'cli-stuck', '--timeout', '120']);
    expect(waited.code).toBe(1);
    expect(waited.stderr).toMatch(/cli-stuck: failed.*Cancelled by admin/s);

    const running = await followed(storectl, ['stores', 'retry', 'cli-stuck', '--plan', 'standard']);
    expect([running.status, running.plan, running.operation?.kind]).toEqual(['running', 'standard', 'retry']);

    const after = await followed(storectl, ['stores', 'repair', 'cli-stuck']);
    expect([after.status, after.operation?.kind, after.operation?.phase]).toEqual([
      'running',
      'repair',
      'succeeded',
    ]);
  });
});
