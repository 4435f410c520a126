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
pids=()
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== PostgreSQL cluster in $work/pg on port $pg_port"
as_postgres "$pg_bin/initdb" -D "$work/pg" -U postgres -A trust >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c max_connections=200" -l "$work/pg.log" start >/dev/null
"$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres vexil

echo "== building the server (Release)"
dotnet build "$root/src/Vexil.Server" -c Release -nologo -v q -clp:ErrorsOnly

start_replica() {
  local port=$1
  env \
    ASPNETCORE_ENVIRONMENT=Production \
    Vexil__Database__Provider=postgres \
    ConnectionStrings__Vexil="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=vexil" \
    Vexil__Definitions__Paths__0="$root/examples/feature_flags" \
    Vexil__Definitions__Watch=false \
    Vexil__Auth__BootstrapAdminToken="$token" \
    Vexil__Auth__RateLimit__PermitsPerSecond=1000000 \
    Vexil__Auth__RateLimit__Burst=1000000 \
    Vexil__Stream__MaxPerToken=100000 \
    Vexil__Stream__MaxPerAddress=100000 \
    Logging__LogLevel__Default=Warning \
    dotnet "$root/src/Vexil.Server/bin/Release/net10.0/Vexil.Server.dll" --urls "http://127.0.0.1:$port" >"$work/server-$port.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 150); do
    if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  echo "Replica on $port did not become healthy:"; cat "$work/server-$port.log"; exit 1
}

echo "== replica A (subscribers) on 5093, replica B (writes) on 5094"
start_replica 5093   # the first one migrates the schema
start_replica 5094
SERVER_PIDS="${pids[0]},${pids[1]}" TOKEN=$token "$root/bench/load/run-stream-fanout.sh" http://127.0.0.1:5093 http://127.0.0.1:5094
