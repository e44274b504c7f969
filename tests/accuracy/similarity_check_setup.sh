# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the similarity accuracy checks with their arguments (TIMBRE SOURCE_DIR WORK_DIR
# CONFIG COLLECTION...): sets timbre, source, work, config and audio, requires each shared
# collection (a missing one fails under CI, is skipped elsewhere), empties the work folder,
# and defines `check NAME VALUE FLOOR` (tests/support/floor_check.sh), `evaluate` and `figure`.
timbre=$1 source=$2 work=$3 config=$4
shift 4
audio="$source/../shared/data/audio"
source "$(dirname "${BASH_SOURCE[0]}")/../support/require_data.sh"
for collection in "$@"; do
  require_data "$audio/$collection/labels.csv"
done
rm -rf "$work" && mkdir -p "$work"
source "$(dirname "${BASH_SOURCE[0]}")/../support/floor_check.sh"

# evaluate COLLECTION LABEL [GROUP]: the config's evaluate-similarity report, $work/COLLECTION.json.
evaluate() {
  "$timbre" evaluate-similarity "$source/configs/$config" --dataset "$audio/$1/labels.csv" --label "$2" \
    ${3:+--group-by "$3"} --report "$work/$1" --log-level warn > /dev/null
}

# figure COLLECTION NODE SCORE FIGURE: a node's FIGURE (accuracy or precision_at_k) with mutual
# proximity over all neighbours (SCORE all) or other artists' (group_filtered); NODE "mix" is
# the config's default mix.
figure() {
  /usr/bin/python3 -c '
import json, sys
report, node, score, figure = sys.argv[1:]
metric = next(m for m in json.load(open(report))
              if m["node"] == node or (node == "mix" and m["node"].startswith("hybrid ")))
print(next(n for n in metric["normalisations"] if n["normalisation"] == "mutual proximity")[score][figure])
' "$work/$1.json" "$2" "$3" "$4"
}
