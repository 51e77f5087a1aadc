/**
 * How `make up` chooses where the platform runs (scripts/up.sh, scripts/lib.sh up_mode), against the real local
 * control plane of the integration run as the "kube context". Docker is left out through STORE_PLATFORM_DOCKER
 * naming a CLI that does not exist: the development machines and CI have no Docker daemon, and the kind path
 * itself needs one (README.md says it was not run here).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { repoRoot } from '@store-platform/test-cluster';
import { describe, expect, inject, it } from 'vitest';

const execFileAsync = promisify(execFile);
const noDocker = { STORE_PLATFORM_DOCKER: path.join(repoRoot, '.cluster', 'no-docker-here') };

/** Runs scripts/up.sh; resolves with its exit code, stdout and stderr whatever the code. */
async function up(args: string[], env: Record<string, string>) {
  const base = { ...process.env };
  delete base.STORE_PLATFORM_UP;
  return execFileAsync('bash', [path.join(repoRoot, 'scripts', 'up.sh'), ...args], {
    env: { ...base, ...noDocker, ...env },
    timeout: 60_000,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: error.code ?? -1,
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? '',
    }),
  );
}

describe('make up: where the platform runs', () => {
  it('installs into the kube context when its API server answers and there is no Docker', async () => {
    const result = await up(['--mode'], { KUBECONFIG: inject('kubeconfig') });
    expect(result).toMatchObject({ code: 0, stdout: 'cluster\n' });
    expect(result.stderr).toMatch(/no-docker-here is not installed; kube context '[^']+' answers/);
  });

  it('refuses a kube context that is not a cluster on this machine unless it is named', async () => {
    const result = await up([], { KUBECONFIG: inject('kubeconfig') });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('does not look like a cluster on this machine');
    expect(result.stderr).toContain('STORE_PLATFORM_UP=cluster make up');
  });

  it('runs the simulated mode when neither Docker nor a kube context answers', async () => {
    const result = await up(['--mode'], {
      KUBECONFIG: path.join(repoRoot, '.cluster', 'no-kubeconfig-here'),
    });
    expect(result).toMatchObject({ code: 0, stdout: 'simulated\n' });
    expect(result.stderr).toContain('and no kube context answers: the simulated mode');
  });

  it('takes the mode named by STORE_PLATFORM_UP, and says what it accepts otherwise', async () => {
    expect(await up(['--mode'], { STORE_PLATFORM_UP: 'kind' })).toMatchObject({ code: 0, stdout: 'kind\n' });
    const wrong = await up(['--mode'], { STORE_PLATFORM_UP: 'docker' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(
      "STORE_PLATFORM_UP must be kind, cluster, simulated or host, got 'docker'",
    );
  });
});
