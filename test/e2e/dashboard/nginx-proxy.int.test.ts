/**
 * The dashboard image's nginx, replayed on this machine: the server configuration the store-platform chart
 * renders (`dashboard.nginxConf`, from the requirements' local install command) under Debian's nginx, serving the
 * production build (apps/dashboard/dist) and proxying /api/ to a real provisioner (with the run's PostgreSQL and
 * the local control plane). Only what must differ on a host is rewritten: the listen address, the provisioner's
 * address, the root folder, and the paths the image keeps under /tmp.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { StoreView } from '@store-platform/contracts';
import { freePort, waitFor } from '@store-platform/test-cluster';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import {
  createDatabase,
  startProvisioner,
  type ProvisionerProcess,
} from '../../../apps/provisioner/test/provisioner-process.js';
import { collectEvents, type ReceivedEvent } from '../../../apps/provisioner/test/event-stream.js';
import { find } from '../../charts/helm.js';
import { renderCommand } from '../../charts/store-platform-commands.js';
import { dashboardDist, requireDashboardBuild } from './served-dashboard.js';

const nginxBinary = '/usr/sbin/nginx';

let provisioner: ProvisionerProcess;
let nginx: ChildProcess;
let nginxOutput = '';
let dir: string;
let base: string;

/** Replaces `from` (which must occur exactly once) in the rendered configuration, so a changed template fails here. */
function rewrite(conf: string, from: string, to: string): string {
  const found = conf.split(from).length - 1;
  if (found !== 1)
    throw new Error(`expected "${from}" once in the chart's nginx configuration, found ${found}`);
  return conf.replace(from, to);
}

/**
 * The image's /etc/nginx/nginx.conf (nginx-unprivileged: the official image's, without `user`, with its pid and
 * temporary files under /tmp), with those paths in `dir` and in the foreground; it includes the chart's server.
 */
const mainConf = (dir: string) => `daemon off;
worker_processes 1;
error_log stderr notice;
pid ${dir}/nginx.pid;
events {
  worker_connections 1024;
}
http {
  proxy_temp_path ${dir}/proxy_temp;
  client_body_temp_path ${dir}/client_temp;
  fastcgi_temp_path ${dir}/fastcgi_temp;
  uwsgi_temp_path ${dir}/uwsgi_temp;
  scgi_temp_path ${dir}/scgi_temp;
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${dir}/access.log;
  sendfile on;
  keepalive_timeout 65;
  include ${dir}/conf.d/*.conf;
}
`;

