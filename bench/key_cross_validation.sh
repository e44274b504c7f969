#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The key profiles timbre.key_classifier learns (configs/key.yaml), scored on clips they were
# not learned from: analyses the clips with configs/key.yaml (for their pitch classes), then
# repeats 10-fold cross-validation of the learning 5 times with timbre_key_cross_validation_bench
# and prints the MIREX weighted score per genre next to the published profiles. A benchmark
# of quality, not a test (a ctest holds the figure); results in docs/validation.md.
# Usage: bench/key_cross_validation.sh [COLLECTION_DIR]   (clips/ and labels.csv with path, genre, key)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
collection=${1:-$root/../shared/data/audio/gtzan}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/build/bin/timbre" analyze "$root/configs/key.yaml" "$collection/clips" --out "$work/results.jsonl" --db "$work/timbre.db" \
  --log-level error > /dev/null
"$root/build/bin/timbre_key_cross_validation_bench" "$work/results.jsonl" "$collection/labels.csv"
