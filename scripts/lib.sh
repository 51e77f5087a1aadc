#!/usr/bin/env bash
# Shared by scripts/up.sh, scripts/down.sh and scripts/images.sh: names, logging, and the choice of mode.
# Sourced, never run.
# shellcheck disable=SC2034 # The names below are used by the scripts that source this file.

scripts_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$scripts_dir/.." && pwd)
# shellcheck source=scripts/versions.env
source "$scripts_dir/versions.env"
# The pinned helm and kubectl of `make tools` first.
PATH="$repo/.tools/bin:$PATH"
# A failure inside $(...) stops the script too, as it would outside.
shopt -s inherit_errexit

# What `make up` made is written here, so that `make down` removes that and nothing else.
state_dir="$repo/.cluster"
state_file="$state_dir/up.env"
kind_cluster='store-platform'
kind_kubeconfig="$state_dir/kind.kubeconfig"
release='store-platform'
release_namespace='store-platform'
dashboard_url='https://dashboard.127.0.0.1.nip.io'
# The container CLI that builds the images and tells whether a container engine runs: docker, or another with
# its commands (podman; kind then needs KIND_EXPERIMENTAL_PROVIDER=podman).
docker=${STORE_PLATFORM_DOCKER:-docker}

# [up], [down] or [images]: which script speaks.
log_name=$(basename "$0" .sh)
say() { printf '[%s] %s\n' "$log_name" "$*" >&2; }
die() {
  printf '[%s] error: %s\n' "$log_name" "$*" >&2
  exit 1
}

# Kube contexts that are a cluster on this machine. Anything else gets the platform only when asked by name
# (STORE_PLATFORM_UP=cluster): `make up` should not install into a shared or production cluster by accident.
is_local_context() {
  case "$1" in
    kind-* | k3d-* | minikube | docker-desktop | rancher-desktop | orbstack | colima*) return 0 ;;
    *) return 1 ;;
  esac
}

# Prints the mode of `make up` and, on stderr, why:
#   kind       Docker answers: a kind cluster with ingress-nginx, cert-manager and the platform's images
#   cluster    no Docker, the current kube context answers: the platform installed into that cluster
#   simulated  neither: PostgreSQL, the local control plane (kwok) and the provisioner on this host
#   host       only when asked: the provisioner on this host against the current kube context
# STORE_PLATFORM_UP=<mode> chooses instead of detecting.
up_mode() {
  local asked=${STORE_PLATFORM_UP:-} docker_error context
  if [ -n "$asked" ]; then
    case "$asked" in
      kind | cluster | simulated | host)
        say "STORE_PLATFORM_UP=$asked"
        echo "$asked"
        return 0
        ;;
      *) die "STORE_PLATFORM_UP must be kind, cluster, simulated or host, got '$asked'" ;;
    esac
  fi
  if ! command -v "$docker" >/dev/null; then
    docker_error="$docker is not installed"
  elif ! docker_error=$("$docker" info --format '{{.ServerVersion}}' 2>&1 >/dev/null); then
    docker_error="$docker does not answer: ${docker_error%%$'\n'*}"
  else
    say 'Docker answers: a kind cluster'
    echo kind
    return 0
  fi
  if context=$(kubectl config current-context 2>/dev/null) && kubectl version --request-timeout=5s >/dev/null 2>&1; then
    say "$docker_error; kube context '$context' answers: installing the platform into it"
    echo cluster
    return 0
  fi
  say "$docker_error, and no kube context answers: the simulated mode"
  echo simulated
}

# helm template, with helm's own message when it fails (minus its note that it follows the library symlink).
render() {
  local output status=0
  output=$(helm template "$@" 2>&1) || status=$?
  if [ "$status" != 0 ]; then
    die "helm template $*: $(grep -v 'found symbolic link' <<<"$output")"
  fi
  grep -v 'found symbolic link' <<<"$output"
}

# Lines "<image> <dockerfile> <build context>" for every image of ours the charts run: the platform's
# (store-platform chart, local values) and the stores' (store-instance chart, default engine). Read from the
# rendered charts, so that the tags built are the tags the charts pull.
platform_images() {
  local platform store image name
  platform=$(render "$release" "$repo/helm-charts/store-platform" \
    -f "$repo/helm-charts/store-platform/values-local.yaml" --namespace "$release_namespace")
  store=$(render images "$repo/helm-charts/store-instance" --set store.name=images)
  local refs=()
  mapfile -t refs < <(
    printf '%s\n%s\n' "$platform" "$store" |
      sed -n 's|^[[:space:]-]*image:[[:space:]]*"\{0,1\}\(store-platform/[^"[:space:]]*\)"\{0,1\}[[:space:]]*$|\1|p' |
      sort -u
  )
  [ ${#refs[@]} -gt 0 ] || die 'the charts render no store-platform/* image'
  for image in "${refs[@]}"; do
    name=${image#store-platform/}
    name=${name%%:*}
    [ -f "$repo/images/$name/Dockerfile" ] || die "the charts run $image, but images/$name/Dockerfile does not exist"
    # The platform's images build from the repository root (npm workspaces); the stores' from their folder.
    case "$name" in
      provisioner | dashboard) echo "$image images/$name/Dockerfile ." ;;
      *) echo "$image images/$name/Dockerfile images/$name" ;;
    esac
  done
}
