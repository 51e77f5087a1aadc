import type { Role } from './auth.js';
import type { HealthState } from './health.js';
import type {
  activityActions,
  ActivityEntryView,
  EngineId,
  OperationView,
  StepView,
  StoreStatus,
} from './stores.js';

/**
 * The words people see for each value the API sends, so that the dashboard, the API's documents and its
 * messages name things alike. Plan titles are in plans.ts, with the rest of each plan's description.
 */

/** Each engine's name; GET /engines answers with these titles too. */
export const engineTitles: Readonly<Record<EngineId, string>> = {
  woocommerce: 'WooCommerce',
  medusa: 'MedusaJS',
};

export const storeStatusTitles: Readonly<Record<StoreStatus, string>> = {
  provisioning: 'Provisioning',
  running: 'Running',
  updating: 'Updating',
  failed: 'Failed',
  deleting: 'Deleting',
};

export const healthStateTitles: Readonly<Record<HealthState, string>> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  down: 'Down',
  unknown: 'Unknown',
};

export const operationKindTitles: Readonly<Record<OperationView['kind'], string>> = {
  create: 'Create',
  delete: 'Delete',
  retry: 'Retry',
  update: 'Update',
  rollback: 'Rollback',
  repair: 'Repair',
  backup: 'Backup',
  restore: 'Restore',
  'rotate-secrets': 'Rotate secrets',
};

export const operationPhaseTitles: Readonly<Record<OperationView['phase'], string>> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

export const stepStatusTitles: Readonly<Record<StepView['status'], string>> = {
  pending: 'Pending',
  running: 'In progress',
  done: 'Done',
  skipped: 'Skipped',
  failed: 'Failed',
};

export const activityResultTitles: Readonly<Record<ActivityEntryView['result'], string>> = {
  accepted: 'Accepted',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

/** Each activity action in words ("Revealed credentials"); an entry's action may be one the API adds later. */
export const activityActionTitles: Readonly<Record<(typeof activityActions)[number], string>> = {
  create: 'Created store',
  delete: 'Deleted store',
  retry: 'Retried store',
  update: 'Updated store',
  rollback: 'Rolled back store',
  repair: 'Repaired store',
  backup: 'Backed up store',
  restore: 'Restored store',
  'backup-delete': 'Deleted backup',
  'rotate-secrets': 'Rotated secrets',
  health: 'Health changed',
  purge: 'Purged deleted store',
  'reveal-credentials': 'Revealed credentials',
  'user-create': 'Created user',
  'user-disable': 'Disabled user',
  'user-enable': 'Enabled user',
  'user-role': 'Changed role',
  'user-delete': 'Deleted user',
  'password-change': 'Changed password',
  'password-reset': 'Reset password',
  'token-create': 'Created API token',
  'token-revoke': 'Revoked API token',
};

/** The words for an activity entry's action: its title, or the raw id for an action this build does not know. */
export function activityActionTitle(action: string): string {
  return (activityActionTitles as Record<string, string | undefined>)[action] ?? action;
}

/** What each role may do, in a few words (each may also do what the narrower ones may). */
export const roleDescriptions: Readonly<Record<Role, string>> = {
  viewer: 'looks',
  operator: 'creates and deletes stores',
  admin: 'also manages users',
};
