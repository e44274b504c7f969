#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes timbre(1) with help2man from the CLI's own help, so the page cannot drift from the
# program: the top-level help, then a section per sub-command with its --help, the
# environment variables and the files timbre reads. Run by the build (the man_page target).
# Usage: man_page.sh TIMBRE_BINARY OUTPUT
set -euo pipefail
timbre=$1 output=$2
sections=$(mktemp)
trap 'rm -f "$sections"' EXIT
subcommands=$("$timbre" --help | sed -n '/^Subcommands:/,$ s/^  \([a-z][a-z-]*\) .*/\1/p')
{
  echo "[SUBCOMMANDS]"
  for subcommand in $subcommands; do
    echo ".SS $subcommand"
    echo ".nf"
    # Backslashes and lines starting with a dot or a quote would be read as roff.
    "$timbre" "$subcommand" --help | sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"
    echo ".fi"
  done
  cat <<'SECTIONS'
[ENVIRONMENT]
.TP
.B TIMBRE_PLUGIN_PATH
Colon-separated folders searched for plugin libraries after those a config names and before
the built-in folder.
.TP
.B TIMBRE_PLUGIN_CACHE
The plugin manifest file (descriptors of unchanged plugin libraries), or \fBoff\fR to read
every library each time. Default: $XDG_CACHE_HOME/timbre/plugins.json or
~/.cache/timbre/plugins.json.
[FILES]
.TP
.I /usr/share/timbre/configs/
The shipped pipelines: features.yaml, full.yaml (genre and mood), similarity.yaml (the whole
product), one per model.
.TP
.I /usr/share/timbre/plugins/*/models/
The shipped models and the fitted similarity mix.
[SEE ALSO]
The documentation in the source repository's docs/ folder: configs.md, plugins.md,
similarity.md, web.md.
SECTIONS
} > "$sections"
help2man --no-info --no-discard-stderr --name "music analysis with plugins chained by a YAML pipeline" \
  --section 1 --include "$sections" --output "$output" "$timbre"
