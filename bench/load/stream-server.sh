# Sourced by run-stream-fanout.sh and run-stream-idle.sh: builds the server in Release and starts one on a fresh
# SQLite database, with limits raised for a load test (one client address opens thousands of streams, and the
# per-token rate limiter would refuse the connection burst). Sets server_url and server_pid; stops it on exit.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
token=${TOKEN:-vxl_load_admin}
port=${PORT:-5091}
server_url="http://127.0.0.1:${port}"
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

start_server() {
  echo "== building the server (Release)"
  dotnet build "$root/src/Vexil.Server" -c Release -nologo -v q -clp:ErrorsOnly
  echo "== starting the server on $server_url (SQLite in $work)"
  env \
    ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__Vexil="Data Source=$work/vexil.db" \
    Vexil__Definitions__Paths__0="$root/examples/feature_flags" \
    Vexil__Definitions__Watch=false \
    Vexil__Auth__BootstrapAdminToken="$token" \
    Vexil__Auth__RateLimit__PermitsPerSecond=1000000 \
    Vexil__Auth__RateLimit__Burst=1000000 \
    Vexil__Stream__MaxPerToken=100000 \
    Vexil__Stream__MaxPerAddress=100000 \
    Logging__LogLevel__Default=Warning \
    dotnet "$root/src/Vexil.Server/bin/Release/net10.0/Vexil.Server.dll" --urls "$server_url" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 150); do
    if curl -fsS "$server_url/health" >/dev/null 2>&1; then return 0; fi
    kill -0 "$server_pid" 2>/dev/null || { echo "The server exited:"; cat "$work/server.log"; exit 1; }
    sleep 0.2
  done
  echo "The server did not become healthy:"; cat "$work/server.log"; exit 1
}

# Each stream is one socket on both ends: raise this shell's open-file limit (inherited by the server and the
# subscriber process) to the hard limit, and say so when the hard limit is too low for the run.
raise_file_limit() {
  local needed=$1
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$needed" ]; then
    echo "The open-file limit is $(ulimit -n) (hard limit $(ulimit -Hn)); $needed are needed: raise the hard limit (e.g. /etc/security/limits.conf or 'ulimit -Hn' as root)." >&2
    exit 1
  fi
  echo "== open-file limit $(ulimit -n); ephemeral ports $(tr '\t' '-' </proc/sys/net/ipv4/ip_local_port_range)"
}
