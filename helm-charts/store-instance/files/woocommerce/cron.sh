#!/usr/bin/env bash
#
# WordPress's due scheduled events, run by the store-instance CronJob `{name}-cron` in the store image, as
# uid 33, instead of WP-Cron (which the chart turns off with DISABLE_WP_CRON):
#   bash /scripts/cron.sh
# `wp cron event run --due-now` runs every event whose time has come, among them WooCommerce's Action
# Scheduler queue runner (`action_scheduler_run_queue`), which then runs the due scheduled actions.
# Before the setup Job has installed WordPress there is nothing to run, and the run succeeds.
#
# Required environment: WORDPRESS_DB_HOST WORDPRESS_DB_NAME WORDPRESS_DB_USER WORDPRESS_DB_PASSWORD
# Optional: WP_PATH, DB_WAIT_ATTEMPTS (default 6 here), DB_WAIT_INTERVAL_SECONDS (see lib.sh).

set -euo pipefail

# A run is short and the next one comes soon: wait about 30 seconds for the database, not 5 minutes.
DB_WAIT_ATTEMPTS="${DB_WAIT_ATTEMPTS:-6}"

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"

step "checking configuration"
require_env WORDPRESS_DB_HOST WORDPRESS_DB_NAME WORDPRESS_DB_USER WORDPRESS_DB_PASSWORD
preflight

step "waiting for the database"
wait_for_db

if ! wp_cli core is-installed; then
  log "WordPress is not installed yet (the setup Job has not finished); no event to run"
  exit 0
fi

step "running the due events"
run_logged wp_cli cron event run --due-now
log "finished in ${SECONDS}s"
