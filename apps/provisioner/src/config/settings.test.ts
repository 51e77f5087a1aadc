import { describe, expect, it } from 'vitest';

import { loadSettings } from './settings.js';

describe('loadSettings', () => {
  it('applies the documented defaults', () => {
    const settings = loadSettings({ DATABASE_URL: 'postgres://platform@127.0.0.1:5432/platform' });
    expect(settings).toMatchObject({
      ROLE: 'all',
      PORT: 8080,
      WORKER_CONCURRENCY: 5,
      OPERATION_TIMEOUT_SECONDS: 600,
      MEDUSA_ENABLED: false,
      PLATFORM_INSTANCE: 'store-platform',
      PLATFORM_NAMESPACE: '',
    });
    expect(settings.STORE_CHART).toMatch(/helm-charts\/store-instance$/);
  });

  it('protects sign-in, sessions and streams by default', () => {
    const settings = loadSettings({ DATABASE_URL: 'postgres://platform@127.0.0.1:5432/platform' });
    expect(settings).toMatchObject({
      LOGIN_FAILURES_PER_USER: 5,
      LOGIN_FAILURES_PER_ADDRESS: 20,
      LOGIN_LOCKOUT_SECONDS: 30,
      LOGIN_LOCKOUT_MAX_SECONDS: 900,
      LOGIN_ATTEMPTS_PER_MINUTE: 60,
      LOGIN_HASH_CONCURRENCY: 2,
      CREDENTIAL_CREATES_PER_HOUR: 30,
      SESSION_IDLE_MINUTES: 30,
      SESSION_PURGE_INTERVAL_SECONDS: 600,
      STREAMS_PER_USER: 5,
      STREAM_RECHECK_SECONDS: 30,
      TRUSTED_PROXY_HOPS: 0,
    });
  });

  it('reads what an update may set: the allowed engine versions and whether uploads are shared', () => {
    const defaults = loadSettings({ DATABASE_URL: 'postgres://db/platform' });
    expect(defaults).toMatchObject({
      ENGINE_VERSIONS_WOOCOMMERCE: [],
      ENGINE_VERSIONS_MEDUSA: [],
      UPLOADS_ACCESS_MODE: 'ReadWriteOnce',
      UPDATE_TIMEOUT_SECONDS: 240,
    });
    const set = loadSettings({
      DATABASE_URL: 'postgres://db/platform',
      ENGINE_VERSIONS_WOOCOMMERCE: '6.9.4-wc10.9.4, 6.9.5-wc10.10.0,',
      UPLOADS_ACCESS_MODE: 'ReadWriteMany',
      UPDATE_TIMEOUT_SECONDS: '20',
    });
    expect(set.ENGINE_VERSIONS_WOOCOMMERCE).toEqual(['6.9.4-wc10.9.4', '6.9.5-wc10.10.0']);
    expect(set).toMatchObject({ UPLOADS_ACCESS_MODE: 'ReadWriteMany', UPDATE_TIMEOUT_SECONDS: 20 });
    expect(() =>
      loadSettings({ DATABASE_URL: 'postgres://db/platform', UPLOADS_ACCESS_MODE: 'ReadOnlyMany' }),
    ).toThrow('UPLOADS_ACCESS_MODE');
    expect(() =>
      loadSettings({ DATABASE_URL: 'postgres://db/platform', UPDATE_TIMEOUT_SECONDS: '300' }),
    ).toThrow('UPDATE_TIMEOUT_SECONDS: must leave room for an upgrade and its rollback');
  });

  it('refuses a first lockout longer than the longest', () => {
    expect(() =>
      loadSettings({
        DATABASE_URL: 'postgres://db/platform',
        LOGIN_LOCKOUT_SECONDS: '60',
        LOGIN_LOCKOUT_MAX_SECONDS: '30',
      }),
    ).toThrow('LOGIN_LOCKOUT_MAX_SECONDS: must be at least LOGIN_LOCKOUT_SECONDS');
  });

  it('refuses a pool too small for the worker concurrency', () => {
    expect(() =>
      loadSettings({
        DATABASE_URL: 'postgres://db/platform',
        WORKER_CONCURRENCY: '8',
        DATABASE_POOL_SIZE: '10',
      }),
    ).toThrow('DATABASE_POOL_SIZE: must be at least WORKER_CONCURRENCY + 3');
  });

  it('refuses an install name that cannot be a Helm release or a label value', () => {
    expect(() =>
      loadSettings({ DATABASE_URL: 'postgres://db/platform', PLATFORM_INSTANCE: 'Store_Platform' }),
    ).toThrow('PLATFORM_INSTANCE: must be a Helm release name');
  });

  it('gives API tokens 90 days by default and at most 365, and refuses a default above the maximum', () => {
    const settings = loadSettings({ DATABASE_URL: 'postgres://db/platform' });
    expect(settings).toMatchObject({ TOKEN_DEFAULT_TTL_DAYS: 90, TOKEN_MAX_TTL_DAYS: 365 });
    expect(() => loadSettings({ DATABASE_URL: 'postgres://db/platform', TOKEN_MAX_TTL_DAYS: '30' })).toThrow(
      'TOKEN_DEFAULT_TTL_DAYS: must not exceed TOKEN_MAX_TTL_DAYS',
    );
  });

  it('lists every bad setting in one message', () => {
    const load = () => loadSettings({ PORT: 'eighty', STOREFRONT_CHECK: 'yes' });
    expect(load).toThrow('PORT: Invalid input: expected number');
    expect(load).toThrow('DATABASE_URL: Invalid input: expected string, received undefined');
    expect(load).toThrow('STOREFRONT_CHECK: Invalid option: expected one of "true"|"false"');
  });
});