async function startNginx(provisionerUrl: string): Promise<string> {
  const all = await renderCommand('local');
  const rendered = find(all, 'ConfigMap', 'store-platform-dashboard').data?.['default.conf'] ?? '';
  const port = await freePort();
  let conf = rewrite(rendered, 'listen 8080;', `listen 127.0.0.1:${port};`);
  conf = rewrite(conf, 'server store-platform-provisioner:8080;', `server ${new URL(provisionerUrl).host};`);
  conf = rewrite(conf, 'root /usr/share/nginx/html;', `root ${dashboardDist};`);
  dir = await mkdtemp(path.join(os.tmpdir(), 'dashboard-nginx-'));
  // Run as root, nginx's workers drop to `nobody`, which must reach the temporary folders nginx makes here.
  await chmod(dir, 0o755);
  await mkdir(path.join(dir, 'conf.d'));
  await writeFile(path.join(dir, 'conf.d', 'default.conf'), conf);
  await writeFile(path.join(dir, 'nginx.conf'), mainConf(dir));
  // setpriv --pdeathsig: nginx dies with the test runner, even if a timed-out test never stops it.
  nginx = spawn(
    'setpriv',
    ['--pdeathsig', 'KILL', '--', nginxBinary, '-e', 'stderr', '-p', dir, '-c', path.join(dir, 'nginx.conf')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  nginx.stdout?.on('data', (chunk: Buffer) => (nginxOutput += chunk.toString()));
  nginx.stderr?.on('data', (chunk: Buffer) => (nginxOutput += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor('nginx to answer /healthz', async () => {
    if (nginx.exitCode !== null) throw new Error(`nginx exited with code ${nginx.exitCode}:\n${nginxOutput}`);
    const response = await fetch(`${url}/healthz`).catch(() => undefined);
    return response?.ok ? true : undefined;
  });
  return url;
}

beforeAll(async () => {
  requireDashboardBuild();
  const databaseUrl = await createDatabase(inject('databaseUrl'), 'nginx_proxy');
  provisioner = await startProvisioner({ DATABASE_URL: databaseUrl });
  base = await startNginx(provisioner.url);
});
afterAll(async () => {
  if (nginx && nginx.exitCode === null && nginx.signalCode === null) {
    const exited = once(nginx, 'exit');
    nginx.kill('SIGTERM'); // fast shutdown: an open event stream would hold up a graceful one
    await exited;
  }
  await provisioner?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

type Received = ReceivedEvent<StoreView>;

/** What the browser may load for the dashboard: its own files and API, nothing inline, never framed. */
const contentSecurityPolicy =
  "default-src 'self'; style-src-elem 'self' 'unsafe-inline'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'";

/** Reads server-sent events from `url` into `events`, each with the time it arrived, until `signal` aborts. */
async function listen(url: string, cookie: string, events: Received[], signal: AbortSignal): Promise<void> {
  // The stream opens with a comment at once: a proxy that holds it back would leave the headers waiting too.
  const opened = new AbortController();
  const timer = setTimeout(() => opened.abort(new Error(`${url} sent no response within 5 s`)), 5000);
  const response = await fetch(url, {
    headers: { cookie, 'accept-encoding': 'gzip' },
    signal: AbortSignal.any([signal, opened.signal]),
  }).finally(() => clearTimeout(timer));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  void collectEvents(response, events);
}

describe('the dashboard image’s nginx configuration, rendered from the chart', () => {
  it('serves the production build: the app, its deep links, its assets and /healthz', async () => {
    const index = await readFile(path.join(dashboardDist, 'index.html'), 'utf8');
    for (const page of ['/', '/stores/foo', '/stores/foo?tab=activity']) {
      const response = await fetch(`${base}${page}`);
      expect(response.status, page).toBe(200);
      expect(response.headers.get('content-type'), page).toContain('text/html');
      // index.html is checked again on every visit, so a new release is picked up at once.
      expect(response.headers.get('cache-control'), page).toBe('no-cache');
      expect(response.headers.get('x-frame-options'), page).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), page).toBe('nosniff');
      expect(response.headers.get('content-security-policy'), page).toBe(contentSecurityPolicy);
      expect(response.headers.get('referrer-policy'), page).toBe('no-referrer');
      expect(await response.text(), page).toBe(index);
    }
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1];
    expect(script, 'index.html loads a script from /assets/').toBeDefined();
    const asset = await fetch(`${base}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('application/javascript');
    // Hashed names: cached for good.
    expect(asset.headers.get('cache-control')).toBe('max-age=315360000');
    expect((await asset.text()).length).toBeGreaterThan(1000);

    const health = await fetch(`${base}/healthz`);
    expect([health.status, await health.text()]).toEqual([200, 'ok\n']);
    // /api/ is the provisioner's, not the app's: an API path it does not know is its JSON 404, not index.html.
    const unknown = await fetch(`${base}/api/v1/no-such-thing`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/json');
  });

  it('signs in and creates a store through /api/, and streams Provisioning -> Running as it happens', async () => {
    const signedOut = await fetch(`${base}/api/v1/stores`);
    expect(signedOut.status).toBe(401);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: provisioner.adminPassword }),
    });
    expect(login.status).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/=/);

    // The same stream through nginx and straight from the provisioner: each event must reach the browser when
    // the provisioner sends it, not when a buffer fills or the stream ends.
    const proxied: Received[] = [];
    const direct: Received[] = [];
    const stop = new AbortController();
    try {
      await Promise.all([
        listen(`${base}/api/v1/stream`, cookie, proxied, stop.signal),
        listen(`${provisioner.url}/api/v1/stream`, cookie, direct, stop.signal),
      ]);
      const created = await fetch(`${base}/api/v1/stores`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({ name: 'proxied-shop', engine: 'woocommerce', plan: 'basic' }),
      });
      expect(created.status).toBe(202);
      const isRunning = (e: Received) => e.event === 'store' && e.data.status === 'running';
      const seen = (events: Received[]) => events.map((e) => `${e.event} ${e.data.status}`).join(', ');
      await waitFor('Running on the provisioner’s own stream', async () => direct.find(isRunning), {
        timeoutMs: 150_000,
      }).catch(async (error: unknown) => {
        const { body } = await provisioner.api.store('proxied-shop');
        throw new Error(`${String(error)}; events: ${seen(direct)}; the store: ${JSON.stringify(body)}`);
      });
      // Through nginx at the same moment, not when a buffer fills or the stream ends.
      await waitFor('Running through nginx, at most a second later', async () => proxied.find(isRunning), {
        timeoutMs: 1000,
      }).catch((error: unknown) => {
        throw new Error(`${String(error)}; through nginx so far: ${seen(proxied)}`);
      });
      // One event per change on each stream (each reads the store when told of a change, so two quick changes
      // may show the same state): the i-th events of both streams are the same change.
      await waitFor('both streams to have every change', async () =>
        direct.length === proxied.length ? true : undefined,
      );
      expect(proxied[0]?.data.status).toBe('provisioning');
      // Several steps went by, over a while: a buffering proxy would have held the early ones back.
      expect(proxied.length).toBeGreaterThan(3);
      expect((proxied.at(-1)?.at ?? 0) - (proxied[0]?.at ?? 0)).toBeGreaterThan(500);
      const lags = proxied.map((e, i) => e.at - (direct[i]?.at ?? 0));
      console.log(
        `${proxied.length} events through nginx, each behind the provisioner's own by ${lags.join(', ')} ms`,
      );
      for (const lag of lags) expect(lag).toBeLessThan(250);

      // Deleting is a write too; its end arrives on the stream.
      const deleted = await fetch(`${base}/api/v1/stores/proxied-shop`, {
        method: 'DELETE',
        headers: { cookie, 'x-csrf-token': csrfToken },
      });
      expect(deleted.status).toBe(202);
      await waitFor(
        'store-deleted through nginx',
        async () => proxied.find((e) => e.event === 'store-deleted' && e.data.name === 'proxied-shop'),
        { timeoutMs: 120_000 },
      );
    } finally {
      stop.abort();
    }
  });
});
