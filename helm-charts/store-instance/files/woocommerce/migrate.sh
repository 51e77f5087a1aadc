#!/usr/bin/env bash
#
# Database migrations after a store upgrade (new image: newer WordPress and/or WooCommerce).
#
# Run by the store-instance post-upgrade Job in the store image, as uid 33 in /var/www/html:
#   bash /scripts/migrate.sh
# Idempotent: both updaters do nothing when the schema is already current. Each step logs a
# "[migrate] ..." line; the database password is never printed.
#
# Required environment: WORDPRESS_DB_HOST WORDPRESS_DB_NAME WORDPRESS_DB_USER WORDPRESS_DB_PASSWORD
# Optional: STORE_TITLE and STORE_ADMIN_EMAIL (set by the chart only when an operator changed them: the
# title and administrator e-mail an update sets), WP_PATH, DB_WAIT_ATTEMPTS, DB_WAIT_INTERVAL_SECONDS (lib.sh).

set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"

# option_or NAME FALLBACK: an option's value, or FALLBACK when it does not exist.
option_or() {
  wp_cli option get "$1" 2>/dev/null || printf '%s\n' "$2"
}

# ---------------------------------------------------------------------------------------------
step "checking configuration"
require_env WORDPRESS_DB_HOST WORDPRESS_DB_NAME WORDPRESS_DB_USER WORDPRESS_DB_PASSWORD
warn_missing_salts
preflight
log "database '${WORDPRESS_DB_NAME}' on ${WORDPRESS_DB_HOST}; $(wp --version), WordPress $(wp_cli core version) in ${WP_PATH}"

# ---------------------------------------------------------------------------------------------
step "waiting for the database"
wait_for_db

if ! wp_cli core is-installed; then
  # Nothing to migrate yet (the setup Job has not completed); failing here would only block the
  # upgrade that is meant to repair the store.
  warn "WordPress is not installed in database '${WORDPRESS_DB_NAME}'; nothing to migrate"
  log "migration skipped: store not installed"
  exit 0
fi

# ---------------------------------------------------------------------------------------------
step "updating the WordPress database"
log "WordPress db_version before: $(option_or db_version unknown)"
# Logs whether an upgrade ran or the schema was already current.
run_logged wp_cli core update-db
log "WordPress db_version after: $(option_or db_version unknown)"

# ---------------------------------------------------------------------------------------------
step "updating the WooCommerce database"
if ! wp_cli plugin is-active woocommerce; then
  warn "WooCommerce is not active; skipping 'wp wc update'"
  wc_summary="WooCommerce inactive"
else
  wc_code_version="$(wp_cli plugin get woocommerce --field=version)"
  log "WooCommerce ${wc_code_version}; woocommerce_db_version before: $(option_or woocommerce_db_version none)"
  # WooCommerce's own CLI updater: runs only the pending update callbacks, synchronously.
  run_logged wp_cli wc update
  wc_db_version="$(option_or woocommerce_db_version none)"
  log "woocommerce_db_version after: ${wc_db_version}"
  if [[ "$wc_db_version" != "$wc_code_version" ]]; then
    warn "woocommerce_db_version (${wc_db_version}) differs from the plugin version (${wc_code_version})"
  fi
  wc_summary="WooCommerce ${wc_code_version} (db ${wc_db_version})"
fi

# ---------------------------------------------------------------------------------------------
step "applying the store's settings"
# An update of the title or the administrator e-mail reaches WordPress here: the setup Job runs only at install.
if [[ -n "${STORE_TITLE:-}" ]]; then
  wp_cli option update blogname "$STORE_TITLE" >/dev/null
  log "blogname set to '${STORE_TITLE}'"
fi
if [[ -n "${STORE_ADMIN_EMAIL:-}" ]]; then
  [[ "$STORE_ADMIN_EMAIL" == *@* ]] ||
    die "STORE_ADMIN_EMAIL does not look like an e-mail address: '${STORE_ADMIN_EMAIL}'"
  wp_cli option update admin_email "$STORE_ADMIN_EMAIL" >/dev/null
  log "admin_email set to '${STORE_ADMIN_EMAIL}'"
fi
if [[ -z "${STORE_TITLE:-}${STORE_ADMIN_EMAIL:-}" ]]; then
  log "no title or administrator e-mail set: nothing to apply"
fi

# ---------------------------------------------------------------------------------------------
log "migration finished in ${SECONDS}s: WordPress $(wp_cli core version) (db $(option_or db_version unknown)), ${wc_summary}"
