import { restorableUntil, type DeletedStore } from '../../src/domain/deletion.js';
import { PlatformError } from '../../src/domain/errors.js';
import { cancelBlocker, initialSteps, type Operation, type Step } from '../../src/domain/operation.js';
import { operationBlocker, statusDuring, storeLimitBlocker, type Store } from '../../src/domain/store.js';
import type {
  ActivityEntry,
  ActivityFilter,
  RevisionRecord,
  SecretVersionRecord,
  StoreFilter,
  StoreRepository,
  StoreWithLatest,
} from '../../src/ports/store-repository.js';

/**
 * Stores, operations and the activity log in memory, with the port's rules: one operation per store at a time,
 * an ended operation sets its store's status only while it is the store's current one, a deleted store leaves the
 * list and its operations stay. Reads return copies, as rows read again from PostgreSQL would be. `savedSteps`
 * keeps every saveSteps call, to see the progress a user watched. Idempotency keys are not kept (the flows never
 * see them): a create with one is refused rather than answered wrongly.
 */
export class InMemoryStoreRepository implements StoreRepository {
  readonly stores = new Map<string, Store>();
  readonly operations = new Map<string, Operation>();
  readonly activity: (ActivityEntry & { at: Date })[] = [];
  /** Recorded revisions by store. */
  readonly revisions = new Map<string, RevisionRecord[]>();
  /** Recorded credentials versions by store. */
  readonly secretVersions = new Map<string, SecretVersionRecord[]>();
  readonly savedSteps: { operationId: string; steps: Step[] }[] = [];
  /** Stores whose health change was announced (recordHealth), in order: what the event stream would carry. */
  readonly announced: string[] = [];
  /** Soft-deleted stores kept to restore from, with when they were purged (undefined until then). */
  readonly deleted: (DeletedStore & { purgedAt?: Date })[] = [];
  private nextId = 1;
  private readonly cancelledAt = new Map<string, Date>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async createStore(input: Parameters<StoreRepository['createStore']>[0]) {
    if (input.idempotency) throw new Error('InMemoryStoreRepository keeps no idempotency keys');
    const live = [...this.stores.values()];
    const ofUser = live.filter((s) => s.createdBy === input.actor).length;
    const blocker = storeLimitBlocker({ total: live.length, ofUser }, input.limits);
    if (blocker) throw new PlatformError('limit_reached', blocker);
    if (this.stores.has(input.name)) {
      throw new PlatformError('conflict', `a store named "${input.name}" already exists`);
    }
    const operation = this.addOperation(input.name, 'create', input.actor, input.request);
    const at = this.now();
    const store: Store = {
      name: input.name,
      engine: input.engine,
      plan: input.plan,
      settings: {},
      health: null,
      status: 'provisioning',
      reason: null,
      version: 1,
      createdBy: input.actor,
      createdAt: at,
      updatedAt: at,
      currentOperationId: operation.id,
      secretVersion: 1,
    };
    this.stores.set(store.name, store);
    return { store: structuredClone(store), operation: structuredClone(operation), replayed: false };
  }

  async startOperation(input: Parameters<StoreRepository['startOperation']>[0]) {
    const store = this.stores.get(input.name);
    if (!store) throw new PlatformError('not_found', `no store named "${input.name}"`);
    if (input.expectedVersion !== undefined && input.expectedVersion !== store.version) {
      throw new PlatformError('version_mismatch', `store "${input.name}" is now at version ${store.version}`);
    }
    const blocker = operationBlocker(store, input.kind);
    if (blocker) throw new PlatformError('conflict', blocker, { current: structuredClone(store) });
    const operation = this.addOperation(input.name, input.kind, input.actor, input.request);
    this.update(store, {
      status: statusDuring[input.kind],
      reason: null,
      currentOperationId: operation.id,
      ...(input.plan ? { plan: input.plan } : {}),
    });
    return { store: structuredClone(store), operation: structuredClone(operation) };
  }

