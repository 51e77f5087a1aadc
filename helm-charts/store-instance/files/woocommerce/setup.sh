#!/usr/bin/env bash
#
# First-time (and repeatable) provisioning of one WooCommerce store.
#
# Run by the store-instance setup Job in the store image, as uid 33 in /var/www/html:
#   bash /scripts/setup.sh
# Idempotent: every step checks the current state first, so a second run changes nothing and
# succeeds. Each step logs a "[setup] ..." line; passwords are never printed.
#
# Required environment (the Job fails naming any that is missing or empty):
#   WORDPRESS_DB_HOST WORDPRESS_DB_NAME WORDPRESS_DB_USER WORDPRESS_DB_PASSWORD
#   STORE_URL STORE_TITLE STORE_ADMIN_USER STORE_ADMIN_PASSWORD STORE_ADMIN_EMAIL
#   STORE_CURRENCY STORE_COUNTRY STORE_ADDRESS STORE_CITY STORE_POSTCODE STORE_SAMPLE_PRODUCTS
# The WORDPRESS_* salts are read by wp-config.php; a warning is logged if they are absent.
# Optional: WP_PATH, DB_WAIT_ATTEMPTS, DB_WAIT_INTERVAL_SECONDS (see lib.sh); STORE_CATALOG_FILE, the starter
# catalog (default: catalog.txt next to this script, /scripts/catalog.txt in the Job; see catalog.sh).

set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source-path=SCRIPTDIR source=catalog.sh
source "$(dirname "$0")/catalog.sh"

# The starter catalog the chart renders from `catalog.products` (catalog.sh describes the format).
STORE_CATALOG_FILE="${STORE_CATALOG_FILE:-$(dirname "$0")/catalog.txt}"

readonly PERMALINK_STRUCTURE='/%postname%/'

# Sample catalogue: SKU|name|regular price|stock quantity|description.
readonly SAMPLE_PRODUCTS=(
  'SAMPLE-TSHIRT-001|Classic Cotton T-Shirt|19.99|50|A soft, everyday t-shirt in organic cotton.'
  'SAMPLE-MUG-001|Ceramic Coffee Mug|12.50|100|A 350 ml stoneware mug for the first coffee of the day.'
  'SAMPLE-TOTE-001|Canvas Tote Bag|24.00|30|A sturdy canvas tote for groceries, books and everything else.'
)

# set_option NAME VALUE: update a WordPress option only when it differs. `option list` prints nothing for
# an option that does not exist yet (where `option get` fails), and still fails on a real error.
set_option() {
  local name="$1" value="$2" current
  current="$(wp_cli option list --search="$name" --field=option_value)"
  if [[ "$current" == "$value" ]]; then
    log "option ${name} already '${value}'"
  else
    wp_cli option update "$name" "$value" >/dev/null
    log "option ${name} set to '${value}'"
  fi
}

# Space-separated list of WooCommerce pages that are not set up (empty when all four exist).
missing_wc_pages() {
  # shellcheck disable=SC2016 # PHP code.
  wp_cli eval '
    $missing = array();
    foreach ( array( "shop", "cart", "checkout", "myaccount" ) as $page ) {
      $id = wc_get_page_id( $page );
      if ( $id <= 0 || "publish" !== get_post_status( $id ) ) {
        $missing[] = $page;
      }
    }
    echo implode( " ", $missing );
  '
}

cod_enabled() {
  # shellcheck disable=SC2016 # PHP code.
  wp_cli eval '
    $settings = get_option( "woocommerce_cod_settings", array() );
    echo ( is_array( $settings ) && isset( $settings["enabled"] ) && "yes" === $settings["enabled"] ) ? "yes" : "no";
  '
}

# ---------------------------------------------------------------------------------------------
step "checking configuration"
require_env \
  WORDPRESS_DB_HOST WORDPRESS_DB_NAME WORDPRESS_DB_USER WORDPRESS_DB_PASSWORD \
  STORE_URL STORE_TITLE STORE_ADMIN_USER STORE_ADMIN_PASSWORD STORE_ADMIN_EMAIL \
  STORE_CURRENCY STORE_COUNTRY STORE_ADDRESS STORE_CITY STORE_POSTCODE STORE_SAMPLE_PRODUCTS
