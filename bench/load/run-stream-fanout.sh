#!/usr/bin/env bash
# Change-stream fan-out: N SSE subscribers (1,000 by default) on one server, writes through the GitLab API on
# another (or the same), and per subscriber the delay from each write's HTTP acknowledgement to its change event's
# arrival. Prints p50/p99/max. Target (issue 13): p99 <= 50 ms with subscribers on a different replica than the writes.
#
#   bench/load/run-stream-fanout.sh                                  # starts one SQLite server, subscribes and writes there
#   bench/load/run-stream-fanout.sh http://replica-a:5000 http://replica-b:5000   # subscribers on A, writes on B
#
# With URLs, the servers must already run (e.g. two replicas on one PostgreSQL), accept TOKEN (an admin or write
# token, default vxl_load_admin) and allow this many streams from one address: set Vexil__Stream__MaxPerToken and
# Vexil__Stream__MaxPerAddress above SUBSCRIBERS, and raise Vexil__Auth__RateLimit__PermitsPerSecond/Burst.
# Settings: SUBSCRIBERS=1000 WRITES=50 ENVIRONMENT=staging FLAG=stream_load_flag. Needs node (20+) and curl.
set -euo pipefail
. "$(dirname "$0")/stream-server.sh"

subscribers=${SUBSCRIBERS:-1000}
writes=${WRITES:-50}
environment=${ENVIRONMENT:-staging}
flag=${FLAG:-stream_load_flag}

command -v node >/dev/null || { echo "node is not installed (Debian: apt-get install nodejs)." >&2; exit 1; }
raise_file_limit $((subscribers + 256))

if [ $# -ge 1 ]; then
  stream_url=$1
  write_url=${2:-$1}
else
  start_server
  stream_url=$server_url
  write_url=$server_url
fi

echo "== $subscribers subscribers on $stream_url, $writes writes on $write_url ($environment, $flag)"
SERVER_PIDS=${SERVER_PIDS:-$server_pid} node "$root/bench/load/stream-subscribers.mjs" fanout "$stream_url" "$write_url" "$token" "$environment" "$subscribers" "$writes" "$flag"
