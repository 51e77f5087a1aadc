/**
 * `make up` on kind (scripts/up.sh), replayed with stand-ins for docker, kind, helm, kubectl and curl that log
 * each call (./sandbox.ts): what it runs, in which order, what it says, and what it refuses. Nothing here has
 * Docker, so the real kind path runs only in CI on GitHub's runners (.github/workflows/real-cluster.yml); this
 * replay checks the script's own logic: the charts are real (rendered by the pinned helm).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { callIndex, Sandbox, shells } from './sandbox.js';

describe.each(shells)('make up on kind, replayed ($name)', { timeout: 60_000 }, ({ bash }) => {
  let sandbox: Sandbox;
  afterEach(() => sandbox.remove());

  it('checks the pins, creates the cluster, builds and loads our images, pulls the store images in the node, installs, says the times', async () => {
    sandbox = new Sandbox({ bash });
    const result = await sandbox.run('up.sh', []);
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    const { calls } = result;
    const order = [
      'helm show chart ingress-nginx --repo https://kubernetes.github.io/ingress-nginx --version 4.15.1',
      'helm show chart cert-manager --repo https://charts.jetstack.io --version v1.21.2',
      'kind create cluster --name store-platform --image kindest/node:v1.37.0@sha256:',
      'docker build -f',
      'kind load docker-image store-platform/woocommerce:',
      'docker exec store-platform-control-plane crictl pull mysql:8.4.3',
      'helm upgrade --install ingress-nginx ingress-nginx',
      'helm upgrade --install cert-manager cert-manager',
      'helm upgrade --install store-platform',
    ].map((prefix) => [prefix, callIndex(calls, prefix)] as const);
    for (const [prefix, index] of order) expect(index, prefix).toBeGreaterThanOrEqual(0);
    expect(order.map(([, index]) => index)).toEqual(order.map(([, index]) => index).sort((a, b) => a - b));
    // Pulled images are never `kind load`ed (kind issue 3795); Medusa is off by default.
    expect(calls.filter((call) => call.startsWith('kind load')).join('\n')).not.toMatch(
      /mysql|postgres|redis/,
    );
    expect(calls.join('\n')).not.toContain('store-platform/medusa');
    // Docker and make are all it needs: no npm, no make tools, no Go.
    expect(calls.filter((call) => /^(npm|make|go) /.test(call))).toEqual([]);
    expect(result.stderr).toContain('plus a few minutes the first time while Docker pulls the node image');
    expect(result.stderr).toContain('about 10 minutes the first time');
    expect(result.stderr).toContain(
      'installing cert-manager v1.21.2 (namespace cert-manager): usually about a minute',
    );
    expect(result.stderr).toContain('dashboard.127.0.0.1.nip.io resolves on this machine');
    expect(result.stdout).toContain('Sign in:   admin / s3cret');
  });

  it('MEDUSA_ENABLED=true builds and loads the Medusa image, pulls its database and cache, and offers Medusa', async () => {
    sandbox = new Sandbox({ bash });
    const result = await sandbox.run('up.sh', [], { MEDUSA_ENABLED: 'true' });
    expect(result.code).toBe(0);
    expect(result.calls).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^docker build -f \S+\/images\/medusa\/Dockerfile -t store-platform\/medusa:/),
        expect.stringMatching(/^kind load docker-image store-platform\/medusa:\S+ --name store-platform$/),
        expect.stringMatching(/^docker exec store-platform-control-plane crictl pull postgres:/),
        expect.stringMatching(/^docker exec store-platform-control-plane crictl pull redis:/),
        expect.stringMatching(
          /^helm upgrade --install store-platform .* -f \S+\/scripts\/medusa-values\.yaml /,
        ),
      ]),
    );
  });

  it('stops before creating anything when the pinned cert-manager version is not published as a chart', async () => {
    sandbox = new Sandbox({ bash });
    const result = await sandbox.run('up.sh', [], { STANDIN_HELM_UNPUBLISHED: 'cert-manager' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '[up] error: chart cert-manager v1.21.2 (scripts/versions.env) cannot be had from https://charts.jetstack.io: Error: chart "cert-manager" version "v1.21.2" not found',
    );
    expect(callIndex(result.calls, 'kind create')).toBe(-1);
  });

  it('finishes, and says what to do, when this machine cannot resolve the nip.io name (DNS-rebind protection)', async () => {
    sandbox = new Sandbox({ bash });
    const result = await sandbox.run('up.sh', [], { STANDIN_DNS_EXIT: '6' });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'warning: this machine cannot resolve dashboard.127.0.0.1.nip.io (curl exit code 6, could not resolve host)',
    );
    expect(result.stderr).toContain('127.0.0.1 dashboard.127.0.0.1.nip.io');
    expect(result.stderr).toContain('a resolver without rebind protection');
    expect(result.stdout).toContain('Sign in:');
    // The name is tried as the browser would: without --resolve.
    expect(result.calls).toContain('curl -ks -o /dev/null --max-time 10 https://dashboard.127.0.0.1.nip.io/');
  });

  it('up.sh --check-dns answers on its own', async () => {
    sandbox = new Sandbox({ bash });
    const resolves = await sandbox.run('up.sh', ['--check-dns']);
    expect(resolves).toMatchObject({ code: 0 });
    expect(resolves.stderr).toContain('[up] dashboard.127.0.0.1.nip.io resolves on this machine');
    const dropped = await sandbox.run('up.sh', ['--check-dns'], { STANDIN_DNS_EXIT: '6' });
    expect(dropped).toMatchObject({ code: 0 });
    expect(dropped.stderr).toContain('cannot resolve dashboard.127.0.0.1.nip.io');
  });

  it('refuses the simulated mode on macOS and names Docker as the way there', async () => {
    sandbox = new Sandbox({ bash });
    const result = await sandbox.run('up.sh', [], { STORE_PLATFORM_UP: 'simulated', STANDIN_OS: 'Darwin' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('[up] error: the simulated mode runs only on Linux');
    expect(result.stderr).toContain(
      'this machine is Darwin. Start Docker (Docker Desktop, Colima or OrbStack)',
    );
    expect(result.calls.filter((call) => /^(npm|make) /.test(call))).toEqual([]);
  });

  it('the simulated mode on Linux prepares the host first: npm ci, the platform’s tools, the dashboard build', async () => {
    sandbox = new Sandbox({ bash });
    // npx is not among the stand-ins: the exec that follows fails, after the preparation this test looks at.
    const result = await sandbox.run('up.sh', [], { STORE_PLATFORM_UP: 'simulated' });
    expect(result.calls).toContain(`make -C ${sandbox.repo} deps platform-tools dashboard-build`);
    expect(result.stderr).toContain('make platform-tools (about 8 minutes the first time');
  });

  it('cluster-dump.sh writes objects, events and the logs of the platform and store pods (previous run too after a restart)', async () => {
    sandbox = new Sandbox({ bash });
    const out = path.join(sandbox.root, 'dump');
    const result = await sandbox.run('cluster-dump.sh', [out], { STANDIN_RESTARTS: '2' });
    expect(result.code).toBe(0);
    expect(result.calls).toEqual(
      expect.arrayContaining([
        'kubectl get all -A -o wide',
        'kubectl get events -A --sort-by=.lastTimestamp',
      ]),
    );
    expect(readdirSync(path.join(out, 'logs')).sort()).toEqual([
      'store-platform-store-platform-pod.log',
      'store-platform-store-platform-pod.previous.log',
      'store-shop-store-shop-pod.log',
      'store-shop-store-shop-pod.previous.log',
    ]);
    expect(readFileSync(path.join(out, 'logs', 'store-shop-store-shop-pod.log'), 'utf8')).toContain(
      'log of -n store-shop logs store-shop-pod --all-containers --prefix --timestamps',
    );
  });

  it('prints the mode it would take, with no Docker and no kubectl', async () => {
    sandbox = new Sandbox({ bash, omit: ['docker', 'kubectl'] });
    const result = await sandbox.run('up.sh', ['--mode']);
    expect(result).toMatchObject({ code: 0, stdout: 'simulated\n' });
    expect(result.stderr).toContain(
      'docker is not installed, and kubectl is not installed (no kube context to try): the simulated mode',
    );
  });
});
