#!/usr/bin/env bash
# Evaluates every shipped model on its held-out data and fails if its score (accuracy, or R²
# for a regressor) dropped below the figure recorded in its MODEL.md by more than the stated
# tolerance; then trains each on a small slice (400 examples, or the `slice N` a MODEL.md
# line gives) to prove the training path; slices train into a scratch folder (--model-dir),
# never over the shipped models. MODEL.md lines: <!-- ci: CONFIG METRIC VALUE tolerance T [slice N] -->
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
while read -r config metric expected tolerance slice_size; do
  slice_size=${slice_size:-400}
  score=$("$timbre" evaluate "$config" --report "$work/$(basename "$config" .yaml)" 2>/dev/null |
          awk -v m="$metric:" '$1 == m {print $2}')
  verdict=$(awk -v a="$score" -v e="$expected" -v t="$tolerance" 'BEGIN {print (a != "" && a >= e - t) ? "ok" : "FAIL"}')
  echo "$config: held-out $metric $score (recorded $expected, tolerance $tolerance) $verdict"
  [[ "$verdict" == ok ]] || status=1
  slice=$("$timbre" train "$config" --limit "$slice_size" --model-dir "$work/slice-models" --report "$work/slice" 2>/dev/null |
          awk -v m="$metric:" '$1 == m {print $2}')
  if [[ "$metric" == accuracy ]]; then
    classes=$(grep -c '"precision"' "$work/slice.json")
    floor=$(awk -v c="$classes" 'BEGIN {print 1.5 / c}')
    baseline="chance $(awk -v c="$classes" 'BEGIN {printf "%.2f", 1 / c}')"
  else
    floor=0
    baseline="predicting the mean scores 0"
  fi
  learned=$(awk -v a="$slice" -v f="$floor" 'BEGIN {print (a != "" && a > f) ? "ok" : "FAIL"}')
  echo "$config: trained on a $slice_size-example slice: held-out $metric $slice ($baseline) $learned"
  [[ "$learned" == ok ]] || status=1
done < <(grep -ho '<!-- ci: [^>]*-->' plugins/*/models/MODEL.md | sed 's/<!-- ci: //; s/ -->//; s/ tolerance / /; s/ slice / /')
exit $status
