# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the test scripts that read ../shared/data: `require_data PATH [WHERE_FROM]`
# returns when PATH exists; otherwise it says so (and where the data comes from) and exits 1
# under CI (CI set to anything but "false" or "0"), where missing data must fail, or 77
# (ctest's skip) elsewhere.
require_data() {
  if [[ ! -e "$1" ]]; then
    echo "data missing: $1 (${2:-see ../shared/data/README.md})"
    [[ -n "${CI:-}" && "${CI}" != false && "${CI}" != 0 ]] && exit 1
    exit 77
  fi
}
