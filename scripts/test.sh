#!/usr/bin/env bash
# The project's one test command (`npm test`).
#
#   scripts/test.sh [SUITE|PATH ...] [-- NODE_TEST_ARGS ...]
#
#   SUITE  a folder name under test/ (unit, contract, e2e, interop, corpus, ...)
#   PATH   a test file or folder, e.g. test/unit/foo.test.ts
#   no SUITE/PATH: every test/**/*.test.ts except test/corpus, which reads the
#              full shared corpora (../shared) and runs only when asked for
#              (`npm run test:corpus` = scripts/test.sh corpus)
#   after -- (or any --option): passed to `node --test`,
#              e.g. --test-name-pattern=upsert
#
# Starts a throwaway Redis and Neo4j (unless REDIS_URL / NEO4J_URL are already
# set, then those are used and left alone), type-checks, runs node's test
# runner, and always stops what it started. Exit code = the test runner's
# (or the type checker's if that fails first).
#
# Env: SUPPLYGRAPH_SHARED_DIR (default <repo>/../shared; read by test/corpus
#      only, which fails at once when it is missing), SKIP_TYPECHECK=1,
#      SUPPLYGRAPH_TEST_TIMEOUT_MS (per-test timeout, default 600000),
#      plus everything scripts/neo4j/start.sh and scripts/redis/start.sh read.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

log() { printf '[test] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --- arguments -----------------------------------------------------------------
targets=()
node_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --) shift; node_args+=("$@"); break ;;
    # Lets `npm test -- --test-name-pattern=x` work without a second `--`.
    --*) node_args+=("$1"); shift ;;
    *)
      if [[ -e "$1" ]]; then
        targets+=("$1")
      elif [[ -d "test/$1" ]]; then
        targets+=("test/$1")
      else
        avail="$(find test -mindepth 1 -maxdepth 1 -type d -printf '%f ' 2>/dev/null || true)"
        die "unknown suite or path '$1' (suites under test/: ${avail:-none})"
      fi
      shift ;;
  esac
