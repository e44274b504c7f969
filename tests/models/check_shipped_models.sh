#!/usr/bin/env bash
# Evaluates every shipped model on its held-out data and fails if its accuracy dropped below
# the figure recorded in its MODEL.md by more than the stated tolerance; then trains each on a
# small slice (400 examples, or the `slice N` a MODEL.md line gives) to prove the training
# path; slices train into a scratch folder (--model-dir), never over the shipped models.
# Needs ../shared/data: fails under CI=true when it is missing, skips (exit 77) elsewhere.
# Usage: check_shipped_models.sh TIMBRE_BINARY SOURCE_DIR WORK_DIR
set -euo pipefail
timbre=$1 source=$2 work=$3
data="$source/../shared/data/spotify"
if [[ ! -d "$data" ]]; then
  echo "training data missing: $data (see ../shared/data/README.md)"
  [[ "${CI:-}" == "true" ]] && exit 1
  exit 77
fi
mkdir -p "$work"
cd "$source"
status=0
while read -r config expected tolerance slice_size; do
  slice_size=${slice_size:-400}
  accuracy=$("$timbre" evaluate "$config" --report "$work/$(basename "$config" .yaml)" 2>/dev/null |
             awk '/^accuracy:/ {print $2}')
  verdict=$(awk -v a="$accuracy" -v e="$expected" -v t="$tolerance" 'BEGIN {print (a >= e - t) ? "ok" : "FAIL"}')
  echo "$config: held-out accuracy $accuracy (recorded $expected, tolerance $tolerance) $verdict"
  [[ "$verdict" == ok ]] || status=1
  slice=$("$timbre" train "$config" --limit "$slice_size" --model-dir "$work/slice-models" --report "$work/slice" 2>/dev/null |
          awk '/^accuracy:/ {print $2}')
  classes=$(grep -c '"precision"' "$work/slice.json")
  above_chance=$(awk -v a="$slice" -v c="$classes" 'BEGIN {print (a > 1.5 / c) ? "ok" : "FAIL"}')
  echo "$config: trained on a $slice_size-example slice: held-out accuracy $slice (chance $(awk -v c="$classes" 'BEGIN {printf "%.2f", 1 / c}')) $above_chance"
  [[ "$above_chance" == ok ]] || status=1
done < <(grep -ho '<!-- ci: [^>]*-->' plugins/*/models/MODEL.md | sed 's/<!-- ci: //; s/ -->//; s/ accuracy / /; s/ tolerance / /; s/ slice / /')
exit $status
