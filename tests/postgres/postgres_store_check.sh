#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# PostgreSQL as the shared results store, against a real server: a throw-away cluster in the
# scratch folder (tests/support/throwaway_postgres.sh). Two shards analyse into the one store
# at the same time, as two machines would; the store then holds exactly what one SQLite run of the whole library holds (checked
# through `timbre merge` into SQLite); --resume finds every track done; a store of an earlier
# schema is brought up to date; file names that are not UTF-8 keep their bytes; a server that
# cannot be reached is one clear error naming it.
# Usage: postgres_store_check.sh TIMBRE SOURCE_DIR FIXTURES SCRATCH
set -euo pipefail
timbre=$1 source=$2 fixtures=$3 scratch=$4
source "$(dirname "${BASH_SOURCE[0]}")/../support/throwaway_postgres.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../support/store_text.sh"
trap stop_throwaway_postgres EXIT
status=0
start_throwaway_postgres "$scratch" || status=$?
if ((status == 77)); then
  [[ ${CI:-} == true ]] && exit 1
  exit 77
fi
((status == 0)) || exit 1
store=$postgres_store
# features.yaml and one vector of 868 names (the similarity pipeline's longest list).
config="$(dirname "${BASH_SOURCE[0]}")/long_vectors.yaml"
fail() { echo "FAILED: $*"; exit 1; }
analyze() { "$timbre" analyze "$config" "$fixtures/library" --no-summary -j 1 "$@"; }

analyze --db "$store" --shard 1/2 > "$scratch/shard1.log" 2>&1 &
first=$!
analyze --db "$store" --shard 2/2 > "$scratch/shard2.log" 2>&1 || [[ $? == 2 ]] || fail "shard 2: $(cat "$scratch/shard2.log")"
wait $first || [[ $? == 2 ]] || fail "shard 1: $(cat "$scratch/shard1.log")"
analyze --db "$scratch/reference.db" > /dev/null 2>&1 || [[ $? == 2 ]]
echo "ok: two shards analysed into one PostgreSQL store at once"

"$timbre" merge "$scratch/merged.db" "$store" > "$scratch/merge.log" 2>&1 || fail "merge: $(cat "$scratch/merge.log")"
diff <(store_text "$scratch/reference.db") <(store_text "$scratch/merged.db") > "$scratch/diff" ||
  fail "the PostgreSQL store differs from one SQLite run: $(head -20 "$scratch/diff")"
tracks=$(sqlite3 "$scratch/merged.db" "SELECT count(*) FROM tracks")
ok=$(sqlite3 "$scratch/merged.db" "SELECT count(DISTINCT content_hash) FROM tracks WHERE status = 'ok'")
((ok > 0)) || fail "no track analysed"
echo "ok: merged into SQLite, its $tracks tracks equal one SQLite run's, features and labels included"

analyze --db "$store" --resume > "$scratch/resume.log" 2>&1 || true
grep -q "resuming: $ok tracks already analysed" "$scratch/resume.log" || fail "--resume: $(cat "$scratch/resume.log")"
echo "ok: --resume on the PostgreSQL store finds the $ok analysed contents done"

# A file moved out of the library's folder and analysed there is recorded under its new path
# from the earlier analysis, features and labels copied, and left out when it is gone again.
one=$(find "$fixtures/library/good" -type f | sort | head -1)
moved="$scratch/moved/renamed.${one##*.}"
mkdir -p "$scratch/moved" && cp "$one" "$moved"
"$timbre" analyze "$config" "$scratch/moved" --db "$store" --resume --no-summary -j 1 \
  > "$scratch/moved.log" 2>&1 || fail "moved file: $(cat "$scratch/moved.log")"
