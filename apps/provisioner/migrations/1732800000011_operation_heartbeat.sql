-- Up Migration

-- The worker running an operation writes its heartbeat every few seconds. A running operation is taken as
-- abandoned (and queued again) only once its heartbeat is old, not merely because its advisory lock is free: a
-- database restart frees the lock of a worker that is alive and still running it (make chaos).
alter table operations add column heartbeat_at timestamptz;

-- Down Migration
alter table operations drop column heartbeat_at;
