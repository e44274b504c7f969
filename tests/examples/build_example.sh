#!/usr/bin/env bash
# Proves the SDK is installable: installs this build to a scratch prefix, builds the example
# plugin out of tree against it with find_package(timbre), then checks that the installed
# host lists the plugin and runs a pipeline with it on real audio.
# Usage: build_example.sh BUILD_DIR SOURCE_DIR FIXTURES_DIR
set -euo pipefail
build=$1 source=$2 fixtures=$3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cmake --install "$build" --prefix "$scratch/prefix" > "$scratch/install.log"
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
