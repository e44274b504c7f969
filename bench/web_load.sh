#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Load on `timbre serve`: wrk (Debian's `wrk`) on loopback, 32 connections on 2 threads for
# SECONDS each, on `similar` (GET /api/tracks/ID?similar=10, a random track of the whole
# library each request), on the same alike in mood (`&by=mood`, where the store has the mood
# metric) and on a 20-track `nearest` playlist (POST /api/playlist, a random seed each
# request). Prints
# wrk's requests/s and latency percentiles. A benchmark, not a test; table in docs/benchmarks.md.
# Usage: bench/web_load.sh STORE [SECONDS]   (run scripts/build.sh first; apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
store=$1
seconds=${2:-30}
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
build/bin/timbre serve --db "$store" --port 0 --threads 32 > "$work/serve.log" 2>&1 &
server=$!
until url=$(grep -o 'http://[^ ]*/' "$work/serve.log"); do sleep 1; done
# Every track of the library, a page of 500 at a time, so requests spread over all of it.
total=$(curl -s "${url}api/health" | grep -o '"tracks":[0-9]*' | cut -d: -f2)
ids=$(for ((offset = 0; offset < total; offset += 500)); do
        curl -s "${url}api/tracks?limit=500&offset=$offset" | grep -o '"id":[0-9]*' | cut -d: -f2
      done | paste -sd, -)
cat > "$work/similar.lua" <<LUA
local ids = {$ids}
request = function() return wrk.format("GET", "/api/tracks/" .. ids[math.random(#ids)] .. "?similar=10") end
LUA
sed 's/similar=10/similar=10\&by=mood/' "$work/similar.lua" > "$work/similar-by-mood.lua"
cat > "$work/playlist.lua" <<LUA
local ids = {$ids}
request = function()
  return wrk.format("POST", "/api/playlist", {["Content-Type"] = "application/json"},
                    '{"seeds": [' .. ids[math.random(#ids)] .. '], "length": 20}')
end
LUA
echo "$(curl -s "${url}api/health")"
endpoints="similar playlist"
curl -s "${url}api/health" | grep -q '"alike_in":\["sound","mood"\]' && endpoints="similar similar-by-mood playlist"
for endpoint in $endpoints; do
  echo "== $endpoint"
  wrk -t2 -c32 -d"${seconds}s" --latency -s "$work/$endpoint.lua" "$url" | grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx"
done
