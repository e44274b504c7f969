#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The whole test suite from scratch: installs dependencies, builds, runs every test with ctest
# (the web page's browser test included), then the sanitizer and fuzzing run.
set -euo pipefail
cd "$(dirname "$0")/.."
# Each step's start, so that a run's log says where its time went (CI has a budget).
step() { echo "== $1 (from $SECONDS s)"; }
step "dependencies"
scripts/install-deps.sh
step "build"
scripts/build.sh
# The browser test's driver (puppeteer-core, pinned by the lockfile; it downloads no browser:
# the test runs Debian's Chromium).
npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
# The synthetic notes one shipped instrument model trains on (two minutes on two cores; kept
# between runs).
step "synthetic notes"
scripts/render-synthetic-instruments.sh
step "ctest"
(cd build && ctest --output-on-failure --parallel "$(nproc)" --timeout 600)
# The sanitizer tree (ASan + UBSan) runs its subset of the tests and each fuzz target briefly.
step "sanitizers and fuzzing"
scripts/sanitizers.sh 20
step "done"