warn_missing_salts

case "$STORE_SAMPLE_PRODUCTS" in
  true | false) ;;
  *) die "STORE_SAMPLE_PRODUCTS must be 'true' or 'false', got '${STORE_SAMPLE_PRODUCTS}'" ;;
esac
[[ "$STORE_URL" =~ ^https?://[^/[:space:]]+(/[^[:space:]]*)?$ ]] ||
  die "STORE_URL must be an absolute http(s) URL, got '${STORE_URL}'"
STORE_URL="${STORE_URL%/}"
[[ "$STORE_CURRENCY" =~ ^[A-Z]{3}$ ]] ||
  die "STORE_CURRENCY must be an ISO 4217 code such as USD, got '${STORE_CURRENCY}'"
[[ "$STORE_COUNTRY" =~ ^[A-Z]{2}(:[A-Za-z0-9_-]+)?$ ]] ||
  die "STORE_COUNTRY must be a country code with an optional state, such as US:CA or DE, got '${STORE_COUNTRY}'"
[[ "$STORE_ADMIN_EMAIL" == *@* ]] ||
  die "STORE_ADMIN_EMAIL does not look like an e-mail address: '${STORE_ADMIN_EMAIL}'"

preflight
log "store ${STORE_URL} ('${STORE_TITLE}'), admin user '${STORE_ADMIN_USER}', database '${WORDPRESS_DB_NAME}' on ${WORDPRESS_DB_HOST}"
log "$(wp --version), WordPress $(wp_cli core version) in ${WP_PATH}"

# ---------------------------------------------------------------------------------------------
step "waiting for the database"
wait_for_db

# ---------------------------------------------------------------------------------------------
step "installing WordPress"
if wp_cli core is-installed; then
  log "WordPress is already installed; skipping 'wp core install'"
else
  # The admin password goes through stdin (--prompt reads one line), so it never shows in the
  # process list; stdout is discarded because a readline prompt may echo what it reads.
  printf '%s\n' "$STORE_ADMIN_PASSWORD" |
    wp_cli core install \
      --url="$STORE_URL" \
      --title="$STORE_TITLE" \
      --admin_user="$STORE_ADMIN_USER" \
      --admin_email="$STORE_ADMIN_EMAIL" \
      --skip-email \
      --prompt=admin_password >/dev/null
  wp_cli core is-installed || die "'wp core install' finished but WordPress still reports not installed"
  log "WordPress installed (admin user '${STORE_ADMIN_USER}')"
fi

if ! admin_id="$(wp_cli user get "$STORE_ADMIN_USER" --field=ID 2>/dev/null)"; then
  die "admin user '${STORE_ADMIN_USER}' does not exist in this store (was STORE_ADMIN_USER changed after the first install?)"
fi
admin_roles="$(wp_cli user get "$STORE_ADMIN_USER" --field=roles)"
if [[ ",${admin_roles// /}," != *",administrator,"* ]]; then
  die "user '${STORE_ADMIN_USER}' (ID ${admin_id}) is not an administrator (roles: ${admin_roles:-none})"
fi
log "admin user '${STORE_ADMIN_USER}' present (ID ${admin_id})"

# ---------------------------------------------------------------------------------------------
step "setting site URL and title"
set_option siteurl "$STORE_URL"
set_option home "$STORE_URL"
set_option blogname "$STORE_TITLE"

# ---------------------------------------------------------------------------------------------
step "activating WooCommerce and Storefront"
if wp_cli plugin is-active woocommerce; then
  log "plugin woocommerce already active ($(wp_cli plugin get woocommerce --field=version))"
else
  wp_cli plugin activate woocommerce >/dev/null
  log "plugin woocommerce activated ($(wp_cli plugin get woocommerce --field=version))"
fi
if wp_cli theme is-active storefront; then
  log "theme storefront already active ($(wp_cli theme get storefront --field=version))"
else
  wp_cli theme activate storefront >/dev/null
  log "theme storefront activated ($(wp_cli theme get storefront --field=version))"
fi

# ---------------------------------------------------------------------------------------------
step "configuring WooCommerce"
set_option woocommerce_store_address "$STORE_ADDRESS"
set_option woocommerce_store_city "$STORE_CITY"
set_option woocommerce_store_postcode "$STORE_POSTCODE"
set_option woocommerce_default_country "$STORE_COUNTRY"
set_option woocommerce_currency "$STORE_CURRENCY"
# "Launch your store": publish the store instead of the "coming soon" page.
set_option woocommerce_coming_soon no
set_option woocommerce_store_pages_only no

# Onboarding wizard: WooCommerce skips it when its profile says completed or skipped. Keep any
# answers an admin gave; only add skipped=true when neither flag is set yet.
# shellcheck disable=SC2016 # PHP code.
onboarding="$(wp_cli eval '
  $profile = get_option( "woocommerce_onboarding_profile", array() );
  if ( ! is_array( $profile ) ) {
    $profile = array();
  }
  delete_transient( "_wc_activation_redirect" );
  if ( ! empty( $profile["completed"] ) || ! empty( $profile["skipped"] ) ) {
    echo "unchanged";
  } else {
    $profile["skipped"] = true;
    update_option( "woocommerce_onboarding_profile", $profile );
    echo "skipped";
  }
')"
if [[ "$onboarding" == "skipped" ]]; then
  log "onboarding wizard marked as skipped"
else
  log "onboarding wizard already completed or skipped"
fi

# ---------------------------------------------------------------------------------------------
step "creating WooCommerce pages"
missing_pages="$(missing_wc_pages)"
if [[ -z "$missing_pages" ]]; then
  log "shop, cart, checkout and my-account pages already exist"
else
  log "missing pages: ${missing_pages}; running the WooCommerce 'install_pages' tool"
  wp_cli wc tool run install_pages --user="$STORE_ADMIN_USER" >/dev/null
  missing_pages="$(missing_wc_pages)"
  [[ -z "$missing_pages" ]] || die "WooCommerce pages still missing after install_pages: ${missing_pages}"
  log "shop, cart, checkout and my-account pages created"
fi

# ---------------------------------------------------------------------------------------------
step "setting pretty permalinks"
if [[ "$(wp_cli option get permalink_structure)" == "$PERMALINK_STRUCTURE" ]]; then
  log "permalink structure already '${PERMALINK_STRUCTURE}'"
else
  wp_cli rewrite structure "$PERMALINK_STRUCTURE" >/dev/null
  log "permalink structure set to '${PERMALINK_STRUCTURE}'"
fi
# Soft flush (rules in the database): the image already ships WordPress's .htaccess.
wp_cli rewrite flush >/dev/null
log "rewrite rules flushed"

# ---------------------------------------------------------------------------------------------
step "enabling Cash on Delivery"
if [[ "$(cod_enabled)" == "yes" ]]; then
  log "payment gateway 'cod' already enabled"
else
  wp_cli wc payment_gateway update cod --enabled=true --user="$STORE_ADMIN_USER" >/dev/null
  [[ "$(cod_enabled)" == "yes" ]] || die "payment gateway 'cod' is still disabled after the update"
  log "payment gateway 'cod' enabled"
fi

# ---------------------------------------------------------------------------------------------
step "sample products"
if [[ "$STORE_SAMPLE_PRODUCTS" != "true" ]]; then
  log "STORE_SAMPLE_PRODUCTS=false; not creating sample products"
else
  for entry in "${SAMPLE_PRODUCTS[@]}"; do
    IFS='|' read -r sku name price stock description <<<"$entry"
    existing_id="$(product_id_by_sku "$sku")"
    if [[ "$existing_id" =~ ^[1-9][0-9]*$ ]]; then
      log "product ${sku} already exists (ID ${existing_id})"
      continue
    fi
    product_id="$(create_product "$sku" "$name" "$price" "$description" --manage_stock=true --stock_quantity="$stock")"
    log "product ${sku} created (ID ${product_id}): '${name}', ${price} ${STORE_CURRENCY}, stock ${stock}"
  done
fi

# ---------------------------------------------------------------------------------------------
step "starter catalog"
load_catalog "$STORE_CATALOG_FILE"

# ---------------------------------------------------------------------------------------------
log "setup finished in ${SECONDS}s: WordPress $(wp_cli core version), WooCommerce $(wp_cli plugin get woocommerce --field=version), theme $(wp_cli option get stylesheet)"
log "store ready: ${STORE_URL}"
