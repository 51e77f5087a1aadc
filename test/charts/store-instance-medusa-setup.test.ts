/**
 * The Medusa store's setup Job (helm-charts/store-instance, engine medusa): how it renders (real helm, no
 * cluster), and its script replayed with bash against a stand-in of the image's Medusa CLI, which answers as
 * `medusa user` 2.21 does (packages/medusa/src/commands/user.ts upstream: success, or the error printed and
 * exit 1; a second user with the same e-mail is refused with "User with email: <e-mail>, already exists.").
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { chartPath, find, render, type K8sObject, type Rendered } from './helm.js';

const run = promisify(execFile);
const base = { 'store.name': 'my-store', 'store.engine': 'medusa' };
const selects = (policy: K8sObject, component: string) =>
  (policy.spec.podSelector.matchExpressions as Rendered[]).some((e: Rendered) =>
    e.values.includes(component),
  );

describe('store-instance Medusa setup Job (rendered)', () => {
  const objects = () => render('store-instance', base);
  const setupJob = async () => find(await objects(), 'Job', 'my-store-setup');

  it('is a hook after install and after every upgrade, deleted once it succeeded', async () => {
    const job = await setupJob();
    expect(job.metadata.annotations).toMatchObject({
      'helm.sh/hook': 'post-install,post-upgrade',
      'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
    });
    expect(job.metadata.labels?.['app.kubernetes.io/component']).toBe('setup');
    expect(job.spec.backoffLimit).toBe(2);
    expect(job.spec.activeDeadlineSeconds).toBe(600);
  });

  it('runs the setup script from the ConfigMap in the store image, as the server does', async () => {
    const all = await objects();
    const pod = find(all, 'Job', 'my-store-setup').spec.template.spec;
    const [container] = pod.containers;
    const server = find(all, 'Deployment', 'my-store-app').spec.template.spec.containers[0];
    expect(pod.containers).toHaveLength(1);
    expect(container.image).toBe(server.image);
    expect(container.command).toEqual(['bash', '/scripts/setup.sh']);
    // No workingDir: the CLI must run in the image's WORKDIR, /app, where the built project is.
    expect(container.workingDir).toBeUndefined();
    const volumes = Object.fromEntries(pod.volumes.map((v: Rendered) => [v.name, v]));
    expect(volumes.scripts.configMap.name).toBe('my-store-scripts');
    expect(volumes.tmp.emptyDir).toBeDefined();
    expect(container.volumeMounts).toEqual(
      expect.arrayContaining([
        { name: 'scripts', mountPath: '/scripts' },
        { name: 'tmp', mountPath: '/tmp' },
      ]),
    );
    const script = find(all, 'ConfigMap', 'my-store-scripts').data?.['setup.sh'];
    expect(script).toBe(
      await readFile(path.join(chartPath('store-instance'), 'files/medusa/setup.sh'), 'utf8'),
    );
  });

  it('gets the administrator and every secret from the credentials Secret, never as a literal', async () => {
    for (const [values, secret] of [
      [base, 'my-store-credentials'],
      [{ ...base, 'secrets.existingSecret': 'shop-keys' }, 'shop-keys'],
    ] as const) {
      const job = find(await render('store-instance', values), 'Job', 'my-store-setup');
      const env: Rendered[] = job.spec.template.spec.containers[0].env;
      const fromSecret = Object.fromEntries(
        env.filter((e) => e.valueFrom).map((e) => [e.name, e.valueFrom.secretKeyRef]),
      );
      expect(fromSecret).toEqual({
        STORE_ADMIN_EMAIL: { name: secret, key: 'admin-email' },
        STORE_ADMIN_PASSWORD: { name: secret, key: 'admin-password' },
        MEDUSA_DB_PASSWORD: { name: secret, key: 'db-password' },
        JWT_SECRET: { name: secret, key: 'jwt-secret' },
        COOKIE_SECRET: { name: secret, key: 'cookie-secret' },
      });
      const literal = Object.fromEntries(env.filter((e) => 'value' in e).map((e) => [e.name, e.value]));
      expect(literal.DATABASE_URL).toBe('postgres://medusa:$(MEDUSA_DB_PASSWORD)@my-store-db:5432/medusa');
      expect(literal.REDIS_URL).toBe('redis://my-store-cache:6379');
    }
  });

  it('runs restricted, without a service-account token, within the plan’s job resources', async () => {
    for (const plan of ['basic', 'standard', 'premium']) {
      const all = await render('store-instance', { ...base, 'store.plan': plan });
      const pod = find(all, 'Job', 'my-store-setup').spec.template.spec;
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.restartPolicy).toBe('Never');
      expect(pod.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 1000,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      const [container] = pod.containers;
      expect(container.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
      });
      // The same requests and limits as the init container that migrates (the plan's `job` preset).
      const init = find(all, 'Deployment', 'my-store-app').spec.template.spec.initContainers[0];
      expect(container.resources).toEqual(init.resources);
    }
  });

  it('may reach PostgreSQL and Redis through the NetworkPolicies, and not the internet', async () => {
    const policies = (await objects()).filter((o) => o.kind === 'NetworkPolicy');
    const policy = (name: string) => find(policies, 'NetworkPolicy', name);
    for (const [service, port] of [
      ['database', 5432],
      ['cache', 6379],
    ] as const) {
      const ingress = policy(`my-store-${service}-ingress`).spec.ingress[0];
      expect(ingress.ports).toEqual([{ protocol: 'TCP', port }]);
      expect(ingress.from[0].podSelector.matchExpressions[0].values).toContain('setup');
      const egress = policy(`my-store-${service}-clients-egress`);
      expect(selects(egress, 'setup')).toBe(true);
      expect(egress.spec.egress[0].ports).toEqual([{ protocol: 'TCP', port }]);
    }
    expect(selects(policy('my-store-internet-egress'), 'setup')).toBe(false);
  });
});

/**
 * A stand-in for the image's /app: medusa-config.js, and node_modules/@medusajs/cli/cli.js that records its
 * arguments and working directory, keeps its users in a file, and answers like `medusa user`.
 */
