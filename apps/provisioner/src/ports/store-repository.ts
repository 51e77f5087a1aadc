import type {
  EngineId,
  PlanId,
  RotationKind,
  StoreSettings,
  StoreStatus,
  ValueChange,
} from '@store-platform/contracts';

import type { DeletedStore, DeletionOutcome } from '../domain/deletion.js';
import type {
  Operation,
  OperationError,
  OperationKind,
  OperationRequest,
  Step,
} from '../domain/operation.js';
import type { Store, StoreHealthRecord, StoreLimits } from '../domain/store.js';

/** A store and its most recent operation (running or ended), for its progress or its failure's evidence. */
export interface StoreWithLatest {
  store: Store;
  latest: Operation | undefined;
}

export interface StoreFilter {
  status?: StoreStatus;
  engine?: EngineId;
  /** Part of the name. */
  q?: string;
}

export interface ActivityEntry {
  actor: string;
  action: string;
  /** Absent for account changes (users, passwords, tokens). */
  store?: string;
  result: 'accepted' | 'succeeded' | 'failed';
  durationMs?: number;
  detail?: string;
}

export interface ActivityFilter {
  store?: string;
  actor?: string;
  /** `store` and `actor` as exact names, or as parts of names in any case (`partial`). */
  match?: 'exact' | 'partial';
  action?: string;
  /** Shows account changes (entries without a store) only when this user made them; absent: all (admins). */
  onlyOwnAccountChangesOf?: string;
  page: number;
  pageSize: number;
}

/** Who made a revision of a store's Helm release, with which operation, and what it changed. */
export interface RevisionRecord {
  revision: number;
  operationId: string | null;
  actor: string;
  /** The fields that changed (plan, replicas...); null for an install. */
  changes: ValueChange[] | null;
  at: Date;
}

/** A version (after the first) of a store's credentials Secret, made by a rotation: never its values. */
export interface SecretVersionRecord {
  version: number;
  what: RotationKind;
  operationId: string | null;
  actor: string;
  at: Date;
}

