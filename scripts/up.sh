#!/usr/bin/env bash
# `make up`: the platform on the best cluster this machine has (scripts/lib.sh up_mode says which and why).
#   kind       Docker answers: kind cluster `store-platform` (ports 80/443), ingress-nginx, cert-manager, our
#              images built and loaded, the stores' upstream images pulled into the node, the store-platform
#              chart with values-local.yaml. Needs Docker and make only: kind, helm and kubectl come from PATH,
#              or are downloaded or built (scripts/tools.sh).
#   cluster    no Docker, the current kube context answers: the same chart into that cluster (ingress-nginx and
#              cert-manager first when it has none); the images must reach it (STORE_PLATFORM_IMAGE_REGISTRY)
#   simulated  neither: PostgreSQL, the local control plane and the provisioner on this host until Ctrl-C (Linux)
#   host       asked only: the provisioner on this host against the current kube context until Ctrl-C (Linux)
# MEDUSA_ENABLED=true also offers Medusa stores (its image built and loaded on kind).
# `up.sh --mode` prints the mode it would take and does nothing; `up.sh --check-dns` says whether this machine
# resolves the dashboard's name as a browser will. `make down` removes what this made.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/up-steps.sh
source "$scripts_dir/up-steps.sh"

started=$SECONDS

up_kind() {
  require_curl
  bash "$scripts_dir/tools.sh" kind helm kubectl
  check_chart_published ingress-nginx https://kubernetes.github.io/ingress-nginx "$INGRESS_NGINX_CHART_VERSION"
  check_chart_published cert-manager https://charts.jetstack.io "$CERT_MANAGER_CHART_VERSION"
  local clusters
  clusters=$(kind get clusters 2>&1) || die "kind get clusters: $clusters"
  if grep -qx "$kind_cluster" <<<"$clusters"; then
    say "kind cluster '$kind_cluster' exists: reusing it"
  else
    say "creating kind cluster '$kind_cluster' ($KIND_NODE_IMAGE), ports 80 and 443 on 127.0.0.1: about a minute, plus a few minutes the first time while Docker pulls the node image (about 450 MB)"
    kind create cluster --name "$kind_cluster" --image "$KIND_NODE_IMAGE" \
      --config "$scripts_dir/kind-config.yaml" --kubeconfig "$kind_kubeconfig" --wait 3m
  fi
  # Its own kubeconfig file: the user's ~/.kube/config and current context stay as they were.
  kind export kubeconfig --name "$kind_cluster" --kubeconfig "$kind_kubeconfig"
  export KUBECONFIG="$kind_kubeconfig"
  save_state mode=kind "kind_cluster=$kind_cluster"
  bash "$scripts_dir/images.sh" load "$kind_cluster"
  preload_store_images
  install_ingress_nginx -f "$scripts_dir/ingress-nginx-kind.yaml"
  install_cert_manager
  install_platform
  local status
  status=$(wait_for_dashboard) || die "$dashboard_url did not answer 200 within 3 minutes (last: $status)"
  check_dns
  print_sign_in
}

up_cluster() {
  local context server addons=''
  context=$(kubectl config current-context) || die 'kubectl config current-context failed'
  server=$(kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}') ||
    die "kubectl config view failed for context '$context'"
  if [ "${STORE_PLATFORM_UP:-}" != cluster ] && ! is_local_context "$context"; then
    die "kube context '$context' ($server) does not look like a cluster on this machine; to install the platform there (and ingress-nginx and cert-manager if it has none), run: STORE_PLATFORM_UP=cluster make up"
  fi
  require_curl
  # kubectl is the one that just reached the cluster; helm is chosen like on kind.
  bash "$scripts_dir/tools.sh" helm
  say "installing into kube context '$context' ($server)"
  if [ -z "${STORE_PLATFORM_IMAGE_REGISTRY:-}" ]; then
    local images
    images=$(bash "$scripts_dir/images.sh" list) || exit 1
    say "STORE_PLATFORM_IMAGE_REGISTRY is not set: the cluster's nodes must already have the images ($(cut -d' ' -f1 <<<"$images" | tr '\n' ' '))"
  fi
  # Recorded before each install, so that `make down` also cleans up after a failed one.
  save_state mode=cluster "context=$context" addons=
  if exists ingressclass nginx; then
    say "IngressClass nginx exists: using it"
  else
    check_chart_published ingress-nginx https://kubernetes.github.io/ingress-nginx "$INGRESS_NGINX_CHART_VERSION"
    addons='ingress-nginx'
    save_state mode=cluster "context=$context" "addons=$addons"
    install_ingress_nginx
  fi
  if exists crd clusterissuers.cert-manager.io; then
    say "cert-manager is installed: using it"
  else
    check_chart_published cert-manager https://charts.jetstack.io "$CERT_MANAGER_CHART_VERSION"
    addons="${addons:+$addons }cert-manager"
    save_state mode=cluster "context=$context" "addons=$addons"
    install_cert_manager
  fi
  install_platform
  local status
  if ! status=$(wait_for_dashboard); then
    say "$dashboard_url does not answer 200 from this machine (last: $status): this cluster's ingress is not on 127.0.0.1. Reach the dashboard with: kubectl -n $release_namespace port-forward svc/$release-dashboard 8080:8080"
  else
    check_dns
  fi
  print_sign_in
}

# The simulated and host modes run the platform's processes on this machine: Linux only (they start them with
# setpriv from util-linux), with Node.js, Go and PostgreSQL; npm dependencies, `make tools` and the dashboard's
# build come first (the kind and cluster modes need none of them: the images build inside Docker).
prepare_host_mode() {
  local kernel
  kernel=$(uname -s)
  if [ "$kernel" != Linux ]; then
    die "the $mode mode runs only on Linux (it starts PostgreSQL, the local control plane and the provisioner with setpriv from util-linux), and this machine is $kernel. Start Docker (Docker Desktop, Colima or OrbStack) and run make up again: it then makes a kind cluster, and needs nothing but Docker and make"
  fi
  # Only the tools the platform runs: the test tools (actionlint, rclone, schemathesis) are not its business.
  say "the $mode mode needs Node.js, Go and PostgreSQL here (README.md, Prerequisites): npm ci, make platform-tools (about 8 minutes the first time, cached afterwards) and the dashboard's build first"
  make -C "$repo" deps platform-tools dashboard-build
}

case "${1:-}" in
  --mode)
    up_mode
    exit 0
    ;;
  --check-dns)
    check_dns
    exit 0
    ;;
  '') ;;
  *) die "usage: up.sh [--mode|--check-dns]" ;;
esac
mode=$(up_mode) || exit 1
medusa_enabled && say 'MEDUSA_ENABLED=true: Medusa stores are offered, and their images are built and pulled'
cd "$repo"
case "$mode" in
  kind) up_kind ;;
  cluster) up_cluster ;;
  # The same platform process; the simulated mode must not fall back to a kube context that up_mode found
  # unreachable a moment ago. Node itself with tsx's loader, not `npx tsx`: the tsx command relays Ctrl-C to its
  # child once more, or kills it, when the child does not confirm it within 30 ms (a busy machine), and the
  # platform takes a second Ctrl-C as "end at once".
  simulated)
    prepare_host_mode
    STORE_PLATFORM_LOCAL_CLUSTER=true exec node --import tsx test/cluster/src/cli.ts platform
    ;;
  host)
    prepare_host_mode
    exec node --import tsx test/cluster/src/cli.ts platform
    ;;
esac
