import { describe, expect, it } from 'vitest';

import { InMemoryJobQueue } from '../../test/doubles/in-memory-job-queue.js';
import { InMemoryStoreRepository } from '../../test/doubles/in-memory-store-repository.js';
import { StoreService } from './store-service.js';

const settings = {
  MEDUSA_ENABLED: false,
  MAX_STORES: 100,
  MAX_STORES_PER_USER: 20,
  BASE_DOMAIN: '127.0.0.1.nip.io',
  PLATFORM_INSTANCE: 'store-platform',
  PLATFORM_NAMESPACE: 'store-platform',
};
const limits = { total: 100, perUser: 20 };

/** A store whose create (a clone of `fromBackup` when given) failed. */
async function failedStore(fromBackup?: string) {
  const repository = new InMemoryStoreRepository();
  const { operation } = await repository.createStore({
    name: 'copy',
    engine: 'woocommerce',
    plan: 'basic',
    actor: 'olivia',
    limits,
    ...(fromBackup ? { request: { fromBackup } } : {}),
  });
  await repository.finishOperation(operation.id, { phase: 'failed', storeStatus: 'failed' });
  return { repository, service: new StoreService(repository, new InMemoryJobQueue(), settings) };
}

describe('retry of a failed store', () => {
  it('retries a failed clone as a clone: the same backup is restored again, with its restore step', async () => {
    const { repository, service } = await failedStore('b-123');
    await service.retry('copy', 'olivia');
    const retry = await repository.latestOperation('copy');
    expect(retry?.kind).toBe('retry');
    expect(retry?.request).toEqual({ fromBackup: 'b-123' });
    expect(retry?.steps.map((s) => s.name)).toContain('restore');
  });

  it('retries a plain create as a plain create', async () => {
    const { repository, service } = await failedStore();
    await service.retry('copy', 'olivia');
    const retry = await repository.latestOperation('copy');
    expect(retry?.request ?? null).toBeNull();
    expect(retry?.steps.map((s) => s.name)).not.toContain('restore');
  });
});