  async requestCancel(name: string, actor: string) {
    const store = this.stores.get(name);
    if (!store) throw new PlatformError('not_found', `no store named "${name}"`);
    const current = store.currentOperationId ? this.operations.get(store.currentOperationId) : undefined;
    const blocker = cancelBlocker(current, name);
    if (blocker || !current) throw new PlatformError('conflict', blocker ?? 'nothing to cancel');
    current.cancelRequestedBy ??= actor;
    this.cancelledAt.set(current.id, this.now());
    return { store: structuredClone(store), operation: structuredClone(current) };
  }

  async cancelRequest(operationId: string) {
    const by = this.operations.get(operationId)?.cancelRequestedBy;
    const at = this.cancelledAt.get(operationId);
    return by && at ? { by, at } : undefined;
  }

  async getStore(name: string): Promise<Store | undefined> {
    return structuredClone(this.stores.get(name));
  }

  async findStore(name: string): Promise<StoreWithLatest | undefined> {
    const store = this.stores.get(name);
    return store && this.withLatest(store);
  }

  async listStores(filter: StoreFilter): Promise<StoreWithLatest[]> {
    const found = [...this.stores.values()].filter(
      (s) =>
        (!filter.status || s.status === filter.status) &&
        (!filter.engine || s.engine === filter.engine) &&
        (!filter.q || s.name.includes(filter.q)),
    );
    return found.reverse().map((s) => this.withLatest(s));
  }

