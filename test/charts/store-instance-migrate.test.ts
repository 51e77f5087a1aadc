/**
 * The WooCommerce migrate Job's script (helm-charts/store-instance files/woocommerce/migrate.sh), replayed with bash
 * against stand-ins of the image's wp-cli and php: after an upgrade it applies the title and administrator e-mail
 * an update changed (STORE_TITLE, STORE_ADMIN_EMAIL), and only those set.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { find, render } from './helm.js';

const run = promisify(execFile);

/** Stand-ins: wp records its arguments and answers as an installed WordPress without WooCommerce active. */
const standIns = {
  wp: `#!/usr/bin/env bash
printf '%s\\n' "$*" >> "$STAND_IN_CALLS"
case "$*" in
  --version) echo 'WP-CLI 2.12.0' ;;
  *'core version'*) echo '6.9.4' ;;
  *'core is-installed'*) exit 0 ;;
  *'option get'*) echo '60421' ;;
  *'core update-db'*) echo 'Success: WordPress database already at latest db version 60421.' ;;
  *'plugin is-active'*) exit 1 ;;
  *'option update'*) echo 'Success: Updated option.' ;;
  *) echo "unexpected: wp $*" >&2; exit 1 ;;
esac
`,
  php: `#!/usr/bin/env bash
exit 0
`,
  id: `#!/usr/bin/env bash
echo 33
`,
};

describe('store-instance migrate script (replayed with stand-ins of wp-cli and php)', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'store-migrate-'));
    const all = await render('store-instance', { 'store.name': 'my-store' });
    const scripts = find(all, 'ConfigMap', 'my-store-scripts').data ?? {};
    for (const name of ['migrate.sh', 'lib.sh']) await writeFile(path.join(dir, name), scripts[name] ?? '');
    for (const [name, text] of Object.entries(standIns)) {
      await writeFile(path.join(dir, name), text);
      await chmod(path.join(dir, name), 0o755);
    }
    await writeFile(path.join(dir, 'wp-config.php'), '<?php\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const migrate = async (settings: Record<string, string>, label: string) => {
    const calls = path.join(dir, `calls-${label}`);
    await writeFile(calls, '');
    const env = {
      PATH: `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      WP_PATH: dir,
      STAND_IN_CALLS: calls,
      DB_WAIT_INTERVAL_SECONDS: '0',
      WORDPRESS_DB_HOST: 'my-store-db:3306',
      WORDPRESS_DB_NAME: 'wordpress',
      WORDPRESS_DB_USER: 'wordpress',
      WORDPRESS_DB_PASSWORD: 'DbPassw0rdDbPassw0rdDbPassw0rd12',
      ...settings,
    };
    const { stdout, stderr } = await run('bash', [path.join(dir, 'migrate.sh')], { env });
    return { output: stdout + stderr, calls: (await readFile(calls, 'utf8')).trim().split('\n') };
  };

  it('sets the title and the administrator e-mail an update changed', async () => {
    const { output, calls } = await migrate(
      { STORE_TITLE: 'Corner Shop', STORE_ADMIN_EMAIL: 'owner@example.com' },
      'set',
    );
    expect(calls).toContain(`--path=${dir} --no-color option update blogname Corner Shop`);
    expect(calls).toContain(`--path=${dir} --no-color option update admin_email owner@example.com`);
    expect(output).toContain("blogname set to 'Corner Shop'");
  });

  it('leaves both as the shop has them when no update set them', async () => {
    const { output, calls } = await migrate({}, 'unset');
    expect(calls.filter((c) => c.includes('option update'))).toEqual([]);
    expect(output).toContain('no title or administrator e-mail set: nothing to apply');
  });
});
