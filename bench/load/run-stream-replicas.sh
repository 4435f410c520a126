#!/usr/bin/env bash
# Change-stream fan-out across replicas: starts a throwaway PostgreSQL cluster (Debian's postgresql, run as the
# postgres user when this runs as root), two Release servers on it, then run-stream-fanout.sh with the subscribers on
# replica A and the writes on replica B. Target (issue 13): p99 <= 50 ms from the write's acknowledgement.
#
#   bench/load/run-stream-replicas.sh                 # SUBSCRIBERS=1000 WRITES=50 by default (passed on)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
token=${TOKEN:-vxl_load_admin}
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_port=${PG_PORT:-55432}
work=$(mktemp -d)
chmod 777 "$work"
. "$root/bench/load/release-server.sh"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  stop_release_servers
  as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== PostgreSQL cluster in $work/pg on port $pg_port"
as_postgres "$pg_bin/initdb" -D "$work/pg" -U postgres -A trust >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c max_connections=200" -l "$work/pg.log" start >/dev/null
"$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres vexil

build_release_server

start_replica() {
  start_release_server "http://127.0.0.1:$1" "$work/server-$1.log" \
    Vexil__Database__Provider=postgres \
    ConnectionStrings__Vexil="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=vexil" \
    Vexil__Auth__RateLimit__PermitsPerSecond=1000000 \
    Vexil__Auth__RateLimit__Burst=1000000 \
    Vexil__Stream__MaxPerToken=100000 \
    Vexil__Stream__MaxPerAddress=100000
}

echo "== replica A (subscribers) on 5093, replica B (writes) on 5094"
start_replica 5093   # the first one migrates the schema
start_replica 5094
SERVER_PIDS="${release_server_pids[0]},${release_server_pids[1]}" TOKEN=$token "$root/bench/load/run-stream-fanout.sh" http://127.0.0.1:5093 http://127.0.0.1:5094
