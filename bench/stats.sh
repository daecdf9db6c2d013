#!/usr/bin/env bash
# Statistics benchmark (issue 6): the three dashboard aggregations over N incidents,
# measured side by side in one run — Trygg's stats index inside the server (as an
# analyst: scope filter and small-cell protection included), SQLite GROUP BY without
# and with the best covering index per query, and DuckDB in memory with 2 threads —
# plus the index's bytes per incident, its load time and `trygg serve`'s start to the
# first /healthz. Prints a markdown section and writes it into bench/README.md
# between the markers for that N.
#
#   bash bench/stats.sh 1000000        # ~2 minutes (default N)
#   bash bench/stats.sh 10000000       # seeding takes several minutes
#
# Environment: TRYGG_BIN (build/trygg), BENCH_DIR (/tmp: the database, its SQLite
# comparison copy and the CSV live there, never in the repository), BENCH_RUNS (30
# in-memory runs per query), BENCH_SQLITE_RUNS (3), BENCH_RESEED=1 (seed again even
# when the database exists), BENCH_NO_README=1 (print only).
# Needs node (≥ 20.19) and npm for DuckDB (`npm ci` in bench/duckdb on first use), curl.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-1000000}"
BIN_SRC="${TRYGG_BIN:-$ROOT/build/trygg}"
DIR="${BENCH_DIR:-/tmp}"
RUNS="${BENCH_RUNS:-30}"
SQLITE_RUNS="${BENCH_SQLITE_RUNS:-3}"
DB="$DIR/trygg-stats-$N.db"
WORK="$(mktemp -d "$DIR/trygg-stats-XXXXXX")"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

[[ -x "$BIN_SRC" ]] || { echo "no trygg binary at $BIN_SRC (set TRYGG_BIN)" >&2; exit 1; }
BIN="$WORK/trygg"
cp "$BIN_SRC" "$BIN"

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "Machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$(free -g | awk '/Mem:/ {print $2}') GiB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2

SEED_SECONDS=""
if [[ ! -f "$DB" || "${BENCH_RESEED:-}" == 1 ]]; then
  rm -f "$DB" "$DB-wal" "$DB-shm"
  echo "Seeding $N incidents into $DB…" >&2
  start=$(date +%s)
  "$BIN" seed-demo --db "$DB" --incidents "$N" >"$WORK/seed.txt"
  SEED_SECONDS=$(( $(date +%s) - start ))
  cat "$WORK/seed.txt" >&2
else
  echo "Using the existing $DB (BENCH_RESEED=1 to seed again)" >&2
fi

echo "trygg bench-stats…" >&2
"$BIN" bench-stats --db "$DB" --runs "$RUNS" --sqlite-runs "$SQLITE_RUNS" \
  --sqlite-file "$WORK/compare.sqlite" --csv "$WORK/facts.csv" >"$WORK/trygg.json"
YEAR=$(node -e "console.log(JSON.parse(require('fs').readFileSync('$WORK/trygg.json','utf8')).year)")

echo "DuckDB…" >&2
if [[ ! -d "$ROOT/bench/duckdb/node_modules/@duckdb/node-api" ]]; then
  (cd "$ROOT/bench/duckdb" && npm ci --no-audit --no-fund >&2)
fi
rm -f "$WORK/compare.sqlite"  # the page cache is the DuckDB run's now
node "$ROOT/bench/duckdb/run.mjs" --csv "$WORK/facts.csv" --year "$YEAR" --runs "$RUNS" \
  --threads 2 >"$WORK/duckdb.json"
rm -f "$WORK/facts.csv"

echo "trygg serve: start to the first /healthz…" >&2
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
start=$(date +%s%N)
"$BIN" serve --db "$DB" --port "$PORT" --web "$WORK/no-web" >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
SERVE_MS=""
for _ in $(seq 1 1200); do
  if curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then
    SERVE_MS=$(( ($(date +%s%N) - start) / 1000000 ))
    break
  fi
  sleep 0.05
done
kill "$SERVER_PID" 2>/dev/null || true
# A background pass (reminders) may hold the shutdown; 10 s, then SIGKILL.
for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
kill -9 "$SERVER_PID" 2>/dev/null || true
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""

LABEL="$(date -u +%Y-%m-%d), nproc $(nproc), $(git -C "$ROOT" rev-parse --short HEAD), load average $LOAD_BEFORE at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
TABLE=$(node "$ROOT/bench/duckdb/report.mjs" "$WORK/trygg.json" "$WORK/duckdb.json" \
  "$SEED_SECONDS" "$SERVE_MS" "$LABEL" "$N")
echo "$TABLE"

if [[ "${BENCH_NO_README:-}" != 1 ]]; then
  README="$ROOT/bench/README.md"
  BEGIN="<!-- bench/stats.sh N=$N begin -->"
  END="<!-- bench/stats.sh N=$N end -->"
  TABLE="$TABLE" node - "$README" "$BEGIN" "$END" <<'EOF'
const fs = require('fs');
const [file, begin, end] = process.argv.slice(2);
const table = process.env.TABLE;
let text = fs.readFileSync(file, 'utf8');
const block = begin + '\n' + table + '\n' + end;
const a = text.indexOf(begin), b = text.indexOf(end);
if (a >= 0 && b > a) text = text.slice(0, a) + block + text.slice(b + end.length);
else text = text.trimEnd() + '\n\n' + block + '\n';
fs.writeFileSync(file, text);
EOF
  echo "Written into bench/README.md ($BEGIN)" >&2
fi
