-- Up Migration

-- Backups of stores (docs/decisions/012-backups.md). Keyed by the store's name, not its row: a backup outlives
-- its store (a deleted store's backups stay restorable into a new store until they are purged), so nothing here
-- references or cascades from `stores`. A row is removed with its objects (DELETE, or the purge).
create table backups (
  id uuid primary key default gen_random_uuid(),
  store_name text not null,
  status text not null check (status in ('pending', 'running', 'succeeded', 'failed')),
  reason text not null check (reason in ('manual', 'before-delete', 'before-restore')),
  created_by text not null,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  -- The operation that took it: a backup, or the delete or restore it was taken before.
  operation_id uuid,
  -- Set from the manifest once the backup is complete.
  object_key text,
  size_bytes bigint,
  sha256 text,
  engine text not null,
  engine_version text,
  error text
);
create index backups_store on backups (store_name, created_at desc);

-- Down Migration
drop table backups;
