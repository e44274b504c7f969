#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A results store on a disk that fills up mid-run, then turns read-only: `analyze` stops with
# one clear error naming the store and the cause, starts no more tracks, and leaves a valid
# store holding every track it recorded; the read-only store still answers queries, and
# `--resume` completes the library once there is room. The disk is a 300 KiB tmpfs mounted in
# a private mount namespace (unshare -m), so nothing outside this test sees it.
# Usage: full_disk_store_check.sh TIMBRE SOURCE_DIR SCRATCH
set -euo pipefail
timbre=$1 source=$2 scratch=$3
library=/usr/share/hyperrogue/music  # 17 tracks of the demo library
rm -rf "$scratch" && mkdir -p "$scratch/disk"
if ! unshare -m true 2> /dev/null; then
  echo "cannot make a private mount namespace here (unshare -m needs root or user namespaces)"
  [[ ${CI:-} == true ]] && exit 1
  exit 77
fi
export timbre source library disk="$scratch/disk" log="$scratch/log"
unshare -m bash -euo pipefail -c '
  fail() { echo "FAILED: $*"; cat "$log"; exit 1; }
  mount -t tmpfs -o size=300k tmpfs "$disk"
  analyze() { "$timbre" analyze "$source/configs/features.yaml" "$library" -j 2 --db "$disk/t.db" --no-summary "$@" > "$log" 2>&1; }

  status=0; analyze || status=$?
  [[ $status == 1 ]] || fail "a full disk should end the run with exit code 1, got $status"
  grep -q "results store $disk/t.db: cannot record .*(the disk holding the store is full)" "$log" ||
    fail "no error naming the store and the full disk"
  grep -q "rerun with --resume" "$log" || fail "the error does not say how to go on"
  [[ $(sqlite3 "$disk/t.db" "PRAGMA integrity_check") == ok ]] || fail "the store is damaged"
  stored=$(sqlite3 "$disk/t.db" "SELECT count(*) FROM tracks WHERE status = '"'"'ok'"'"'")
  analysed=$(grep -c "\] ok: " "$log" || true)
  ((stored >= 1 && stored < 17)) || fail "expected some but not all 17 tracks stored, got $stored"
  # Each worker may finish the track it had started; nothing after that.
  ((analysed <= stored + 2)) || fail "$analysed tracks analysed but only $stored stored: work went on after the failure"
  incomplete=$(sqlite3 "$disk/t.db" "SELECT count(*) FROM tracks t WHERE (SELECT count(*) FROM features f
    WHERE f.track_id = t.id) <> (SELECT max(n) FROM (SELECT count(*) n FROM features GROUP BY track_id))")
  [[ $incomplete == 0 ]] || fail "$incomplete stored tracks lack some of their features"
  echo "ok: full disk after $stored tracks: one error, a valid store, $analysed analysed"

  mount -o remount,ro "$disk"
  status=0; analyze --resume || status=$?
  [[ $status == 1 ]] || fail "a read-only store should refuse analysis with exit code 1, got $status"
  grep -q "results store $disk/t.db: .*(the store or its folder is read-only)" "$log" || fail "no read-only error"
  "$timbre" tracks --db "$disk/t.db" > "$log" 2>&1 || fail "a read-only store cannot be listed"
  grep -q "$stored of $stored tracks" "$log" || fail "the read-only store does not list its $stored tracks"
  echo "ok: read-only store refused for writing, still listed"

  mount -o remount,rw,size=20m "$disk"
  analyze --resume || fail "--resume with room to write failed"
  [[ $(sqlite3 "$disk/t.db" "SELECT count(DISTINCT content_hash) FROM tracks WHERE status = '"'"'ok'"'"'") == 17 ]] ||
    fail "--resume did not complete the 17 tracks"
  [[ $(sqlite3 "$disk/t.db" "SELECT count(*) FROM tracks") == 17 ]] || fail "a track was stored twice"
  echo "ok: --resume with room completes the library, every track once"
'
