#!/usr/bin/env bash
# OFREP load test: builds the server in Release, seeds a fresh SQLite database with FLAGS flags (1,000 by default),
# starts the server, and runs wrk against single and bulk evaluation. Prints wrk's results.
#
#   bench/load/run-ofrep.sh                      # defaults: FLAGS=1000 THREADS=2 CONNECTIONS=64 DURATION=15s
#   FLAGS=200 DURATION=30s bench/load/run-ofrep.sh
#   BARE=1 bench/load/run-ofrep.sh               # also the same single-evaluation runs against a bare Kestrel endpoint
#   COUNTERS=/tmp/counters.csv bench/load/run-ofrep.sh   # dotnet-counters (runtime + Kestrel) during the single run
#
# Besides the two-thread run it makes a one-thread run (wrk -t1): on 2 cores a two-thread wrk fights the server for
# the cores, so the latency tail is read from the one-thread run. Bulk is run plain and with Accept-Encoding: br. The
# server's resident memory (now and at its peak) is printed at the end.
#
# Needs wrk (Debian: apt-get install wrk). Targets (2 cores): single >= 20,000 req/s with p99 <= 5 ms; bulk of
# 1,000 flags >= 2,000 req/s. Results are recorded in docs/api-ofrep.md.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
flags=${FLAGS:-1000}
threads=${THREADS:-2}
connections=${CONNECTIONS:-64}
duration=${DURATION:-15s}
port=${PORT:-5089}
token=vxl_load_admin
url="http://127.0.0.1:${port}"

export PATH="$PATH:$HOME/.dotnet/tools"  # where `dotnet tool install -g` puts dotnet-counters
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)." >&2; exit 1; }

work=$(mktemp -d)
server_pid=""
. "$root/bench/load/release-server.sh"
cleanup() {
  stop_release_servers
  # the bare Kestrel endpoint, when BARE=1 started one
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

build_release_server

echo "== seeding $flags flags into $work/vexil.db"
sequence=$(dotnet run --file "$root/bench/load/seed-ofrep.cs" -c Release -- "Data Source=$work/vexil.db" "$flags" | tail -n 1)

echo "== starting the server on $url"
start_release_server "$url" "$work/server.log" \
  ConnectionStrings__Vexil="Data Source=$work/vexil.db" \
  Vexil__Auth__RateLimit__PermitsPerSecond=1000000 \
  Vexil__Auth__RateLimit__Burst=1000000
server_pid=$release_server_pid

seen=$(curl -fsS -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"context":{}}' \
  "$url/ofrep/v1/evaluate/flags" | grep -o '"sequence":[0-9]*' | cut -d: -f2)
count=$(curl -fsS -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"context":{}}' \
  "$url/ofrep/v1/evaluate/flags" | grep -o '"flagCount":[0-9]*' | cut -d: -f2)
echo "== server at sequence $seen of $sequence, $count flags in production"
curl -fsS -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"context":{"targetingKey":"User:1"}}' "$url/ofrep/v1/evaluate/flags/load_split"
echo

export VEXIL_TOKEN=$token
echo "== warm-up (5 s each, not reported)"
wrk -t"$threads" -c"$connections" -d5s -s "$root/bench/load/ofrep.lua" "$url" >/dev/null
wrk -t"$threads" -c"$connections" -d5s -s "$root/bench/load/ofrep-bulk.lua" "$url" >/dev/null

counters_pid=""
if [ -n "${COUNTERS:-}" ]; then
  command -v dotnet-counters >/dev/null || { echo "dotnet-counters is not installed (dotnet tool install -g dotnet-counters)." >&2; exit 1; }
  dotnet-counters collect -p "$server_pid" --refresh-interval 1 --format csv -o "$COUNTERS" \
    --counters System.Runtime,Microsoft.AspNetCore.Server.Kestrel,System.Net.Sockets >/dev/null 2>&1 &
  counters_pid=$!
  sleep 1
fi

echo "== single evaluation: POST /ofrep/v1/evaluate/flags/load_split (wrk -t$threads -c$connections)"
wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$root/bench/load/ofrep.lua" "$url"

echo "== single evaluation, one wrk thread (wrk -t1 -c$connections): the latency tail"
wrk -t1 -c"$connections" -d"$duration" --latency -s "$root/bench/load/ofrep.lua" "$url"

if [ -n "$counters_pid" ]; then kill "$counters_pid" 2>/dev/null || true; wait "$counters_pid" 2>/dev/null || true; echo "== counters in $COUNTERS"; fi

echo "== bulk evaluation of $count flags: POST /ofrep/v1/evaluate/flags"
wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$root/bench/load/ofrep-bulk.lua" "$url"

plain=$(curl -fsS -o /dev/null -w '%{size_download}' -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"context":{"targetingKey":"User:1"}}' "$url/ofrep/v1/evaluate/flags")
for coding in br gzip; do
  size=$(curl -fsS -o /dev/null -w '%{size_download}' -H "Accept-Encoding: $coding" -X POST -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d '{"context":{"targetingKey":"User:1"}}' "$url/ofrep/v1/evaluate/flags")
  echo "== bulk answer: $plain bytes plain, $size bytes with $coding"
done

echo "== bulk evaluation of $count flags with Accept-Encoding: br"
ACCEPT_ENCODING=br wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$root/bench/load/ofrep-bulk.lua" "$url"

echo "== server memory after the runs: $(grep -E '^(VmRSS|VmHWM)' "/proc/$server_pid/status" | tr -s ' \t' ' ' | paste -sd ' ')"

if [ -n "${BARE:-}" ]; then
  kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""
  echo "== bare Kestrel endpoint (bench/load/bare-kestrel.cs) on $url"
  dotnet build "$root/bench/load/bare-kestrel.cs" -c Release -o "$work/bare" -nologo -v q -clp:ErrorsOnly >/dev/null
  dotnet "$work/bare/bare-kestrel.dll" --urls "$url" >"$work/bare.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 150); do
    if curl -fsS -X POST -d '{}' "$url/ofrep/v1/evaluate/flags/load_split" >/dev/null 2>&1; then break; fi
    sleep 0.2
  done
  wrk -t"$threads" -c"$connections" -d5s -s "$root/bench/load/ofrep.lua" "$url" >/dev/null
  echo "== bare: single evaluation (wrk -t$threads -c$connections)"
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$root/bench/load/ofrep.lua" "$url"
  echo "== bare: one wrk thread (wrk -t1 -c$connections)"
  wrk -t1 -c"$connections" -d"$duration" --latency -s "$root/bench/load/ofrep.lua" "$url"
fi
