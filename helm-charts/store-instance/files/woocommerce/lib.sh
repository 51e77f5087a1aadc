# shellcheck shell=bash
#
# Shared helpers for the WooCommerce store Jobs (setup.sh and migrate.sh).
#
# Sourced, never executed: the caller enables `set -euo pipefail` first and then runs
#   source "$(dirname "$0")/lib.sh"
# The chart mounts this file next to the scripts at /scripts.
#
# Optional tuning (all have defaults, none is required):
#   WP_PATH                   WordPress root (default /var/www/html, where the image bakes the code)
#   DB_WAIT_ATTEMPTS          connection attempts before giving up (default 60)
#   DB_WAIT_INTERVAL_SECONDS  pause between attempts (default 5; 60 x 5 s = about 5 minutes)
#
# Secrets (WORDPRESS_DB_PASSWORD, STORE_ADMIN_PASSWORD) are never printed: do not add `set -x`.

WP_PATH="${WP_PATH:-/var/www/html}"

# Log prefix: the script's own name, "setup" or "migrate".
LOG_TAG="$(basename "$0" .sh)"

log() {
  printf '[%s] %s\n' "$LOG_TAG" "$*"
}

step() {
  printf '[%s] ==> %s\n' "$LOG_TAG" "$*"
}

warn() {
  printf '[%s] WARNING: %s\n' "$LOG_TAG" "$*" >&2
}

die() {
  printf '[%s] ERROR: %s\n' "$LOG_TAG" "$*" >&2
  exit 1
}

# unset_vars NAME... : prints the names among NAME... that are unset or empty, space-separated.
unset_vars() {
  local name
  local -a missing=()
  for name in "$@"; do
    [[ -n "${!name:-}" ]] || missing+=("$name")
  done
  printf '%s' "${missing[*]}"
}

# require_env NAME... : fail naming every variable that is unset or empty.
require_env() {
  local missing
  missing="$(unset_vars "$@")"
  [[ -z "$missing" ]] || die "missing required environment variable(s): ${missing}"
}

# The salts are read by wp-config.php, not by these scripts; without them wp-config-docker.php
# falls back to a public placeholder, so say so loudly (but do not fail: the Job does not need them).
warn_missing_salts() {
  local missing
  missing="$(unset_vars WORDPRESS_AUTH_KEY WORDPRESS_SECURE_AUTH_KEY WORDPRESS_LOGGED_IN_KEY WORDPRESS_NONCE_KEY \
    WORDPRESS_AUTH_SALT WORDPRESS_SECURE_AUTH_SALT WORDPRESS_LOGGED_IN_SALT WORDPRESS_NONCE_SALT)"
  [[ -z "$missing" ]] || warn "WordPress salts not set (${missing}); wp-config.php would use its placeholder values"
}

# Checks that hold for both Jobs: right user, tools present, code baked into the image.
preflight() {
  if [[ "$(id -u)" == "0" ]]; then
    die "running as root; run this Job as uid 33 (www-data), like the web container"
  fi
  command -v wp >/dev/null 2>&1 || die "wp-cli ('wp') not found on PATH; is this the store image?"
  command -v php >/dev/null 2>&1 || die "php not found on PATH; is this the store image?"
  [[ -f "${WP_PATH}/wp-config.php" ]] || die "no wp-config.php in ${WP_PATH}; is this the store image?"
}

# wp-cli against the baked WordPress tree, without colour codes in the Job log.
wp_cli() {
  wp --path="$WP_PATH" --no-color "$@"
}

# run_logged CMD...: run a command and log each line of its output (stdout and stderr) under the
# script's tag. The caller's `set -o pipefail` makes a failing command fail the pipeline.
run_logged() {
  local line
  "$@" 2>&1 | while IFS= read -r line || [[ -n "$line" ]]; do
    log "  ${line}"
  done
}

# PHP probe: open a real connection to the WordPress database with the same env vars wp-config.php
# reads. No mysql client is needed (the image has none) and no credential appears in argv.
# Host syntax as in wp-config: "host", "host:port", "host:/path/to/socket", "[ipv6]:port".
# shellcheck disable=SC2016 # PHP code: the $ are PHP variables, not shell expansions.
DB_PROBE_PHP='
mysqli_report(MYSQLI_REPORT_OFF);
$host = (string) getenv("WORDPRESS_DB_HOST");
$port = 3306;
$socket = null;
if (preg_match("/^(.*):([0-9]+)$/", $host, $m)) {
  $host = $m[1];
  $port = (int) $m[2];
} elseif (preg_match("/^(.*):(\/.+)$/", $host, $m)) {
  $host = $m[1];
  $socket = $m[2];
}
// An IPv6 literal keeps its brackets ("[::1]"): mysqlnd needs them, as in WordPress wpdb.
if ($host === "") {
  $host = "localhost";
}
$db = mysqli_init();
$db->options(MYSQLI_OPT_CONNECT_TIMEOUT, 5);
if (!@$db->real_connect($host, (string) getenv("WORDPRESS_DB_USER"), (string) getenv("WORDPRESS_DB_PASSWORD"), (string) getenv("WORDPRESS_DB_NAME"), $port, $socket)) {
  fwrite(STDERR, "(" . $db->connect_errno . ") " . $db->connect_error);
  exit(1);
}
if (!$db->query("SELECT 1")) {
  fwrite(STDERR, "(" . $db->errno . ") " . $db->error);
  exit(1);
}
$db->close();
'

# wait_for_db: bounded retries, one log line per attempt.
wait_for_db() {
  local attempts="${DB_WAIT_ATTEMPTS:-60}"
  local interval="${DB_WAIT_INTERVAL_SECONDS:-5}"
  local attempt output
  [[ "$attempts" =~ ^[1-9][0-9]*$ ]] || die "DB_WAIT_ATTEMPTS must be a positive integer, got '${attempts}'"
  [[ "$interval" =~ ^[0-9]+$ ]] || die "DB_WAIT_INTERVAL_SECONDS must be a non-negative integer, got '${interval}'"

  for ((attempt = 1; attempt <= attempts; attempt++)); do
    if output="$(php -r "$DB_PROBE_PHP" 2>&1)"; then
      log "database '${WORDPRESS_DB_NAME}' on ${WORDPRESS_DB_HOST} accepts connections (attempt ${attempt}/${attempts})"
      return 0
    fi
    output="${output//$'\n'/ }"
    log "database '${WORDPRESS_DB_NAME}' on ${WORDPRESS_DB_HOST} not ready (attempt ${attempt}/${attempts}): ${output:-no error message}"
    if ((attempt < attempts)); then
      sleep "$interval"
    fi
  done
  die "database '${WORDPRESS_DB_NAME}' on ${WORDPRESS_DB_HOST} did not accept connections after ${attempts} attempts, ${interval}s apart"
}
