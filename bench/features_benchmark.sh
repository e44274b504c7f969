#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Speed and memory of `timbre analyze configs/features.yaml` on the demo library, next to
# reference tools doing comparable or less work on the same files, in the same run:
#   - aubio mfcc + aubio tempo (MFCC and tempo only: a subset of features.yaml's work),
#   - ffmpeg decoding to nothing (the floor: decode cost alone).
# Prints seconds of audio analysed per wall second per core, peak memory, and ratios.
# Usage: bench/features_benchmark.sh [BUILD_DIR]   (run scripts/build.sh first)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
timbre="$build/bin/timbre"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mapfile -t tracks < <(find /usr/share/games/singularity/music /usr/share/hyperrogue/music /usr/share/games/asc/music \
                        -type f \( -name '*.ogg' -o -name '*.mp3' \) | sort)
# aubio reads through ffmpeg's libraries, which cannot open one hyperrogue track; leave any
# such file out for every tool so all of them do the same work.
readable=()
for track in "${tracks[@]}"; do
  ffprobe -v error "$track" > /dev/null 2>&1 && readable+=("$track")
done
audio_seconds=$(for t in "${readable[@]}"; do ffprobe -v error -show_entries format=duration -of csv=p=0 "$t"; done |
                awk '{s += $1} END {printf "%.1f", s}')

# Runs a command under /usr/bin/time; prints "wall_seconds peak_rss_kb user_seconds system_seconds".
measure() {
  /usr/bin/time -f "%e %M %U %S" -o "$scratch/time" "$@" > /dev/null 2>&1
  cat "$scratch/time"
}
# Runs a per-file command over every track, sequentially; prints summed wall time and max RSS.
measure_each() {
  local total=0 peak=0
  for track in "${readable[@]}"; do
    read -r wall rss _ < <(measure "$@" "$track")
    total=$(awk -v a="$total" -v b="$wall" 'BEGIN {print a + b}')
    peak=$(( rss > peak ? rss : peak ))
  done
  echo "$total $peak"
}

echo "demo library: ${#readable[@]} tracks, ${audio_seconds} s of audio (44.1/48 kHz stereo Ogg, 22.05 kHz MP3)"
read -r t1 m1 user1 system1 < <(measure "$timbre" analyze configs/features.yaml "${readable[@]}" -j 1 --db "$scratch/a.db")
read -r t2 m2 _ < <(measure "$timbre" analyze configs/features.yaml "${readable[@]}" -j 2 --db "$scratch/b.db")
read -r ta ma < <(measure_each sh -c 'aubio mfcc -i "$0" > /dev/null && aubio tempo -i "$0" > /dev/null')
read -r tf mf < <(measure_each sh -c 'ffmpeg -nostdin -v error -i "$0" -f null -')

row() {  # name wall_seconds cores peak_kb
  awk -v name="$1" -v wall="$2" -v cores="$3" -v kb="$4" -v audio="$audio_seconds" -v ref="$t1" 'BEGIN {
    printf "%-44s %8.1f s %10.0fx %12.0fx %9.0f MiB %10.2f\n", name, wall, audio / wall, audio / wall / cores,
           kb / 1024, wall / ref }'
}
printf "\n%-44s %10s %11s %13s %13s %10s\n" "what" "wall" "real time" "per core" "peak RSS" "vs timbre -j1"
row "timbre features.yaml (all extractors), -j 1" "$t1" 1 "$m1"
row "timbre features.yaml (all extractors), -j 2" "$t2" 2 "$m2"
row "aubio mfcc + aubio tempo (subset), 1 core" "$ta" 1 "$ma"
row "ffmpeg decode only (floor), 1 core" "$tf" 1 "$mf"
awk -v user="$user1" -v sys="$system1" -v audio="$audio_seconds" -v floor="$tf" -v wall="$t1" 'BEGIN {
  printf "\ntimbre -j 1 CPU: %.1f s user + %.1f s system (%.0f %% system) = %.0fx real time per CPU second; ffmpeg decoding alone %.0fx (timbre takes %.2fx its time)\n",
         user, sys, 100 * sys / (user + sys), audio / (user + sys), audio / floor, wall / floor }'
