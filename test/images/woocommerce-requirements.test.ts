/**
 * images/woocommerce/check-requirements.sh, which the image build runs on the unpacked WooCommerce and
 * Storefront: replayed with bash against stand-in document roots (wp-includes/version.php as WordPress ships
 * it, plugin and theme headers and readme.txt as wordpress.org packages them), and its place in the Dockerfile.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { repoRoot } from '@store-platform/test-cluster';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { readDockerfile } from './dockerfile.js';

const run = promisify(execFile);
const script = path.join(repoRoot, 'images', 'woocommerce', 'check-requirements.sh');

const versionPhp = (version: string) =>
  `<?php\n/**\n * WordPress Version\n *\n * @global string $wp_version\n */\n$wp_version = '${version}';\n\n$wp_db_version = 60421;\n`;
const pluginPhp = (version: string, requires: string) =>
  [
    '<?php',
    '/**',
    ' * Plugin Name: WooCommerce',
    ' * Plugin URI: https://woocommerce.com/',
    ' * Version: ' + version,
    ' * Author: Automattic',
    ' * Requires at least: ' + requires,
    ' * Requires PHP: 7.4',
    ' *',
    ' * @package WooCommerce',
    ' */',
    '',
    "defined( 'ABSPATH' ) || exit;",
  ].join('\n');
const readme = (version: string, requires: string) =>
  [
    '=== WooCommerce ===',
    'Contributors: automattic',
    `Requires at least: ${requires}`,
    'Tested up to: 6.9',
    `Stable tag: ${version}`,
    '',
  ].join('\r\n');
const styleCss = (requires: string) =>
  `/*\nTheme Name: Storefront\nVersion: 4.6.2\nRequires at least: ${requires}\nRequires PHP: 7.4\n*/\n`;

describe('check-requirements.sh (replayed on stand-in document roots)', () => {
  let root: string;
  const plugin = () => path.join(root, 'wp-content/plugins/woocommerce/woocommerce.php');
  const pluginReadme = () => path.join(root, 'wp-content/plugins/woocommerce/readme.txt');
  const theme = () => path.join(root, 'wp-content/themes/storefront/style.css');

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'wp-root-'));
    await mkdir(path.join(root, 'wp-includes'));
    await mkdir(path.dirname(plugin()), { recursive: true });
    await mkdir(path.dirname(theme()), { recursive: true });
    await writeFile(path.join(root, 'wp-includes/version.php'), versionPhp('6.9.4'));
    await writeFile(pluginReadme(), readme('10.9.4', '6.8'));
    await writeFile(theme(), styleCss('5.6'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const check = (...files: string[]) =>
    run('bash', [script, root, ...files]).then(
      ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        output: e.stdout + e.stderr,
      }),
    );

  it('passes when every component runs on the image’s WordPress', async () => {
    await writeFile(plugin(), pluginPhp('10.9.4', '6.8'));
    const result = await check(plugin(), pluginReadme(), theme());
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('WordPress 6.9.4');
    expect(result.output).toContain('WooCommerce 10.9.4 requires WordPress 6.8 or later');
    expect(result.output).toContain('Storefront 4.6.2 requires WordPress 5.6 or later');
  });

  it('fails the build naming both versions when WooCommerce needs a newer WordPress', async () => {
    await writeFile(plugin(), pluginPhp('11.0.0', '7.0'));
    const result = await check(plugin(), theme());
    expect(result.code).toBe(1);
    expect(result.output).toContain(
      `WooCommerce 11.0.0 requires WordPress 7.0 or later ("Requires at least" in ${plugin()}), but the image has WordPress 6.9.4`,
    );
  });

  it('reads readme.txt too (CRLF line ends), where the plugin header says nothing', async () => {
    await writeFile(plugin(), pluginPhp('10.9.4', '6.8').replace(/^ \* Requires at least.*\n/m, ''));
    await writeFile(pluginReadme(), readme('11.0.0', '7.0'));
    const result = await check(plugin(), pluginReadme());
    expect(result.code).toBe(1);
    expect(result.output).toContain('no "Requires at least" in');
    expect(result.output).toContain('WooCommerce 11.0.0 requires WordPress 7.0 or later');
  });

  it('ignores other headers that end the same way ("WC requires at least")', async () => {
    await writeFile(
      plugin(),
      pluginPhp('9.0.0', '6.5').replace(' * Requires PHP', ' * WC requires at least: 99.0\n * Requires PHP'),
    );
    expect((await check(plugin())).code).toBe(0);
  });

  it.each([
    ['6.9.4', 0],
    ['6.9', 0],
    ['6.9.5', 1],
    ['6.10', 1],
    ['7', 1],
    ['5.9.12', 0],
  ])('compares versions as dotted numbers: requires %s on 6.9.4 exits %i', async (requires, code) => {
    await writeFile(plugin(), pluginPhp('10.9.4', requires));
    expect((await check(plugin())).code).toBe(code);
  });

  it('refuses input it cannot read (exit 2), rather than passing', async () => {
    await writeFile(path.join(root, 'wp-includes/version.php'), versionPhp('6.9-RC1'));
    const notRelease = await check(theme());
    expect(notRelease.code).toBe(2);
    expect(notRelease.output).toContain('cannot read a release version from');
    await writeFile(path.join(root, 'wp-includes/version.php'), versionPhp('6.9.4'));
    await writeFile(plugin(), pluginPhp('10.9.4', 'six'));
    expect((await check(plugin())).code).toBe(2);
    expect((await check(path.join(root, 'missing.php'))).code).toBe(2);
  });
});

describe('images/woocommerce/Dockerfile', () => {
  const file = readDockerfile(path.join(repoRoot, 'images', 'woocommerce', 'Dockerfile'));
  const build = file.stages.find((s) => s.name === 'build');

  it('checks WooCommerce and Storefront against the WordPress it builds on, once they are unpacked', () => {
    const body = build?.body ?? [];
    const copy = body.findIndex((i) => i.keyword === 'COPY' && i.args.startsWith('check-requirements.sh '));
    const runs = body.findIndex((i) => i.keyword === 'RUN' && /\bcheck-requirements "\$root"/.test(i.args));
    expect(copy, 'COPY check-requirements.sh in the build stage').toBeGreaterThanOrEqual(0);
    expect(runs).toBeGreaterThan(copy);
    const args = body[runs]?.args ?? '';
    const after = args.slice(args.indexOf('check-requirements "$root"'));
    for (const target of [
      'plugins/woocommerce/woocommerce.php',
      'plugins/woocommerce/readme.txt',
      'themes/storefront/style.css',
    ])
      expect(after).toContain(target);
    // The zips are unpacked (and checked) before the requirements are read.
    expect(args.indexOf('unzip_to /tmp/storefront.zip')).toBeLessThan(
      args.indexOf('check-requirements "$root"'),
    );
  });

  it('bakes in what the official entrypoint would otherwise write at start (read-only root in the chart)', () => {
    const last =
      file.stages
        .at(-1)
        ?.body.filter((i) => i.keyword === 'RUN')
        .at(-1)?.args ?? '';
    for (const test of [
      'test -f /var/www/html/index.php',
      'test -f /var/www/html/wp-includes/version.php',
      'test -s /var/www/html/wp-config.php',
      'test -f /var/www/html/.htaccess',
    ])
      expect(last).toContain(test);
  });
});
