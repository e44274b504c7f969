#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# How well `timbre playlists` groups a labelled collection: analyses nothing itself, but cuts
# STORE into COUNT playlists with the metric mix given, then scores the playlists against the
# collection's labels (LABELS.csv: a `path` column relative to the CSV, and LABEL_COLUMN):
# purity (each playlist counted as its commonest label), normalised mutual information, and
# the purity of random playlists of the same sizes (the mean of 200 shuffles), for scale.
# A benchmark of quality, not a test; figures in docs/similarity.md.
# Usage: bench/playlist_clusters.sh STORE LABELS.csv LABEL_COLUMN COUNT [METRIC_MIX]
# (TIMBRE_BINARY: the timbre to run, default build/bin/timbre)
set -euo pipefail
store=$1 labels=$2 column=$3 count=$4 mix=${5:-}
timbre=${TIMBRE_BINARY:-"$(dirname "$0")/../build/bin/timbre"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$timbre" playlists --db "$store" --count "$count" --out-dir "$work/lists" --format json ${mix:+--metric "$mix"} > /dev/null
# playlist number and the last two components of each member's path
for list in "$work"/lists/*.json; do
  jq -r --arg n "$(basename "$list")" '.tracks[].path | split("/") | "\($n)\t\(.[-2])/\(.[-1])"' "$list"
done > "$work/members.tsv"
# path (last two components) and label, from the CSV (quoted fields with commas handled by a
# minimal CSV split: the columns used here are never quoted)
awk -F, -v column="$column" 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "path") p = i; if ($i == column) l = i }; next }
  { n = split($p, parts, "/"); print parts[n - 1] "/" parts[n] "\t" $l }' "$labels" > "$work/labels.tsv"
awk -F'\t' 'FNR == NR { label[$1] = $2; next }
  ($2 in label) { cluster[NR] = $1; class[NR] = label[$2]; joint[$1 SUBSEP label[$2]]++; size[$1]++; seen[label[$2]]++; n++ }
  END {
    srand(11)
    for (key in joint) { split(key, k, SUBSEP); if (joint[key] > best[k[1]]) best[k[1]] = joint[key] }
    for (c in best) purity += best[c]
    for (key in joint) { split(key, k, SUBSEP); p = joint[key] / n; mi += p * log(p / (size[k[1]] / n * seen[k[2]] / n)) }
    for (c in size) hc -= size[c] / n * log(size[c] / n)
    for (l in seen) hl -= seen[l] / n * log(seen[l] / n)
    # random playlists of the same sizes: shuffle the labels over the members
    m = 0; for (i in class) { m++; labels[m] = class[i]; owner[m] = cluster[i] }
    for (round = 0; round < 200; round++) {
      for (i = m; i > 1; i--) { j = int(rand() * i) + 1; t = labels[i]; labels[i] = labels[j]; labels[j] = t }
      delete count; delete top
      for (i = 1; i <= m; i++) { count[owner[i] SUBSEP labels[i]]++ }
      for (key in count) { split(key, k, SUBSEP); if (count[key] > top[k[1]]) top[k[1]] = count[key] }
      for (c in top) random += top[c]
    }
    printf "tracks %d, playlists %d, labels %d: purity %.3f, NMI %.3f, random playlists of the same sizes: purity %.3f\n",
           n, length(size), length(seen), purity / n, 2 * mi / (hc + hl), random / 200 / n
  }' "$work/labels.tsv" "$work/members.tsv"
