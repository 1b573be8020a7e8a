#!/usr/bin/env bash
# Stop a Neo4j started by scripts/neo4j/start.sh and remove its directory.
#
#   scripts/neo4j/stop.sh [DIR] [--keep] [--kill]
#
#   DIR     the dir start.sh printed as NEO4J_DIR (default: $NEO4J_DIR)
#   --keep  keep DIR (data, logs, port) so start.sh DIR can restart on it
#   --kill  SIGKILL at once, i.e. simulate a crash instead of a clean shutdown
#
# Safe to call twice, or on a dir whose server never came up.
# Env: NEO4J_STOP_TIMEOUT (60 s) before escalating SIGTERM to SIGKILL.
set -euo pipefail

dir=""
keep=0
hard=0
for arg in "$@"; do
  case "$arg" in
    --keep) keep=1 ;;
    --kill) hard=1 ;;
    -*) printf '[neo4j] ERROR: unknown option %s\n' "$arg" >&2; exit 2 ;;
    *) dir="$arg" ;;
  esac
done
dir="${dir:-${NEO4J_DIR:-}}"
timeout_s="${NEO4J_STOP_TIMEOUT:-60}"
marker=".supplygraph-neo4j"

log() { printf '[neo4j] %s\n' "$*" >&2; }

if [[ -z "$dir" ]]; then
  log "ERROR: usage: stop.sh DIR [--keep] [--kill]  (or set NEO4J_DIR)"
  exit 2
fi
if [[ ! -d "$dir" ]]; then
  log "nothing to stop: $dir does not exist"
  exit 0
fi
dir="$(cd "$dir" && pwd)"
if [[ ! -f "$dir/$marker" ]]; then
  log "ERROR: $dir was not created by scripts/neo4j/start.sh; not touching it"
  exit 1
fi

# Only signal the pid if it is still *our* java: after a reboot or a long
# pause the number may belong to an unrelated process.
is_ours() {
  [[ -n "$1" ]] && alive "$1" \
    && tr '\0' '\n' <"/proc/$1/cmdline" 2>/dev/null | grep -qxF -- "--home-dir=$dir"
}
# A zombie answers kill -0; in containers whose pid 1 does not reap orphans
# it would stay one forever, so treat state Z as gone.
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  local state
  state="$(sed -nE 's/^[0-9]+ \(.*\) ([A-Za-z]).*/\1/p' "/proc/$1/stat" 2>/dev/null || true)"
  [[ "$state" != "Z" ]]
}

pid=""
[[ -f "$dir/neo4j.pid" ]] && pid="$(cat "$dir/neo4j.pid")"

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
    sleep 0.2
  done
  log "stopped"
fi
rm -f "$dir/neo4j.pid"

if [[ $keep -eq 1 ]]; then
  log "kept $dir"
else
  rm -rf "$dir"
fi