grep -q "$moved: the same file as" "$scratch/moved.log" || fail "moved file not recorded: $(cat "$scratch/moved.log")"
copied=$(psql -tA "$store" -c "SELECT count(*) FROM features f JOIN tracks t ON t.id = f.track_id WHERE t.path = '$moved'")
source_features=$(psql -tA "$store" -c "SELECT count(*) FROM features f JOIN tracks t ON t.id = f.track_id
  WHERE t.id = (SELECT max(id) FROM tracks WHERE path = '$one')")
((copied > 0 && copied == source_features)) || fail "moved file: $copied features copied of $source_features"
rm "$moved" && cp "$one" "$scratch/moved/other.${one##*.}"
"$timbre" analyze "$config" "$scratch/moved" --db "$store" --resume --no-summary -j 1 \
  > "$scratch/gone.log" 2>&1 || fail "gone file: $(cat "$scratch/gone.log")"
[[ $(psql -tA "$store" -c "SELECT status FROM tracks WHERE path = '$moved' ORDER BY id DESC LIMIT 1") == failed ]] ||
  fail "a file gone from the folder should leave the library: $(cat "$scratch/gone.log")"
echo "ok: a moved file is recorded from its earlier analysis ($copied features), and leaves when it is gone"

psql -q "$store" -c "ALTER TABLE features DROP COLUMN layout, DROP COLUMN data; DROP TABLE vector_layouts;
  ALTER TABLE runs DROP COLUMN models; ALTER TABLE tracks DROP COLUMN path_bytes;
  ALTER TABLE file_states DROP COLUMN path_bytes; ALTER TABLE file_states ADD PRIMARY KEY (path);
  UPDATE timbre_schema SET version = 3" || fail "could not turn the store back into schema 3"
analyze --db "$store" --resume > "$scratch/upgrade.log" 2>&1 || [[ $? == 2 ]] || fail "schema 3: $(cat "$scratch/upgrade.log")"
[[ $(psql -tA "$store" -c "SELECT version FROM timbre_schema") == 7 ]] || fail "schema 3 was not brought to 7"
[[ $(psql -tA "$store" -c "SELECT count(*) FROM runs WHERE models IS NOT NULL") == 1 ]] ||
  fail "the run after the upgrade has no models column value"
grep -q "resuming: $ok tracks already analysed" "$scratch/upgrade.log" || fail "after the upgrade: $(cat "$scratch/upgrade.log")"
[[ $(psql -tA "$store" -c "SELECT count(*) FROM tracks WHERE path_bytes <> convert_to(path, 'UTF8')") == 0 ]] ||
  fail "the upgrade did not copy each path's bytes"
echo "ok: a store of schema 3 is brought to schema 7 when opened, its runs kept and every analysed track known"

# File names that are not UTF-8, as an old Latin-1 disk spells "café" and "cafè": PostgreSQL's
# text must be UTF-8, so each is kept as its bytes beside the name shown with U+FFFD, and the
# two names that show alike stay two tracks.
latin1="$scratch/latin1"
mkdir -p "$latin1"
cp "$fixtures/formats/tone.wav" "$latin1/caf"$'\xe9'".wav"
cp "$fixtures/formats/sine1k.wav" "$latin1/caf"$'\xe8'".wav"
"$timbre" analyze "$config" "$latin1" --db "$store" --no-summary -j 1 > "$scratch/latin1.log" 2>&1 ||
  fail "names that are not UTF-8: $(cat "$scratch/latin1.log")"
prefix=$(printf '%s' "$latin1/caf" | od -An -tx1 | tr -d ' \n')
[[ $(psql -tA "$store" -c "SELECT count(DISTINCT path_bytes) FROM tracks WHERE status = 'ok'
  AND path = '$latin1/caf' || U&'\FFFD' || '.wav' AND path_bytes IN ('\x${prefix}e92e776176', '\x${prefix}e82e776176')") == 2 ]] ||
  fail "two Latin-1 names should be two tracks: $(psql -tA "$store" -c "SELECT path, path_bytes FROM tracks WHERE path LIKE '$latin1/%'")"
"$timbre" analyze "$config" "$latin1" --db "$store" --resume -j 1 > "$scratch/latin1-again.log" 2>&1 ||
  fail "names that are not UTF-8, resumed: $(cat "$scratch/latin1-again.log")"
grep -q "0 ok, 0 failed, 2 skipped" "$scratch/latin1-again.log" || fail "--resume: $(cat "$scratch/latin1-again.log")"
"$timbre" merge "$scratch/latin1.db" "$store" > "$scratch/latin1-merge.log" 2>&1 || fail "merge: $(cat "$scratch/latin1-merge.log")"
[[ $(sqlite3 "$scratch/latin1.db" "SELECT count(DISTINCT path) FROM tracks
  WHERE lower(hex(path)) IN ('${prefix}e92e776176', '${prefix}e82e776176')") == 2 ]] ||
  fail "merged into SQLite, the names lost their bytes: $(sqlite3 "$scratch/latin1.db" "SELECT hex(path) FROM tracks")"
echo "ok: file names that are not UTF-8 are two tracks under their own bytes, resumed, and merged back byte for byte"

status=0
analyze --db "postgresql:///library?host=$scratch/nowhere&user=timbre" > "$scratch/bad.log" 2>&1 || status=$?
[[ $status == 1 ]] || fail "an unreachable server should be exit code 1, got $status"
grep -q "results store postgresql:///library?host=$scratch/nowhere" "$scratch/bad.log" || fail "$(cat "$scratch/bad.log")"
echo "ok: an unreachable server is one error naming it"
