#!/usr/bin/env bash
# `make images`: builds every image of ours the charts run (scripts/lib.sh platform_images) with Docker, tagged
# as the charts pull them. `images.sh list` only prints them; `images.sh load CLUSTER` also loads them into a
# kind cluster (`make up` does).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command=${1:-build}
case "$command" in
  list | build | load) ;;
  *) die "usage: images.sh [list|build|load KIND_CLUSTER]" ;;
esac
images=$(platform_images)
if [ "$command" = list ]; then
  echo "$images"
  exit 0
fi

revision=$(git -C "$repo" rev-parse HEAD)
while read -r image dockerfile context; do
  say "building $image ($dockerfile)"
  started=$SECONDS
  "$docker" build -f "$repo/$dockerfile" -t "$image" \
    --build-arg IMAGE_VERSION="${image##*:}" --build-arg VCS_REF="$revision" \
    --build-arg BUILD_DATE="$(date -u +%FT%TZ)" "$repo/$context"
  say "built $image in $((SECONDS - started)) s"
  if [ "$command" = load ]; then
    # The charts pull with IfNotPresent, so the loaded image is the one that runs.
    kind load docker-image "$image" --name "${2:?images.sh load needs the kind cluster name}"
  fi
done <<<"$images"
