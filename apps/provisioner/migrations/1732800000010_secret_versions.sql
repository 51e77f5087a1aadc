-- Up Migration

-- Secret rotation (docs/decisions/012-backups.md): the version of its credentials Secret a store runs on (the
-- store-instance chart's `secrets.version`; 1 is the Secret made at its create), and each later version: what
-- it renewed, who made it and when. Never a value: those live only in the store's Secrets.
alter table stores add column secret_version integer not null default 1;

create table store_secret_versions (
  store_id uuid not null references stores (id),
  version integer not null check (version > 1),
  what text not null check (what in ('database', 'salts', 'admin')),
  operation_id uuid references operations (id),
  actor text not null,
  at timestamptz not null default now(),
  primary key (store_id, version)
);

-- Down Migration
drop table store_secret_versions;
alter table stores drop column secret_version;
