-- Up Migration

-- The store's health as the worker last observed it ({state, reasons, checkedAt}); null before its first check.
-- Its changes are in the activity log (action 'health').
alter table stores add column health jsonb;

-- What an update or rollback was asked to do (the validated request); null for the other kinds.
alter table operations add column request jsonb;

-- Down Migration
alter table operations drop column request;
alter table stores drop column health;
