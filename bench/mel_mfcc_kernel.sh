#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# × real time per core of the mel spectrogram + MFCC kernel alone (no decoding), timbre's
# plugins next to the same kernel in NumPy/SciPy (librosa's arithmetic), on one decoded demo
# track. Published figures for the kernel, on other machines: librosa 300–600×, torchaudio
# ≈ 7,000×, audioFlux ≈ 10,000×. Figures in docs/benchmarks.md.
# Usage: bench/mel_mfcc_kernel.sh [BUILD_DIR] [AUDIO_FILE]   (run scripts/build.sh first)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
track=${2:-/usr/share/games/singularity/music/Aberrations.ogg}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cmake --build "$build" --target timbre_mel_mfcc_kernel_bench > /dev/null
"$build/bin/timbre_mel_mfcc_kernel_bench" configs/features.yaml "$track" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_min_time=1 2> /dev/null | tee "$scratch/timbre.txt"
/usr/bin/python3 bench/mel_mfcc_reference.py "$track" | tee "$scratch/reference.txt"
timbre_rate=$(awk '/melspec_mfcc_deltas_median/ {
  for (i = 1; i <= NF; ++i) if (sub(/^x_real_time=/, "", $i)) print ($i ~ /k\/s$/) ? $i * 1000 : $i * 1 }' \
  "$scratch/timbre.txt")
reference_rate=$(awk '{print $(NF - 4) * 1}' "$scratch/reference.txt")
awk -v t="$timbre_rate" -v r="$reference_rate" 'BEGIN {
  printf "\nmel + MFCC + deltas: timbre %.0fx real time per core, NumPy/SciPy %.0fx: %.1f times faster\n", t, r, t / r }'
