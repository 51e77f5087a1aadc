-- Up Migration

-- POST /stores with an Idempotency-Key: the same key from the same user replays the first answer.
create table idempotency_keys (
  actor text not null,
  key text not null,
  request_hash text not null,
  store_name text not null,
  created_at timestamptz not null default now(),
  primary key (actor, key)
);

-- Down Migration
drop table idempotency_keys;
