/**
 * WordPress's scheduled events in a WooCommerce store (helm-charts/store-instance): WP-Cron off, a CronJob that
 * runs the due events with wp-cli instead. How it renders (real helm, no cluster), and its script replayed with
 * bash against stand-ins of the image's wp-cli and php, which answer as `wp core is-installed` (exit 0 or 1)
 * and `wp cron event run --due-now` ("Success: Executed a total of N cron events.") do upstream.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { find, podSpecs, render, type K8sObject, type Rendered } from './helm.js';

const run = promisify(execFile);
const base = { 'store.name': 'my-store', 'store.engine': 'woocommerce' };
const cronJob = (all: K8sObject[]) => find(all, 'CronJob', 'my-store-cron');
const envOf = (spec: Rendered) =>
  Object.fromEntries(
    (spec.containers[0].env as { name: string; value?: string }[]).map((e) => [e.name, e.value]),
  );

describe('store-instance WordPress cron (rendered)', () => {
  it('runs the due events every 5 minutes, one run at a time, bounded, with the last runs kept', async () => {
    const cron = cronJob(await render('store-instance', base));
    expect(cron.metadata.labels?.['app.kubernetes.io/component']).toBe('cron');
    expect(cron.spec).toMatchObject({
      schedule: '*/5 * * * *',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: expect.any(Number),
      successfulJobsHistoryLimit: 1,
      failedJobsHistoryLimit: 1,
      jobTemplate: { spec: { backoffLimit: 0, activeDeadlineSeconds: 300 } },
    });
    const pod = cron.spec.jobTemplate.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.containers[0].command).toEqual(['bash', '/scripts/cron.sh']);
  });

  it('follows cron.schedule and cron.activeDeadlineSeconds', async () => {
    const all = await render('store-instance', {
      ...base,
      'cron.schedule': '* * * * *',
      'cron.activeDeadlineSeconds': 50,
    });
    expect(cronJob(all).spec.schedule).toBe('* * * * *');
    expect(cronJob(all).spec.jobTemplate.spec.activeDeadlineSeconds).toBe(50);
  });

  it('turns WP-Cron off in every WordPress container, as the CronJob replaces it', async () => {
    const all = await render('store-instance', base);
    const wordpress = podSpecs(all).filter(
      ({ owner }) => owner.kind !== 'StatefulSet' && owner.kind !== 'Pod',
    );
    expect(wordpress.map(({ owner }) => `${owner.kind}/${owner.metadata.name}`).sort()).toEqual([
      'CronJob/my-store-cron',
      'Deployment/my-store-app',
      'Job/my-store-migrate',
      'Job/my-store-setup',
    ]);
    for (const { owner, spec } of wordpress) {
      // The image's wp-config.php evaluates WORDPRESS_CONFIG_EXTRA (wp-config-docker.php of the official image).
      expect(envOf(spec).WORDPRESS_CONFIG_EXTRA, owner.metadata.name).toBe(
        "define( 'DISABLE_WP_CRON', true );",
      );
    }
  });

  it('with cron.enabled false, leaves WP-Cron on and renders no CronJob', async () => {
    const all = await render('store-instance', { ...base, 'cron.enabled': false });
    expect(all.filter((o) => o.kind === 'CronJob')).toEqual([]);
    for (const { spec } of podSpecs(all)) expect(envOf(spec)).not.toHaveProperty('WORDPRESS_CONFIG_EXTRA');
  });

  it('has no CronJob in a Medusa store (its worker runs scheduled jobs)', async () => {
    const all = await render('store-instance', { ...base, 'store.engine': 'medusa' });
    expect(all.filter((o) => o.kind === 'CronJob')).toEqual([]);
  });

  it('runs like the setup Job: restricted, read-only root, no token, job resources, uploads on an app node', async () => {
    const all = await render('store-instance', { ...base, 'store.plan': 'standard' });
    const pod = cronJob(all).spec.jobTemplate.spec.template.spec;
    const setup = find(all, 'Job', 'my-store-setup').spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toEqual(setup.securityContext);
    expect(pod.affinity).toEqual(setup.affinity);
    const [container] = pod.containers;
    expect(container.image).toBe(setup.containers[0].image);
    expect(container.resources).toEqual(setup.containers[0].resources);
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, runAsNonRoot: true });
    expect(envOf(pod)).toMatchObject({ HOME: '/tmp', WORDPRESS_DB_HOST: 'my-store-db:3306' });
    expect(container.volumeMounts).toEqual(
      expect.arrayContaining([
        { name: 'scripts', mountPath: '/scripts' },
        { name: 'uploads', mountPath: '/var/www/html/wp-content/uploads' },
        { name: 'tmp', mountPath: '/tmp' },
      ]),
    );
    const volumes = Object.fromEntries(pod.volumes.map((v: Rendered) => [v.name, v]));
    expect(volumes.uploads.persistentVolumeClaim.claimName).toBe('my-store-uploads');
    expect(volumes.scripts.configMap.name).toBe('my-store-scripts');
    expect(find(all, 'ConfigMap', 'my-store-scripts').data?.['cron.sh']).toContain(
      'cron event run --due-now',
    );
  });

  it.each([
    [{ 'cron.schedule': 'every 5 minutes' }, "at '/cron/schedule'"],
    [{ 'cron.schedule': 'TZ=UTC */5 * * * *' }, "at '/cron/schedule'"],
    [{ 'cron.activeDeadlineSeconds': 5 }, "at '/cron/activeDeadlineSeconds': minimum"],
  ])('refuses %j', async (values, message) => {
    await expect(render('store-instance', { ...base, ...values })).rejects.toThrow(message);
  });
});

