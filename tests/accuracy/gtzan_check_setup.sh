# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the GTZAN accuracy checks with their arguments (TIMBRE SCORER SOURCE_DIR
# WORK_DIR): sets timbre, scorer, source, work and collection, requires the shared GTZAN
# slice (a missing folder fails under CI, is skipped elsewhere), empties the work folder, and
# defines `check NAME VALUE FLOOR` (tests/support/floor_check.sh).
timbre=$1 scorer=$2 source=$3 work=$4
collection="$source/../shared/data/audio/gtzan"
source "$(dirname "${BASH_SOURCE[0]}")/../support/require_data.sh"
require_data "$collection/labels.csv"
rm -rf "$work" && mkdir -p "$work"
source "$(dirname "${BASH_SOURCE[0]}")/../support/floor_check.sh"
