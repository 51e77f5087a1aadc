/**
 * The local backup store as helm-charts/store-platform renders it, run for real: the pinned rclone (built by
 * `make tools`, the version of the chart's image) started with the rendered Deployment's init container, then its
 * server's arguments and environment, expanded as the kubelet expands them (secretKeyRef from the rendered
 * Secret, then `$(VAR)`), over a temporary folder in place of the claim. Signed S3 requests (curl --aws-sigv4)
 * with the Secret's key are served; other keys and unsigned requests are refused.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { freePort, toolsBinDir, waitFor } from '@store-platform/test-cluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { chartPath, find, renderWith, type K8sObject, type Rendered } from './helm.js';

const run = promisify(execFile);
const rclone = path.join(toolsBinDir(), 'rclone');

/** A container's environment as the kubelet gives it: secretKeyRef from `secrets`, then `$(VAR)` expanded. */
function containerEnv(container: Rendered, secrets: K8sObject[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of container.env ?? []) {
    const ref = entry.valueFrom?.secretKeyRef;
    if (ref) {
      const data = find(secrets, 'Secret', ref.name).data?.[ref.key];
      env[entry.name] = Buffer.from(data ?? '', 'base64').toString();
    } else {
      env[entry.name] = String(entry.value).replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (all, name: string) =>
        name in env ? (env[name] ?? '') : all,
      );
    }
  }
  return env;
}

/** The rendered arguments with the claim's mount path moved to `data`, and the listen address to `addr`. */
const localArgs = (args: string[], data: string, addr: string) =>
  args.map((arg) => arg.replace(/^\/data(?=\/|$)/, data).replace(/^:8080$/, addr));

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });

describe('the local backup store, run from its rendered manifest', () => {
  let dir = '';
  let server: ChildProcess | undefined;
  let endpoint = '';
  let key = { id: '', secret: '' };

  /** An S3 request signed with `credentials` (or unsigned); resolves with the HTTP status and body. */
  async function s3(
    method: string,
    url: string,
    credentials?: { id: string; secret: string },
    body?: string,
  ) {
    // S3 signs the payload's hash too, which this curl sends only when given as a header.
    const hash = createHash('sha256')
      .update(body ?? '')
      .digest('hex');
    const signing = credentials
      ? [
          ...['--aws-sigv4', 'aws:amz:us-east-1:s3', '--user', `${credentials.id}:${credentials.secret}`],
          ...['-H', `x-amz-content-sha256: ${hash}`],
        ]
      : [];
    const data = body === undefined ? [] : ['--data-binary', body];
    const { stdout } = await run('curl', [
      '-s',
      '-X',
      method,
      ...signing,
      ...data,
      '-w',
      '\n%{http_code}',
      `${endpoint}${url}`,
    ]);
    const lines = stdout.split('\n');
    return { status: Number(lines.pop()), body: lines.join('\n') };
  }

  beforeAll(async () => {
    const all = await renderWith(
      'store-platform',
      ['-f', path.join(chartPath('store-platform'), 'values-local.yaml')],
      { release: 'store-platform', namespace: 'store-platform' },
    );
    const pod = find(all, 'Deployment', 'store-platform-backup-store').spec.template.spec;
    const secrets = all.filter((o) => o.kind === 'Secret');
    dir = await mkdtemp(path.join(tmpdir(), 'backup-store-'));
    const data = path.join(dir, 'data');
    const port = await freePort();
    const addr = `127.0.0.1:${port}`;
    endpoint = `http://${addr}`;

    // The init container makes the bucket's folder on the (here empty) claim.
    const [init] = pod.initContainers;
    await run(rclone, localArgs(init.args, data, addr), {
      env: { ...containerEnv(init, secrets), HOME: dir },
    });

    const [container] = pod.containers;
    const env = containerEnv(container, secrets);
    key = { id: env.ACCESS_KEY_ID ?? '', secret: env.SECRET_ACCESS_KEY ?? '' };
    server = spawn(rclone, localArgs(container.args, data, addr), {
      env: { ...env, HOME: dir },
      stdio: 'ignore',
    });
    await waitFor(`rclone serve s3 on ${addr}`, async () => {
      if (server?.exitCode !== null) throw new Error(`rclone exited with ${String(server?.exitCode)}`);
      return (await accepts(port)) || undefined;
    });
  });

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('serves the bucket with the generated key, and writes objects as files on the claim', async () => {
    expect(key.id).toMatch(/^[A-Za-z0-9]{32}$/);
    const put = await s3('PUT', '/store-backups/stores/shop/b1/manifest.json', key, '{"format":1}');
    expect(put, put.body).toMatchObject({ status: 200 });
    // The query as SigV4 canonicalises it (slashes encoded), so that curl signs what the server checks.
    const list = await s3('GET', '/store-backups/?prefix=stores%2Fshop%2F', key);
    expect(list, list.body).toMatchObject({ status: 200 });
    expect(list.body).toContain('<Key>stores/shop/b1/manifest.json</Key>');
    // docs/operations.md "Where backups live": each object is a file of the volume, under the bucket's folder.
    const file = path.join(dir, 'data', 'store-backups', 'stores', 'shop', 'b1', 'manifest.json');
    expect(await readFile(file, 'utf8')).toBe('{"format":1}');
  });

  it('refuses unsigned requests and any other key', async () => {
    expect((await s3('GET', '/store-backups/')).status).toBe(403);
    expect((await s3('GET', '/store-backups/', { id: key.id, secret: 'not-the-secret' })).status).toBe(403);
    expect((await s3('GET', '/store-backups/', { id: 'someone', secret: key.secret })).status).toBe(403);
  });
});
