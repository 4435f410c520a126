# Sourced by run-stream-fanout.sh and run-stream-idle.sh: builds the server in Release and starts one on a fresh
# SQLite database, with limits raised for a load test (one client address opens thousands of streams, and the
# per-token rate limiter would refuse the connection burst). Sets server_url and server_pid; stops it on exit.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
token=${TOKEN:-vxl_load_admin}
port=${PORT:-5091}
server_url="http://127.0.0.1:${port}"
work=$(mktemp -d)
server_pid=""
. "$root/bench/load/release-server.sh"
cleanup() {
  stop_release_servers
  rm -rf "$work"
}
trap cleanup EXIT

start_server() {
  build_release_server
  echo "== starting the server on $server_url (SQLite in $work)"
  start_release_server "$server_url" "$work/server.log" \
    ConnectionStrings__Vexil="Data Source=$work/vexil.db" \
    Vexil__Auth__RateLimit__PermitsPerSecond=1000000 \
    Vexil__Auth__RateLimit__Burst=1000000 \
    Vexil__Stream__MaxPerToken=100000 \
    Vexil__Stream__MaxPerAddress=100000
  server_pid=$release_server_pid
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
