/**
 * `rotate-db-user` against a real MariaDB (Debian's packages): a second user made with the shop's rights, then the
 * old one dropped; the passwords never appear in the output.
 */
import { mariaDbClient, startLocalMariaDb, type LocalMariaDb } from '@store-platform/test-cluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCli } from './cli.js';

let mariadb: LocalMariaDb;
const oldPassword = 'old-pw-1';
const newPassword = 'n3w \'pw\' "quoted" \\ ;';

beforeAll(async () => {
  mariadb = await startLocalMariaDb();
  await mariadb.sql(
    `CREATE DATABASE rot_shop; CREATE USER 'rot_shop'@'%' IDENTIFIED BY '${oldPassword}';
     GRANT ALL PRIVILEGES ON rot_shop.* TO 'rot_shop'@'%';
     CREATE TABLE rot_shop.wp_options (option_name varchar(191) PRIMARY KEY, option_value longtext);
     INSERT INTO rot_shop.wp_options VALUES ('blogname', 'Rotating shop');`,
  );
});

afterAll(async () => {
  await mariadb?.stop();
});

const asUser = (user: string, password: string, sql: string) =>
  mariaDbClient({ host: mariadb.host, port: mariadb.port, user, password, database: 'rot_shop' }, sql);

const env = () => ({
  DB_HOST: mariadb.host,
  DB_PORT: String(mariadb.port),
  DB_NAME: 'rot_shop',
  DB_ROOT_PASSWORD: mariadb.rootPassword,
});

describe('store-backup rotate-db-user (MariaDB)', () => {
  it('creates a user that can use the shop while the old one still works, then drops the old one', async () => {
    const create = { ...env(), NEW_DB_USER: 'rot_shop_v2', NEW_DB_PASSWORD: newPassword };
    const created = await runCli(['rotate-db-user', 'create'], create);
    expect(created.code, created.stderr).toBe(0);
    const read = "SELECT option_value FROM wp_options WHERE option_name = 'blogname'";
    expect(await asUser('rot_shop_v2', newPassword, read)).toBe('Rotating shop\n');
    // The new user has the shop's rights, writes included.
    await asUser('rot_shop_v2', newPassword, "INSERT INTO wp_options VALUES ('rotated', 'yes')");
    expect(
      await asUser(
        'rot_shop',
        oldPassword,
        "SELECT option_value FROM wp_options WHERE option_name = 'rotated'",
      ),
    ).toBe('yes\n');
    // Run again (a retried Job): still fine, still one user.
    const again = await runCli(['rotate-db-user', 'create'], create);
    expect(again.code, again.stderr).toBe(0);
    expect(await mariadb.sql("SELECT COUNT(*) FROM mysql.user WHERE user = 'rot_shop_v2'")).toBe('1\n');

    const dropped = await runCli(['rotate-db-user', 'drop'], { ...env(), OLD_DB_USER: 'rot_shop' });
    expect(dropped.code, dropped.stderr).toBe(0);
    await expect(asUser('rot_shop', oldPassword, 'SELECT 1')).rejects.toThrow(
      /Access denied for user 'rot_shop'/,
    );
    expect(await asUser('rot_shop_v2', newPassword, read)).toBe('Rotating shop\n');
    // Dropping again is not an error (a retried Job).
    expect((await runCli(['rotate-db-user', 'drop'], { ...env(), OLD_DB_USER: 'rot_shop' })).code).toBe(0);

    for (const result of [created, again, dropped]) {
      expect(result.stdout + result.stderr).not.toContain(newPassword);
      expect(result.stdout + result.stderr).not.toContain(mariadb.rootPassword);
    }
  });

  it('refuses postgres, a missing setting and a wrong root password in plain words', async () => {
    const postgres = await runCli(['rotate-db-user', 'create'], {
      ...env(),
      DB_KIND: 'postgres',
      NEW_DB_USER: 'x',
      NEW_DB_PASSWORD: 'y',
    });
    expect(postgres.code).toBe(2);
    expect(postgres.stderr).toContain('not supported for postgres yet');

    const missing = await runCli(['rotate-db-user', 'create'], { ...env(), NEW_DB_USER: 'rot_x' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('NEW_DB_PASSWORD');

    const wrong = await runCli(['rotate-db-user', 'create'], {
      ...env(),
      DB_ROOT_PASSWORD: 'not-the-root-password',
      NEW_DB_USER: 'rot_x',
      NEW_DB_PASSWORD: 'whatever-pw',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("Access denied for user 'root'");
    expect(wrong.stderr).not.toContain('not-the-root-password');
    expect(await mariadb.sql("SELECT COUNT(*) FROM mysql.user WHERE user = 'rot_x'")).toBe('0\n');
  });
});
