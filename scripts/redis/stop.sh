#!/usr/bin/env bash
# Stop a redis-server started by scripts/redis/start.sh and remove its directory.
#
#   scripts/redis/stop.sh [DIR] [--keep] [--kill]
#
#   DIR     the dir start.sh printed as REDIS_DIR (default: $REDIS_DIR)
#   --keep  keep DIR (AOF, port) so `start.sh DIR` restarts on the same data/port
#   --kill  SIGKILL at once: a crash, so only what appendfsync already flushed
#           survives; without it SIGTERM makes redis fsync the AOF and exit cleanly
#
# Safe to call twice. Env: REDIS_STOP_TIMEOUT (30 s) before escalating to SIGKILL.
set -euo pipefail

dir=""
keep=0
hard=0
for arg in "$@"; do
  case "$arg" in
    --keep) keep=1 ;;
    --kill) hard=1 ;;
    -*) printf '[redis] ERROR: unknown option %s\n' "$arg" >&2; exit 2 ;;
    *) dir="$arg" ;;
  esac
done
dir="${dir:-${REDIS_DIR:-}}"
timeout_s="${REDIS_STOP_TIMEOUT:-30}"
marker=".supplygraph-redis"

log() { printf '[redis] %s\n' "$*" >&2; }

if [[ -z "$dir" ]]; then
  log "ERROR: usage: stop.sh DIR [--keep] [--kill]  (or set REDIS_DIR)"
  exit 2
fi
if [[ ! -d "$dir" ]]; then
  log "nothing to stop: $dir does not exist"
  exit 0
fi
dir="$(cd "$dir" && pwd)"
if [[ ! -f "$dir/$marker" ]]; then
  log "ERROR: $dir was not created by scripts/redis/start.sh; not touching it"
  exit 1
fi

# A zombie answers kill -0; in containers whose pid 1 does not reap orphans
# (redis daemonizes, so its parent is pid 1) it may stay one, so state Z = gone.
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  local state
  state="$(sed -nE 's/^[0-9]+ \(.*\) ([A-Za-z]).*/\1/p' "/proc/$1/stat" 2>/dev/null || true)"
  [[ "$state" != "Z" ]]
}
# Only signal the pid if it is still our redis (pid numbers get reused).
is_ours() {
  local port=""
  [[ -s "$dir/port" ]] && port="$(cat "$dir/port")"
  [[ -n "$1" ]] && alive "$1" \
    && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF "redis-server 127.0.0.1:$port"
}

pid=""
[[ -s "$dir/redis.pid" ]] && pid="$(cat "$dir/redis.pid")"

if is_ours "$pid"; then
  if [[ $hard -eq 1 ]]; then
    log "killing pid $pid (SIGKILL)"
    kill -KILL "$pid" 2>/dev/null || true
  else
    log "stopping pid $pid (SIGTERM)"
    kill -TERM "$pid" 2>/dev/null || true
  fi
  deadline=$((SECONDS + timeout_s))
  killed=$hard
  while alive "$pid"; do
    if [[ $SECONDS -ge $deadline ]]; then
      if [[ $killed -eq 1 ]]; then
        log "ERROR: pid $pid survived SIGKILL"
        exit 1
      fi
      log "still alive after ${timeout_s}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      killed=1
      deadline=$((SECONDS + 10))
    fi
    sleep 0.1
  done
  log "stopped"
fi
# redis removes its pidfile on clean exit but not after SIGKILL.
rm -f "$dir/redis.pid"

if [[ $keep -eq 1 ]]; then
  log "kept $dir"
else
  rm -rf "$dir"
fi
