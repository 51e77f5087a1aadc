import type { EngineId, RotationKind } from '@store-platform/contracts';

import { credentialsSecretOf } from './naming.js';

/** The database user of version 1 (the chart's MYSQL_USER and WORDPRESS_DB_USER), when a version names none. */
export const firstDatabaseUser = 'wordpress';

/** The label a rotated Secret carries with its version number. */
export const secretVersionLabel = 'store-platform.io/secret-version';

/** Name of version `version` of the store's credentials: v1 the first Secret, then `{store}-credentials-v{N}`. */
export const secretNameOf = (store: string, version: number) =>
  version === 1 ? credentialsSecretOf(store) : `${credentialsSecretOf(store)}-v${version}`;

/** The database user a version's credentials name. */
export const databaseUserOf = (data: Record<string, string>) => data['db-user'] || firstDatabaseUser;

/** The WordPress salts' Secret keys (helm-charts/store-instance storeInstance.wordpressSalts). */
export const wordpressSaltKeys = [
  'wp-auth-key',
  'wp-secure-auth-key',
  'wp-logged-in-key',
  'wp-nonce-key',
  'wp-auth-salt',
  'wp-secure-auth-salt',
  'wp-logged-in-salt',
  'wp-nonce-salt',
] as const;

/**
 * Why `what` cannot be rotated on a store of `engine`, or undefined when it can. Medusa's database user is created
 * by its PostgreSQL image and named in DATABASE_URL; the backup image's `rotate-db-user` speaks MariaDB/MySQL only,
 * and Medusa has no wp-cli to set an administrator password with: both are rotated by hand there (docs/operations.md).
 */
export function rotationRefusal(engine: EngineId, what: RotationKind): string | undefined {
  if (engine !== 'medusa' || what === 'salts') return undefined;
  return what === 'database'
    ? 'a Medusa store’s database password cannot be rotated by the platform yet: its PostgreSQL user is the image’s own and rotate-db-user speaks MySQL only (see docs/operations.md, "Secret rotation")'
    : 'a Medusa store’s administrator password cannot be rotated by the platform yet: it is set through Medusa’s admin, not wp-cli (see docs/operations.md, "Secret rotation")';
}

/**
 * The credentials of version `next`: a copy of the current ones with what `what` renews drawn anew by `random`.
 * Every version names its database user (`db-user`), as the chart reads it from version 2 on.
 */
export function rotatedCredentials(
  what: RotationKind,
  engine: EngineId,
  current: Record<string, string>,
  next: number,
  random: (length: number) => string,
): Record<string, string> {
  const data: Record<string, string> = { ...current };
  if (engine === 'woocommerce') data['db-user'] = databaseUserOf(current);
  if (what === 'database') {
    // MySQL user names are at most 32 characters; wp_r{N} stays far below.
    data['db-user'] = `wp_r${next}`;
    data['db-password'] = random(32);
  } else if (what === 'admin') {
    data['admin-password'] = random(24);
  } else {
    const keys = engine === 'woocommerce' ? wordpressSaltKeys : (['jwt-secret', 'cookie-secret'] as const);
    for (const key of keys) data[key] = random(64);
  }
  return data;
}
