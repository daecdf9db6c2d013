#!/usr/bin/env bash
# The one test command: installs/builds (scripts/setup.sh), then runs every suite
# — C++ (ctest), web unit tests (vitest), API tests and browser tests (node --test)
# — and closes with one line "N passed, N failed" summed over all suites.
# Exit status: 0 only when every suite ran and nothing failed.
#
# Before the suites it starts one throwaway PostgreSQL cluster on loopback
# (scripts/pg-cluster.sh, in a mktemp dir; stopped and removed on exit) and
# exports TRYGG_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/postgres; the
# C++ tests create one fresh database per test on it. The API tests run twice:
# `api` on SQLite temp files, `api-pg` on PostgreSQL with
# TRYGG_TEST_DB_URL=postgresql://postgres@127.0.0.1:PORT/trygg_{id} (one database
# per test file, created by tests/api/lib/server.mjs). A cluster that cannot
# start counts as one failed suite, `postgres`; api-pg is then skipped and the
# other suites still run (on SQLite).
#
# Environment: TRYGG_TEST_SUITES="cpp web api api-pg browser" (default: all) to
# run a subset.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SUITES="${TRYGG_TEST_SUITES:-cpp web api api-pg browser}"
RESULTS="$ROOT/build/test-results"

TOTAL_PASS=0
TOTAL_FAIL=0
EXIT=0
SUMMARY=()

note() { printf '\n=== %s ===\n' "$*"; }
strip_ansi() { sed -e 's/\x1b\[[0-9;?]*[A-Za-z]//g'; }

record() {  # name pass fail rc
  local name="$1" pass="$2" fail="$3" rc="$4"
  local took=$((SECONDS - SUITE_START))
  if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then
    # The runner failed without reporting a failed test (crash, build error,
    # timeout): count the suite itself as one failure.
    fail=1
  fi
  TOTAL_PASS=$((TOTAL_PASS + pass))
  TOTAL_FAIL=$((TOTAL_FAIL + fail))
  [ "$fail" -ne 0 ] && EXIT=1
  SUMMARY+=("$(printf '%-8s %4d passed, %4d failed (exit %d, %ds)' "$name" "$pass" "$fail" "$rc" "$took")")
}

wants() { case " $SUITES " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

note "setup"
SUITE_START=$SECONDS
if ! bash scripts/setup.sh; then
  echo "scripts/setup.sh failed"
  echo "0 passed, 1 failed"
  exit 1
fi
mkdir -p "$RESULTS"
SUMMARY+=("$(printf '%-8s %ds' setup "$((SECONDS - SUITE_START))")")

# --- PostgreSQL: one throwaway cluster for all suites --------------------------------
PG_DIR=""
PG_PORT=""
stop_pg() {
  if [ -n "$PG_DIR" ]; then
    bash scripts/pg-cluster.sh stop "$PG_DIR" >/dev/null 2>&1 || true
    PG_DIR=""
  fi
}
trap stop_pg EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
if [[ "$SUITES" =~ [^[:space:]] ]]; then  # any suite selected
  note "PostgreSQL cluster"
  SUITE_START=$SECONDS
  PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/trygg-pg-XXXXXX")"
  if timeout 600 bash scripts/pg-cluster.sh start "$PG_DIR" 2>&1 | tee "$RESULTS/postgres.log" \
      && [ -f "$PG_DIR/env" ]; then
    # shellcheck disable=SC1091
    . "$PG_DIR/env"
    export TRYGG_TEST_PG_URL
    echo "TRYGG_TEST_PG_URL=$TRYGG_TEST_PG_URL"
    SUMMARY+=("$(printf '%-8s %ds (127.0.0.1:%s)' postgres "$((SECONDS - SUITE_START))" "$PG_PORT")")
  else
    echo "PostgreSQL cluster did not start (log: $RESULTS/postgres.log); suites run on SQLite only"
    [ -f "$PG_DIR/log" ] && tail -n 20 "$PG_DIR/log"
    stop_pg
    PG_PORT=""
    unset TRYGG_TEST_PG_URL
    record postgres 0 1 1
  fi
fi

# --- C++ -----------------------------------------------------------------------
if wants cpp; then
  note "C++ tests (ctest)"
  SUITE_START=$SECONDS
  timeout 900 ctest --test-dir build --output-on-failure -j"$(nproc)" 2>&1 | tee "$RESULTS/ctest.log"
  rc=${PIPESTATUS[0]}
  line="$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$RESULTS/ctest.log" | tail -1)"
  if [ -n "$line" ]; then
    failed="$(sed -E 's/.*passed, ([0-9]+) tests? failed out of.*/\1/' <<<"$line")"
    total="$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")"
    record cpp $((total - failed)) "$failed" "$rc"
  else
    record cpp 0 0 "$rc"
  fi
