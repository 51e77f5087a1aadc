#!/usr/bin/env bash
# Builds the pinned tools from Go modules into a cache outside the clone, and links them into .tools/bin of this
# repository. Idempotent: a tool whose binary is already cached is not rebuilt.
#   build-tools.sh           everything `make tools` builds: helm, kwok, etcd, the Kubernetes binaries (the local
#                            control plane and kubectl), actionlint (lints .github/workflows) and rclone (the
#                            S3-compatible server the backup tests store archives in, as the local backup store does)
#                            and schemathesis (fuzzes the API against its OpenAPI document; a venv of PyPI wheels)
#   build-tools.sh TOOL...   only those: helm, kwok, etcd, kubernetes, kubectl (alone), actionlint, rclone,
#                            schemathesis; scripts/tools.sh
#                            builds helm or kubectl this way when neither PATH nor a download has one
# Why from source: release binaries cannot be downloaded on the development machines; the Go module proxy can be
# reached. Runs under macOS's bash 3.2 too (scripts/tools.sh may call it there).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
# shellcheck source=tools/versions.env
source "$here/versions.env"

cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/store-platform/tools"
bin_link_dir="$repo/.tools/bin"
export CGO_ENABLED=0 GOFLAGS=-mod=mod GOTOOLCHAIN=local
mkdir -p "$cache_root" "$bin_link_dir"

log() { printf '[tools] %s\n' "$*"; }

# build_once NAME VERSION BINARIES... -- runs build_NAME into a fresh folder unless every binary is cached.
build_once() {
  local name=$1 version=$2; shift 2
  local dir="$cache_root/$name-$version" missing=0 bin
  for bin in "$@"; do [ -x "$dir/bin/$bin" ] || missing=1; done
  if [ "$missing" = 1 ]; then
    log "building $name $version ($*) into $dir"
    local started=$SECONDS tmp="$dir.partial"
    rm -rf "$tmp" && mkdir -p "$tmp/bin"
    "build_$name" "$version" "$tmp"
    rm -rf "$dir" && mv "$tmp" "$dir"
    log "built $name $version in $((SECONDS - started)) s"
  else
    log "$name $version: cached"
  fi
  for bin in "$@"; do ln -sfn "$dir/bin/$bin" "$bin_link_dir/$bin"; done
}

# A throwaway module that requires MODULE@VERSION, so `go build` of its main packages resolves dependencies.
# extra go.mod text (replace blocks, godebug lines) comes on stdin.
make_module() {
  local dir=$1 module=$2 version=$3
  mkdir -p "$dir/src"
  {
    printf 'module local/%s-build\n\ngo %s\n\n' "${module##*/}" "$(go env GOVERSION | sed 's/^go//')"
    cat
    printf '\nrequire %s %s\n' "$module" "$version"
  } > "$dir/src/go.mod"
}

