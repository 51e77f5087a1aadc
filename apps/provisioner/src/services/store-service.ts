import { createHash } from 'node:crypto';

import {
  catalogProblem,
  type CreateStoreRequest,
  type DeletedStoreView,
  type PlanId,
  type StoreCatalog,
  type StoreView,
} from '@store-platform/contracts';

import type { Settings } from '../config/settings.js';
import { engines } from '../domain/catalog.js';
import type { DeleteRequest } from '../domain/deletion.js';
import { PlatformError } from '../domain/errors.js';
import { catalogOf, cloneSourceOf, type Operation } from '../domain/operation.js';
import { platformNameClash } from '../domain/ownership.js';
import type { Store } from '../domain/store.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { ActivityFilter, StoreFilter, StoreRepository } from '../ports/store-repository.js';
import { notConfigured } from './backup-service.js';
import { storeView } from './views.js';

/** Refuses (422) a catalog the platform cannot load: for another engine than WooCommerce, or a name twice. */
function checkCatalog(engine: CreateStoreRequest['engine'], catalog: StoreCatalog): void {
  if (engine !== 'woocommerce') {
    throw new PlatformError('invalid_catalog', 'a starter catalog is loaded into WooCommerce stores only', {
      field: 'catalog',
    });
  }
  const problem = catalogProblem(catalog);
  if (problem) {
    throw new PlatformError('invalid_catalog', `catalog.products.${problem.index}.name: ${problem.message}`, {
      field: `catalog.products.${problem.index}.name`,
    });
  }
}

/** What a create keeps with its operation for the worker (and for a retry): a clone's backup, a starter catalog. */
function keptRequest(fromBackup: string | undefined, catalog: StoreCatalog | undefined) {
  if (!fromBackup && !catalog) return undefined;
  return { ...(fromBackup ? { fromBackup } : {}), ...(catalog ? { catalog } : {}) };
}

type ServiceSettings = Pick<
  Settings,
  | 'MEDUSA_ENABLED'
  | 'MAX_STORES'
  | 'MAX_STORES_PER_USER'
  | 'BASE_DOMAIN'
  | 'PLATFORM_INSTANCE'
  | 'PLATFORM_NAMESPACE'
> &
  // Absent: no version is a choice (tests that do not update stores).
  Partial<Pick<Settings, 'ENGINE_VERSIONS_WOOCOMMERCE' | 'ENGINE_VERSIONS_MEDUSA'>>;

/** The API's use cases: every write records an operation, queues it and answers at once. */
export class StoreService {
  constructor(
    private readonly repository: StoreRepository,
    private readonly queue: JobQueue,
    private readonly settings: ServiceSettings,
    /** Refuses a clone's backup that cannot be used (BackupService.cloneSource); absent: backups are off. */
    private readonly cloneSource?: (backup: string, engine: CreateStoreRequest['engine']) => Promise<void>,
  ) {}

  engines() {
    return engines.map((engine) => ({
      ...engine,
      // The versions an update may set (the platform chart's store.engineVersions).
      versions: [
        ...(engine.id === 'woocommerce'
          ? (this.settings.ENGINE_VERSIONS_WOOCOMMERCE ?? [])
          : (this.settings.ENGINE_VERSIONS_MEDUSA ?? [])),
      ],
      availability:
        engine.id === 'medusa' && !this.settings.MEDUSA_ENABLED
          ? ('coming_soon' as const)
          : ('available' as const),
    }));
  }

  async create(request: CreateStoreRequest, actor: string, idempotencyKey?: string): Promise<StoreView> {
    const clash = platformNameClash(request.name, {
      namespace: this.settings.PLATFORM_NAMESPACE,
      release: this.settings.PLATFORM_INSTANCE,
    });
    if (clash) throw new PlatformError('validation_failed', clash, { field: 'name' });
    if (request.engine === 'medusa' && !this.settings.MEDUSA_ENABLED) {
      throw new PlatformError(
        'engine_coming_soon',
        'MedusaJS stores are coming soon; choose WooCommerce for now',
        { field: 'engine' },
      );
    }
    if (request.catalog) checkCatalog(request.engine, request.catalog);
    if (request.fromBackup) {
      if (!this.cloneSource) throw notConfigured();
      await this.cloneSource(request.fromBackup, request.engine);
    }
    const idempotency = idempotencyKey
      ? {
          key: idempotencyKey,
          requestHash: createHash('sha256').update(JSON.stringify(request)).digest('hex'),
        }
      : undefined;
    const { fromBackup, title, catalog, ...shape } = request;
    const kept = keptRequest(fromBackup, catalog);
    const { store, operation, replayed } = await this.repository.createStore({
      ...shape,
      ...(title ? { settings: { title } } : {}),
      ...(kept ? { request: kept } : {}),
      actor,
      idempotency,
      limits: { total: this.settings.MAX_STORES, perUser: this.settings.MAX_STORES_PER_USER },
    });
    // A replay answers as the first request did, without queuing the work again.
    if (replayed) return storeView(store, operation, this.settings.BASE_DOMAIN);
    return this.queued(store, operation, actor, 'create');
  }

