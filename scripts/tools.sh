#!/usr/bin/env bash
# `tools.sh TOOL...` (kind, helm, kubectl): makes each tool that make up's kind and cluster modes need usable, and
# says which binary it is. For each, the first that fits:
#   1. on PATH, at a version in versions.env's range (TOOL_MIN <= version < TOOL_BELOW): most laptops have them
#      from Homebrew or a package manager;
#   2. the pinned release, cached under ~/.cache/store-platform/tools by an earlier run;
#   3. the pinned release binary for this OS and architecture (linux or darwin, amd64 or arm64), downloaded with
#      curl and checked against the sha256 pinned in versions.env;
#   4. built from its Go module (Go needed): helm and kubectl by tools/build-tools.sh, kind by `go install`.
# The chosen binary is linked into .tools/bin, which make and these scripts put first on PATH.
# STORE_PLATFORM_PINNED_TOOLS=true skips PATH: the pinned releases only (CI checks their checksums this way).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# HELM_VERSION and KUBE_VERSION: what tools/build-tools.sh builds.
# shellcheck source=tools/versions.env
source "$repo/tools/versions.env"

cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/store-platform/tools"
links="$repo/.tools/bin"

# The version a tool's binary reports (vX.Y.Z), or a failure when it reports none.
version_of() {
  local tool=$1 binary=$2 output version
  case "$tool" in
    kind) output=$("$binary" version 2>&1) || return 1 ;;
    helm) output=$("$binary" version --short 2>&1) || return 1 ;;
    kubectl) output=$("$binary" version --client 2>&1) || return 1 ;;
  esac
  version=$(sed -n 's/^.*\(v[0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*\).*$/\1/p' <<<"$output" | head -n 1)
  [ -n "$version" ] || return 1
  echo "$version"
}

# vX.Y.Z as one number that sorts like the version (each part below 1000).
version_number() {
  local major minor patch
  IFS=. read -r major minor patch <<<"${1#v}"
  case "$major.$minor.$patch" in
    *[!0-9.]* | .* | *..* | *.) return 1 ;;
  esac
  echo $((10#$major * 1000000 + 10#$minor * 1000 + 10#$patch))
}

# Whether VERSION is in [MIN, BELOW).
in_range() {
  local version min below
  version=$(version_number "$1") || return 1
  min=$(version_number "$2") || return 1
  below=$(version_number "$3") || return 1
  [ "$version" -ge "$min" ] && [ "$version" -lt "$below" ]
}

# The value of the variable named $1 (bash 3.2 has no namerefs); empty when unset.
value_of() {
  eval "printf '%s' \"\${$1:-}\""
}

# linux/amd64, darwin/arm64...; a failure on any other system.
detect_platform() {
  local kernel machine os arch
  kernel=$(uname -s)
  machine=$(uname -m)
  case "$kernel" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) return 1 ;;
  esac
  case "$machine" in
    x86_64 | amd64) arch=amd64 ;;
    arm64 | aarch64) arch=arm64 ;;
    *) return 1 ;;
  esac
  echo "$os/$arch"
}

# "VERSION URL SHA256 MEMBER" of TOOL's pinned release for PLATFORM; MEMBER is the binary's path inside the
# release archive, or - when the release is the binary itself.
release_of() {
  local tool=$1 platform=$2 os arch key
  os=${platform%/*}
  arch=${platform#*/}
  key=$(tr '[:lower:]' '[:upper:]' <<<"${os}_$arch")
  case "$tool" in
    kind)
      echo "$KIND_VERSION https://github.com/kubernetes-sigs/kind/releases/download/$KIND_VERSION/kind-$os-$arch $(value_of "KIND_SHA256_$key") -"
      ;;
    helm)
      echo "$HELM_RELEASE_VERSION https://get.helm.sh/helm-$HELM_RELEASE_VERSION-$os-$arch.tar.gz $(value_of "HELM_SHA256_$key") $os-$arch/helm"
      ;;
    kubectl)
      echo "$KUBECTL_VERSION https://dl.k8s.io/release/$KUBECTL_VERSION/bin/$os/$arch/kubectl $(value_of "KUBECTL_SHA256_$key") -"
      ;;
  esac
}

