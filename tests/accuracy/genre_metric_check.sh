#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# configs/similarity.yaml's genre metric, `pooled_genre` (a CNN trained on Emotify's and the
# 4-quadrant set's genres, never on GTZAN), and the default mix keep their leave-one-out
# 5-neighbour figures with mutual proximity (docs/similarity.md, *A genre metric from two
# sets*): on GTZAN, music no network of timbre heard, and on Emotify's 64 clips the networks
# held out. Each floor is the recorded figure less about one clip; the metric must also stay
# ahead of the Gaussian (Musly's method) on GTZAN. A retrained network, a changed mix or a
# change upstream of either that loses genre neighbours fails here. Needs ../shared/data/audio:
# with CI set a missing collection fails, elsewhere the test is skipped (exit 77).
# Usage: genre_metric_check.sh TIMBRE SOURCE_DIR WORK_DIR
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/similarity_check_setup.sh" "$@" similarity.yaml gtzan emotify
evaluate gtzan genre
evaluate emotify genre artist
check "GTZAN, pooled_genre, accuracy (recorded 0.82)" "$(figure gtzan pooled_genre all accuracy)" 0.81
check "GTZAN, pooled_genre, precision@5 (recorded 0.682)" "$(figure gtzan pooled_genre all precision_at_k)" 0.672
check "GTZAN, pooled_genre's precision@5, at least 0.01 above the Gaussian's" "$(figure gtzan pooled_genre all precision_at_k)" \
  "$(awk -v g="$(figure gtzan timbre all precision_at_k)" 'BEGIN { print g + 0.01 }')"
check "GTZAN, default mix, accuracy (recorded 0.82)" "$(figure gtzan mix all accuracy)" 0.81
check "Emotify held out, pooled_genre, accuracy (recorded 0.766)" "$(figure emotify pooled_genre all accuracy)" 0.75
check "Emotify held out, pooled_genre, other artists (recorded 0.531)" \
  "$(figure emotify pooled_genre group_filtered accuracy)" 0.515
exit $failed