done
default_run=0
[[ ${#targets[@]} -gt 0 ]] || { targets=(test); default_run=1; }

# Found before any service starts: an empty selection is a mistake to report
# loudly, not a green run that tested nothing.
files=()
for t in "${targets[@]}"; do
  [[ -e "$t" ]] || continue
  while IFS= read -r f; do
    # The default run is what a bare clone can pass: the corpus suite needs ../shared.
    [[ $default_run -eq 1 && "$f" == test/corpus/* ]] && continue
    files+=("$f")
  done < <(find "$t" -name '*.test.ts' -type f -not -path '*/node_modules/*' | sort)
done
[[ ${#files[@]} -gt 0 ]] || die "no *.test.ts files found under: ${targets[*]}"
log "${#files[@]} test file(s) under: ${targets[*]}"

# --- shared data ---------------------------------------------------------------
# Only test/corpus reads the full shared corpora; every other suite reads the
# committed test/fixtures. Asking for the corpus suite without them is an error
# before anything starts, never a run that skips it.
shared="${SUPPLYGRAPH_SHARED_DIR:-$repo/../shared}"
wants_corpus=0
for f in "${files[@]}"; do [[ "$f" == *test/corpus/* ]] && wants_corpus=1; done
if [[ -d "$shared" ]]; then
  shared="$(cd "$shared" && pwd)"
  export SUPPLYGRAPH_SHARED_DIR="$shared"
elif [[ $wants_corpus -eq 1 ]]; then
  die "the corpus suite reads the shared corpora, which are not at $shared: put shared/ beside the checkout or set SUPPLYGRAPH_SHARED_DIR (plain npm test does not need them)"
fi

# --- services ------------------------------------------------------------------
# One run dir owned by this script; the services live in subdirs that the
# start scripts create. Its path is known before anything starts, so the EXIT
# trap can stop whatever got going even if we are interrupted mid-start.
run_dir="$(mktemp -d "${TMPDIR:-/tmp}/supplygraph-test.XXXXXX")"
redis_dir=""
neo4j_dir=""
test_pid=""
# shellcheck disable=SC2317  # only reached through the trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$test_pid" ]] && kill -0 "$test_pid" 2>/dev/null; then
    kill -TERM "$test_pid" 2>/dev/null || true
    wait "$test_pid" 2>/dev/null || true
  fi
  if [[ -n "$neo4j_dir" && -d "$neo4j_dir" ]]; then
    bash "$repo/scripts/neo4j/stop.sh" "$neo4j_dir" || log "WARNING: neo4j stop failed"
  fi
  if [[ -n "$redis_dir" && -d "$redis_dir" ]]; then
    bash "$repo/scripts/redis/stop.sh" "$redis_dir" || log "WARNING: redis stop failed"
  fi
  rm -rf "$run_dir"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Reads KEY=VALUE lines from a start script and exports the ones we expect;
# never eval'd, so odd paths cannot inject commands.
export_env() {
  local line key
  while IFS= read -r line; do
    key="${line%%=*}"
    case "$key" in
      NEO4J_URL|NEO4J_DIR|NEO4J_PID|REDIS_URL|REDIS_DIR|REDIS_PID) export "$key=${line#*=}" ;;
    esac
  done <<<"$1"
}

if [[ -n "${REDIS_URL:-}" ]]; then
  log "using existing Redis at REDIS_URL=$REDIS_URL"
else
  redis_dir="$run_dir/redis"
  # Assigned first: set -e ignores a failing $(...) used as an argument.
  out="$(bash "$repo/scripts/redis/start.sh" "$redis_dir")"
  export_env "$out"
  # Fault tests restart Redis through scripts/redis/{stop,start}.sh on this dir;
  # they should skip themselves when it is unset (external Redis).
  export SUPPLYGRAPH_REDIS_DIR="$redis_dir"
fi

if [[ -n "${NEO4J_URL:-}" ]]; then
  log "using existing Neo4j at NEO4J_URL=$NEO4J_URL"
else
  neo4j_dir="$run_dir/neo4j"
  t0=$SECONDS
  out="$(bash "$repo/scripts/neo4j/start.sh" "$neo4j_dir")"
  export_env "$out"
  log "neo4j up after $((SECONDS - t0))s"
  export SUPPLYGRAPH_NEO4J_DIR="$neo4j_dir"
fi
log "REDIS_URL=$REDIS_URL NEO4J_URL=$NEO4J_URL SUPPLYGRAPH_SHARED_DIR=${SUPPLYGRAPH_SHARED_DIR:-unset}"

# --- type check ------------------------------------------------------------------
if [[ -n "${SKIP_TYPECHECK:-}" ]]; then
  log "SKIP_TYPECHECK set: not type-checking"
else
  log "type check: tsc -p tsconfig.json --noEmit"
  t0=$SECONDS
  npx --no-install tsc -p tsconfig.json --noEmit || {
    rc=$?
    log "type check FAILED (tsc exit $rc); no tests were run"
    exit "$rc"
  }
  log "type check ok ($((SECONDS - t0))s)"
fi

# --- lint ------------------------------------------------------------------------
if [[ -n "${SKIP_LINT:-}" ]]; then
  log "SKIP_LINT set: not linting"
else
  t0=$SECONDS
  npx --no-install eslint . || {
    rc=$?
    log "lint FAILED (eslint exit $rc); no tests were run (npm run lint to see it alone)"
    exit "$rc"
  }
  log "lint ok ($((SECONDS - t0))s)"
fi

# --- tests -----------------------------------------------------------------------
# Concurrency 1: the suites share one Neo4j and one Redis and may restart them.
# The per-test timeout keeps a hung test from eating CI's whole time budget.
t0=$SECONDS
# Run in the background and `wait`: bash delays traps until a foreground child
# exits, so a SIGTERM aimed at this script (a CI timeout, say) would otherwise
# leave the services up until every remaining test had run.
node --import tsx --test \
  --test-concurrency=1 \
  --test-reporter=spec \
  --test-timeout="${SUPPLYGRAPH_TEST_TIMEOUT_MS:-600000}" \
  "${node_args[@]}" \
  "${files[@]}" &
test_pid=$!
rc=0
wait "$test_pid" || rc=$?
test_pid=""
log "node --test exited $rc after $((SECONDS - t0))s"
exit "$rc"
