#!/usr/bin/env bash
#
# Build-time check: every plugin and theme baked into the image runs on the image's WordPress.
#
#   check-requirements.sh WORDPRESS_ROOT FILE...
#
# WORDPRESS_ROOT is the document root (its wp-includes/version.php gives the WordPress version). Each FILE is
# a plugin's main file, a plugin's readme.txt or a theme's style.css: its "Requires at least:" header, read as
# WordPress reads file headers (get_file_data(): the first 8 KB, the header name anywhere after leading
# comment characters, case-insensitive), must be at most that version. A file without the header passes.
# Fails naming the component, its version, what it requires and the WordPress version; exits 2 on bad input.
# Versions are compared as dotted numbers (6.7 = 6.7.0 < 6.7.1 < 6.10).

set -euo pipefail

say() {
  printf '[check-requirements] %s\n' "$*"
}

die() {
  printf '[check-requirements] ERROR: %s\n' "$*" >&2
  exit "${2:-2}"
}

# header FILE NAME: the value of the header NAME in FILE's first 8 KB (empty when absent).
header() {
  head -c 8192 "$1" | tr -d '\r' | awk -v name="$2" '
    {
      line = $0
      sub(/^[ \t]*(<\?php)?[ \t\/*#@]*/, "", line)
      if (tolower(substr(line, 1, length(name) + 1)) == tolower(name) ":") {
        value = substr(line, length(name) + 2)
        gsub(/^[ \t]+|[ \t]+$/, "", value)
        print value
        exit
      }
    }'
}

# The readme.txt title line: "=== WooCommerce ===".
readme_title() {
  head -n 1 "$1" | tr -d '\r' | sed -n 's/^===[[:space:]]*\(.*[^[:space:]]\)[[:space:]]*===$/\1/p'
}

# version_le A B: A <= B, both dotted numbers.
version_le() {
  local a="$1" b="$2" x y
  while [[ -n "$a" || -n "$b" ]]; do
    x="${a%%.*}"
    y="${b%%.*}"
    x="${x:-0}"
    y="${y:-0}"
    if ((10#$x < 10#$y)); then return 0; fi
    if ((10#$x > 10#$y)); then return 1; fi
    [[ "$a" == *.* ]] && a="${a#*.}" || a=""
    [[ "$b" == *.* ]] && b="${b#*.}" || b=""
  done
  return 0
}

is_version() {
  [[ "$1" =~ ^[0-9]+(\.[0-9]+)*$ ]]
}

[[ $# -ge 2 ]] || die "usage: check-requirements.sh WORDPRESS_ROOT FILE..."
root="$1"
shift
version_file="${root}/wp-includes/version.php"
[[ -f "$version_file" ]] || die "no ${version_file}: is ${root} a WordPress document root?"
wordpress="$(sed -n "s/^[[:space:]]*\$wp_version[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" "$version_file" | head -n 1)"
is_version "$wordpress" || die "cannot read a release version from ${version_file} (got '${wordpress}')"
say "WordPress ${wordpress} (${version_file})"

failed=0
for file in "$@"; do
  [[ -f "$file" ]] || die "no file ${file}"
  name="$(header "$file" 'Plugin Name')"
  [[ -n "$name" ]] || name="$(header "$file" 'Theme Name')"
  [[ -n "$name" ]] || name="$(readme_title "$file")"
  [[ -n "$name" ]] || name="$(basename "$(dirname "$file")")"
  version="$(header "$file" 'Version')"
  [[ -n "$version" ]] || version="$(header "$file" 'Stable tag')"
  requires="$(header "$file" 'Requires at least')"
  label="${name}${version:+ ${version}}"
  if [[ -z "$requires" ]]; then
    say "${label}: no \"Requires at least\" in ${file}"
    continue
  fi
  is_version "$requires" || die "${label}: \"Requires at least: ${requires}\" in ${file} is not a version"
  if version_le "$requires" "$wordpress"; then
    say "${label} requires WordPress ${requires} or later (${file}): ok"
  else
    printf '[check-requirements] ERROR: %s requires WordPress %s or later ("Requires at least" in %s), but the image has WordPress %s: pin a release of %s that supports WordPress %s, or a newer WordPress image\n' \
      "$label" "$requires" "$file" "$wordpress" "$name" "$wordpress" >&2
    failed=1
  fi
done
exit "$failed"
