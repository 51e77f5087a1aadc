-- Up Migration

-- Who asked to cancel a running operation, and when (POST /stores/{name}/cancel). The worker running it reads
-- these while it waits (services/provisioning/step-watch.ts), so that a cancel reaches it from any API process.
alter table operations
  add column cancel_requested_by text,
  add column cancel_requested_at timestamptz;

-- Down Migration
alter table operations
  drop column cancel_requested_by,
  drop column cancel_requested_at;