# The sha256 of a file, with sha256sum (Linux) or shasum (macOS).
sha256_of() {
  local output
  if command -v sha256sum >/dev/null; then
    output=$(sha256sum "$1") || return 1
  elif command -v shasum >/dev/null; then
    output=$(shasum -a 256 "$1") || return 1
  else
    die 'neither sha256sum nor shasum is installed: a download cannot be checked'
  fi
  echo "${output%% *}"
}

# Downloads TOOL's pinned release into the cache and prints the binary. Runs inside $(...), where errexit is off:
# each step's failure is checked. Returns 1 when it cannot (no pin for this platform, no curl, no network): the
# caller tries the next way; 2 when the checksum does not match: the caller stops.
download() {
  local tool=$1 platform spec version url sha member dir tmp actual started=$SECONDS
  if ! platform=$(detect_platform); then
    say "$tool: no release binary for $(uname -s)/$(uname -m)"
    return 1
  fi
  spec=$(release_of "$tool" "$platform") || return 1
  read -r version url sha member <<<"$spec"
  if [ -z "$member" ]; then
    say "$tool: scripts/versions.env pins no sha256 for $platform"
    return 1
  fi
  if ! command -v curl >/dev/null; then
    say "$tool: curl is not installed, so the release binary cannot be downloaded"
    return 1
  fi
  dir="$cache_root/$tool-$version"
  tmp="$dir.partial"
  rm -rf "$tmp" && mkdir -p "$tmp/bin" || return 1
  say "$tool: downloading $version for $platform from $url (10 to 20 MB: seconds on a fast line)"
  if ! curl -fL --progress-bar --connect-timeout 20 --retry 2 -o "$tmp/download" "$url"; then
    rm -rf "$tmp"
    say "$tool: the download failed (no internet, or a proxy in the way?)"
    return 1
  fi
  actual=$(sha256_of "$tmp/download") || return 1
  if [ "$actual" != "$sha" ]; then
    rm -rf "$tmp"
    say "error: $tool: $url has sha256 $actual, but scripts/versions.env pins $sha: not using it (a tampered or truncated download, or a version changed without its checksums)"
    return 2
  fi
  if [ "$member" = - ]; then
    mv "$tmp/download" "$tmp/bin/$tool" || return 1
  else
    tar -xzf "$tmp/download" -C "$tmp" "$member" && mv "$tmp/$member" "$tmp/bin/$tool" && rm -f "$tmp/download" ||
      return 1
  fi
  chmod +x "$tmp/bin/$tool" && rm -rf "$dir" && mv "$tmp" "$dir" || return 1
  say "$tool: downloaded and checked in $((SECONDS - started)) s"
  echo "$dir/bin/$tool"
}

# Builds TOOL from its Go module and prints the binary; like download, each step's failure is checked.
build() {
  local tool=$1 dir
  if ! command -v go >/dev/null; then
    say "$tool: Go is not installed, so it cannot be built from source either"
    return 1
  fi
  case "$tool" in
    kind)
      dir="$cache_root/kind-$KIND_VERSION"
      say "kind: building $KIND_VERSION from its Go module (about a minute)"
      rm -rf "$dir.partial" || return 1
      GOBIN="$dir.partial/bin" CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-mod=mod \
        go install "sigs.k8s.io/kind@$KIND_VERSION" >&2 || return 1
      rm -rf "$dir" && mv "$dir.partial" "$dir" || return 1
      echo "$dir/bin/kind"
      ;;
    helm)
      say "helm: building $HELM_VERSION from its Go module with tools/build-tools.sh (about 2 minutes)"
      bash "$repo/tools/build-tools.sh" helm >&2 || return 1
      echo "$cache_root/helm-$HELM_VERSION/bin/helm"
      ;;
    kubectl)
      say "kubectl: building $KUBE_VERSION from its Go module with tools/build-tools.sh (about 3 minutes)"
      bash "$repo/tools/build-tools.sh" kubectl >&2 || return 1
      echo "$cache_root/kubectl-$KUBE_VERSION/bin/kubectl"
      ;;
  esac
}

