import type { DatabaseClient } from './database.js';
import type { Command } from './run.js';
import { mysqlIdentifier, mysqlString } from './sql.js';

/**
 * WordPress's table prefix in the store chart: it sets no WORDPRESS_TABLE_PREFIX, so the WordPress image's
 * wp-config.php uses its default `wp_`.
 */
export const wordpressTablePrefix = 'wp_';

/** The statement that points WordPress at `siteUrl` (a clone under a new host): `home` and `siteurl`. */
export function siteUrlStatement(siteUrl: string, prefix = wordpressTablePrefix): string {
  const table = mysqlIdentifier(`${prefix}options`);
  return `UPDATE ${table} SET option_value = ${mysqlString(siteUrl)} WHERE option_name IN ('home', 'siteurl');`;
}

/** The command that rewrites the site URL of a WordPress database. */
export const siteUrlCommand = (db: DatabaseClient, siteUrl: string): Command =>
  db.query(siteUrlStatement(siteUrl));
