#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every row of issue 12's table in one command: speed and system time next to ffmpeg
# decoding (features_benchmark.sh), peak memory on the demo library and on a 2-hour FLAC,
# start-up of `timbre validate` and `timbre plugins`, the mel + MFCC kernel
# (mel_mfcc_kernel.sh), tempo, beat and key accuracy on GTZAN (music_accuracy.sh), and the
# learned key profiles of configs/key.yaml on clips they never saw (key_cross_validation.sh). Prints
# each tool's own report, then the table with the goals. Takes about 3 minutes.
# Usage: bench/extractor_goals.sh [BUILD_DIR]   (run scripts/build.sh first)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
timbre="$build/bin/timbre"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

echo "== speed and memory on the demo library (bench/features_benchmark.sh)"
bash bench/features_benchmark.sh "$build" | tee "$scratch/features.txt"

echo "== the mel + MFCC kernel (bench/mel_mfcc_kernel.sh)"
bash bench/mel_mfcc_kernel.sh "$build" | tee "$scratch/kernel.txt"

echo "== tempo, beats and key on GTZAN (bench/music_accuracy.sh)"
bash bench/music_accuracy.sh | tee "$scratch/accuracy.txt"

echo "== key profiles learned on GTZAN, cross-validated (bench/key_cross_validation.sh)"
bash bench/key_cross_validation.sh | tee "$scratch/key.txt"

echo "== start-up, the plugin manifest warm"
"$timbre" plugins > /dev/null
startup() {  # COMMAND...: prints "seconds MiB"
  /usr/bin/time -f "%e %M" -o "$scratch/time" "$@" > /dev/null 2>&1
  awk '{printf "%.2f s, %.0f MiB", $1, $2 / 1024}' "$scratch/time"
}
validate_startup=$(startup "$timbre" validate configs/features.yaml)
plugins_startup=$(startup "$timbre" plugins)
echo "validate: $validate_startup; plugins: $plugins_startup"

echo "== a 2-hour stereo 44.1 kHz FLAC, -j 1 (the reliability test's run)"
long_track=$(bash tests/reliability/long_track_memory_check.sh "$timbre" . "$scratch/long" | tail -1)
echo "$long_track"

per_core=$(awk '/all extractors\), -j 1/ {print $(NF - 3)}' "$scratch/features.txt")
peak=$(awk '/all extractors\), -j 1/ {print $(NF - 2), $(NF - 1)}' "$scratch/features.txt")
cpu_line=$(grep '^timbre -j 1 CPU' "$scratch/features.txt")
kernel=$(grep '^mel + MFCC' "$scratch/kernel.txt" | sed 's/^mel + MFCC + deltas: //')
all_row=$(grep '^| \*\*all\*\*' "$scratch/accuracy.txt" | tr -d '*' | tr -s ' ')
accuracy() { echo "$all_row" | awk -F'|' -v column="$1" '{gsub(/ /, "", $column); print $column}'; }
learned_key=$(grep '^| \*\*all\*\*' "$scratch/key.txt" | tr -d '*' | awk -F'|' '{gsub(/ /, "", $5); print $5}')

cat <<TABLE

| what | timbre | goal (issue 12) |
|---|---|---|
| speed, decode included, -j 1 | ${per_core} per core; $(echo "$cpu_line" | sed 's/.*= //') | ≥ 400× per core, within 2× of ffmpeg decoding |
| of which system time | $(echo "$cpu_line" | sed 's/.*CPU: //; s/ = .*//') | out of the hot path |
| peak memory, one worker | ${peak} | ≤ 150 MiB |
| a 2-hour file | ${long_track} | ≤ ~1× its mono signal |
| start-up: validate configs/features.yaml | ${validate_startup} | ≤ 0.15 s, ≤ 60 MiB |
| start-up: timbre plugins | ${plugins_startup} | ≤ 0.15 s, ≤ 60 MiB |
| mel + MFCC kernel | ${kernel} | ≥ 3,000× per core |
| tempo Acc1 / Acc2 | $(accuracy 4) / $(accuracy 5) | ≥ 0.80 / ≥ 0.95 |
| beat F-measure (±70 ms) | $(accuracy 7) | ≥ 0.80 |
| key, MIREX weighted ($(accuracy 8) clips with a key) | $(accuracy 10) with features.yaml's published profiles; ${learned_key} with configs/key.yaml's learned ones, cross-validated | ≥ 0.70 |
TABLE
