#!/usr/bin/env bash
# `make images`: builds every image of ours the charts run (scripts/lib.sh platform_images: the platform's, the
# WooCommerce store's and, with MEDUSA_ENABLED=true, the Medusa store's) with Docker, tagged as the charts pull
# them. `images.sh list` only prints them; `images.sh load CLUSTER` also loads them into a kind cluster (`make up`
# does). Images built here are single-platform, which `kind load` handles; pulled multi-platform images are not
# loaded this way (kind issue 3795): scripts/up.sh pulls those inside the node.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command=${1:-build}
case "$command" in
  list) ;;
  build) ;;
  load) cluster=${2:?images.sh load needs the kind cluster name} ;;
  *) die "usage: images.sh [list|build|load KIND_CLUSTER]" ;;
esac
# helm renders the charts to read the images from (scripts/tools.sh: from PATH, downloaded, or built).
bash "$scripts_dir/tools.sh" helm
images=$(platform_images) || exit 1
if [ "$command" = list ]; then
  echo "$images"
  exit 0
fi

command -v "$docker" >/dev/null ||
  die "$docker is not installed: the images build with Docker (Docker Desktop, Colima or OrbStack on macOS; Docker Engine on Linux)"

# The commit the images are built from (image label); a copy that is not a git checkout says so instead.
if ! revision=$(git -C "$repo" rev-parse HEAD 2>/dev/null); then
  revision=unknown
  say 'not a git checkout: the images are labelled with revision "unknown"'
fi
build_date=$(date -u '+%Y-%m-%dT%H:%M:%SZ')
count=$(wc -l <<<"$images" | tr -d ' ')
say "building $count images with $docker: about 10 minutes the first time (npm, PHP and Node dependencies are downloaded inside the builds), under a minute when Docker's build cache has them"
index=0
while read -r image dockerfile context; do
  index=$((index + 1))
  say "[$index/$count] building $image ($dockerfile)"
  started=$SECONDS
  "$docker" build -f "$repo/$dockerfile" -t "$image" \
    --build-arg IMAGE_VERSION="${image##*:}" --build-arg VCS_REF="$revision" \
    --build-arg BUILD_DATE="$build_date" "$repo/$context"
  say "[$index/$count] built $image in $((SECONDS - started)) s"
  if [ "$command" = load ]; then
    # The charts pull with IfNotPresent, so the loaded image is the one that runs.
    say "[$index/$count] loading $image into kind cluster $cluster"
    kind load docker-image "$image" --name "$cluster"
  fi
done <<<"$images"
