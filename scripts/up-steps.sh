#!/usr/bin/env bash
# The steps of scripts/up.sh on kind and on a kube context: checks of the pins and of DNS, installs with progress,
# the stores' images pulled into the node, the sign-in. Sourced by up.sh after lib.sh, never run. Each long step
# says how long it usually takes first; bash 3.2-compatible like lib.sh.
# shellcheck disable=SC2154 # Names from lib.sh and up.sh ($started), which source this file after lib.sh.

save_state() {
  mkdir -p "$state_dir"
  printf '%s\n' "$@" >"$state_file"
}

require_curl() {
  command -v curl >/dev/null ||
    die 'curl is needed (tool downloads and the dashboard check): install it with your package manager (apt-get install curl, dnf install curl)'
}

# Fails with a clear message unless REPOSITORY publishes chart NAME at VERSION (a version pinned in
# scripts/versions.env can exist as a source tag but not as a chart). Runs before anything is installed.
check_chart_published() {
  local name=$1 repository=$2 version=$3 output
  say "checking that $repository publishes chart $name $version"
  if ! output=$(helm show chart "$name" --repo "$repository" --version "$version" 2>&1); then
    die "chart $name $version (scripts/versions.env) cannot be had from $repository: $output. Either that version is not published as a chart (pin one listed by: helm search repo with that repository added, or its release page), or this machine cannot reach the repository"
  fi
}

# "N of M pods ready" in NAMESPACE (finished Job pods left out), or why the pods cannot be listed yet.
pods_ready() {
  local output
  if ! output=$(kubectl -n "$1" get pods --no-headers 2>&1); then
    echo "pods not listed yet (${output%%$'\n'*})"
    return 0
  fi
  case "$output" in
    '' | 'No resources found'*) echo 'no pods yet' ;;
    *) awk '$3 != "Completed" { split($2, r, "/"); total++; if (r[1] == r[2]) ready++ }
        END { printf "%d of %d pods ready\n", ready, total }' <<<"$output" ;;
  esac
}

# Runs COMMAND... (an install that waits) while printing, every 15 s, how far NAMESPACE's pods are; its status.
with_progress() {
  local namespace=$1 pid status=0 begun=$SECONDS next
  shift
  "$@" &
  pid=$!
  # A background command of a script ignores Ctrl-C: stop it with the script.
  trap 'kill "$pid" 2>/dev/null; exit 130' INT TERM
  next=$((SECONDS + 15))
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$SECONDS" -ge "$next" ]; then
      say "  $namespace: $(pods_ready "$namespace") after $((SECONDS - begun)) s"
      next=$((SECONDS + 15))
    fi
    sleep 1
  done
  wait "$pid" || status=$?
  trap - INT TERM
  return "$status"
}

# helm upgrade --install of an official chart from its repository, waiting for its workloads.
install_chart() {
  local name=$1 repository=$2 version=$3 namespace=$4 begun=$SECONDS
  shift 4
  say "installing $name $version (namespace $namespace): usually about a minute, up to 5"
  with_progress "$namespace" helm upgrade --install "$name" "$name" --repo "$repository" --version "$version" \
    --namespace "$namespace" --create-namespace --wait --timeout 5m "$@" >/dev/null
  say "installed $name in $((SECONDS - begun)) s"
}

install_ingress_nginx() {
  install_chart ingress-nginx https://kubernetes.github.io/ingress-nginx "$INGRESS_NGINX_CHART_VERSION" \
    ingress-nginx "$@"
}

install_cert_manager() {
  install_chart cert-manager https://charts.jetstack.io "$CERT_MANAGER_CHART_VERSION" cert-manager \
    -f "$scripts_dir/cert-manager-values.yaml"
}

# Why the platform's pods are not ready, when helm's wait gave up.
explain_pods() {
  kubectl -n "$release_namespace" get pods -o wide >&2
  kubectl -n "$release_namespace" get events --sort-by=.lastTimestamp >&2
}

# The store-platform chart with values-local.yaml, Medusa's values when it is on, and the image registry as a
# values file (never --set: STYLE.md habit 10).
install_platform() {
  local args=(upgrade --install "$release" "$repo/helm-charts/store-platform"
    -f "$repo/helm-charts/store-platform/values-local.yaml") begun=$SECONDS
  if medusa_enabled; then args+=(-f "$scripts_dir/medusa-values.yaml"); fi
  if [ -n "${STORE_PLATFORM_IMAGE_REGISTRY:-}" ]; then
    case "$STORE_PLATFORM_IMAGE_REGISTRY" in
      *[!A-Za-z0-9./:_-]*) die "STORE_PLATFORM_IMAGE_REGISTRY '$STORE_PLATFORM_IMAGE_REGISTRY' is not a registry host[:port][/path]" ;;
    esac
    mkdir -p "$state_dir"
    printf 'global:\n  imageRegistry: "%s"\n' "$STORE_PLATFORM_IMAGE_REGISTRY" >"$state_dir/registry-values.yaml"
    args+=(-f "$state_dir/registry-values.yaml")
  fi
  args+=(--namespace "$release_namespace" --create-namespace --wait --timeout 10m)
  say "installing the store-platform chart with values-local.yaml (namespace $release_namespace): about 2 minutes (PostgreSQL, then the provisioner's migrations)"
  if ! with_progress "$release_namespace" helm "${args[@]}" >/dev/null; then
    explain_pods
    die "the store-platform release did not become ready (pods and events above)"
  fi
  say "installed store-platform in $((SECONDS - begun)) s"
}

