-- Up Migration

-- Accounts can be disabled (they cannot sign in; their sessions and tokens were ended when it happened), and the
-- admins' list shows when each user last signed in.
alter table users
  add column disabled_at timestamptz,
  add column last_sign_in_at timestamptz;

-- A token carries a role no higher than its owner's (the effective role is the lower of the two) and expires.
-- Tokens made before this migration keep their owner's role and get the default lifetime from now on.
alter table api_tokens
  add column role text check (role in ('admin', 'operator', 'viewer')),
  add column expires_at timestamptz;
update api_tokens t set role = u.role, expires_at = now() + interval '90 days'
  from users u where u.username = t.username;
alter table api_tokens
  alter column role set not null,
  alter column expires_at set not null;
create index api_tokens_owner on api_tokens (username, created_at desc);

-- Account changes (users, passwords, tokens) are in the activity log too, with no store.
alter table activity alter column store drop not null;

-- Down Migration
delete from activity where store is null;
alter table activity alter column store set not null;
drop index api_tokens_owner;
alter table api_tokens drop column expires_at, drop column role;
alter table users drop column last_sign_in_at, drop column disabled_at;
