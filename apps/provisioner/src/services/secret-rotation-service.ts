import type { RotateSecretsRequest, SecretVersionView, StoreView } from '@store-platform/contracts';

import { PlatformError } from '../domain/errors.js';
import { rotationRefusal } from '../domain/secret-rotation.js';
import type { Store } from '../domain/store.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { StoreRepository } from '../ports/store-repository.js';
import { storeView } from './views.js';

/**
 * The API's side of secret rotation (services/provisioning/rotate-flow.ts does the work): starts a
 * `rotate-secrets` operation on a running store, made from the version the caller saw (If-Match), and lists the
 * versions of the store's credentials, never their values.
 */
export class SecretRotationService {
  constructor(
    private readonly repository: StoreRepository,
    private readonly queue: JobQueue,
    private readonly baseDomain: string,
  ) {}

  /** Starts a rotation of `request.what`; 202 with the queued operation, 422 where the engine has none. */
  async rotate(
    name: string,
    request: RotateSecretsRequest,
    actor: string,
    expectedVersion: number,
  ): Promise<StoreView> {
    const existing = await this.existing(name);
    const refusal = rotationRefusal(existing.engine, request.what);
    if (refusal) throw new PlatformError('rotation_not_supported', refusal, { what: request.what });
    const { store, operation } = await this.repository.startOperation({
      name,
      kind: 'rotate-secrets',
      actor,
      expectedVersion,
      request: { ...request },
    });
    await this.queue.enqueue({ operationId: operation.id, storeName: store.name });
    await this.repository.appendActivity({
      actor,
      action: 'rotate-secrets',
      store: name,
      result: 'accepted',
      detail: request.what,
    });
    return storeView(store, operation, this.baseDomain);
  }

  /** The store's credentials versions, newest first: version 1 is the one its create made. */
  async versions(name: string): Promise<SecretVersionView[]> {
    const store = await this.existing(name);
    const current = store.secretVersion ?? 1;
    const rotated = await this.repository.listSecretVersions(name);
    return [
      ...rotated.map((v) => ({
        version: v.version,
        what: v.what,
        createdAt: v.at.toISOString(),
        createdBy: v.actor,
        current: v.version === current,
      })),
      {
        version: 1,
        what: null,
        createdAt: store.createdAt.toISOString(),
        createdBy: store.createdBy,
        current: current === 1,
      },
    ];
  }

  private async existing(name: string): Promise<Store> {
    const store = await this.repository.getStore(name);
    if (!store) throw new PlatformError('not_found', `no store named "${name}"`);
    return store;
  }
}
