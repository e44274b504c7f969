#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Tempo (Acc1, Acc2), beat (F-measure, 70 ms) and key (MIREX weighted) accuracy of a config
# on an annotated collection, per genre: analyses the clips into a JSONL, then scores it with
# timbre_music_accuracy_bench. A benchmark of quality, not a test; figures in
# docs/benchmarks.md. Default: configs/features.yaml on the shared GTZAN slice.
# Usage: bench/music_accuracy.sh [CONFIG] [COLLECTION_DIR]
#   COLLECTION_DIR holds clips/, labels.csv (path, genre, bpm, key) and beats/NAME.beats.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
config=${1:-$root/configs/features.yaml}
collection=${2:-$root/../shared/data/audio/gtzan}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/build/bin/timbre" analyze "$config" "$collection/clips" --out "$work/results.jsonl" --db "$work/timbre.db" --log-level warn > /dev/null
"$root/build/bin/timbre_music_accuracy_bench" "$work/results.jsonl" "$collection/labels.csv" "$collection/beats"
