#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# How many bytes `timbre analyze` reads from storage per byte of audio: the content hash reads
# each file, then the tag reader and the decoder read it again, and the question is whether
# the second pass costs storage (or network) traffic or is served from the page cache.
# Runs with a cold cache (drops the page cache: needs root) twice, on one track and on a
# folder, and divides the difference in blocks read (getrusage's ru_inblock, via GNU time) by
# the difference in audio bytes, so that loading timbre's own libraries cancels out.
# Usage: bench/storage_reads.sh [BUILD_DIR] [FOLDER]   (default: the singularity demo music)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
folder=${2:-/usr/share/games/singularity/music}
timbre="$build/bin/timbre"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
if ! { sync && echo 3 > /proc/sys/vm/drop_caches; } 2> /dev/null; then
  echo "cannot drop the page cache (run as root): a warm cache would hide every storage read" >&2
  exit 1
fi
one=$(find "$folder" -type f | sort | head -1)

# Bytes read from storage by analysing $@ with a cold cache.
storage_bytes() {
  rm -f "$scratch/store.db"*
  sync && echo 3 > /proc/sys/vm/drop_caches
  /usr/bin/time -f "%I" -o "$scratch/blocks" "$timbre" analyze configs/features.yaml "$@" --db "$scratch/store.db" \
    -j 1 --no-summary > /dev/null 2>&1 || true
  echo $(($(tail -1 "$scratch/blocks") * 512))
}

alone=$(storage_bytes "$one")
all=$(storage_bytes "$folder")
audio_one=$(stat -c %s "$one")
audio_all=$(find "$folder" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
awk -v a="$alone" -v b="$all" -v x="$audio_one" -v y="$audio_all" 'BEGIN {
  printf "audio files: %.1f MB; read from storage for them: %.1f MB; %.2f bytes per byte of audio\n",
         (y - x) / 1e6, (b - a) / 1e6, (b - a) / (y - x) }'
