#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks one shipped model against the figures recorded in its MODEL.md line
#   <!-- ci: CONFIG METRIC VALUE tolerance T examples N [group-disjoint-METRIC V group-disjoint-examples M] [slice S] [set NODE.PARAM=VALUE] -->
# METRIC is accuracy for a classifier, r2 for a regressor, micro-F1 for a tagger.
# Held out, the score must lie within ±T of VALUE (a leak that raises it fails as surely as a
# regression that lowers it), the number of held-out examples must be exactly N, none may
# have failed, and the model must carry a training fingerprint. Then the config is trained
# on a seeded slice of S examples (default 400) into a scratch folder, never over the shipped
# model (with `set`, one parameter changed for it, e.g. fewer epochs: the slice shows that
# training works, not what the shipped model reaches), and must beat the majority and
# stratified baselines of its own held-out part (R²:
# 0 and the training mean; a tagger: answering every tag, and a ranking by chance). Every score must be a finite number.
# With `node ID`, the line records the answer of that node (timbre.consensus: several models
# averaged, its calibration fitted on the examples none of them trained on): `train --node`
# fits it again into the work folder, its out-of-fold figures are checked as above, and the
# fit must be exactly the shipped calibration file.
# Needs the data its config names under ../shared/data, or the audio its credits table
# names (installed packages): with CI set (to anything but "false" or "0") a missing file
# fails; elsewhere the test is skipped (exit 77).
# Usage: check_shipped_model.sh TIMBRE_BINARY SOURCE_DIR WORK_DIR CONFIG KEY VALUE ...
set -euo pipefail
timbre=$1 source=$2 work=$3 config=$4
shift 4
declare -A recorded=([slice]=400)
while (($# >= 2)); do
  recorded[$1]=$2
  shift 2
done
name=$(basename "$config" .yaml)
cd "$source"

source "$(dirname "${BASH_SOURCE[0]}")/../support/require_data.sh"
for data in $(grep -o '\.\./\.\./shared/data/[^ ,}]*' "$config" | sort -u); do
  require_data "$(dirname "$config")/$data"
done
# Synthetic recordings a config trains on are rendered by the script its `made_by` names
# (scripts/test.sh runs it before the tests).
for data in $(grep -o '\.\./synthetic/[^ ,}]*' "$config" | sort -u); do
  require_data "$(dirname "$config")/$data" "made by $(grep -o 'made_by: [^ ,}]*' "$config" | head -1 | cut -d' ' -f2)"
done
# A credits table shipped beside the model (a game soundtrack) names installed audio files:
# the first of them stands for the package that brings them (scripts/install-deps.sh).
for table in $(grep -o '\.\./plugins/[^ ,}]*\.csv' "$config" | sort -u); do
  require_data "$(awk -F, 'NR == 2 { print $1; exit }' "$(dirname "$config")/$table")" \
    "installed by scripts/install-deps.sh"
done

# The value printed as "LABEL: VALUE ..." in file $1, if it is a finite number; else nothing.
value_of() {
  awk -v label="$2" 'index($0, label ": ") == 1 {
    v = substr($0, length(label) + 3); sub(/ .*/, "", v)
    if (v ~ /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/) print v
    exit }' "$1"
}

status=0
verdict() {  # verdict DESCRIPTION 1|0
  if [[ $2 == 1 ]]; then echo "ok    $1"; else echo "FAIL  $1"; status=1; fi
}
within() { awk -v a="$1" -v e="$2" -v t="$3" 'BEGIN {print (a != "" && a >= e - t && a <= e + t) ? 1 : 0}'; }
above() { awk -v a="$1" -v f="$2" 'BEGIN {print (a != "" && f != "" && a > f) ? 1 : 0}'; }
equal() { [[ -n "$1" && "$1" == "$2" ]] && echo 1 || echo 0; }

mkdir -p "$work"
started=$SECONDS
held_out="$work/$name.held-out.txt"
if [[ -n "${recorded[node]:-}" ]]; then
  "$timbre" train "$config" --node "${recorded[node]}" --model-dir "$work/$name-node" --report "$work/$name" \
    > "$held_out" 2>&1 || { cat "$held_out"; exit 1; }
else
  "$timbre" evaluate "$config" --report "$work/$name" > "$held_out" 2>&1 || { cat "$held_out"; exit 1; }
fi
metric=accuracy
[[ -n "${recorded[r2]:-}" ]] && metric=r2
[[ -n "${recorded[micro-F1]:-}" ]] && metric=micro-F1
tolerance=${recorded[tolerance]}
for prefix in "" group-disjoint-; do
  [[ -n "${recorded[$prefix$metric]:-}" ]] || continue
  label=${prefix:+group-disjoint }
  score=$(value_of "$held_out" "$label$metric")
  count=$(value_of "$held_out" "${label}held-out examples")
  verdict "$config: ${label}held-out $metric ${score:-(not a number)}, recorded ${recorded[$prefix$metric]} ± $tolerance" \
    "$(within "$score" "${recorded[$prefix$metric]}" "$tolerance")"
  verdict "$config: ${label}held-out examples ${count:-?}, recorded ${recorded[${prefix}examples]:-?}" \
    "$(equal "$count" "${recorded[${prefix}examples]:-}")"
done
failed=$(value_of "$held_out" "failed examples")
verdict "$config: failed held-out examples ${failed:-?}, none allowed" "$(equal "$failed" 0)"
if [[ -n "${recorded[node]:-}" ]]; then
  verdict "$config: node ${recorded[node]} leaves out the examples its models trained on" \
    "$(grep -q "examples left out: the models they pass through" "$held_out" && echo 1 || echo 0)"
  fitted=$(find "$work/$name-node" -name '*.yaml' | head -1)
  shipped=$(grep -o "model: [^,}]*" "$config" | sed 's/model: //' | grep -F "$(basename "${fitted:-none}")" | head -1)
  verdict "$config: the fit ($fitted) is the shipped calibration (${shipped:-not named by the config})" \
    "$([[ -n "$fitted" && -n "$shipped" ]] && cmp -s "$fitted" "$(dirname "$config")/$shipped" && echo 1 || echo 0)"
  echo "$config: checked in $((SECONDS - started)) s"
  ((status == 0)) || { echo "--- evaluate:"; cat "$held_out"; }
  exit $status
fi
trained=$(value_of "$held_out" "training examples among them")
verdict "$config: the model carries a training fingerprint (training examples among the held-out: ${trained:-unknown})" \
  "$([[ -n "$trained" ]] && echo 1 || echo 0)"

sliced="$work/$name.slice.txt"
"$timbre" train "$config" --limit "${recorded[slice]}" ${recorded[set]:+--set "${recorded[set]}"} --model-dir "$work/$name-slice" --report "$work/$name-slice" \
  > "$sliced" 2>&1 || { cat "$sliced"; exit 1; }
score=$(value_of "$sliced" "$metric")
if [[ $metric == accuracy ]]; then
  majority=$(value_of "$sliced" "majority baseline")
  stratified=$(value_of "$sliced" "stratified baseline")
  verdict "$config: trained on ${recorded[slice]} examples: held-out accuracy ${score:-(not a number)} beats always answering the commonest class (${majority:-?}) and guessing at the class shares (${stratified:-?})" \
    "$(($(above "$score" "$majority") && $(above "$score" "$stratified")))"
elif [[ $metric == micro-F1 ]]; then
  every_tag=$(value_of "$sliced" "every-tag baseline micro-F1")
  map=$(value_of "$sliced" "mAP")
  chance=$(value_of "$sliced" "chance baseline mAP")
  verdict "$config: trained on ${recorded[slice]} examples: held-out micro-F1 ${score:-(not a number)} beats answering every tag (${every_tag:-?}), mAP ${map:-?} beats chance (${chance:-?})" \
    "$(($(above "$score" "$every_tag") && $(above "$map" "$chance")))"
else
  mean=$(value_of "$sliced" "mean baseline r2")
  verdict "$config: trained on ${recorded[slice]} examples: held-out R² ${score:-(not a number)} beats 0 and predicting the training mean (${mean:-?})" \
    "$(($(above "$score" 0) && $(above "$score" "$mean")))"
fi
echo "$config: checked in $((SECONDS - started)) s"
((status == 0)) || { echo "--- evaluate:"; cat "$held_out"; echo "--- slice training:"; cat "$sliced"; }
exit $status