  /**
   * Deletes a store with the deletion policy; `overrides` (an admin's: the route checks) skip its backup or choose
   * whether its data stays. The store's status now is kept with the operation: a failed backup goes back to it.
   */
  async delete(
    name: string,
    actor: string,
    expectedVersion?: number,
    overrides: Pick<DeleteRequest, 'backup' | 'retainData'> = {},
  ): Promise<StoreView> {
    const before = await this.repository.getStore(name);
    const request: DeleteRequest = { ...overrides, ...(before ? { statusBefore: before.status } : {}) };
    const { store, operation } = await this.repository.startOperation({
      name,
      kind: 'delete',
      actor,
      expectedVersion,
      request: { ...request },
    });
    const detail = [
      overrides.backup === false ? 'backup skipped' : undefined,
      overrides.retainData === undefined ? undefined : `retainData=${String(overrides.retainData)}`,
    ].filter(Boolean);
    return this.queued(store, operation, actor, 'delete', detail.join(', ') || undefined);
  }

  /** The deleted stores that can still be restored into a new store, most recently deleted first. */
  async listDeleted(): Promise<DeletedStoreView[]> {
    const deleted = await this.repository.listDeleted();
    return deleted.map(({ id: _id, deletedAt, restorableUntil, ...rest }) => ({
      ...rest,
      deletedAt: deletedAt.toISOString(),
      restorableUntil: restorableUntil.toISOString(),
    }));
  }

  /** Retries a failed store (its create runs again), on `plan` when given: "Retry with Basic" after a lack of room. */
  async retry(name: string, actor: string, expectedVersion?: number, plan?: PlanId): Promise<StoreView> {
    const before = plan ? await this.repository.getStore(name) : undefined;
    // A failed clone is retried as a clone (its backup restored again, not an empty shop made), and a create
    // with a starter catalog with that catalog.
    const last = await this.repository.latestOperation(name);
    const created = last && (last.kind === 'create' || last.kind === 'retry') ? last.request : undefined;
    const kept = keptRequest(cloneSourceOf(created), catalogOf(created));
    const { store, operation } = await this.repository.startOperation({
      name,
      kind: 'retry',
      actor,
      expectedVersion,
      ...(plan ? { plan } : {}),
      ...(kept ? { request: kept } : {}),
    });
    const detail = before && before.plan !== store.plan ? `plan ${before.plan} → ${store.plan}` : undefined;
    return this.queued(store, operation, actor, 'retry', detail);
  }

  /**
   * Asks the worker running the store's create, retry or update to stop it (the worker sees the request within
   * seconds, step-watch.ts): the operation then fails as a failure would, with the cause `cancelled`.
   */
  async cancel(name: string, actor: string): Promise<StoreView> {
    const { store, operation } = await this.repository.requestCancel(name, actor);
    await this.repository.appendActivity({
      actor,
      action: 'cancel',
      store: name,
      result: 'accepted',
      detail: `cancel of the ${operation.kind} operation`,
    });
    return storeView(store, operation, this.settings.BASE_DOMAIN);
  }

  async get(name: string): Promise<StoreView> {
    const found = await this.find(name);
    if (!found) throw new PlatformError('not_found', `no store named "${name}"`);
    return found;
  }

  /** One query, whatever the number of stores. */
  async list(filter: StoreFilter): Promise<StoreView[]> {
    const stores = await this.repository.listStores(filter);
    return stores.map(({ store, latest }) => storeView(store, latest, this.settings.BASE_DOMAIN));
  }

  /** The user's live stores against their limit (failed ones count, and deleting them frees places). */
  async quota(actor: string) {
    const { live, failed } = await this.repository.countStoresOf(actor);
    return { used: live, limit: this.settings.MAX_STORES_PER_USER, failed };
  }

  /** The base domain of stores' addresses: a store is served at https://{name}.{baseDomain}. */
  get baseDomain() {
    return this.settings.BASE_DOMAIN;
  }

  /** The activity log, newest first. */
  async activity(filter: ActivityFilter) {
    const { items, total } = await this.repository.listActivity(filter);
    return {
      items: items.map((e) => ({
        ...e,
        at: e.at.toISOString(),
        store: e.store ?? null,
        durationMs: e.durationMs ?? null,
        detail: e.detail ?? null,
      })),
      page: filter.page,
      pageSize: filter.pageSize,
      total,
    };
  }

  /** The store as the API shows it, or undefined when it is gone. */
  async find(name: string): Promise<StoreView | undefined> {
    const found = await this.repository.findStore(name);
    return found ? storeView(found.store, found.latest, this.settings.BASE_DOMAIN) : undefined;
  }

  private async queued(
    store: Store,
    operation: Operation,
    actor: string,
    action: string,
    detail?: string,
  ): Promise<StoreView> {
    await this.queue.enqueue({ operationId: operation.id, storeName: store.name });
    await this.repository.appendActivity({
      actor,
      action,
      store: store.name,
      result: 'accepted',
      ...(detail ? { detail } : {}),
    });
    return storeView(store, operation, this.settings.BASE_DOMAIN);
  }
}
