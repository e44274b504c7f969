# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the accuracy checks: sets failed=0 and defines `check NAME VALUE FLOOR`, which
# prints the verdict and sets failed=1 when VALUE is below FLOOR; a check script ends with
# `exit $failed`, so every figure is reported before it fails.
failed=0
check() {  # name value floor
  if awk -v v="$2" -v f="$3" 'BEGIN { exit !(v >= f) }'; then
    echo "ok: $1 $2 >= $3"
  else
    echo "FAILED: $1 $2 < $3"
    failed=1
  fi
}
