#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The figures behind docs/scale.md, measured in one run on this machine: analysis throughput
# per worker with the shipped similarity pipeline (genre, mood, similarity signatures) on the
# demo library, one and two workers; the SQLite store's write rate (one transaction per track)
# and `timbre merge`'s rate, and a PostgreSQL store's (a server of its own, where one can run);
# then what they mean for a 1,000,000-track library of 4-minute
# tracks on N nodes, as a Markdown table.
# Usage: bench/scale.sh [BUILD_DIR] [NODE_CORES]   (default build, 32 cores per node)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
node_cores=${2:-32}
timbre="$build/bin/timbre"
cmake --build "$build" --target timbre_store_write_bench > /dev/null
library=(/usr/share/games/singularity/music /usr/share/hyperrogue/music /usr/share/games/asc/music)
scratch=$(mktemp -d)
chmod 755 "$scratch"  # the PostgreSQL server runs as its own user
source tests/support/throwaway_postgres.sh
trap 'stop_throwaway_postgres; rm -rf "$scratch"' EXIT

declare -A speed
for jobs in 1 2; do
  "$timbre" analyze configs/similarity.yaml "${library[@]}" -j "$jobs" --db "$scratch/j$jobs.db" --log-level warn \
    > "$scratch/j$jobs.txt" || true
  line=$(grep -E "^[0-9]+ tracks: " "$scratch/j$jobs.txt")
  echo "analyze -j $jobs: $line"
  speed[$jobs]=$(sed -E 's/.* ([0-9.]+)x per worker.*/\1/' <<< "$line")
done

# A PostgreSQL server of its own, where one can run, for the shared store's rate.
postgres_store=""
start_throwaway_postgres "$scratch/postgres" > /dev/null || echo "(no PostgreSQL here: its rate is not measured)"
write=$("$build/bin/timbre_store_write_bench" configs/similarity.yaml /usr/share/hyperrogue/music/hr-savino-caribbean.ogg \
        2000 $postgres_store)
echo "$write"
store_rate=$(sed -nE 's/^SQLite.* = ([0-9]+) tracks\/s/\1/p' <<< "$write")
shared_rate=$(sed -nE 's/^PostgreSQL.* = ([0-9]+) tracks\/s/\1/p' <<< "$write")
merge_rate=$(sed -nE 's/^timbre merge.* = ([0-9]+) tracks\/s/\1/p' <<< "$write")
kib=$(sed -nE 's/^store size: ([0-9.]+) KiB.*/\1/p' <<< "$write")

# Per worker: the two-worker speed (both cores busy, as on a loaded node).
awk -v speed="${speed[2]}" -v cores="$node_cores" -v store="$store_rate" -v merge="$merge_rate" -v kib="$kib" \
    -v shared="${shared_rate:-0}" 'BEGIN {
  tracks = 1000000; seconds_each = 240
  per_worker = speed / seconds_each
  printf "\n1,000,000 tracks of 4 minutes, %.0fx real time per worker (%.3f tracks/s), %d workers per node\n\n", speed, per_worker, cores
  print "| nodes | tracks/s in all | hours | each shard store takes | of its write rate | merge afterwards | store size |"
  print "|---|---|---|---|---|---|---|"
  split("1 10 50 100", nodes, " ")
  for (i = 1; i <= 4; i++) {
    n = nodes[i]; rate = n * cores * per_worker
    printf "| %d | %.0f | %.1f | %.1f tracks/s | %.2f %% | %.1f min | %.1f GiB |\n", n, rate, tracks / rate / 3600,
           cores * per_worker, 100 * cores * per_worker / store, tracks / merge / 60, tracks * kib / 1048576
  }
  if (shared > 0) {
    printf "\nOne shared PostgreSQL store takes %.0f tracks/s from one connection (more from many): %.0f nodes of %d workers\n",
           shared, shared / (cores * per_worker), cores
  }
}'