# The dashboard through the ingress controller on this machine's ports, as a browser reaches it once the name
# resolves: the HTTP status, or why there is none. (--resolve: check_dns tests the name itself.)
dashboard_status() {
  local code status=0
  code=$(curl -ks -o /dev/null -w '%{http_code}' --max-time 5 \
    --resolve "${dashboard_url#https://}:443:127.0.0.1" "$dashboard_url/") || status=$?
  if [ "$status" = 0 ]; then echo "$code"; else echo "no answer (curl exit code $status)"; fi
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
  say "waiting for $dashboard_url to answer (usually seconds: the ingress controller picks up the new Ingress)"
  while status=$(dashboard_status) && [ "$status" != 200 ]; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "$status"
      return 1
    fi
    sleep 2
  done
  echo 200
}

# Whether this machine resolves the dashboard's name the way a browser will. The install's own checks use
# `curl --resolve`, which would hide a resolver that drops nip.io's 127.0.0.1 answers (DNS-rebind protection of
# many home routers); then the browser fails although the platform runs. Says what to do; never fails.
check_dns() {
  local host=${dashboard_url#https://} status=0
  curl -ks -o /dev/null --max-time 10 "$dashboard_url/" || status=$?
  case "$status" in
    0)
      say "$host resolves on this machine: a browser reaches the dashboard"
      return 0
      ;;
    6) say "warning: this machine cannot resolve $host (curl exit code 6, could not resolve host): a browser will not open the dashboard, although the platform runs." ;;
    *) say "warning: $dashboard_url/ does not answer under the name this machine resolves (curl exit code $status), though it answers at 127.0.0.1." ;;
  esac
  say "  nip.io answers 127.0.0.1 for $host, and resolvers with DNS-rebind protection (many home routers) drop such answers. Either:"
  say "  - add to /etc/hosts (with sudo) the line: 127.0.0.1 $host   and one for each store: 127.0.0.1 {store}.127.0.0.1.nip.io"
  say "  - or give this machine a resolver without rebind protection (e.g. 1.1.1.1 or 9.9.9.9), or exempt nip.io in the router's rebind-protection settings"
  say "  (make e2e maps these names to 127.0.0.1 in its browser itself.)"
}

# Pulls the stores' upstream images (mysql; postgres and redis with Medusa) inside each kind node with crictl, as
# the kubelet would, so that the first store does not wait for them. Not `kind load`: a pulled image is
# multi-platform, and kind load fails on those with Docker's containerd image store
# (https://github.com/kubernetes-sigs/kind/issues/3795).
preload_store_images() {
  local images nodes image node begun
  images=$(store_upstream_images) || exit 1
  nodes=$(kind get nodes --name "$kind_cluster") || die "kind get nodes --name $kind_cluster failed"
  say "pulling the stores' images into the kind node ahead of the first store: $(tr '\n' ' ' <<<"$images")(a few hundred MB: about a minute on a fast line, several on a slow one)"
  for image in $images; do
    for node in $nodes; do
      begun=$SECONDS
      "$docker" exec "$node" crictl pull "$image" >/dev/null ||
        die "pulling $image inside kind node $node failed (docker exec $node crictl pull $image)"
      say "  $image in $node after $((SECONDS - begun)) s"
    done
  done
}

print_sign_in() {
  local password
  password=$(kubectl -n "$release_namespace" get secret "$release-admin" -o go-template='{{.data.password | base64decode}}') ||
    die "could not read the admin password from Secret $release_namespace/$release-admin"
  say "ready in $((SECONDS - started)) s"
  printf '\n  Dashboard: %s  (self-signed certificate: accept it once)\n' "$dashboard_url"
  printf '  Sign in:   admin / %s\n' "$password"
  printf "  Later:     kubectl -n %s get secret %s-admin -o go-template='{{.data.password | base64decode}}'\n" \
    "$release_namespace" "$release"
  printf '  kubectl:   export KUBECONFIG=%s\n\n' "${KUBECONFIG:-~/.kube/config}"
}
