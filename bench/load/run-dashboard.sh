#!/usr/bin/env bash
# Times the dashboard's overview (`GET /`, signed in) with FLAGS flags (2,000 by default) stored in each of the six
# default environments: seeds a fresh SQLite database, starts the server in Release, signs in with the admin token
# (cookie and antiforgery token, as a browser), warms up, then makes REQUESTS sequential requests with curl asking for
# Brotli, and prints the median, p95 and largest response time and the bytes transferred (compressed) and rendered.
# Targets (issue 15): rendered in at most 300 ms, at most 200 KB compressed. Run it on a quiet machine.
#
#   bench/load/run-dashboard.sh
#   FLAGS=500 REQUESTS=10 bench/load/run-dashboard.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
flags=${FLAGS:-2000}
requests=${REQUESTS:-30}
port=${PORT:-5091}
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

echo "== seeding $flags flags x 6 environments into $work/vexil.db"
dotnet run --file "$root/bench/load/seed-dashboard.cs" -c Release -- "Data Source=$work/vexil.db" "$flags" | tail -n 1 >/dev/null

echo "== starting the server on $url"
start_release_server "$url" "$work/server.log" \
  ConnectionStrings__Vexil="Data Source=$work/vexil.db" \
  Vexil__FeatureGroups__gitlab_team_members__Actors__0="User:1"
server_pid=$release_server_pid

jar="$work/cookies"
csrf=$(curl -fsS -c "$jar" "$url/" | grep -o 'name="__csrf" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
curl -fsS -o /dev/null -b "$jar" -c "$jar" --data-urlencode "token=$token" --data-urlencode "__csrf=$csrf" "$url/?handler=SignIn"

fetch() { curl -fsS -b "$jar" -H 'Accept-Encoding: br' -o "$work/overview.br" -w '%{time_total} %{size_download}\n' "$url/"; }
for _ in $(seq 1 10); do fetch >/dev/null; done
rendered=$(curl -fsS -b "$jar" "$url/" | wc -c)
grep -q . "$work/overview.br" || { echo "The overview came back empty"; exit 1; }
echo "== $(curl -fsS -b "$jar" "$url/" | grep -c '<tr data-flag=') rows, $rendered bytes rendered"
for _ in $(seq 1 "$requests"); do fetch; done | sort -n | awk '
  { t[NR] = $1 * 1000; bytes = $2 }
  END { printf "GET / (overview): median %.1f ms, p95 %.1f ms, max %.1f ms over %d requests; %d bytes with Brotli\n", t[int((NR + 1) / 2)], t[int(NR * 0.95 + 0.5)], t[NR], NR, bytes }'
