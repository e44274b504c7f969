#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The main job on the bundled default: installs and builds timbre, analyses the demo library
# (36 freely licensed tracks from Debian's game-music packages) with configs/similarity.yaml
# (features, genre, mood and three similarity metrics), prints every track's genre, mood,
# tempo and key, writes four playlists to playlists/ (M3U8 and XSPF, for any player) and cuts
# the library into four named playlists of tracks that sound alike (playlists/by-sound/).
# Leaves timbre.db (the results store) and demo.jsonl here; run again, it resumes.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
timbre=build/bin/timbre
$timbre analyze configs/similarity.yaml \
  /usr/share/games/singularity/music /usr/share/hyperrogue/music /usr/share/games/asc/music \
  --db timbre.db --out demo.jsonl --resume "$@"
echo
$timbre tracks --db timbre.db
mkdir -p playlists
$timbre playlist --db timbre.db --seed hr-savino-caribbean --strategy nearest --length 10 --out playlists/radio.m3u8
$timbre playlist --db timbre.db --seed "Through Space" --strategy smooth --length 10 --out playlists/smooth-mix.xspf
$timbre playlist --db timbre.db --strategy arc --arc rise-fall --length 12 --out playlists/calm-energetic-calm.m3u8
$timbre playlist --db timbre.db --where mood=calm --strategy diverse --artist-gap 1 --length 10 --out playlists/calm.m3u8
$timbre playlists --db timbre.db --count 4 --out-dir playlists/by-sound
echo
echo "A smooth mix from 'Will Savino - Caribbean', and why each track follows:"
$timbre playlist --db timbre.db --seed hr-savino-caribbean --strategy smooth --length 6
echo
echo "To browse the library and build playlists in a web page: $timbre serve --db timbre.db, then open http://127.0.0.1:8080/"
