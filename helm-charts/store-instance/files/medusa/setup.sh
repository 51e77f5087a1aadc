#!/usr/bin/env bash
#
# Creates the administrator of one Medusa store with Medusa's own CLI, `medusa user`.
#
# Run by the store-instance setup Job (engine medusa) in the store image (images/medusa), as uid 1000:
#   bash /scripts/setup.sh
# after `helm install --wait` (and each `helm upgrade --wait`): the server's init container has migrated
# the database by then (docs/decisions/004).
#
# The CLI runs in the built project (/app): it resolves `@medusajs/medusa/commands/user` and loads
# medusa-config.js from its working directory, then boots Medusa's modules with the server's own env.
#
# Idempotent: `medusa user` creates the user first, and the user module refuses an e-mail that already has
# one (a unique index on `user.email`; Medusa's database error mapper says "User with email: <e-mail>,
# already exists."). That answer means an earlier run created the administrator: the Job succeeds. Any other
# failure fails the Job, with the CLI's output in its log.
#
# Required environment (the Job fails naming any that is missing or empty):
#   STORE_ADMIN_EMAIL STORE_ADMIN_PASSWORD, and what medusa-config.js needs to boot:
#   DATABASE_URL JWT_SECRET COOKIE_SECRET (REDIS_URL too when the store has Redis)
# Optional: MEDUSA_APP_DIR (default /app, the image's working directory).
#
# Secrets are never printed: the CLI's output is logged with every secret of the environment masked.

set -euo pipefail

readonly APP_DIR="${MEDUSA_APP_DIR:-/app}"
readonly REQUIRED_VARS='STORE_ADMIN_EMAIL STORE_ADMIN_PASSWORD DATABASE_URL JWT_SECRET COOKIE_SECRET'
readonly SECRET_VARS='STORE_ADMIN_PASSWORD MEDUSA_DB_PASSWORD JWT_SECRET COOKIE_SECRET'

log() {
  printf '[setup] %s\n' "$*"
}

die() {
  printf '[setup] ERROR: %s\n' "$*" >&2
  exit 1
}

# masked TEXT: TEXT with the value of each variable of SECRET_VARS replaced by ***.
masked() {
  local text="$1" name value
  for name in $SECRET_VARS; do
    value="${!name:-}"
    if [[ -n "$value" ]]; then
      text="${text//"$value"/***}"
    fi
  done
  printf '%s\n' "$text"
}

missing=''
for name in $REQUIRED_VARS; do
  if [[ -z "${!name:-}" ]]; then
    missing="${missing} ${name}"
  fi
done
[[ -z "$missing" ]] || die "missing environment:${missing}"

cd "$APP_DIR" || die "no Medusa project at ${APP_DIR}"
[[ -f medusa-config.js ]] || die "${APP_DIR}/medusa-config.js not found: is this the store image (images/medusa)?"

log "==> administrator ${STORE_ADMIN_EMAIL}: medusa user"
# The CLI the image's CMD runs (the `medusa` bin of @medusajs/cli), without npx: one process less in memory.
status=0
output="$(node node_modules/@medusajs/cli/cli.js user --email "$STORE_ADMIN_EMAIL" \
  --password "$STORE_ADMIN_PASSWORD" 2>&1)" || status=$?
masked "$output"

if [[ "$status" -eq 0 ]]; then
  log "administrator ${STORE_ADMIN_EMAIL} created"
elif [[ "$output" == *"User with email: ${STORE_ADMIN_EMAIL}, already exists"* ]]; then
  log "administrator ${STORE_ADMIN_EMAIL} already exists: nothing to do"
else
  die "medusa user failed (exit ${status}); its output is above"
fi
