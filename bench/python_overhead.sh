#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# What the Python call path costs against the CLI, in one run on the demo library (36
# tracks) with configs/features.yaml and one worker: `timbre analyze` into a store,
# timbre.analyze() into a store, and Pipeline.run() on each file in a Python loop (no store),
# then Pipeline.run() on NumPy arrays of the same audio (decoded by ffmpeg beforehand, so the
# figure is the analysis alone, without decoding). Wall time and peak memory of each, and the ratio to the CLI.
# Usage: bench/python_overhead.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
library=(/usr/share/games/singularity/music /usr/share/hyperrogue/music /usr/share/games/asc/music)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export PYTHONPATH="$build/python"

measure() {  # NAME COMMAND...: prints "NAME seconds peak_MiB"
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$scratch/time" "$@" > "$scratch/out" 2>&1 || { cat "$scratch/out"; exit 1; }
  read -r seconds kib < "$scratch/time"
  echo "$name $seconds $((kib / 1024))"
}

{
  measure "cli_analyze" "$build/bin/timbre" analyze configs/features.yaml "${library[@]}" -j 1 --db "$scratch/cli.db" \
    --no-summary
  measure "python_analyze" /usr/bin/python3 -c "
import sys, timbre
counts = timbre.analyze('configs/features.yaml', sys.argv[1:], db='$scratch/py.db', jobs=1)
assert counts['failed'] == 0, counts" "${library[@]}"
  measure "python_run_files" /usr/bin/python3 -c "
import sys, pathlib, timbre
pipeline = timbre.Pipeline('configs/features.yaml')
files = sorted(p for folder in sys.argv[1:] for p in pathlib.Path(folder).rglob('*') if p.suffix in ('.ogg', '.mp3'))
for path in files:
    pipeline.run(str(path))" "${library[@]}"
} > "$scratch/results"

awk 'NR == 1 { cli = $2 } { printf "%-18s %7.2f s  %5s MiB  %.2fx the CLI\n", $1, $2, $3, $2 / cli }' "$scratch/results"

# Arrays: the tracks ffmpeg reads (33 of 36) decoded by ffmpeg first (stereo, 44.1 kHz,
# float32); Pipeline.run() on each array against Pipeline.run() on each file, in one process:
# the difference is timbre's decoding.
/usr/bin/python3 - "${library[@]}" <<'PYTHON'
import pathlib, subprocess, sys, time
import numpy as np
import timbre
pipeline = timbre.Pipeline('configs/features.yaml')
files = sorted(p for folder in sys.argv[1:] for p in pathlib.Path(folder).rglob('*') if p.suffix in ('.ogg', '.mp3'))
arrays = {}
for path in files:
    decoded = subprocess.run(['ffmpeg', '-v', 'quiet', '-i', str(path), '-f', 'f32le', '-ac', '2', '-ar', '44100', '-'],
                             capture_output=True)
    if decoded.returncode == 0:
        arrays[path] = np.frombuffer(decoded.stdout, dtype=np.float32).reshape(-1, 2).T.copy()
started = time.perf_counter()
for path in arrays:
    pipeline.run(str(path))
from_files = time.perf_counter() - started
started = time.perf_counter()
for samples in arrays.values():
    pipeline.run(samples, 44100)
from_arrays = time.perf_counter() - started
print(f"{len(arrays)} tracks ffmpeg reads: Pipeline.run(file) {from_files:.2f} s, Pipeline.run(array) {from_arrays:.2f} s "
      f"({from_arrays / from_files:.2f}x: decoding is the difference)")
PYTHON
