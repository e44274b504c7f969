#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Licences before packaging: the repository carries LICENSE, every source file of the
# repository (code, scripts, build files, configs, web assets) names its licence in an SPDX
# line at its top, and every shipped model is listed in its MODEL.md's "Data licences" table
# with the terms of the data it learned from.
# Usage: licence_check.sh SOURCE_DIR
set -euo pipefail
source=$1
cd "$source"
fail() { echo "FAILED: $*"; exit 1; }
[[ -f LICENSE ]] && grep -q "GNU GENERAL PUBLIC LICENSE" LICENSE && grep -q "Version 3" LICENSE || fail "no GPL-3 LICENSE"
if ! git rev-parse --is-inside-work-tree > /dev/null 2>&1; then
  echo "not a git checkout: the list of the repository's files comes from git"
  [[ ${CI:-} == true ]] && exit 1
  exit 77
fi
missing=()
while IFS= read -r file; do
  head -3 "$file" | grep -q "SPDX-License-Identifier: GPL-3.0-or-later" || missing+=("$file")
done < <(git ls-files -- '*.cpp' '*.hpp' '*.h' '*.sh' '*.sbatch' '*.py' '*.mjs' '*.js' '*.css' '*.html' \
           '*CMakeLists.txt' '*.cmake' '*.in' '*.bash' 'configs/*.yaml' 'tests/fuzz/web_library.yaml' '.ci/run')
((${#missing[@]} == 0)) || fail "no SPDX line at the top of: ${missing[*]}"
echo "ok: LICENSE, and an SPDX line in every source file"
for model in plugins/*/models/*.pt plugins/*/models/*.ubj plugins/*/models/*.yaml; do
  card=$(dirname "$model")/MODEL.md
  [[ -f $card ]] || fail "$model has no MODEL.md beside it"
  sed -n '/^## Data licences/,/^## /p' "$card" | grep -q "^| \`$(basename "$model")\` |" ||
    fail "$model is not in the Data licences table of $card"
done
echo "ok: every shipped model's data licence is recorded"
