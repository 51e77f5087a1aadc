/**
 * The store's `helm test` pod (helm-charts/store-instance templates/tests): what it asks for, rendered by the
 * real helm, and for WooCommerce its check replayed with sh against a stand-in wget that answers as WordPress
 * does: the REST API index (JSON with escaped slashes, as wp_json_encode writes it), or a failure as busybox
 * wget reports one (exit 1, "server returned error" or a connection refused after following a redirect).
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { find, render, type Rendered } from './helm.js';

const run = promisify(execFile);
const base = { 'store.name': 'my-store' };
const testPod = async (values: Record<string, string>) =>
  find(await render('store-instance', { ...base, ...values }), 'Pod', 'my-store-test-storefront');

/** The REST API index of a store at `host` whose active plugins registered `namespaces`. */
const index = (host: string, namespaces: string[]) =>
  JSON.stringify({
    name: 'my-store',
    url: `https://${host}`,
    home: `https://${host}`,
    namespaces,
    routes: {},
  }).replaceAll('/', '\\/');

describe('store-instance helm test pod (rendered)', () => {
  it('WooCommerce: asks the app Service for the REST API index, which WordPress never redirects', async () => {
    const pod = await testPod({ 'store.engine': 'woocommerce' });
    const [container] = pod.spec.containers;
    const env = Object.fromEntries(container.env.map((e: Rendered) => [e.name, e.value]));
    expect(env).toEqual({
      URL: 'http://my-store-app:8080/wp-json/',
      STORE_HOST: 'my-store.127.0.0.1.nip.io',
    });
    expect(container.command.slice(0, 2)).toEqual(['sh', '-c']);
    expect(pod.spec.automountServiceAccountToken).toBe(false);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
  });

  it('WooCommerce: expects the host the store is served at', async () => {
    const pod = await testPod({ 'store.engine': 'woocommerce', 'ingress.host': 'shop.example.com' });
    const env = Object.fromEntries(pod.spec.containers[0].env.map((e: Rendered) => [e.name, e.value]));
    expect(env.STORE_HOST).toBe('shop.example.com');
  });

  it('Medusa: asks the server for /health', async () => {
    const pod = await testPod({ 'store.engine': 'medusa' });
    expect(pod.spec.containers[0].command).toEqual([
      'wget',
      '--spider',
      '--timeout=10',
      'http://my-store-app:9000/health',
    ]);
  });
});

describe('store-instance helm test check (replayed with a stand-in wget)', () => {
  let dir: string;
  let script: string;
  let podEnv: Record<string, string>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'storefront-test-'));
    const [container] = (await testPod({ 'store.engine': 'woocommerce' })).spec.containers;
    script = container.command[2];
    podEnv = Object.fromEntries(container.env.map((e: Rendered) => [e.name, e.value]));
    // busybox wget: -q -O - prints the body; an error status or an unreachable redirect exits 1.
    await writeFile(
      path.join(dir, 'wget'),
      `#!/bin/sh
printf '%s\\n' "$*" > "$STAND_IN_DIR/wget.args"
if [ -n "\${STAND_IN_ERROR:-}" ]; then echo "wget: $STAND_IN_ERROR" >&2; exit 1; fi
cat "$STAND_IN_DIR/body"
`,
    );
    await chmod(path.join(dir, 'wget'), 0o755);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const check = async (body: string, error = '') => {
    await writeFile(path.join(dir, 'body'), body);
    const env = {
      ...podEnv,
      PATH: `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      STAND_IN_DIR: dir,
      STAND_IN_ERROR: error,
    };
    return run('sh', ['-c', script], { env }).then(
      ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        output: e.stdout + e.stderr,
      }),
    );
  };

  it('passes for this store’s index with WooCommerce’s Store API', async () => {
    const result = await check(
      index('my-store.127.0.0.1.nip.io', ['oembed/1.0', 'wc/store/v1', 'wc/v3', 'wp/v2']),
    );
    expect(result).toEqual({
      code: 0,
      output: expect.stringContaining('the store answers with WooCommerce active'),
    });
  });

  it('fails when WooCommerce is not active', async () => {
    const result = await check(index('my-store.127.0.0.1.nip.io', ['oembed/1.0', 'wp/v2']));
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('wc/store/v1) is not in the index');
  });

  it('fails when the index is another site’s', async () => {
    const result = await check(index('other.example.com', ['wc/store/v1']));
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('does not name the store');
  });

  it('fails when the answer is not the REST API index (e.g. the installer page)', async () => {
    const result = await check('<!DOCTYPE html><html><title>WordPress &rsaquo; Installation</title>');
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('not the WordPress REST API index');
  });

  it('fails with wget’s reason when the request fails (a redirect to a port the Service lacks)', async () => {
    const result = await check('', "can't connect to remote host (10.96.0.12): Connection refused");
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('Connection refused');
  });
});
