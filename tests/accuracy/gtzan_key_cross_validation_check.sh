#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The learned key profiles of configs/key.yaml (timbre.key_classifier) keep the MIREX score
# docs/validation.md records on GTZAN clips they were not learned from: repeated 10-fold
# cross-validation of the learning itself (timbre_key_cross_validation_bench), 0.689 less
# one clip's worth of slack. It also holds that learning beats the published profiles on the
# same pitch classes by a clear margin (Temperley: 0.555).
# Needs ../shared/data/audio/gtzan: with CI set (to anything but "false" or "0") a missing
# folder fails; elsewhere the test is skipped (exit 77).
# Usage: gtzan_key_cross_validation_check.sh TIMBRE SCORER SOURCE_DIR WORK_DIR
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/gtzan_check_setup.sh" "$@"
"$timbre" analyze "$source/configs/key.yaml" "$collection/clips" --out "$work/results.jsonl" --db "$work/timbre.db" --log-level error > /dev/null
"$scorer" "$work/results.jsonl" "$collection/labels.csv" | tee "$work/table.md"
# The last row: | **all** | tracks | learned exact | learned MIREX | Temperley MIREX | Krumhansl MIREX |
row=$(grep '^| \*\*all\*\*' "$work/table.md" | tr -d '*' | tr -d ' ')
IFS='|' read -r _ _ tracks exact learned temperley _ _ <<< "$row"
[[ $tracks == 87 ]] || { echo "FAILED: $tracks tracks with a key, not 87"; exit 1; }
check "learned profiles, cross-validated MIREX score" "$learned" 0.677
check "margin over Temperley's profiles" "$(awk -v l="$learned" -v t="$temperley" 'BEGIN { print l - t }')" 0.08
exit $failed
