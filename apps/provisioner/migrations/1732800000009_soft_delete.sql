-- Up Migration

-- Soft delete (docs/decisions/012-backups.md, "Deletion policy and soft delete"). A deleted store already kept its
-- row (deleted_at); now it also says until when it can be restored, from which backup and with which kept volumes,
-- and when the purge removed those. Only rows with restorable_until are listed as Deleted stores; one deleted
-- with nothing to restore from has none and is simply gone, as before. The unique index on live names
-- (stores_live_name, where deleted_at is null) already lets a new store take a deleted one's name.
alter table stores
  add column restorable_until timestamptz,
  add column last_backup_id text,
  add column retained_volumes jsonb not null default '[]',
  add column deleted_by text,
  add column purged_at timestamptz;

-- The purge's and the Deleted stores view's lookup: deleted rows still waiting for their purge.
create index stores_awaiting_purge on stores (restorable_until)
  where deleted_at is not null and restorable_until is not null and purged_at is null;

-- Down Migration
drop index stores_awaiting_purge;
alter table stores
  drop column restorable_until,
  drop column last_backup_id,
  drop column retained_volumes,
  drop column deleted_by,
  drop column purged_at;
