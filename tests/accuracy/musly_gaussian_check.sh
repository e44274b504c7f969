#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Gaussian metric is Musly's `timbre` method: on Musly's front end
# (configs/similarity-fast.yaml) its leave-one-out 5-neighbour accuracy with mutual proximity
# stays within 2 points of Musly 0.2's on every row of issue 10's table (GTZAN 81.0 %, Emotify
# 72.2 %, the same without same-artist neighbours 59.7 %, mer4q 57.5 %). A change to the
# Gaussian, the divergence, the mel front end or mutual proximity that strays from the method
# fails here. Needs ../shared/data/audio: with CI set a missing collection fails, elsewhere the
# test is skipped (exit 77).
# Usage: musly_gaussian_check.sh TIMBRE SOURCE_DIR WORK_DIR
set -euo pipefail
timbre=$1 source=$2 work=$3
audio="$source/../shared/data/audio"
source "$(dirname "${BASH_SOURCE[0]}")/../support/require_data.sh"
for collection in gtzan emotify mer4q; do
  require_data "$audio/$collection/labels.csv"
done
rm -rf "$work" && mkdir -p "$work"
failed=0
# within NAME COLLECTION SCORE MUSLY: the metric's accuracy with mutual proximity over all
# neighbours (SCORE all) or other artists' (group_filtered) is at least Musly's less 2 points.
within() {
  local value
  value=$(/usr/bin/python3 -c '
import json, sys
report, score = sys.argv[1:]
metric = next(m for m in json.load(open(report)) if m["node"] == "timbre")
print(next(n for n in metric["normalisations"] if n["normalisation"] == "mutual proximity")[score]["accuracy"])
' "$work/$2.json" "$3")
  if awk -v v="$value" -v m="$4" 'BEGIN { exit !(v * 100 >= m - 2) }'; then
    echo "ok: $1 $value (Musly $4 %)"
  else
    echo "FAILED: $1 $value is more than 2 points below Musly's $4 %"
    failed=1
  fi
}
evaluate() {  # collection label [group]
  "$timbre" evaluate-similarity "$source/configs/similarity-fast.yaml" --dataset "$audio/$1/labels.csv" --label "$2" \
    ${3:+--group-by "$3"} --report "$work/$1" --log-level warn > /dev/null
}
evaluate gtzan genre
evaluate emotify genre artist
evaluate mer4q quadrant artist
within "GTZAN genre" gtzan all 81.0
within "Emotify genre" emotify all 72.2
within "Emotify genre, other artists" emotify group_filtered 59.7
within "mer4q quadrant" mer4q all 57.5
exit $failed
