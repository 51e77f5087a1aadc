import { describe, expect, it } from 'vitest';

import { backupEnvSchema, readEnv, restoreEnvSchema, rotateEnvSchema } from './config.js';
import type { ToolError } from './errors.js';

const common = {
  STORE_NAME: 'shop',
  ENGINE: 'woocommerce',
  DB_KIND: 'mysql',
  DB_HOST: 'shop-mysql.store-shop.svc',
  DB_PORT: '3306',
  DB_NAME: 'wordpress',
  DB_USER: 'wordpress',
  DB_PASSWORD: 'secret-pw',
  S3_ENDPOINT: 'http://store-platform-backup-store.store-platform.svc:8080',
  S3_BUCKET: 'store-backups',
  S3_REGION: 'us-east-1',
  S3_PREFIX: '',
  S3_FORCE_PATH_STYLE: 'true',
  AWS_ACCESS_KEY_ID: 'key',
  AWS_SECRET_ACCESS_KEY: 'secret-key',
};

/** The usage error readEnv throws for `env`. */
function failure(schema: Parameters<typeof readEnv>[0], env: Record<string, string>): ToolError {
  try {
    readEnv(schema, env);
  } catch (error) {
    return error as ToolError;
  }
  throw new Error('readEnv accepted the environment');
}

describe('readEnv', () => {
  it('reads a backup Job’s environment with typed values', () => {
    const env = readEnv(backupEnvSchema, {
      ...common,
      BACKUP_ID: '20261203-1200-ab12',
      ENGINE_VERSION: '6.9.4-wc10.9.4',
      CHART_VALUES_JSON: '{"plan":"small"}',
    });
    expect(env).toMatchObject({
      DB_PORT: 3306,
      S3_FORCE_PATH_STYLE: true,
      S3_PREFIX: '',
    });
    expect(env.UPLOADS_DIR).toBeUndefined();
    expect(env.CHART_VALUES_JSON).toEqual({ plan: 'small' });
  });

  it('names every missing or wrong variable, exit 2, and never echoes a value', () => {
    const error = failure(backupEnvSchema, {
      ...common,
      DB_HOST: '',
      DB_PORT: 'x',
      ENGINE: 'magento',
      DB_PASSWORD: 'secret-pw',
      CHART_VALUES_JSON: '{not json',
    });
    expect(error.exitCode).toBe(2);
    for (const part of [
      'DB_HOST is not set',
      'DB_PORT',
      'ENGINE',
      'BACKUP_ID is not set',
      'CHART_VALUES_JSON must be a JSON document',
    ]) {
      expect(error.message).toContain(part);
    }
    expect(error.message).not.toContain('secret');
  });

  it('treats an empty optional variable as absent (how a Job passes it)', () => {
    const env = readEnv(restoreEnvSchema, {
      ...common,
      UPLOADS_DIR: '',
      SITE_URL: '',
      BACKUP_KEY: 'stores/shop/b1/',
    });
    expect(env.UPLOADS_DIR).toBeUndefined();
    expect(env.SITE_URL).toBeUndefined();
  });

  it('wants BACKUP_KEY to be a backup folder', () => {
    expect(
      failure(restoreEnvSchema, { ...common, BACKUP_KEY: 'stores/shop/b1/archive.tar.gz' }).message,
    ).toContain('BACKUP_KEY must be the prefix');
  });

  it('rotation defaults to MariaDB/MySQL and needs only the database and root password', () => {
    const env = readEnv(rotateEnvSchema, {
      DB_HOST: 'db',
      DB_PORT: '3306',
      DB_NAME: 'wordpress',
      DB_ROOT_PASSWORD: 'r',
    });
    expect(env.DB_KIND).toBe('mysql');
  });
});
