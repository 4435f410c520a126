#!/usr/bin/env bash
# Times GitLab's `GET /api/v4/features` on an environment of FLAGS persisted flags (10,000 by default) over loopback:
# seeds a fresh SQLite database, starts the server in Release, warms up, then makes REQUESTS sequential requests
# with curl and prints the median, p95 and largest response time. Target: at most 100 ms with 10,000 flags.
#
#   bench/load/run-features-list.sh
#   FLAGS=2000 REQUESTS=50 bench/load/run-features-list.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
flags=${FLAGS:-10000}
requests=${REQUESTS:-30}
port=${PORT:-5090}
token=vxl_load_admin
url="http://127.0.0.1:${port}"

work=$(mktemp -d)
server_pid=""
. "$root/bench/load/release-server.sh"
cleanup() {
  stop_release_servers
  rm -rf "$work"
}
trap cleanup EXIT

build_release_server

echo "== seeding $flags flags into $work/vexil.db"
dotnet run --file "$root/bench/load/seed-ofrep.cs" -c Release -- "Data Source=$work/vexil.db" "$flags" | tail -n 1 >/dev/null

echo "== starting the server on $url"
start_release_server "$url" "$work/server.log" \
  ConnectionStrings__Vexil="Data Source=$work/vexil.db"
server_pid=$release_server_pid

fetch() { curl -fsS -o "$work/features.json" -w '%{time_total}\n' -H "PRIVATE-TOKEN: $token" "$url/api/v4/features?environment=production"; }
for _ in $(seq 1 10); do fetch >/dev/null; done
echo "== $(grep -o '"name"' "$work/features.json" | wc -l) features, $(wc -c <"$work/features.json") bytes per answer"
for _ in $(seq 1 "$requests"); do fetch; done | sort -n | awk '
  { t[NR] = $1 * 1000 }
  END { printf "GET /api/v4/features: median %.1f ms, p95 %.1f ms, max %.1f ms over %d requests\n", t[int((NR + 1) / 2)], t[int(NR * 0.95 + 0.5)], t[NR], NR }'
