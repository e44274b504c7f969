#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The installed conveniences work: a plugin built with only pkg-config (no CMake) is listed
# by the installed host; the man page renders without groff warnings and has a section for
# every sub-command the CLI lists; bash completion completes sub-commands, options and
# plugin ids from the installed binary.
# Usage: conveniences_check.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 source=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cmake --install "$build" --prefix "$scratch/prefix" > "$scratch/install.log"
timbre="$scratch/prefix/bin/timbre"
export TIMBRE_PLUGIN_CACHE="$scratch/plugins.json"

# pkg-config: the example extractor, compiled and linked by hand.
pc_dir=$(dirname "$(find "$scratch/prefix" -name timbre.pc)")
flags=$(PKG_CONFIG_PATH="$pc_dir" pkg-config --cflags timbre)
libs=$(PKG_CONFIG_PATH="$pc_dir" pkg-config --libs timbre)
mkdir -p "$scratch/by-hand"
# shellcheck disable=SC2086
g++ -std=c++20 -O2 -shared -fPIC $flags "$source/examples/zero-crossing-rate/zero_crossing_rate.cpp" \
    -o "$scratch/by-hand/zero_crossing_rate.so" $libs
listing=$(TIMBRE_PLUGIN_PATH="$scratch/by-hand" "$timbre" plugins 2>&1)
grep -q "^example.zero_crossing_rate " <<< "$listing" || { echo "$listing"; echo "FAILED: pkg-config plugin not listed"; exit 1; }
echo "ok: a plugin built with pkg-config alone is listed by the installed host"

# The man page.
page="$scratch/prefix/share/man/man1/timbre.1"
warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
[[ -z $warnings ]] || { echo "$warnings"; echo "FAILED: groff warns about the man page"; exit 1; }
rendered=$(man -l "$page" 2>/dev/null)
for subcommand in $("$timbre" --help | sed -n '/^Subcommands:/,$ s/^  \([a-z][a-z-]*\) .*/\1/p'); do
  grep -q "^   $subcommand\$" <<< "$rendered" || { echo "FAILED: no man page section for '$subcommand'"; exit 1; }
done
grep -q "TIMBRE_PLUGIN_CACHE" <<< "$rendered"
echo "ok: the man page renders and covers every sub-command"

# Bash completion, from the installed script and binary.
completion="$scratch/prefix/share/bash-completion/completions/timbre"
expect() {  # expected words... -- command line
  local expected=() line=()
  while [[ $1 != -- ]]; do expected+=("$1"); shift; done
  shift
  line=("$@")
  local got
  got=$(bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _timbre_completion; echo "${COMPREPLY[*]}"' \
        completion "$completion" "$timbre" "${line[@]}")
  [[ $got == "${expected[*]}" ]] || { echo "FAILED: completing '${line[*]}' gave '$got', expected '${expected[*]}'"; exit 1; }
}
expect analyze -- an
expect evaluate evaluate-similarity -- ev
expect --resume -- analyze --re
expect --metric -- --log-level warn similar --me
expect describe -- plugins d
expect timbre.melspec timbre.mfcc -- plugins describe timbre.m
echo "ok: bash completion completes sub-commands, options and plugin ids"
