import type {
  EngineId,
  HealthReason,
  HealthState,
  PlanId,
  StoreSettings,
  StoreStatus,
} from '@store-platform/contracts';

import type {
  Operation,
  OperationKind,
  OperationPhase,
  OperationRequest,
  Step,
} from '../../domain/operation.js';
import type { Store } from '../../domain/store.js';

export interface StoreRow {
  name: string;
  engine: string;
  plan: string;
  settings: StoreSettings;
  health: { state: HealthState; reasons: HealthReason[]; checkedAt: string } | null;
  status: string;
  reason: string | null;
  version: number;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  current_operation_id: string | null;
  secret_version: number;
}

export interface OperationRow {
  id: string;
  store_name: string;
  kind: string;
  phase: string;
  steps: (Omit<Step, 'startedAt' | 'finishedAt'> & { startedAt: string | null; finishedAt: string | null })[];
  error: Operation['error'];
  request: OperationRequest | null;
  started_by: string;
  cancel_requested_by: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  heartbeat_at: Date | null;
}

export const storeColumns =
  'name, engine, plan, settings, health, status, reason, version, created_by, created_at, updated_at, current_operation_id, secret_version';
export const operationColumns =
  'id, store_name, kind, phase, steps, error, request, started_by, cancel_requested_by, created_at, started_at, finished_at, heartbeat_at';

// The columns hold only values the API validated on the way in.
export function toStore(row: StoreRow): Store {
  return {
    name: row.name,
    engine: row.engine as EngineId,
    plan: row.plan as PlanId,
    settings: row.settings,
    health: row.health ? { ...row.health, checkedAt: new Date(row.health.checkedAt) } : null,
    status: row.status as StoreStatus,
    reason: row.reason,
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    currentOperationId: row.current_operation_id,
    secretVersion: row.secret_version,
  };
}

const date = (value: string | null) => (value ? new Date(value) : null);

export function toOperation(row: OperationRow): Operation {
  return {
    id: row.id,
    storeName: row.store_name,
    kind: row.kind as OperationKind,
    phase: row.phase as OperationPhase,
    steps: row.steps.map((s) => ({ ...s, startedAt: date(s.startedAt), finishedAt: date(s.finishedAt) })),
    error: row.error,
    request: row.request,
    startedBy: row.started_by,
    cancelRequestedBy: row.cancel_requested_by ?? null,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    heartbeatAt: row.heartbeat_at ?? null,
  };
}

/** An operation row as `row_to_json` gives it (timestamps as text), e.g. from a lateral join. */
export type OperationJson = Omit<
  OperationRow,
  'created_at' | 'started_at' | 'finished_at' | 'heartbeat_at'
> & {
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  heartbeat_at?: string | null;
};

export function jsonToOperation(json: OperationJson): Operation {
  return toOperation({
    ...json,
    created_at: new Date(json.created_at),
    started_at: date(json.started_at),
    finished_at: date(json.finished_at),
    heartbeat_at: date(json.heartbeat_at ?? null),
  });
}

/**
 * The stores' columns and, as `latest`, their most recent operation as JSON: one query for a page of stores with
 * their progress, instead of one more per store.
 */
export const storeWithLatestColumns = `${storeColumns
  .split(', ')
  .map((c) => `s.${c}`)
  .join(', ')}, (select row_to_json(o) from (
    select ${operationColumns} from operations where store_id = s.id order by created_at desc limit 1
  ) o) as latest`;
