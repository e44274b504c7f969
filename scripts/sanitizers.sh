#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# AddressSanitizer + UndefinedBehaviorSanitizer over the host, the plugins without model
# runtimes (libtorch and xgboost are not rebuilt: they would double the time) and the tests
# that need nothing else, then each libFuzzer target for a bounded time from its seeds.
# Any sanitizer report or fuzzer crash fails the script; a crashing input is kept in
# build-sanitize/fuzz/<target>/ (libFuzzer's crash-* files) and named.
# Usage: scripts/sanitizers.sh [SECONDS_PER_FUZZ_TARGET]   (default 20; docs/reliability.md
# records the long runs)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
tree=build-sanitize
plugins=(timbre_melspec timbre_mfcc timbre_summary timbre_spectral timbre_loudness timbre_rhythm timbre_tonal
         timbre_descriptors timbre_join timbre_similarity)
# -O1 does not vectorize, so clang would warn that each `omp simd` loop was not vectorized:
# true of this tree only, and not worth a warning in every CI log.
cmake -S . -B "$tree" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTIMBRE_SANITIZE=ON \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -Wno-pass-failed" \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
  > /dev/null
cmake --build "$tree" --parallel "$(nproc)" --target timbre timbre_tests test_plugins fuzz_targets "${plugins[@]}"
echo "== sanitizer tree built in $SECONDS s"

export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TIMBRE_PLUGIN_CACHE=off

# The tests: everything that runs on the plugins built here (the check of every shipped
# config needs the model runtimes' plugins too).
tests/fixtures/make_audio_fixtures.sh "$tree/test-fixtures"
"$tree/bin/timbre_tests" --order rand --rng-seed 1 \
  "[sdk],[graph]~[shipped],[loader],[decode],[tracks],[store],[results],[isolation],[text],[plugins]~[similarity],[cli][plugins],[cli][resume],[cli][reliability],[cli][isolation],[cli][merge],[layout],[columns],[playlist][filter],[kept]"

# The fuzz targets. The web handlers answer from a small library store analysed here.
fuzz=$tree/fuzz
rm -rf "$fuzz" && mkdir -p "$fuzz"
"$tree/bin/timbre" analyze tests/fuzz/web_library.yaml "$tree/test-fixtures/library" "$tree/test-fixtures/levels" \
  --db "$fuzz/library.db" --no-summary --log-level warn || [[ $? == 2 ]]  # the library's bad files fail, as they should
export TIMBRE_FUZZ_STORE=$PWD/$fuzz/library.db
for target in pipeline_config_fuzz decoding_fuzz tag_reader_fuzz dataset_csv_fuzz web_api_fuzz stored_vector_fuzz \
  signature_cache_fuzz label_cache_fuzz; do
  mkdir -p "$fuzz/$target/corpus"
  seeds=(tests/fuzz/corpus/$target)
  [[ $target == pipeline_config_fuzz ]] && seeds+=(configs)
  echo "fuzzing $target for $seconds s"
  if ! (cd "$fuzz/$target" && "$OLDPWD/$tree/bin/$target" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 \
          -print_final_stats=1 corpus "${seeds[@]/#/$OLDPWD/}" > log 2>&1); then
    tail -60 "$fuzz/$target/log"
    echo "FAILED: $target found a crash: $(ls "$fuzz/$target"/crash-* "$fuzz/$target"/timeout-* 2> /dev/null | tr '\n' ' ')"
    exit 1
  fi
  grep -E "^stat::number_of_executed_units|^Done" "$fuzz/$target/log" | tr '\n' ' '
  echo
done
echo "sanitizers: no report; fuzz targets: no crash in $seconds s each"