build_helm() {
  local version=$1 out=$2 minor=${KUBE_VERSION#v1.}
  minor=${minor%%.*}
  # Without these ldflags helm reports a wrong version and renders .Capabilities.KubeVersion as v1.20.
  GOBIN="$out/bin" go install -trimpath -ldflags "-s -w \
    -X helm.sh/helm/v3/internal/version.version=$version \
    -X helm.sh/helm/v3/internal/version.gitTreeState=clean \
    -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$minor \
    -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=$minor" \
    "helm.sh/helm/v3/cmd/helm@$version"
}

# build_kube_commands VERSION OUT COMMAND... -- the named commands of k8s.io/kubernetes at VERSION.
build_kube_commands() {
  local version=$1 out=$2 gomod minor
  shift 2
  # k8s.io/kubernetes replaces its staging modules with local paths, which `go install` refuses; a local module
  # that replaces each `k8s.io/<x> v0.0.0` requirement with the matching published v0.x.y builds it instead.
  gomod=$(go mod download -json "k8s.io/kubernetes@$version" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')
  [ -n "$gomod" ] || { log "go mod download k8s.io/kubernetes@$version named no go.mod"; return 1; }
  minor=${version#v1.}
  {
    sed -n '/^godebug/p' "$gomod"
    echo 'replace ('
    awk '/^\t(k8s\.io\/[^ ]+) v0\.0\.0$/ { print "\t" $1 " => " $1 " v0." substr(v, 4) }' v="$version" "$gomod"
    echo ')'
  } | make_module "$out" k8s.io/kubernetes "$version"
  local vpkg ld="-s -w"
  for vpkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld+=" -X $vpkg.gitVersion=$version -X $vpkg.gitMajor=1 -X $vpkg.gitMinor=${minor%%.*}"
    ld+=" -X $vpkg.gitTreeState=clean -X $vpkg.buildDate=1970-01-01T00:00:00Z"
  done
  local cmd
  for cmd in "$@"; do
    log "  go build $cmd"
    (cd "$out/src" && go build -trimpath -ldflags "$ld" -o "$out/bin/$cmd" "k8s.io/kubernetes/cmd/$cmd")
  done
}

build_kubernetes() {
  build_kube_commands "$1" "$2" kube-apiserver kube-controller-manager kube-scheduler kubectl
}

# kubectl alone, for scripts/tools.sh (a few minutes instead of the whole set).
build_kubectl() {
  build_kube_commands "$1" "$2" kubectl
}

build_etcd() {
  local version=$1 out=$2
  # The server module's own replace directives point at sibling folders and are ignored in a dependency.
  make_module "$out" go.etcd.io/etcd/server/v3 "$version" < /dev/null
  (cd "$out/src" && go build -trimpath -ldflags "-s -w" -o "$out/bin/etcd" go.etcd.io/etcd/server/v3)
}

build_kwok() {
  local version=$1 out=$2
  GOBIN="$out/bin" go install -trimpath -ldflags "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=$version" \
    "sigs.k8s.io/kwok/cmd/kwok@$version"
}

build_actionlint() {
  local version=$1 out=$2
  # `actionlint -version` names the module version: it reads the build info that go install records.
  GOBIN="$out/bin" go install -trimpath -ldflags "-s -w" "github.com/rhysd/actionlint/cmd/actionlint@$version"
}

build_rclone() {
  local version=$1 out=$2
  # Without the ldflag rclone calls itself v1.x-DEV.
  GOBIN="$out/bin" go install -trimpath -ldflags "-s -w -X github.com/rclone/rclone/fs.Version=$version" \
    "github.com/rclone/rclone@$version"
}

build_schemathesis() {
  local version=$1 out=$2
  # Not a Go tool: a Python venv of PyPI wheels. Its console scripts record the venv's path, which changes when
  # build_once moves the folder into place, so bin/schemathesis starts the venv's python by its final path instead.
  python3 -m venv "$out/venv"
  "$out/venv/bin/pip" install --quiet --disable-pip-version-check --no-input "schemathesis==$version"
  printf '#!/bin/sh\nexec "%s/venv/bin/python" -m schemathesis.cli "$@"\n' "${out%.partial}" > "$out/bin/schemathesis"
  chmod +x "$out/bin/schemathesis"
}

# build TOOL -- build_once with TOOL's version and binaries.
build() {
  case "$1" in
    helm) build_once helm "$HELM_VERSION" helm ;;
    kwok) build_once kwok "$KWOK_VERSION" kwok ;;
    etcd) build_once etcd "$ETCD_VERSION" etcd ;;
    kubernetes) build_once kubernetes "$KUBE_VERSION" kube-apiserver kube-controller-manager kube-scheduler kubectl ;;
    kubectl) build_once kubectl "$KUBE_VERSION" kubectl ;;
    actionlint) build_once actionlint "$ACTIONLINT_VERSION" actionlint ;;
    rclone) build_once rclone "$RCLONE_VERSION" rclone ;;
    schemathesis) build_once schemathesis "$SCHEMATHESIS_VERSION" schemathesis ;;
    *)
      log "error: no tool '$1' (helm, kwok, etcd, kubernetes, kubectl, actionlint, rclone, schemathesis)"
      exit 1
      ;;
  esac
}

total_started=$SECONDS
if [ $# -eq 0 ]; then set -- helm kwok etcd kubernetes actionlint rclone schemathesis; fi
for tool in "$@"; do build "$tool"; done
log "$* ready in $((SECONDS - total_started)) s: $bin_link_dir"
