#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `timbre playlists` on real music must group it by what it sounds like: GTZAN's 100 clips
# (10 genres, which no shipped network was trained on) analysed with configs/similarity.yaml
# and cut into 10 playlists with the mix of metrics without trained parameters must reach a
# genre purity of at least 0.60 and a normalised mutual information of at least 0.55, where
# random playlists of the same sizes reach about 0.26 (bench/playlist_clusters.sh; measured
# 0.75 and 0.74, docs/similarity.md).
# With CI set (to anything but "false" or "0") missing data fails; elsewhere it skips (77).
# Usage: gtzan_clusters_check.sh TIMBRE_BINARY SOURCE_DIR WORK_DIR
set -euo pipefail
timbre=$1 source=$2 work=$3
labels="$source/../shared/data/audio/gtzan/labels.csv"
source "$(dirname "${BASH_SOURCE[0]}")/../support/require_data.sh"
require_data "$labels"
rm -rf "$work" && mkdir -p "$work"
"$timbre" analyze "$source/configs/similarity.yaml" "$(dirname "$labels")" --db "$work/gtzan.db" -j 2 > "$work/analyze.log"
line=$(TIMBRE_BINARY="$timbre" bash "$source/bench/playlist_clusters.sh" "$work/gtzan.db" "$labels" genre 10 \
       timbre:2,stats:1,musical:0.5)
echo "$line"
awk -v line="$line" 'BEGIN {
  match(line, /purity [0-9.]+/); purity = substr(line, RSTART + 7, RLENGTH - 7)
  match(line, /NMI [0-9.]+/); nmi = substr(line, RSTART + 4, RLENGTH - 4)
  ok = purity >= 0.60 && nmi >= 0.55
  print (ok ? "ok" : "FAIL") "  purity " purity " (at least 0.60), NMI " nmi " (at least 0.55)"
  exit !ok }'