/** Stand-ins of the image's commands: wp (records its arguments), php (the database probe) and id. */
const standIns = {
  wp: `#!/usr/bin/env bash
printf '%s\\n' "$*" >> "$STAND_IN_CALLS"
case "$*" in
  --version) echo 'WP-CLI 2.12.0' ;;
  *'core is-installed'*) exit "$STAND_IN_INSTALLED" ;;
  *'cron event run --due-now'*)
    echo "Executed the cron event 'action_scheduler_run_queue' in 0.412s."
    echo "Success: Executed a total of 1 cron event." ;;
  *) echo "unexpected: wp $*" >&2; exit 1 ;;
esac
`,
  php: `#!/usr/bin/env bash
[ "$STAND_IN_DB" = up ] || { echo "(2002) Connection refused" >&2; exit 1; }
`,
  id: `#!/usr/bin/env bash
echo 33
`,
};

describe('store-instance cron script (replayed with stand-ins of wp-cli and php)', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'store-cron-'));
    const scripts = find(await render('store-instance', base), 'ConfigMap', 'my-store-scripts').data ?? {};
    for (const name of ['cron.sh', 'lib.sh']) await writeFile(path.join(dir, name), scripts[name] ?? '');
    for (const [name, text] of Object.entries(standIns)) {
      await writeFile(path.join(dir, name), text);
      await chmod(path.join(dir, name), 0o755);
    }
    await writeFile(path.join(dir, 'wp-config.php'), '<?php\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const cron = async (stand: { installed: boolean; db: 'up' | 'down' }) => {
    const calls = path.join(dir, `calls-${String(stand.installed)}-${stand.db}`);
    await writeFile(calls, '');
    const env = {
      PATH: `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      WP_PATH: dir,
      STAND_IN_CALLS: calls,
      STAND_IN_INSTALLED: stand.installed ? '0' : '1',
      STAND_IN_DB: stand.db,
      DB_WAIT_INTERVAL_SECONDS: '0',
      WORDPRESS_DB_HOST: 'my-store-db:3306',
      WORDPRESS_DB_NAME: 'wordpress',
      WORDPRESS_DB_USER: 'wordpress',
      WORDPRESS_DB_PASSWORD: 'DbPassw0rdDbPassw0rdDbPassw0rd12',
    };
    const result = await run('bash', [path.join(dir, 'cron.sh')], { env }).then(
      ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        output: error.stdout + error.stderr,
      }),
    );
    return { ...result, calls: (await readFile(calls, 'utf8')).trim().split('\n') };
  };

  it('runs every due event (Action Scheduler’s queue runner among them) once WordPress is installed', async () => {
    const { code, output, calls } = await cron({ installed: true, db: 'up' });
    expect(output).toContain('[cron]   Success: Executed a total of 1 cron event.');
    expect(code).toBe(0);
    expect(calls).toContain(`--path=${dir} --no-color cron event run --due-now`);
    expect(output).not.toContain('DbPassw0rd');
  });

  it('succeeds without running anything before the setup Job has installed WordPress', async () => {
    const { code, output, calls } = await cron({ installed: false, db: 'up' });
    expect(code).toBe(0);
    expect(output).toContain('WordPress is not installed yet');
    expect(calls.filter((c) => c.includes('cron event run'))).toEqual([]);
  });

  it('fails, saying so, when the database does not answer within its few attempts', async () => {
    const { code, output, calls } = await cron({ installed: true, db: 'down' });
    expect(code).not.toBe(0);
    expect(output).toContain('did not accept connections after 6 attempts');
    expect(calls.filter((c) => c.includes('cron event run'))).toEqual([]);
  });
});