# The binaries on PATH named TOOL, in PATH order.
on_path() {
  local tool=$1 dir dirs=()
  IFS=: read -r -a dirs <<<"$PATH"
  for dir in ${dirs[@]+"${dirs[@]}"}; do
    if [ -n "$dir" ] && [ -f "$dir/$tool" ] && [ -x "$dir/$tool" ]; then
      echo "$dir/$tool"
    fi
  done
}

# The cached builds and downloads of TOOL's pinned versions.
in_cache() {
  local tool=$1 candidate
  for candidate in "$cache_root/$tool-$(release_version "$tool")/bin/$tool" \
    "$cache_root/$tool-$(built_version "$tool")/bin/$tool"; do
    if [ -x "$candidate" ]; then echo "$candidate"; fi
  done
}
release_version() {
  case "$1" in
    kind) echo "$KIND_VERSION" ;;
    helm) echo "$HELM_RELEASE_VERSION" ;;
    kubectl) echo "$KUBECTL_VERSION" ;;
  esac
}
built_version() {
  case "$1" in
    kind) echo "$KIND_VERSION" ;;
    helm) echo "$HELM_VERSION" ;;
    kubectl) echo "$KUBE_VERSION" ;;
  esac
}

# Chooses TOOL's binary (see the header), links it into .tools/bin and says which it is and why.
ensure() {
  local tool=$1 key min below range binary version candidates status=0
  key=$(tr '[:lower:]' '[:upper:]' <<<"$tool")
  min=$(value_of "${key}_MIN")
  below=$(value_of "${key}_BELOW")
  range=">= $min and < $below"
  if [ "${STORE_PLATFORM_PINNED_TOOLS:-false}" = true ]; then
    say "$tool: STORE_PLATFORM_PINNED_TOOLS=true, not looking on PATH"
    candidates=''
  else
    candidates=$(on_path "$tool")
  fi
  while IFS= read -r binary; do
    [ -n "$binary" ] || continue
    if ! version=$(version_of "$tool" "$binary"); then
      say "$tool: $binary does not report its version: not used"
    elif in_range "$version" "$min" "$below"; then
      use "$tool" "$binary" "$version, on PATH; make up accepts $range"
      return 0
    else
      say "$tool: $binary is $version, outside $range: not used"
    fi
  done <<<"$candidates"
  candidates=$(in_cache "$tool")
  while IFS= read -r binary; do
    [ -n "$binary" ] || continue
    if version=$(version_of "$tool" "$binary") && in_range "$version" "$min" "$below"; then
      use "$tool" "$binary" "$version, cached"
      return 0
    fi
  done <<<"$candidates"
  binary=$(download "$tool") || status=$?
  if [ "$status" = 2 ]; then exit 1; fi
  if [ "$status" != 0 ] && ! binary=$(build "$tool"); then
    die "$tool: none usable. Install $tool $range (macOS: brew install $tool; Linux: your package manager or the release page), or run make up again with internet access (it downloads the pinned release), or install Go to build it"
  fi
  version=$(version_of "$tool" "$binary") || die "$tool: $binary does not report its version"
  in_range "$version" "$min" "$below" || die "$tool: $binary is $version, outside $range (scripts/versions.env)"
  use "$tool" "$binary" "$version"
}

# Links BINARY as .tools/bin/TOOL (unless it is that link) and says so.
use() {
  local tool=$1 binary=$2 why=$3
  mkdir -p "$links"
  if [ "$binary" != "$links/$tool" ]; then
    ln -sfn "$binary" "$links/$tool"
  fi
  say "$tool: $binary ($why)"
}

[ $# -gt 0 ] || die 'usage: tools.sh kind|helm|kubectl...'
for tool in "$@"; do
  case "$tool" in
    kind | helm | kubectl) ensure "$tool" ;;
    *) die "tools.sh chooses kind, helm and kubectl, not '$tool'" ;;
  esac
done
