#!/usr/bin/env bash
# Idle change streams: opens N SSE subscribers (10,000 by default) on one server and reports the server's resident
# memory (VmRSS and VmHWM from /proc/<pid>/status) once they are all connected. Target (issue 13): 10,000 idle
# subscribers in at most 300 MB.
#
#   bench/load/run-stream-idle.sh                 # starts one SQLite server itself and measures it
#   SUBSCRIBERS=2000 bench/load/run-stream-idle.sh
#   bench/load/run-stream-idle.sh http://127.0.0.1:5000 <server pid>   # a server already running on this machine
#
# What the script sets: this shell's open-file limit is raised to its hard limit (each stream is a socket on each
# side; 10,000 streams need about 10,300 descriptors in the server and as many in the subscriber process) and it
# stops with a message if that is still too low. It does not change the ephemeral port range: it prints it, and one
# client address to one server port can open as many connections as the range holds (28,231 with Linux's default
# 32768-60999), which covers 10,000. The server it starts allows 100,000 streams per token and per address and lifts
# the rate limiter; a server given by URL needs the same (see run-stream-fanout.sh).
# It prints the figure twice: 3 s after the last stream connected, and again near the end of the hold, after several
# heartbeat rounds (one every 15 s): an idle server must not grow while it holds the streams, and the second figure
# (VmHWM is the peak over the whole run) is the one that counts.
# Settings: SUBSCRIBERS=10000 HOLD=60 (seconds the streams stay open) ENVIRONMENT=production. Needs node and curl.
set -euo pipefail
. "$(dirname "$0")/stream-server.sh"

subscribers=${SUBSCRIBERS:-10000}
hold=${HOLD:-60}
environment=${ENVIRONMENT:-production}

command -v node >/dev/null || { echo "node is not installed (Debian: apt-get install nodejs)." >&2; exit 1; }
raise_file_limit $((subscribers + 512))

if [ $# -ge 2 ]; then
  stream_url=$1
  pid=$2
else
  start_server
  stream_url=$server_url
  pid=$server_pid
fi

rss() { grep -E '^(VmRSS|VmHWM)' "/proc/$1/status" | tr -s ' \t' ' ' | paste -sd ' '; }
echo "== before: $(rss "$pid")"
node "$root/bench/load/stream-subscribers.mjs" idle "$stream_url" "$token" "$environment" "$subscribers" "$hold" >"$work/subscribers.log" 2>&1 &
client=$!
until grep -q '^ready' "$work/subscribers.log" 2>/dev/null; do
  kill -0 "$client" 2>/dev/null || { echo "The subscribers stopped:"; cat "$work/subscribers.log"; exit 1; }
  sleep 0.5
done
sleep 3 # let connection set-up garbage be collected before reading the figure
echo "== $subscribers idle subscribers: $(rss "$pid")"
if [ "$hold" -gt 8 ]; then
  sleep $((hold - 8))
  echo "== $subscribers idle subscribers after about $((hold - 5)) s held: $(rss "$pid")"
fi
wait "$client"
