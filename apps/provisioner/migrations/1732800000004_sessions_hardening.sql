-- Up Migration

-- Sessions also end after a time without requests: last_seen_at, refreshed at most once a minute.
-- The CSRF token is now derived from the session id (an HMAC keyed by it), so nothing of it is stored; the
-- sessions signed in before have their token in clear and end here (their users sign in again once).
delete from sessions;
alter table sessions drop column csrf_token;
alter table sessions add column last_seen_at timestamptz not null default now();
create index sessions_last_seen on sessions (last_seen_at);

-- Failed sign-ins per key (`user:{name}`, `address:{ip}`), shared by every replica, and how long a key is locked.
create table login_failures (
  key text primary key,
  failures integer not null,
  last_failure_at timestamptz not null,
  locked_until timestamptz
);

-- Down Migration
drop table login_failures;
drop index sessions_last_seen;
alter table sessions drop column last_seen_at;
delete from sessions;
alter table sessions add column csrf_token text not null;
