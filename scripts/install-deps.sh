#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs everything timbre needs to build, test and run its demo, from Debian 12 packages
# only. Safe to run again: apt skips what is already installed.
set -euo pipefail
packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git
  # the man page, generated from the CLI's own help
  help2man groff-base
  # the stack
  libboost-dev juce-modules-source-data zlib1g-dev libyaml-cpp-dev libspdlog-dev catch2
  libcli11-dev nlohmann-json3-dev libsimdjson-dev libutfcpp-dev libeigen3-dev libhnswlib-dev libcpp-httplib-dev libmagic-dev libsqlite3-dev libsqlitecpp-dev libpqxx-dev libsoxr-dev libmpg123-dev libtag1-dev
  libavformat-dev libavcodec-dev libavutil-dev libtorch-dev
  libflac-dev libvorbis-dev libogg-dev libfftw3-dev libxxhash-dev libebur128-dev libcsv-dev libxgboost-dev libicu-dev
  # benchmarks (bench/): Google Benchmark for the kernel timings
  libbenchmark-dev
  # the Python module (import timbre)
  pybind11-dev python3-dev
  # tests: a throw-away PostgreSQL server for the shared-store test, a one-node Slurm cluster
  postgresql slurm-wlm munge
  # tests: the sanitizer and fuzzing tree (clang's ASan, UBSan and libFuzzer runtimes)
  clang-14 libclang-rt-14-dev
  # tests: fixture encoding (Musepack, which ffmpeg cannot write, by mpcenc), store inspection,
  # a run's peak memory (GNU time)
  ffmpeg musepack-tools sqlite3 espeak-ng time
  # tests: independent reference implementations and tools
  python3-numpy python3-scipy aubio-tools vamp-examples vamp-plugin-sdk rubberband-vamp
  # tests: the web page in a real browser (driven from Node.js, which the machine has)
  chromium fonts-liberation
  # the demo library: real, freely licensed music in Ogg and MP3
  singularity-music hyperrogue-music asc-music
  # the composer models: game soundtracks whose files name their composers
  wesnoth-1.16-music ufoai-music
  # synthetic training notes for an instrument model (scripts/render-synthetic-instruments.sh)
  fluidsynth fluid-soundfont-gm timgm6mb-soundfont musescore-general-soundfont-small
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi
# UFO: Alien Invasion ships its music as a zip (0music.pk3); the composer model reads the Ogg
# files, so they are unpacked once where its credits table (plugins/torch/models/
# ufoai-composers.csv) expects them.
ufoai_music=/usr/local/share/timbre/ufoai-music
if [[ ! -f $ufoai_music/music/van_theme.ogg ]]; then
  mkdir -p "$ufoai_music"
  (cd "$ufoai_music" && cmake -E tar xf /usr/share/games/ufoai/base/0music.pk3 music/)
fi
