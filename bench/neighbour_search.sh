#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The similarity scale table of docs/benchmarks.md: hnswlib against brute force on synthetic
# catalogues of 10k and 100k vectors of the `stats` signature's dimension (868) and 10k-1M of
# an embedding's (64), one core each. Takes about fifteen minutes; 1M x 868 (3.5 GB of vectors,
# half an hour or more to index at the 100k rate) is left out.
# Usage: bench/neighbour_search.sh [BUILD_DIR]   (run scripts/build.sh first)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cmake --build "$build" --target timbre_neighbour_bench > /dev/null
echo "| tracks | dimension | index build (s) | index memory (MiB) | brute force p50 / p99 (ms) | index p50 / p99 (ms) | recall@10 | 50-track nearest playlist p50 / p99 (ms) |"
echo "|---|---|---|---|---|---|---|---|"
for run in "10000 868" "100000 868" "10000 64" "100000 64" "1000000 64"; do
  taskset -c 0 "$build/bin/timbre_neighbour_bench" $run 300
done