const standInCli = `
const fs = require('node:fs');
const state = process.env.STAND_IN_STATE;
fs.appendFileSync(state + '.calls', JSON.stringify({ cwd: process.cwd(), argv: process.argv.slice(2) }) + '\\n');
if (process.env.STAND_IN_FAIL) {
  console.error(new Error(process.env.STAND_IN_FAIL));
  process.exit(1);
}
const args = process.argv.slice(2);
const email = args[args.indexOf('--email') + 1];
const users = fs.existsSync(state) ? JSON.parse(fs.readFileSync(state, 'utf8')) : [];
console.log('info:    Loading modules (' + process.env.DATABASE_URL + ')');
if (users.includes(email)) {
  // As upstream: the create-users workflow throws, the command prints the error and exits 1.
  console.error({ message: 'User with email: ' + email + ', already exists.', name: 'Error', type: 'invalid_data' });
  process.exit(1);
}
fs.writeFileSync(state, JSON.stringify([...users, email]));
console.log('info:    User created successfully.');
process.exit(0);
`;

describe('store-instance Medusa setup script (replayed with a stand-in Medusa CLI)', () => {
  let dir: string;
  let appDir: string;
  let script: string;

  // What the pod runs: the script as the chart ships it in the ConfigMap.
  beforeAll(async () => {
    const all = await render('store-instance', base);
    script = path.join(await mkdtemp(path.join(tmpdir(), 'medusa-setup-script-')), 'setup.sh');
    await writeFile(script, find(all, 'ConfigMap', 'my-store-scripts').data?.['setup.sh'] ?? '');
  });
  afterAll(() => rm(path.dirname(script), { recursive: true, force: true }));
  const env = (extra: Record<string, string> = {}) => ({
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    MEDUSA_APP_DIR: appDir,
    STAND_IN_STATE: path.join(dir, 'users.json'),
    STORE_ADMIN_EMAIL: 'admin@my-store.127.0.0.1.nip.io',
    STORE_ADMIN_PASSWORD: 'Adm1nPassw0rdAdm1nPassw0',
    MEDUSA_DB_PASSWORD: 'DbPassw0rdDbPassw0rdDbPassw0rd12',
    DATABASE_URL: 'postgres://medusa:DbPassw0rdDbPassw0rdDbPassw0rd12@my-store-db:5432/medusa',
    REDIS_URL: 'redis://my-store-cache:6379',
    JWT_SECRET: 'jwt'.repeat(21),
    COOKIE_SECRET: 'cookie'.repeat(10),
    ...extra,
  });
  const setup = (extra?: Record<string, string>) =>
    run('bash', [script], { env: env(extra) }).then(
      ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        output: error.stdout + error.stderr,
      }),
    );
  const calls = async () =>
    (await readFile(path.join(dir, 'users.json.calls'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { cwd: string; argv: string[] });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'medusa-setup-'));
    appDir = path.join(dir, 'app');
    await mkdir(path.join(appDir, 'node_modules/@medusajs/cli'), { recursive: true });
    await writeFile(path.join(appDir, 'medusa-config.js'), 'module.exports = {};\n');
    await writeFile(path.join(appDir, 'node_modules/@medusajs/cli/cli.js'), standInCli);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates the administrator with `medusa user --email --password`, in the Medusa project', async () => {
    const first = await setup();
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain('[setup] administrator admin@my-store.127.0.0.1.nip.io created');
    expect(await calls()).toEqual([
      {
        cwd: appDir,
        argv: [
          'user',
          '--email',
          'admin@my-store.127.0.0.1.nip.io',
          '--password',
          'Adm1nPassw0rdAdm1nPassw0',
        ],
      },
    ]);
  });

  it('succeeds again when the administrator already exists (a rerun after an upgrade)', async () => {
    expect((await setup()).code).toBe(0);
    const again = await setup();
    expect(again.code, again.output).toBe(0);
    expect(again.output).toContain(
      'administrator admin@my-store.127.0.0.1.nip.io already exists: nothing to do',
    );
    expect(await calls()).toHaveLength(2);
  });

  it('fails on any other error, shows the CLI’s output and never prints a secret', async () => {
    const failed = await setup({
      STAND_IN_FAIL: 'connect ECONNREFUSED: postgres://medusa:DbPassw0rdDbPassw0rdDbPassw0rd12@my-store-db',
    });
    expect(failed.code).toBe(1);
    expect(failed.output).toContain('connect ECONNREFUSED: postgres://medusa:***@my-store-db');
    expect(failed.output).toContain('[setup] ERROR: medusa user failed (exit 1)');
    for (const secret of Object.values(env()).filter((v) => /Passw0rd|jwtjwt|cookiecookie/.test(v))) {
      expect(failed.output).not.toContain(secret);
    }
  });

  it('counts only a refusal that names its own administrator as done', async () => {
    const failed = await setup({ STAND_IN_FAIL: 'User with email: someone@example.com, already exists.' });
    expect(failed.code).toBe(1);
    expect(failed.output).toContain('[setup] ERROR: medusa user failed (exit 1)');
  });

  it('names the missing environment and does not call Medusa', async () => {
    const failed = await setup({ STORE_ADMIN_PASSWORD: '', JWT_SECRET: '' });
    expect(failed.code).toBe(1);
    expect(failed.output).toContain('[setup] ERROR: missing environment: STORE_ADMIN_PASSWORD JWT_SECRET');
    await expect(readFile(path.join(dir, 'users.json.calls'), 'utf8')).rejects.toThrow('ENOENT');
  });
});
