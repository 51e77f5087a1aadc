#!/usr/bin/env bash
# `make up`: the platform on the best cluster this machine has (scripts/lib.sh up_mode says which and why).
#   kind       Docker answers: kind cluster `store-platform` (ports 80/443), ingress-nginx, cert-manager, our
#              images built and loaded, the store-platform chart with values-local.yaml
#   cluster    no Docker, the current kube context answers: the same chart into that cluster (ingress-nginx and
#              cert-manager first when it has none); the images must reach it (STORE_PLATFORM_IMAGE_REGISTRY)
#   simulated  neither: PostgreSQL, the local control plane and the provisioner on this host until Ctrl-C
#   host       asked only: the provisioner on this host against the current kube context until Ctrl-C
# `up.sh --mode` prints the mode it would take and does nothing. `make down` removes what this made.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

started=$SECONDS

# The kind binary of KIND_VERSION, built from its Go module once (like tools/build-tools.sh does for helm).
ensure_kind() {
  local dir="${XDG_CACHE_HOME:-$HOME/.cache}/store-platform/tools/kind-$KIND_VERSION"
  if [ ! -x "$dir/bin/kind" ]; then
    command -v go >/dev/null || die "kind $KIND_VERSION is built with Go, which is not installed"
    say "building kind $KIND_VERSION from its Go module into $dir"
    GOBIN="$dir/bin" CGO_ENABLED=0 GOTOOLCHAIN=local go install "sigs.k8s.io/kind@$KIND_VERSION"
  fi
  mkdir -p "$repo/.tools/bin"
  ln -sfn "$dir/bin/kind" "$repo/.tools/bin/kind"
}

save_state() {
  mkdir -p "$state_dir"
  printf '%s\n' "$@" >"$state_file"
}

# helm upgrade --install of an official chart from its repository, waiting for its workloads.
install_chart() {
  local name=$1 repository=$2 version=$3 namespace=$4
  shift 4
  say "installing $name $version (namespace $namespace)"
  helm upgrade --install "$name" "$name" --repo "$repository" --version "$version" \
    --namespace "$namespace" --create-namespace --wait --timeout 5m "$@"
}

install_ingress_nginx() {
  install_chart ingress-nginx https://kubernetes.github.io/ingress-nginx "$INGRESS_NGINX_CHART_VERSION" \
    ingress-nginx "$@"
}

install_cert_manager() {
  install_chart cert-manager https://charts.jetstack.io "$CERT_MANAGER_CHART_VERSION" cert-manager \
    --set crds.enabled=true
}

# Why the platform's pods are not ready, when helm's wait gave up.
explain_pods() {
  kubectl -n "$release_namespace" get pods -o wide >&2
  kubectl -n "$release_namespace" get events --sort-by=.lastTimestamp >&2
}

install_platform() {
  local args=(upgrade --install "$release" "$repo/helm-charts/store-platform"
    -f "$repo/helm-charts/store-platform/values-local.yaml"
    --namespace "$release_namespace" --create-namespace --wait --timeout 10m)
  if [ -n "${STORE_PLATFORM_IMAGE_REGISTRY:-}" ]; then
    args+=(--set "global.imageRegistry=$STORE_PLATFORM_IMAGE_REGISTRY")
  fi
  say "installing the store-platform chart with values-local.yaml (namespace $release_namespace)"
  if ! helm "${args[@]}" >/dev/null; then
    explain_pods
    die "the store-platform release did not become ready (pods and events above)"
  fi
}

# The dashboard through the ingress controller on this machine's ports, as a browser reaches it: the HTTP status,
# or why there is none.
dashboard_status() {
  local code
  if code=$(curl -ks -o /dev/null -w '%{http_code}' --max-time 5 \
    --resolve "${dashboard_url#https://}:443:127.0.0.1" "$dashboard_url/"); then
    echo "$code"
  else
    echo "no answer (curl exit code $?)"
  fi
}

# 0 when the object exists, 1 when the API server says NotFound; any other answer stops the script.
exists() {
  local output
  if output=$(kubectl get "$@" -o name 2>&1); then return 0; fi
  grep -q NotFound <<<"$output" && return 1
  die "kubectl get $*: $output"
}

wait_for_dashboard() {
  local deadline=$((SECONDS + 180)) status
  say "waiting for $dashboard_url to answer"
  while status=$(dashboard_status) && [ "$status" != 200 ]; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "$status"
      return 1
    fi
    sleep 2
  done
  echo 200
}

