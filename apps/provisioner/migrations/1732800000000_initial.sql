-- Up Migration

-- A store; soft-deleted when its delete operation finishes, so its history stays and its name can be reused.
create table stores (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  engine text not null,
  plan text not null,
  settings jsonb not null default '{}',
  status text not null,
  reason text,
  version integer not null default 1,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  current_operation_id uuid
);
create unique index stores_live_name on stores (name) where deleted_at is null;

-- Long work on a store, with its steps as the UI shows them.
create table operations (
  id uuid primary key default gen_random_uuid(),
  store_id uuid not null references stores (id),
  store_name text not null,
  kind text not null,
  phase text not null,
  steps jsonb not null,
  error jsonb,
  started_by text not null,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz
);
create index operations_store on operations (store_id, created_at desc);
create index operations_unfinished on operations (phase) where phase in ('queued', 'running');

-- Append-only: who did what to which store, and how it ended.
create table activity (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor text not null,
  action text not null,
  store text not null,
  result text not null,
  duration_ms integer,
  detail text
);
create index activity_store on activity (store, at desc);
create index activity_actor on activity (actor, at desc);

create table users (
  username text primary key,
  password_hash text not null,
  role text not null check (role in ('admin', 'operator', 'viewer')),
  created_at timestamptz not null default now()
);

-- Down Migration
drop table users;
drop table activity;
drop table operations;
drop table stores;