  async countByStatus(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const { status } of this.stores.values()) counts[status] = (counts[status] ?? 0) + 1;
    return counts;
  }

  async countStoresOf(actor: string) {
    const mine = [...this.stores.values()].filter((s) => s.createdBy === actor);
    return { live: mine.length, failed: mine.filter((s) => s.status === 'failed').length };
  }

  async getOperation(id: string): Promise<Operation | undefined> {
    return structuredClone(this.operations.get(id));
  }

  async latestOperation(store: string): Promise<Operation | undefined> {
    return structuredClone(this.latest(store));
  }

  async unfinishedOperations(): Promise<Operation[]> {
    return [...this.operations.values()]
      .filter((o) => o.phase === 'queued' || o.phase === 'running')
      .map((o) => structuredClone(o));
  }

  async markOperationRunning(id: string): Promise<void> {
    const operation = this.operations.get(id);
    if (operation)
      Object.assign(operation, {
        phase: 'running',
        startedAt: operation.startedAt ?? this.now(),
        heartbeatAt: this.now(),
      });
  }

  async heartbeat(id: string): Promise<void> {
    const operation = this.operations.get(id);
    if (operation) operation.heartbeatAt = this.now();
  }

  async saveSteps(id: string, steps: Step[]): Promise<void> {
    this.savedSteps.push({ operationId: id, steps: structuredClone(steps) });
    const operation = this.operations.get(id);
    if (operation) operation.steps = structuredClone(steps);
  }

  async finishOperation(id: string, outcome: Parameters<StoreRepository['finishOperation']>[1]) {
    const operation = this.operations.get(id);
    if (!operation) return;
    Object.assign(operation, { phase: outcome.phase, error: outcome.error ?? null, finishedAt: this.now() });
    const store = this.stores.get(operation.storeName);
    if (outcome.storeStatus === 'deleted') {
      this.stores.delete(operation.storeName);
      const { deletion } = outcome;
      if (store && deletion && deletion.retentionDays !== null) {
        this.deleted.push({
          id: `deleted-${this.nextId++}`,
          name: store.name,
          engine: store.engine,
          plan: store.plan,
          deletedBy: operation.startedBy,
          deletedAt: this.now(),
          restorableUntil: restorableUntil(this.now(), deletion.retentionDays),
          lastBackupId: deletion.lastBackupId,
          retainedVolumes: structuredClone(deletion.retainedVolumes),
        });
      }
    } else if (store?.currentOperationId === id) {
      this.update(store, {
        status: outcome.storeStatus,
        reason: outcome.reason ?? null,
        currentOperationId: null,
        ...(outcome.change ? { plan: outcome.change.plan, settings: { ...outcome.change.settings } } : {}),
      });
    }
  }

  async listDeleted(): Promise<DeletedStore[]> {
    return structuredClone(this.deleted.filter((d) => !d.purgedAt).reverse());
  }

  async purgeDue(): Promise<DeletedStore[]> {
    const now = this.now().getTime();
    return structuredClone(this.deleted.filter((d) => !d.purgedAt && d.restorableUntil.getTime() <= now));
  }

  async markPurged(id: string, entry: ActivityEntry): Promise<void> {
    const found = this.deleted.find((d) => d.id === id);
    if (found && !found.purgedAt) found.purgedAt = this.now();
    await this.appendActivity(entry);
  }

  async recordHealth(
    name: string,
    health: NonNullable<Store['health']>,
    options: { change?: ActivityEntry; announce: boolean },
  ): Promise<boolean> {
    const store = this.stores.get(name);
    if (!store || store.status !== 'running' || store.currentOperationId) return false;
    // As in PostgreSQL: neither the version nor the time of the last change move.
    store.health = structuredClone(health);
    if (options.change) await this.appendActivity(options.change);
    if (options.announce || options.change) this.announced.push(name);
    return true;
  }

  async recordRevision(store: string, record: Omit<RevisionRecord, 'at'>): Promise<void> {
    const all = (this.revisions.get(store) ?? []).filter((r) => r.revision !== record.revision);
    all.push({ ...record, at: this.now() });
    this.revisions.set(store, all);
  }

  async listRevisions(store: string): Promise<RevisionRecord[]> {
    return [...(this.revisions.get(store) ?? [])].sort((a, b) => b.revision - a.revision);
  }

  async recordSecretVersion(store: string, record: Omit<SecretVersionRecord, 'at'>): Promise<void> {
    const found = this.stores.get(store);
    if (!found) return;
    const all = (this.secretVersions.get(store) ?? []).filter((v) => v.version !== record.version);
    all.push({ ...record, at: this.now() });
    this.secretVersions.set(store, all);
    found.secretVersion = record.version;
  }

  async listSecretVersions(store: string): Promise<SecretVersionRecord[]> {
    return [...(this.secretVersions.get(store) ?? [])].sort((a, b) => b.version - a.version);
  }

  async appendActivity(entry: ActivityEntry): Promise<void> {
    this.activity.push({ ...entry, at: this.now() });
  }

  async listActivity(filter: ActivityFilter) {
    const matching = this.activity
      .filter(
        (e) =>
          matches(e.store, filter.store, filter.match) &&
          matches(e.actor, filter.actor, filter.match) &&
          (!filter.action || e.action === filter.action) &&
          (e.store !== undefined ||
            !filter.onlyOwnAccountChangesOf ||
            e.actor === filter.onlyOwnAccountChangesOf),
      )
      .reverse();
    const start = (filter.page - 1) * filter.pageSize;
    return { items: matching.slice(start, start + filter.pageSize), total: matching.length };
  }

  private addOperation(
    storeName: string,
    kind: Operation['kind'],
    actor: string,
    request?: Operation['request'],
  ): Operation {
    const operation: Operation = {
      id: `op-${this.nextId++}`,
      storeName,
      kind,
      phase: 'queued',
      steps: initialSteps(kind, request),
      error: null,
      request: request ?? null,
      startedBy: actor,
      cancelRequestedBy: null,
      createdAt: this.now(),
      startedAt: null,
      finishedAt: null,
      heartbeatAt: null,
    };
    this.operations.set(operation.id, operation);
    return operation;
  }

  private latest(store: string): Operation | undefined {
    return [...this.operations.values()].filter((o) => o.storeName === store).at(-1);
  }

  private withLatest(store: Store): StoreWithLatest {
    return { store: structuredClone(store), latest: structuredClone(this.latest(store.name)) };
  }

  private update(store: Store, change: Partial<Store>): void {
    Object.assign(store, change, { version: store.version + 1, updatedAt: this.now() });
  }
}

/** A filter's value against an entry's: absent matches all; `partial` is a case-insensitive part, as ILIKE. */
function matches(value: string | undefined, wanted: string | undefined, match: ActivityFilter['match']) {
  if (!wanted) return true;
  if (match !== 'partial') return value === wanted;
  return value?.toLowerCase().includes(wanted.toLowerCase()) ?? false;
}
