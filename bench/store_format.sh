#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# What the store's encoding of vectors costs: one library kept both ways, schema 5 (numbers as
# doubles, names once per store) and schema 4 (JSON text, every name beside its number, made
# from the first by bench/store_as_json_vectors.py), their size per track, and the wall time
# and peak memory of what reads them: `timbre similar` the first time (it reads every
# signature from the store and writes its copy beside it), again (from that copy), and
# `timbre tracks`; and the time a merge into a new file takes to rewrite the JSON store. The
# library: the demo library analysed with configs/similarity.yaml, copied COPIES times by
# bench/synthetic_library.py (400: 14,436 tracks), which keeps what the reading commands read
# (signatures, labels, tempo, key, descriptors, loudness), so the size is of those;
# bench/scale.sh gives a whole track's.
# Usage: bench/store_format.sh [BUILD_DIR] [COPIES]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
copies=${2:-400}
timbre="$build/bin/timbre"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"$timbre" analyze configs/similarity.yaml /usr/share/games/singularity/music /usr/share/hyperrogue/music \
  /usr/share/games/asc/music --db "$scratch/demo.db" --no-summary --log-level error -j "$(nproc)" > /dev/null ||
  [[ $? == 2 ]]
/usr/bin/python3 bench/synthetic_library.py "$scratch/demo.db" "$scratch/columns.db" "$copies" > /dev/null
/usr/bin/python3 -c "import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute('VACUUM')" "$scratch/columns.db"
/usr/bin/python3 bench/store_as_json_vectors.py "$scratch/columns.db" "$scratch/json.db"
tracks=$(/usr/bin/python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(
  \"SELECT count(*) FROM tracks WHERE status = 'ok'\").fetchone()[0])" "$scratch/columns.db")
query="/usr/share/games/asc/music/frontiers.mp3#copy3"  # a full path: "#copy3" is also part of "#copy30"

# Wall seconds and peak MiB of one command, as "S s, M MiB"; a command that fails stops the bench.
measure() {
  if ! /usr/bin/time -f "%e %M" -o "$scratch/time" "$@" > "$scratch/out" 2>&1; then
    echo "failed: $* ($(tail -3 "$scratch/out"))" >&2
    exit 1
  fi
  awk '{ printf "%.2f s, %.0f MiB", $1, $2 / 1024 }' "$scratch/time"
}
echo "$tracks tracks"
echo "| vectors kept as | store, KiB per track | similar, first (reads the store) | similar, again | tracks |"
echo "|---|---|---|---|---|"
for encoding in json columns; do
  store="$scratch/$encoding.db"
  size=$(awk -v bytes="$(stat -c %s "$store")" -v n="$tracks" 'BEGIN { printf "%.1f", bytes / n / 1024 }')
  first=$(measure "$timbre" similar --db "$store" -n 3 "$query")
  again=$(measure "$timbre" similar --db "$store" -n 3 "$query")
  listed=$(measure "$timbre" tracks --db "$store")
  echo "| $encoding | $size | $first | $again | $listed |"
done
# An old store brought to the current encoding: merged into a new file, which rewrites its JSON
# vectors (and frames) as numbers.
merged=$(measure "$timbre" merge "$scratch/merged.db" "$scratch/json.db")
size=$(awk -v bytes="$(stat -c %s "$scratch/merged.db")" -v n="$tracks" 'BEGIN { printf "%.1f", bytes / n / 1024 }')
echo
echo "timbre merge of the JSON store into a new file: $merged; $size KiB per track"
