#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Proves the SDK is installable: installs this build to a scratch prefix, runs the installed
# similarity config (its genre and mood models found where installed configs look), builds
# the example plugins out of tree against it with find_package(timbre), then checks that the installed
# host lists the extractor and runs a pipeline with it on real audio, and stores and compares
# the example similarity metric's signatures.
# Usage: build_example.sh BUILD_DIR SOURCE_DIR FIXTURES_DIR
set -euo pipefail
build=$1 source=$2 fixtures=$3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cmake --install "$build" --prefix "$scratch/prefix" > "$scratch/install.log"

# The installed configs find the installed models: genre, mood and similarity from the prefix alone.
"$scratch/prefix/bin/timbre" analyze "$scratch/prefix/share/timbre/configs/similarity.yaml" \
    "$fixtures/library/good/tone.flac" --db "$scratch/installed.db" --no-summary
echo "the installed similarity config (every shipped model) analysed a track"
cmake -S "$source/examples/zero-crossing-rate" -B "$scratch/example" -G Ninja \
      -DCMAKE_PREFIX_PATH="$scratch/prefix" -DCMAKE_BUILD_TYPE=Release > "$scratch/configure.log"
cmake --build "$scratch/example" > "$scratch/build.log"

listing=$(TIMBRE_PLUGIN_PATH="$scratch/example" "$scratch/prefix/bin/timbre" plugins 2>&1)
echo "$listing"
grep -q "^example.zero_crossing_rate " <<< "$listing"
grep -q "^timbre.summary " <<< "$listing"

"$scratch/prefix/bin/timbre" analyze "$source/examples/zero-crossing-rate/pipeline.yaml" \
    "$fixtures/library/good" --plugin-path "$scratch/example" --db "$scratch/t.db" --out "$scratch/t.jsonl" --no-summary
test "$(grep -c '"zcr_stats.stats"' "$scratch/t.jsonl")" -eq 3
echo "example plugin built out of tree, listed and run by the installed host"

# The out-of-tree similarity metric: built the same way, its signatures stored by analyze and
# compared by the installed host's `similar`.
cmake -S "$source/examples/brightness-similarity" -B "$scratch/metric" -G Ninja \
      -DCMAKE_PREFIX_PATH="$scratch/prefix" -DCMAKE_BUILD_TYPE=Release > "$scratch/metric-configure.log"
cmake --build "$scratch/metric" > "$scratch/metric-build.log"
"$scratch/prefix/bin/timbre" analyze "$source/examples/brightness-similarity/pipeline.yaml" \
    "$fixtures/library/good" --plugin-path "$scratch/metric" --db "$scratch/m.db" --no-summary
similar=$("$scratch/prefix/bin/timbre" similar --db "$scratch/m.db" --plugin-path "$scratch/metric" -n 2 --json \
          "$(ls "$fixtures/library/good" | head -1)")
echo "$similar"
test "$(grep -c '"distance"' <<< "$similar")" -eq 2
grep -q 'closeness by metric (1 = closest): brightness' <<< "$similar"
echo "example similarity metric built out of tree, its signatures stored and compared"