/** Where stores, their operations and the activity log are kept. */
export interface StoreRepository {
  /**
   * Records a new store and its create operation; a conflict error when the name is taken. With an idempotency key
   * already used by the same actor for the same request, returns that store instead (`replayed`), and refuses the
   * key for a different request. Refuses (limit_reached) a store past `limits`, counted in the same transaction
   * so that concurrent creates cannot pass them together.
   */
  createStore(input: {
    name: string;
    engine: EngineId;
    plan: PlanId;
    actor: string;
    idempotency?: { key: string; requestHash: string };
    limits: StoreLimits;
    /** What the create sets beyond the plan (a title). */
    settings?: Store['settings'];
    /** Kept with the create operation: a clone's `fromBackup`, a starter `catalog`. */
    request?: OperationRequest;
  }): Promise<{ store: Store; operation: Operation; replayed: boolean }>;
  /**
   * Starts an operation on an existing store, atomically: only when no other operation runs on it and (when given)
   * its version is `expectedVersion`. Sets the store's status for the operation.
   */
  startOperation(input: {
    name: string;
    kind: Exclude<OperationKind, 'create'>;
    actor: string;
    expectedVersion?: number;
    /** What an update or rollback was asked to do, kept with the operation for the worker. */
    request?: OperationRequest;
    /** A retry only: the plan the store is retried on, set in the same transaction (absent: it keeps its own). */
    plan?: PlanId;
  }): Promise<{ store: Store; operation: Operation }>;
  /**
   * Records that `actor` asks to cancel the store's running operation (a second ask keeps the first asker), and
   * announces the store; refuses (not_found, or conflict with cancelBlocker's words) when nothing cancellable runs.
   */
  requestCancel(name: string, actor: string): Promise<{ store: Store; operation: Operation }>;
  /** Who asked to cancel the operation and when; undefined when no one did (polled by the running step). */
  cancelRequest(operationId: string): Promise<{ by: string; at: Date } | undefined>;
  getStore(name: string): Promise<Store | undefined>;
  /** The store with its latest operation, in one query (the event stream's lookup on every change). */
  findStore(name: string): Promise<StoreWithLatest | undefined>;
  /** Stores with their latest operations, in one query, newest first. */
  listStores(filter: StoreFilter): Promise<StoreWithLatest[]>;
  /** Live stores counted by status. */
  countByStatus(): Promise<Record<string, number>>;
  /** One user's live stores (what MAX_STORES_PER_USER counts), and how many of them failed. */
  countStoresOf(actor: string): Promise<{ live: number; failed: number }>;
  getOperation(id: string): Promise<Operation | undefined>;
  /** The store's most recent operation (running or ended), for its progress or its failure's evidence. */
  latestOperation(store: string): Promise<Operation | undefined>;
  /** Operations that were running when their worker stopped (phase running) or never started (queued). */
  unfinishedOperations(): Promise<Operation[]>;
  /** Marks it running, and its heartbeat now. */
  markOperationRunning(id: string): Promise<void>;
  /** The running worker's sign of life (OperationRunner, every few seconds): the operation is not abandoned. */
  heartbeat(id: string): Promise<void>;
  saveSteps(id: string, steps: Step[]): Promise<void>;
  /**
   * Ends an operation and sets its store's status (running, failed), or removes the store (deleted): it leaves the
   * list, and with `deletion` it is kept as a deleted store, restorable for `retentionDays` (null: not restorable,
   * simply gone).
   */
  finishOperation(
    id: string,
    outcome: {
      phase: 'succeeded' | 'failed';
      error?: OperationError;
      storeStatus: StoreStatus | 'deleted';
      reason?: string | null;
      /** The plan and settings the store now runs on (an update or rollback that succeeded), saved with it. */
      change?: { plan: PlanId; settings: StoreSettings };
      /** A delete's: what it left to restore from. */
      deletion?: DeletionOutcome & { retentionDays: number | null };
    },
  ): Promise<void>;
  /** Deleted stores that can still be restored (not purged yet), most recently deleted first. */
  listDeleted(): Promise<DeletedStore[]>;
  /** Deleted stores whose restorableUntil has passed and that are not purged yet. */
  purgeDue(): Promise<DeletedStore[]>;
  /** Marks the deleted store purged (it leaves the Deleted stores list) and appends `entry`, in one write. */
  markPurged(id: string, entry: ActivityEntry): Promise<void>;
  /** Records who made revision `revision` of the store's release and what it changed. */
  recordRevision(store: string, record: Omit<RevisionRecord, 'at'>): Promise<void>;
  /** The recorded revisions of a live store, newest first. */
  listRevisions(store: string): Promise<RevisionRecord[]>;
  /** Records a new version of the store's credentials and makes it the one the store runs on (secretVersion). */
  recordSecretVersion(store: string, record: Omit<SecretVersionRecord, 'at'>): Promise<void>;
  /** The versions rotations made of a live store's credentials, newest first (version 1 is not recorded). */
  listSecretVersions(store: string): Promise<SecretVersionRecord[]>;
  appendActivity(entry: ActivityEntry): Promise<void>;
  /**
   * Records a Running store's observed health without changing its version (a check must not make an If-Match
   * stale); appends `change` to the activity log in the same write, and announces the store on the change feed:
   * to clients when `announce` (its health changed, not just its time), else quietly, to caches. Resolves false, recording nothing, when the store is
   * gone or an operation started on it since it was checked.
   */
  recordHealth(
    name: string,
    health: StoreHealthRecord,
    options: { change?: ActivityEntry; announce: boolean },
  ): Promise<boolean>;
  /** Newest first. */
  listActivity(filter: ActivityFilter): Promise<{ items: (ActivityEntry & { at: Date })[]; total: number }>;
}
