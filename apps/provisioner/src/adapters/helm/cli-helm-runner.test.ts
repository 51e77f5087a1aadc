import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { CliHelmRunner } from './cli-helm-runner.js';

/**
 * A stand-in for the helm binary: it appends each command line to `calls`, and fails its first `failures` runs
 * with the words helm prints while the API server is down; then it answers an empty release list.
 */
async function fakeHelm(dir: string, failures: number): Promise<string> {
  const binary = path.join(dir, 'helm');
  await writeFile(
    binary,
    [
      '#!/bin/sh',
      `echo "$*" >> "${dir}/calls"`,
      `count=$(wc -l < "${dir}/calls")`,
      `if [ "$count" -le ${failures} ]; then`,
      '  echo \'Error: Kubernetes cluster unreachable: Get "https://127.0.0.1:6443/version": read tcp 127.0.0.1:5000->127.0.0.1:6443: read: connection reset by peer\' >&2',
      '  exit 1',
      'fi',
      'echo "[]"',
    ].join('\n'),
  );
  await chmod(binary, 0o755);
  return binary;
}

describe('CliHelmRunner while the API server restarts', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'helm-retry-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));
  const calls = async () => (await readFile(path.join(dir, 'calls'), 'utf8')).trim().split('\n');

  it('runs a read again until the cluster answers', async () => {
    const helm = new CliHelmRunner(await fakeHelm(dir, 2), 10_000);
    await expect(helm.status('shop', 'store-shop')).resolves.toBeUndefined();
    expect(await calls()).toHaveLength(3);
  });

  it('gives up after its retry time, saying the cluster was unreachable', async () => {
    const helm = new CliHelmRunner(await fakeHelm(dir, 100), 600);
    await expect(helm.status('shop', 'store-shop')).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringContaining('connection reset by peer'),
    });
  });

  it('does not run an install again: one cut mid-way leaves its release pending', async () => {
    const helm = new CliHelmRunner(await fakeHelm(dir, 1), 10_000);
    await expect(
      helm.upgradeInstall({
        release: 'shop',
        chart: '/charts/store-instance',
        namespace: 'store-shop',
        values: {},
        valuesFiles: [],
        timeoutSeconds: 60,
      }),
    ).rejects.toMatchObject({ kind: 'unavailable' });
    expect(await calls()).toHaveLength(1);
  });
});

describe('CliHelmRunner.unstick', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'helm-unstick-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  /** A stand-in helm whose release `shop` has the revisions `statuses` (oldest first); it logs each command. */
  async function helmWith(statuses: string[]): Promise<CliHelmRunner> {
    const history = statuses.map((status, i) => ({
      revision: i + 1,
      updated: '2026-12-04T10:00:00Z',
      status,
      chart: 'store-instance-0.1.0',
      app_version: '1',
      description: status,
    }));
    const binary = path.join(dir, 'helm');
    await writeFile(
      binary,
      [
        '#!/bin/sh',
        `echo "$*" >> "${dir}/calls"`,
        'case "$1" in',
        `  list) echo '${JSON.stringify([{ name: 'shop', status: statuses.at(-1) }])}' ;;`,
        `  history) echo '${JSON.stringify(history)}' ;;`,
        'esac',
      ].join('\n'),
    );
    await chmod(binary, 0o755);
    return new CliHelmRunner(binary, 1000);
  }
  const commands = async () =>
    (await readFile(path.join(dir, 'calls'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => line.split(' ')[0]);

  it('uninstalls a failed first install, which upgrade --install would refuse ("has no deployed releases")', async () => {
    await (await helmWith(['failed'])).unstick('shop', 'store-shop');
    expect(await commands()).toEqual(['list', 'list', 'history', 'uninstall']);
  });

  it('leaves a failed upgrade, which still has its deployed revision', async () => {
    await (await helmWith(['superseded', 'deployed', 'failed'])).unstick('shop', 'store-shop');
    expect(await commands()).not.toContain('uninstall');
  });
});
