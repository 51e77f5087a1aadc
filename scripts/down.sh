#!/usr/bin/env bash
# `make down`: removes what `make up` made, as it recorded it in .cluster/up.env: the kind cluster; or, on a kube
# context, the platform's release and namespace and the add-ons it installed there. Stores created through the
# platform on a kube context are the user's data: they stay, and the command that deletes them is printed.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ ! -f "$state_file" ]; then
  say "nothing to remove: make up made no cluster and no install (the simulated mode stops with its Ctrl-C)"
  if [ -f "$state_dir/state.json" ]; then
    say "a control plane from make cluster-up may be running: make cluster-down stops it"
  fi
  exit 0
fi

mode='' recorded_cluster='' context='' addons=''
while IFS='=' read -r key value; do
  case "$key" in
    mode) mode=$value ;;
    kind_cluster) recorded_cluster=$value ;;
    context) context=$value ;;
    addons) addons=$value ;;
    *) die "$state_file: unknown line '$key=$value'" ;;
  esac
done <"$state_file"

down_kind() {
  local kind_binary
  kind_binary=$(command -v kind) || die "kind is not on PATH (make up links the one it used into .tools/bin); delete the cluster with: kind delete cluster --name $recorded_cluster"
  say "deleting kind cluster '$recorded_cluster'"
  "$kind_binary" delete cluster --name "$recorded_cluster" --kubeconfig "$kind_kubeconfig"
  rm -f "$kind_kubeconfig"
}

down_cluster() {
  local current stores addon releases
  current=$(kubectl config current-context) || die 'kubectl config current-context failed'
  [ "$current" = "$context" ] ||
    die "make up installed into kube context '$context', the current one is '$current': kubectl config use-context $context, then make down"
  stores=$(kubectl get namespaces -l app.kubernetes.io/managed-by=store-platform-provisioner -o name) ||
    die 'kubectl could not list the store namespaces'
  if [ -n "$stores" ]; then
    say "these store namespaces stay: $(tr '\n' ' ' <<<"$stores")"
    say "delete them with: kubectl delete namespaces -l app.kubernetes.io/managed-by=store-platform-provisioner"
  fi
  releases=$(helm list --namespace "$release_namespace" --all --filter "^$release\$" -q) ||
    die "helm list --namespace $release_namespace failed"
  if [ -n "$releases" ]; then
    say "uninstalling release $release"
    helm uninstall "$release" --namespace "$release_namespace" --wait --timeout 5m
  fi
  # The namespace holds what the release keeps on uninstall (database claim, generated passwords).
  say "deleting namespace $release_namespace"
  kubectl delete namespace "$release_namespace" --ignore-not-found --wait --timeout 5m
  for addon in $addons; do
    say "uninstalling $addon (make up installed it)"
    helm uninstall "$addon" --namespace "$addon" --wait --timeout 5m
    kubectl delete namespace "$addon" --ignore-not-found --wait --timeout 5m
  done
  if [[ " $addons " == *" cert-manager "* ]]; then
    # The chart keeps its CRDs on uninstall (crds.keep), so that certificates survive a reinstall.
    kubectl delete crd -l app.kubernetes.io/instance=cert-manager --ignore-not-found
  fi
}

case "$mode" in
  kind) down_kind ;;
  cluster) down_cluster ;;
  *) die "$state_file: unknown mode '$mode'" ;;
esac
rm -f "$state_file"
say 'removed'