print_sign_in() {
  local password
  password=$(kubectl -n "$release_namespace" get secret "$release-admin" -o jsonpath='{.data.password}' | base64 -d)
  say "ready in $((SECONDS - started)) s"
  printf '\n  Dashboard: %s  (self-signed certificate: accept it once)\n' "$dashboard_url"
  printf '  Sign in:   admin / %s\n' "$password"
  printf '  Later:     kubectl -n %s get secret %s-admin -o jsonpath={.data.password} | base64 -d\n' \
    "$release_namespace" "$release"
  printf '  kubectl:   export KUBECONFIG=%s\n\n' "${KUBECONFIG:-~/.kube/config}"
}

up_kind() {
  ensure_kind
  local clusters
  clusters=$(kind get clusters 2>&1) || die "kind get clusters: $clusters"
  if grep -qx "$kind_cluster" <<<"$clusters"; then
    say "kind cluster '$kind_cluster' exists: reusing it"
  else
    say "creating kind cluster '$kind_cluster' ($KIND_NODE_IMAGE), ports 80 and 443 on 127.0.0.1"
    kind create cluster --name "$kind_cluster" --image "$KIND_NODE_IMAGE" \
      --config "$scripts_dir/kind-config.yaml" --kubeconfig "$kind_kubeconfig" --wait 3m
  fi
  # Its own kubeconfig file: the user's ~/.kube/config and current context stay as they were.
  kind export kubeconfig --name "$kind_cluster" --kubeconfig "$kind_kubeconfig"
  export KUBECONFIG="$kind_kubeconfig"
  save_state mode=kind "kind_cluster=$kind_cluster"
  bash "$scripts_dir/images.sh" load "$kind_cluster"
  install_ingress_nginx -f "$scripts_dir/ingress-nginx-kind.yaml"
  install_cert_manager
  install_platform
  local status
  status=$(wait_for_dashboard) || die "$dashboard_url did not answer 200 within 3 minutes (last: $status)"
  print_sign_in
}

up_cluster() {
  local context server addons=()
  context=$(kubectl config current-context)
  server=$(kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}')
  if [ "${STORE_PLATFORM_UP:-}" != cluster ] && ! is_local_context "$context"; then
    die "kube context '$context' ($server) does not look like a cluster on this machine; to install the platform there (and ingress-nginx and cert-manager if it has none), run: STORE_PLATFORM_UP=cluster make up"
  fi
  say "installing into kube context '$context' ($server)"
  if [ -z "${STORE_PLATFORM_IMAGE_REGISTRY:-}" ]; then
    say "STORE_PLATFORM_IMAGE_REGISTRY is not set: the cluster's nodes must already have the images ($(bash "$scripts_dir/images.sh" list | cut -d' ' -f1 | paste -sd' '))"
  fi
  # Recorded before each install, so that `make down` also cleans up after a failed one.
  save_state mode=cluster "context=$context" addons=
  if exists ingressclass nginx; then
    say "IngressClass nginx exists: using it"
  else
    addons+=(ingress-nginx)
    save_state mode=cluster "context=$context" "addons=${addons[*]}"
    install_ingress_nginx
  fi
  if exists crd clusterissuers.cert-manager.io; then
    say "cert-manager is installed: using it"
  else
    addons+=(cert-manager)
    save_state mode=cluster "context=$context" "addons=${addons[*]}"
    install_cert_manager
  fi
  install_platform
  local status
  if ! status=$(wait_for_dashboard); then
    say "$dashboard_url does not answer 200 from this machine (last: $status): this cluster's ingress is not on 127.0.0.1. Reach the dashboard with: kubectl -n $release_namespace port-forward svc/$release-dashboard 8080:8080"
  fi
  print_sign_in
}

mode=$(up_mode)
if [ "${1:-}" = --mode ]; then
  echo "$mode"
  exit 0
fi
cd "$repo"
case "$mode" in
  kind) up_kind ;;
  cluster) up_cluster ;;
  # The same platform process; the simulated mode must not fall back to a kube context that up_mode found
  # unreachable a moment ago.
  simulated) STORE_PLATFORM_LOCAL_CLUSTER=true exec npx --no-install tsx test/cluster/src/cli.ts platform ;;
  host) exec npx --no-install tsx test/cluster/src/cli.ts platform ;;
esac
