#!/usr/bin/env bash
# The main job on the bundled default: installs and builds timbre, then analyses the demo
# library (36 freely licensed tracks from Debian's game-music packages) with
# configs/features.yaml, leaving timbre.db and demo.jsonl here and printing a summary table.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
build/bin/timbre analyze configs/features.yaml \
  /usr/share/games/singularity/music /usr/share/hyperrogue/music /usr/share/games/asc/music \
  --db timbre.db --out demo.jsonl "$@"
