# shellcheck shell=bash
#
# Products of the WooCommerce setup: the look-up by SKU, and the starter catalog loader.
#
# Sourced, never executed, after lib.sh (log, die, require_env, wp_cli):
#   source "$(dirname "$0")/catalog.sh"
# The chart mounts this file next to the scripts at /scripts, with the starter catalog it renders from
# `catalog.products` as catalog.txt (empty when there is none): one product a line, four tab-separated fields
#   SKU <TAB> base64(name) <TAB> regular price <TAB> base64(description)
# Name and description are base64 (RFC 4648, one line), so that no character of theirs (a tab, a newline, a
# quote) can break a line; the SKU is `CATALOG-` and the first 10 hex digits of the sha256 of the trimmed,
# lower-cased name, made by the chart, so that the same name always has the same SKU.

# Product ID for a SKU, 0 when none (trashed products do not count, as in WooCommerce itself).
product_id_by_sku() {
  # shellcheck disable=SC2016 # PHP code.
  SETUP_LOOKUP_SKU="$1" wp_cli eval 'echo (int) wc_get_product_id_by_sku( (string) getenv( "SETUP_LOOKUP_SKU" ) );'
}

# create_product SKU NAME PRICE DESCRIPTION [WP-CLI FLAG...]: creates a published simple product by
# STORE_ADMIN_USER (the flags add to it, e.g. its stock) and prints its ID.
create_product() {
  local sku="$1" name="$2" price="$3" description="$4"
  shift 4
  wp_cli wc product create \
    --user="$STORE_ADMIN_USER" \
    --type=simple \
    --status=publish \
    --name="$name" \
    --sku="$sku" \
    --regular_price="$price" \
    --description="$description" \
    "$@" \
    --porcelain
}

# load_catalog FILE: create each product of FILE (the format above) whose SKU the store does not have yet, as a
# published simple product by STORE_ADMIN_USER. A product whose SKU exists is left as it is, edits of the shop
# owner included, so a rerun (a retried Job) creates nothing twice. Fails on a line it cannot read.
load_catalog() {
  local file="$1"
  local line_no=0 created=0 kept=0
  local sku name_b64 price description_b64 extra name description existing_id product_id
  [[ -f "$file" ]] || die "starter catalog file ${file} not found"
  if [[ ! -s "$file" ]]; then
    log "no starter catalog"
    return 0
  fi
  require_env STORE_ADMIN_USER

  # The file is read on descriptor 3, so that no command in the loop can read the lines from stdin.
  while IFS=$'\t' read -r sku name_b64 price description_b64 extra <&3 || [[ -n "$sku" ]]; do
    line_no=$((line_no + 1))
    [[ "$sku" =~ ^CATALOG-[0-9a-f]{10}$ && -n "$name_b64" && -z "$extra" ]] ||
      die "${file} line ${line_no}: not 'SKU<TAB>name<TAB>price<TAB>description' with a CATALOG- SKU"
    [[ "$price" =~ ^[0-9]{1,7}(\.[0-9]{1,2})?$ ]] ||
      die "${file} line ${line_no} (${sku}): price '${price}' is not a decimal such as 12 or 12.50"
    name="$(printf '%s' "$name_b64" | base64 -d)" ||
      die "${file} line ${line_no} (${sku}): the name is not base64"
    description="$(printf '%s' "$description_b64" | base64 -d)" ||
      die "${file} line ${line_no} (${sku}): the description is not base64"

    existing_id="$(product_id_by_sku "$sku")"
    if [[ "$existing_id" =~ ^[1-9][0-9]*$ ]]; then
      log "product ${sku} already exists (ID ${existing_id}); left as it is"
      kept=$((kept + 1))
      continue
    fi
    [[ "$existing_id" == "0" ]] || die "looking up SKU ${sku} gave '${existing_id}', not a product ID"
    product_id="$(create_product "$sku" "$name" "$price" "$description")"
    log "product ${sku} created (ID ${product_id}): '${name}', ${price}"
    created=$((created + 1))
  done 3<"$file"
  log "starter catalog: ${created} product(s) created, ${kept} already there"
}
