#!/usr/bin/env bash
# Start a throwaway redis-server for tests and wait until it answers PING.
#
#   scripts/redis/start.sh [DIR]
#
# DIR holds the AOF, the pid file, the log and the port. It may be missing or
# empty (a fresh server) or a DIR left by `stop.sh DIR --keep`: then the server
# comes back on the same port with the same AOF, which is what the fault tests
# rely on (stop Redis, restart it, expect queued jobs to survive).
# Without DIR a mktemp dir is used.
#
# stdout gets only KEY=VALUE lines (also written to DIR/env); logs go to stderr:
#   REDIS_URL=redis://127.0.0.1:<port>
#   REDIS_DIR=<dir>
#   REDIS_PID=<pid>
#
# Env: REDIS_PORT, REDIS_APPENDFSYNC (everysec), REDIS_START_TIMEOUT (30 s).
set -euo pipefail

marker=".supplygraph-redis"
timeout_s="${REDIS_START_TIMEOUT:-30}"
appendfsync="${REDIS_APPENDFSYNC:-everysec}"

log() { printf '[redis] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --- binary --------------------------------------------------------------------
if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
  if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    log "redis-server missing; installing Debian's redis-server package"
    export DEBIAN_FRONTEND=noninteractive
    # A fresh machine may have no package lists yet; only pay for update then.
    if ! apt-get install -y -q redis-server >&2; then
      apt-get update -q >&2
      apt-get install -y -q redis-server >&2
    fi
  else
    die "redis-server not found. Install it (Debian/Ubuntu: sudo apt-get install -y redis-server) or set REDIS_URL to an existing Redis."
  fi
fi

# --- directory -----------------------------------------------------------------
created_dir=0
if [[ $# -ge 1 && -n "$1" ]]; then
  dir="$1"
  if [[ ! -e "$dir" ]]; then
    mkdir -p "$dir"
    created_dir=1
  fi
  dir="$(cd "$dir" && pwd)"
  # Guard: stop.sh rm -rf's this dir, so never adopt a populated dir we did not make.
  if [[ ! -f "$dir/$marker" ]] && [[ -n "$(ls -A "$dir")" ]]; then
    die "$dir is not empty and was not created by this script; refusing to use it"
  fi
else
  dir="$(mktemp -d "${TMPDIR:-/tmp}/supplygraph-redis.XXXXXX")"
  created_dir=1
fi
touch "$dir/$marker"

# From here on a failed or interrupted start cleans up after itself: kills the
# redis it launched (if any) and removes the dir if this script created it.
ready=0
launched=0
on_exit() {
  local rc=$?
  if [[ $ready -eq 0 ]]; then
    if [[ $launched -eq 1 && -s "$dir/redis.pid" ]]; then
      kill -KILL "$(cat "$dir/redis.pid")" 2>/dev/null || true
      rm -f "$dir/redis.pid"
    fi
    if [[ $created_dir -eq 1 ]]; then
      rm -rf "$dir"
    fi
  fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

alive() {
  kill -0 "$1" 2>/dev/null || return 1
  local state
  state="$(sed -nE 's/^[0-9]+ \(.*\) ([A-Za-z]).*/\1/p' "/proc/$1/stat" 2>/dev/null || true)"
  [[ "$state" != "Z" ]]
}

if [[ -s "$dir/redis.pid" ]]; then
  old_pid="$(cat "$dir/redis.pid")"
  if alive "$old_pid" && grep -q redis-server "/proc/$old_pid/cmdline" 2>/dev/null; then
    die "a redis-server for $dir is already running (pid $old_pid); stop it first with scripts/redis/stop.sh $dir --keep"
  fi
  rm -f "$dir/redis.pid"
fi

# --- port ----------------------------------------------------------------------
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})'
}
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [[ -n "${REDIS_PORT:-}" ]]; then
  port="$REDIS_PORT"
elif [[ -s "$dir/port" ]]; then
  port="$(cat "$dir/port")"   # restart: clients reconnect to the same URL
else
  port="$(free_port)"
fi
[[ "$port" =~ ^[0-9]+$ ]] || die "bad Redis port '$port'"
# Otherwise PING below could be answered by some other Redis on that port.
if port_in_use "$port"; then
  die "127.0.0.1:$port is already in use"
fi
printf '%s\n' "$port" >"$dir/port"


# --- launch --------------------------------------------------------------------
log "starting redis-server on 127.0.0.1:$port (dir $dir, appendonly, appendfsync $appendfsync)"
# --save "": no RDB snapshots, the AOF alone is the durable state, so a restart
# after stop.sh --keep (or --kill) replays exactly what the AOF holds.
# --daemonize: redis forks and the parent exits once config parsed, so bad
# options show up as this command's exit status.
launched=1
if ! redis-server \
      --bind 127.0.0.1 \
      --port "$port" \
      --dir "$dir" \
      --appendonly yes \
      --appendfsync "$appendfsync" \
      --save "" \
      --daemonize yes \
      --pidfile "$dir/redis.pid" \
      --logfile "$dir/redis.log" \
      >&2 </dev/null; then
  [[ -s "$dir/redis.log" ]] && tail -n 30 "$dir/redis.log" >&2
  die "redis-server refused to start"
fi

deadline=$((SECONDS + timeout_s))
reply=""
while :; do
  # PING answers "LOADING ..." while the AOF is replayed; only PONG means ready.
  reply="$(redis-cli -h 127.0.0.1 -p "$port" ping 2>&1 || true)"
  [[ "$reply" == "PONG" ]] && break
  if [[ $SECONDS -ge $deadline ]]; then
    log "ERROR: redis on 127.0.0.1:$port did not answer PONG within ${timeout_s}s (last: $reply)"
    [[ -s "$dir/redis.log" ]] && tail -n 30 "$dir/redis.log" >&2
    exit 1
  fi
  sleep 0.1
done

# The pidfile is written by the daemonized child shortly after it forks.
for _ in $(seq 1 50); do
  [[ -s "$dir/redis.pid" ]] && break
  sleep 0.1
done
[[ -s "$dir/redis.pid" ]] || die "redis answered but wrote no pid file $dir/redis.pid"
pid="$(cat "$dir/redis.pid")"

ready=1
log "ready (pid $pid)"
{
  printf 'REDIS_URL=redis://127.0.0.1:%s\n' "$port"
  printf 'REDIS_DIR=%s\n' "$dir"
  printf 'REDIS_PID=%s\n' "$pid"
} | tee "$dir/env"
