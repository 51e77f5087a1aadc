-- Up Migration

-- Who made each Helm revision of a store's release, and what it changed: `helm history` knows when and how, not
-- who or why. A revision without a row here was made outside the platform (GET /stores/{name}/revisions shows
-- its actor as null). Keyed by the store's id, so that a new store of a deleted one's name starts afresh.
create table store_revisions (
  store_id uuid not null references stores (id),
  revision integer not null,
  operation_id uuid references operations (id),
  actor text not null,
  -- [{field, from, to}]: the request's fields that changed; null for an install (nothing before it).
  changes jsonb,
  at timestamptz not null default now(),
  primary key (store_id, revision)
);

-- Down Migration
drop table store_revisions;
