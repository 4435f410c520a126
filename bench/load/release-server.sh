# Sourced by the load scripts: builds the server in Release and starts it with the settings every load test shares
# (Production, the example definitions without file watching, the admin token in $token, warnings only). Each script
# adds its own settings (database, limits) as NAME=value arguments; the caller's environment passes through too
# (DOTNET_* variables, for instance).
#
#   build_release_server
#   start_release_server <url> <log file> [NAME=value ...]   # waits for /health; sets release_server_pid
#   stop_release_servers                                      # in the script's exit trap
release_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
release_server_pids=()

build_release_server() {
  echo "== building the server (Release)"
  dotnet build "$release_root/src/Vexil.Server" -c Release -nologo -v q -clp:ErrorsOnly
}

start_release_server() {
  local url=$1 log=$2
  shift 2
  env \
    ASPNETCORE_ENVIRONMENT=Production \
    Vexil__Definitions__Paths__0="$release_root/examples/feature_flags" \
    Vexil__Definitions__Watch=false \
    Vexil__Auth__BootstrapAdminToken="${token:?set token before starting a server}" \
    Logging__LogLevel__Default=Warning \
    "$@" \
    dotnet "$release_root/src/Vexil.Server/bin/Release/net10.0/Vexil.Server.dll" --urls "$url" >"$log" 2>&1 &
  release_server_pid=$!
  release_server_pids+=("$release_server_pid")
  for _ in $(seq 1 150); do
    if curl -fsS "$url/health" >/dev/null 2>&1; then return 0; fi
    kill -0 "$release_server_pid" 2>/dev/null || { echo "The server on $url exited:"; cat "$log"; exit 1; }
    sleep 0.2
  done
  echo "The server on $url did not become healthy:"; cat "$log"; exit 1
}

stop_release_servers() {
  local pid
  for pid in "${release_server_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
