#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# What opening a large library costs each command (docs/benchmarks.md, *Opening a store*): the
# demo library analysed with configs/similarity.yaml, copied COPIES times into one store
# (bench/synthetic_library.py: 36 x COPIES tracks), then `similar`, a 50-track `nearest`
# playlist, `tracks` and `serve` (until it first answers) timed with the labels' copy beside
# the store removed before each run (what every command paid before it was kept), as it was
# before one more track was analysed into the store (what the first command after an
# `analyze` finds), and kept, in turn, RUNS times each; wall seconds and peak memory (serve:
# its memory when ready). Every other cache beside the store is built once first and kept
# throughout.
# Usage: bench/library_open.sh [BUILD_DIR] [COPIES] [RUNS]   (default build 400 3)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
copies=${2:-400}
runs=${3:-3}
timbre="$build/bin/timbre"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
if [[ ! -f "$build/test-demo/similarity.db" ]]; then
  "$timbre" analyze configs/similarity.yaml /usr/share/games/singularity/music /usr/share/hyperrogue/music \
    /usr/share/games/asc/music --db "$scratch/demo.db" --log-level warn > /dev/null
else
  cp "$build/test-demo/similarity.db" "$scratch/demo.db"
fi
store=$scratch/library.db
/usr/bin/python3 bench/synthetic_library.py "$scratch/demo.db" "$store" "$copies"
track="/usr/share/hyperrogue/music/hr-savino-palace.ogg#copy13"
labels="$store.similarity/labels"
"$timbre" similar --db "$store" -n 3 "$track" > /dev/null  # builds the caches once
# One more track, forty seconds of a demo track as WAV, analysed into the store; the labels'
# copy from before it is kept aside.
cp "$labels" "$scratch/labels-before"
/usr/bin/ffmpeg -v error -ss 20 -t 40 -i /usr/share/games/asc/music/frontiers.mp3 "$scratch/new song.wav"
"$timbre" analyze configs/similarity.yaml "$scratch/new song.wav" --db "$store" --resume --log-level warn > /dev/null 2>&1
port=$((20000 + RANDOM % 20000))

# Seconds and MiB of one run of the command named $1.
measure() {
  case $1 in
    serve)
      local start pid
      start=$(date +%s.%N)
      "$timbre" serve --db "$store" --port "$port" > "$scratch/serve.log" 2>&1 &
      pid=$!
      until curl -sf "http://127.0.0.1:$port/api/health" > /dev/null; do sleep 0.02; done
      awk -v start="$start" -v now="$(date +%s.%N)" '/VmRSS/ {printf "%.2f %d\n", now - start, $2 / 1024}' \
        "/proc/$pid/status"
      kill "$pid"
      wait "$pid" 2> /dev/null || true
      ;;
    *)
      local command
      case $1 in
        similar) command=(similar --db "$store" -n 3 "$track") ;;
        playlist) command=(playlist --db "$store" --seed "$track" --length 50 --strategy nearest) ;;
        tracks) command=(tracks --db "$store") ;;
      esac
      /usr/bin/time -f "%e %M" -o "$scratch/time" "$timbre" "${command[@]}" > /dev/null 2>&1
      awk '{printf "%s %d\n", $1, $2 / 1024}' "$scratch/time"
      ;;
  esac
}

"$timbre" serve --db "$store" --port "$port" > /dev/null 2>&1 &  # the web service's own caches, once
server=$!
until curl -sf "http://127.0.0.1:$port/api/health" > /dev/null; do sleep 0.1; done
kill "$server"
wait "$server" 2> /dev/null || true

echo "$(/usr/bin/python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM tracks').fetchone()[0])" "$store") tracks; $runs runs each"
echo
echo "| command | labels' copy removed (s, MiB) | one track behind (s, MiB) | kept (s, MiB) |"
echo "|---|---|---|---|"
for name in similar playlist tracks serve; do
  removed=() behind=() kept=()
  for _ in $(seq "$runs"); do
    rm -f "$labels"
    removed+=("$(measure "$name" | tr ' ' '/')")
    cp "$scratch/labels-before" "$labels"
    behind+=("$(measure "$name" | tr ' ' '/')")
    kept+=("$(measure "$name" | tr ' ' '/')")
  done
  echo "| $name | ${removed[*]} | ${behind[*]} | ${kept[*]} |"
done
