#!/usr/bin/env bash
# Shared by scripts/up.sh, down.sh, images.sh and tools.sh: names, logging, the choice of mode, the images the
# charts run. Sourced, never run. Written for macOS's /bin/bash 3.2 as well as Linux (STYLE.md habit 9): bash 3.2
# does not pass errexit into command substitutions, so one whose failure matters is checked where it is assigned
# (`x=$(cmd) || die ...`); test/scripts/bash32-compat.test.ts refuses bash 4 features here.
# shellcheck disable=SC2034 # The names below are used by the scripts that source this file.

scripts_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$scripts_dir/.." && pwd)
# shellcheck source=scripts/versions.env
source "$scripts_dir/versions.env"
# The tools scripts/tools.sh chose (or `make tools` built) first.
PATH="$repo/.tools/bin:$PATH"

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

# [up], [down], [images] or [tools]: which script speaks.
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
  if ! command -v kubectl >/dev/null; then
    say "$docker_error, and kubectl is not installed (no kube context to try): the simulated mode"
    echo simulated
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

# MEDUSA_ENABLED=true: `make up` offers Medusa stores (the provisioner's setting, through medusa-values.yaml),
# builds and loads the Medusa image and pre-pulls its database and cache images. Anything but true or false is
# refused.
medusa_enabled() {
  case "${MEDUSA_ENABLED:-false}" in
    true) return 0 ;;
    false) return 1 ;;
    *) die "MEDUSA_ENABLED must be true or false, got '$MEDUSA_ENABLED'" ;;
  esac
}

# The store engines `make up` offers: woocommerce, and medusa when MEDUSA_ENABLED=true.
store_engines() {
  if medusa_enabled; then echo 'woocommerce medusa'; else echo woocommerce; fi
}

# Each `image:` of the YAML on stdin, once.
image_refs() {
  sed -n 's|^[[:space:]-]*image:[[:space:]]*"\{0,1\}\([^"[:space:]]*\)"\{0,1\}[[:space:]]*$|\1|p' | sort -u
}

# The images of the platform chart as `make up` installs it, one a line.
platform_chart_images() {
  local args=(-f "$repo/helm-charts/store-platform/values-local.yaml") yaml
  if medusa_enabled; then args+=(-f "$scripts_dir/medusa-values.yaml"); fi
  yaml=$(render "$release" "$repo/helm-charts/store-platform" "${args[@]}" --namespace "$release_namespace") ||
    return 1
  image_refs <<<"$yaml"
}

# The images of one store of each engine `make up` offers, one a line; without the `helm test` pod, which the
# provisioner does not run.
store_chart_images() {
  local engines engine yaml
  engines=$(store_engines) || return 1
  for engine in $engines; do
    yaml=$(render images "$repo/helm-charts/store-instance" -f "$scripts_dir/store-$engine-values.yaml" \
      --skip-tests) || return 1
    image_refs <<<"$yaml"
  done
}

# The image of the provisioner's backup, restore and rotation Jobs (images/store-backup), when the platform chart
# gives the provisioner one (BACKUP_IMAGE, from backups.image): the Jobs are made through the API, so no `image:`
# of the rendered charts names it. Nothing when the chart sets none.
backup_job_image() {
  local yaml
  yaml=$(render "$release" "$repo/helm-charts/store-platform" -f "$repo/helm-charts/store-platform/values-local.yaml" \
    --namespace "$release_namespace") || return 1
  sed -n '/name: BACKUP_IMAGE$/{n;s|^[[:space:]]*value:[[:space:]]*"\{0,1\}\([^"[:space:]]*\)"\{0,1\}[[:space:]]*$|\1|p;}' <<<"$yaml" |
    head -n 1
}

# Lines "<image> <dockerfile> <build context>" for every image of ours the charts run (store-platform/*): the
# platform's, the backup Jobs' and the stores', built by images.sh. Read from the rendered charts, so that the tags
# built are the tags the charts pull.
platform_images() {
  local platform backup stores image name found=0
  platform=$(platform_chart_images) || return 1
  backup=$(backup_job_image) || return 1
  if [ -n "$backup" ]; then platform=$(printf '%s\n%s\n' "$platform" "$backup"); fi
  stores=$(store_chart_images) || return 1
  while read -r image; do
    case "$image" in
      store-platform/*) found=1 ;;
      *) continue ;;
    esac
    name=${image#store-platform/}
    name=${name%%:*}
    [ -f "$repo/images/$name/Dockerfile" ] || die "the charts run $image, but images/$name/Dockerfile does not exist"
    # The platform's images (and the backup Jobs') build from the repository root (npm workspaces); the stores'
    # from their folder.
    case "$name" in
      provisioner | dashboard | store-backup) echo "$image images/$name/Dockerfile ." ;;
      *) echo "$image images/$name/Dockerfile images/$name" ;;
    esac
  done <<<"$(printf '%s\n%s\n' "$platform" "$stores" | sort -u)"
  [ "$found" = 1 ] || die 'the charts render no store-platform/* image'
}

# The upstream images a store runs (mysql; postgres and redis with Medusa), one a line: `make up` pulls them into
# the kind node ahead of the first store. (The platform's own postgres is pulled by its install anyway.)
store_upstream_images() {
  local images image
  images=$(store_chart_images) || return 1
  while read -r image; do
    case "$image" in
      store-platform/* | '') ;;
      *) echo "$image" ;;
    esac
  done <<<"$images"
}
