#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The 95 % intervals of k-NN accuracies pooled over the parts of
bench/similarity_cross_validation.sh, drawn as timbre's reports draw them
(host/ml/confidence_interval.hpp): a bootstrap over the artists, whose tracks a metric gets
right or wrong together, widened to the exact binomial interval over the clips where that is
wider; the clip-level exact interval beside it. Each part's evaluate-similarity report keeps
every clip's vote and artist; an artist lies in one part only, so the parts' answers pool.
Usage: bench/pooled_neighbour_intervals.py PART_REPORT.json ..."""
import json
import sys

import numpy as np
from scipy.stats import beta

RESAMPLES = 2000


def exact(right, n):
    low = beta.ppf(0.025, right, n - right + 1) if right > 0 else 0.0
    high = beta.ppf(0.975, right + 1, n - right) if right < n else 1.0
    return low, high


def by_artist(answers, random):
    groups = {}
    for answer in answers:
        groups.setdefault(answer["group"], []).append(answer["truth"] == answer["predicted"])
    hits = np.array([sum(votes) for votes in groups.values()], dtype=float)
    sizes = np.array([len(votes) for votes in groups.values()], dtype=float)
    draws = random.integers(0, len(groups), size=(RESAMPLES, len(groups)))
    shares = hits[draws].sum(axis=1) / sizes[draws].sum(axis=1)
    return np.percentile(shares, [2.5, 97.5]), len(groups)


pooled = {}
for report in sys.argv[1:]:
    for metric in json.load(open(report)):
        row = metric["normalisations"][-1]
        for side in ("all", "group_filtered"):
            pooled.setdefault((metric["node"], side), []).extend(row[side].get("answers", []))

random = np.random.default_rng(20261208)
print("| metric | neighbours | clips right | accuracy | 95 % interval over artists | over clips (exact) |")
print("|---|---|---|---|---|---|")
for (node, side), answers in sorted(pooled.items()):
    if not answers:
        continue
    right = sum(answer["truth"] == answer["predicted"] for answer in answers)
    n = len(answers)
    (low, high), artists = by_artist(answers, random)
    exact_low, exact_high = exact(right, n)
    which = "every clip" if side == "all" else "other artists'"
    print(f"| {node} | {which} | {right} of {n} | {100 * right / n:.1f} % | "
          f"{100 * min(low, exact_low):.1f}–{100 * max(high, exact_high):.1f} % ({artists} artists) | "
          f"{100 * exact_low:.1f}–{100 * exact_high:.1f} % |")
