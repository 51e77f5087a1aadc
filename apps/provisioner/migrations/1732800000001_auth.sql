-- Up Migration

-- Browser sign-ins: the cookie carries the id; writes must also carry the CSRF token (double submit).
create table sessions (
  id_hash text primary key,
  username text not null references users (username) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_expiry on sessions (expires_at);

-- Tokens for scripts (Authorization: Bearer); only their hash is stored.
create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  username text not null references users (username) on delete cascade,
  name text not null,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  last_used_at timestamptz
);

-- Down Migration
drop table api_tokens;
drop table sessions;