fi

# --- Web unit tests ------------------------------------------------------------
if wants web; then
  if [ -f web/package.json ] && node -e 'process.exit(require("./web/package.json").scripts?.test ? 0 : 1)'; then
    note "web unit tests (npm test)"
    SUITE_START=$SECONDS
    (cd web && CI=true timeout 600 npm test 2>&1) | tee "$RESULTS/web.log"
    rc=${PIPESTATUS[0]}
    # vitest: "Tests  2 failed | 40 passed (42)"
    line="$(strip_ansi <"$RESULTS/web.log" | grep -E '^ *Tests +' | tail -1)"
    pass="$(grep -oE '[0-9]+ passed' <<<"$line" | grep -oE '[0-9]+' || true)"
    fail="$(grep -oE '[0-9]+ failed' <<<"$line" | grep -oE '[0-9]+' || true)"
    record web "${pass:-0}" "${fail:-0}" "$rc"
  else
    echo "web: no test script; skipped"
  fi
fi

# --- node --test suites ------------------------------------------------------------
run_node_suite() {  # name dir [VAR=value ...] (extra environment for node)
  local name="$1" dir="$2"
  shift 2
  local extra_env=("$@")
  shopt -s nullglob
  local files=("$dir"/*.test.mjs)
  shopt -u nullglob
  if [ "${#files[@]}" -eq 0 ]; then
    echo "$name: no test files in $dir"
    SUITE_START=$SECONDS
    record "$name" 0 1 1
    return
  fi
  note "$name tests (node --test)"
  SUITE_START=$SECONDS
  local tap="$RESULTS/$name.tap"
  rm -f "$tap"
  env "${extra_env[@]}" timeout 1200 node --test --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" "${files[@]}" 2>&1 \
    | tee "$RESULTS/$name.log"
  local rc=${PIPESTATUS[0]}
  local pass fail
  pass="$(grep -E '^# pass [0-9]+' "$tap" 2>/dev/null | tail -1 | awk '{print $3}')"
  fail="$(grep -E '^# fail [0-9]+' "$tap" 2>/dev/null | tail -1 | awk '{print $3}')"
  # Tests cancelled (a failed before() hook, a timeout) count as failed.
  local cancelled
  cancelled="$(grep -E '^# cancelled [0-9]+' "$tap" 2>/dev/null | tail -1 | awk '{print $3}')"
  fail=$(( ${fail:-0} + ${cancelled:-0} ))
  record "$name" "${pass:-0}" "${fail:-0}" "$rc"
}

wants api && run_node_suite api tests/api
if wants api-pg; then
  if [ -n "$PG_PORT" ]; then
    run_node_suite api-pg tests/api \
      "TRYGG_TEST_DB_URL=postgresql://postgres@127.0.0.1:$PG_PORT/trygg_{id}"
  else
    echo "api-pg: skipped (no PostgreSQL cluster; counted under 'postgres')"
  fi
fi
wants browser && run_node_suite browser tests/browser

note "summary"
for s in "${SUMMARY[@]}"; do echo "$s"; done
echo "${TOTAL_PASS} passed, ${TOTAL_FAIL} failed"
exit "$EXIT"
