#!/usr/bin/env bash
# `cluster-dump.sh DIR`: what a failed `make up` or `make e2e` leaves to read, written into DIR (CI uploads it):
# every object (kubectl get all -A), the events, the logs of every pod of the platform's and the stores'
# namespaces (store-platform, store-*), and kind's own node logs when make up made a kind cluster. Reading the
# cluster may fail in part (it is a broken one): each part says so in its file, and the script goes on.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

out=${1:?usage: cluster-dump.sh DIR}
mkdir -p "$out/logs"
if [ -f "$kind_kubeconfig" ] && [ -z "${KUBECONFIG:-}" ]; then export KUBECONFIG="$kind_kubeconfig"; fi

# capture FILE COMMAND...: the command's output into FILE, or its error and exit code when it fails.
capture() {
  local file=$1 status=0
  shift
  "$@" >"$file" 2>&1 || status=$?
  if [ "$status" != 0 ]; then
    echo "($* failed with exit code $status)" >>"$file"
    say "$*: exit code $status (see $file)"
  fi
}

say "writing the cluster's state into $out"
capture "$out/all.txt" kubectl get all -A -o wide
capture "$out/events.txt" kubectl get events -A --sort-by=.lastTimestamp
capture "$out/nodes.txt" kubectl describe nodes
capture "$out/helm-releases.txt" helm list -A --all
namespaces=$(kubectl get namespaces -o name) || die "kubectl cannot list namespaces: nothing more to read"
for namespace in $namespaces; do
  namespace=${namespace#namespace/}
  case "$namespace" in
    "$release_namespace" | store-*) ;;
    *) continue ;;
  esac
  capture "$out/describe-$namespace.txt" kubectl -n "$namespace" describe pods
  if ! pods=$(kubectl -n "$namespace" get pods -o name 2>&1); then
    say "cannot list the pods of $namespace: $pods"
    continue
  fi
  for pod in $pods; do
    pod=${pod#pod/}
    capture "$out/logs/$namespace-$pod.log" kubectl -n "$namespace" logs "$pod" --all-containers --prefix --timestamps
    # A container that restarted: the logs of the run before, which usually say why.
    if restarts=$(kubectl -n "$namespace" get pod "$pod" -o jsonpath='{.status.containerStatuses[*].restartCount}'); then
      case "$restarts" in
        *[1-9]*)
          capture "$out/logs/$namespace-$pod.previous.log" \
            kubectl -n "$namespace" logs "$pod" --all-containers --prefix --timestamps --previous
          ;;
      esac
    fi
  done
done
if [ -f "$state_file" ] && grep -qx 'mode=kind' "$state_file"; then
  capture "$out/kind-export-logs.txt" kind export logs "$out/kind" --name "$kind_cluster"
fi
say "done: $out"
