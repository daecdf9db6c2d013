#!/usr/bin/env bash
# Panic-alarm fan-out benchmark (issue 7): N authenticated real-time connections
# (`GET /api/v1/alarms/stream`, Server-Sent Events) held by one `trygg serve`, then K alarms
# raised one at a time; for every receiving stream, the time from the press
# (`POST /api/v1/alarms`) to its `raised` message. Two runs against the same server:
#   A. every one of the N streams receives every alarm (the worst case: one site, all on duty);
#   B. N streams held, R (default 100) of them on duty at the site, the other N - R belong to
#      users of other districts who are not on duty there and must receive nothing.
# Prints a markdown section and writes it into bench/README.md between the markers for that N.
#
#   bash bench/alarms.sh            # 10,000 streams (default N), 10 alarms
#   bash bench/alarms.sh 2000       # a quick run
#
# What it does: builds bench/alarm_load on its own (cmake + ninja, Release; not part of the
# project's `all`, so tests and CI never build it) and runs its parser tests; seeds a fresh
# SQLite database with `trygg seed-demo --incidents 0` (the demo organisation, users and alarm
# sites); starts `trygg serve` on a free 127.0.0.1 port with `ulimit -n` raised to the hard
# limit; runs trygg_alarm_load, which logs in the users below once each (one session each),
# puts them on duty (PUT /duty, kollega) at the demo site Socialkontoret Norra, spreads the N
# streams over their sessions, waits for every `hello`, raises K test alarms in the site's
# first besöksrum as medarbetare.norr.eb and ends each once every stream has seen it end.
# Server RSS (VmRSS) and CPU (utime+stime) come from /proc/<pid> of the server.
#
# Environment: TRYGG_BIN (build/trygg), BENCH_DIR (/tmp: database, logs and the generator's
# build live there), BENCH_ALARMS (10), BENCH_USERS (comma-separated; default the 16 demo
# users who may go on duty at that site: Norra's IFO staff and chefs, admin, analytiker), BENCH_KIND (test), BENCH_THREADS (serve --threads,
# default the server's own), BENCH_NO_README=1 (print only), BENCH_KEEP=1 (keep the work
# directory with the server log), BENCH_LATENCIES=FILE (run A appends every stream's press →
# on-the-socket time to FILE, a line per alarm).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-10000}"
BIN_SRC="${TRYGG_BIN:-$ROOT/build/trygg}"
DIR="${BENCH_DIR:-/tmp}"
ALARMS="${BENCH_ALARMS:-10}"
KIND="${BENCH_KIND:-test}"
RECEIVERS_B="${BENCH_RECEIVERS:-100}"
READ_DELAY_MS="${BENCH_READ_DELAY_MS:-300}"
IDLE_USERS="medarbetare.soder.eb,medarbetare.soder.eb2,medarbetare.soder.bou,medarbetare.soder.vux,chef.soder.eb,chef.soder.bou,avdchef.soder,sakerhet.soder,medarbetare.vaster.eb,medarbetare.vaster.eb2,medarbetare.vaster.bou,medarbetare.vaster.vux,chef.vaster.eb,chef.vaster.bou,avdchef.vaster,sakerhet.vaster"
USERS="${BENCH_USERS:-medarbetare.norr.eb,medarbetare.norr.eb2,medarbetare.norr.bou,medarbetare.norr.bou2,medarbetare.norr.vux,medarbetare.norr.vux2,medarbetare.norr.rec,chef.norr.eb,chef.norr.bou,chef.norr.vux,chef.norr.rec,avdchef.norr,skyddsombud.norr,sakerhet.norr,admin,analytiker}"
GEN_BUILD="$DIR/trygg-alarm-load-build"
WORK="$(mktemp -d "$DIR/trygg-alarms-XXXXXX")"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ "${BENCH_KEEP:-}" == 1 ]]; then echo "Kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

[[ -x "$BIN_SRC" ]] || { echo "no trygg binary at $BIN_SRC (set TRYGG_BIN)" >&2; exit 1; }
BIN="$WORK/trygg"
cp "$BIN_SRC" "$BIN"

# Both the server and the generator need a descriptor per stream.
ulimit -n "$(ulimit -Hn)"
if (( $(ulimit -n) < N + 200 )); then
  echo "ulimit -n is $(ulimit -n): too low for $N streams (raise the hard limit)" >&2
  exit 1
fi

echo "Building trygg_alarm_load in $GEN_BUILD…" >&2
cmake -S "$ROOT/bench/alarm_load" -B "$GEN_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C "$GEN_BUILD" -j1 trygg_alarm_load >&2
if ninja -C "$GEN_BUILD" -j1 trygg_alarm_load_test >/dev/null 2>&1; then
  "$GEN_BUILD/trygg_alarm_load_test" --gtest_brief=1 >&2
fi

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "Machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$(free -g | awk '/Mem:/ {print $2}') GiB RAM, load $LOAD_BEFORE" >&2

DB="$WORK/alarms.db"
start=$(date +%s%N)
"$BIN" seed-demo --db "$DB" --incidents 0 >"$WORK/seed.txt"
echo "Seeded in $(( ($(date +%s%N) - start) / 1000000 )) ms" >&2

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
SERVE_ARGS=(serve --db "$DB" --port "$PORT" --web "$WORK/no-web")
if [[ -n "${BENCH_THREADS:-}" ]]; then SERVE_ARGS+=(--threads "$BENCH_THREADS"); fi
"$BIN" "${SERVE_ARGS[@]}" >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
  sleep 0.05
done

run() {  # run NAME [extra generator flags]
  local name="$1"
  shift
  echo "Run $name…" >&2
  set +e
  "$GEN_BUILD/trygg_alarm_load" --port "$PORT" --users "$USERS" --connections "$N" \
    --alarms "$ALARMS" --kind "$KIND" --site "Socialkontoret Norra" --server-pid "$SERVER_PID" \
    --read-delay-ms "$READ_DELAY_MS" \
    "$@" >"$WORK/table-$name.md"
  local rc=$?
  set -e
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "The server died during run $name:" >&2
    tail -20 "$WORK/serve.log" >&2
    exit 1
  fi
  if (( rc != 0 )); then GEN_RC=$rc; fi
}
GEN_RC=0
run A ${BENCH_LATENCIES:+--latencies "$BENCH_LATENCIES"}
sleep 2  # the streams of run A close
run B --receivers "$RECEIVERS_B" --idle-users "$IDLE_USERS"

LABEL="$(date -u +%Y-%m-%d), nproc $(nproc), $(git -C "$ROOT" rev-parse --short HEAD), load average $LOAD_BEFORE at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
THREADS_NOTE="${BENCH_THREADS:+, serve --threads $BENCH_THREADS}"
SECTION="### $LABEL: $N streams

\`bash bench/alarms.sh $N\` (SQLite, $ALARMS $KIND alarms, $(tr ',' '\n' <<<"$USERS" | wc -l) users$THREADS_NOTE; the generator shares the machine with the server)

**A. All $N streams receive every alarm** (16 users on duty at the site):

$(cat "$WORK/table-A.md")

**B. $N streams held, $RECEIVERS_B of them on duty at the site** (the other $(( N - RECEIVERS_B )) belong to 16 users of Södra and Västra):

$(cat "$WORK/table-B.md")"
echo "$SECTION"
if (( GEN_RC != 0 )); then echo "trygg_alarm_load exited $GEN_RC (streams missing or alarms missed)" >&2; fi

if [[ "${BENCH_NO_README:-}" != 1 ]]; then
  README="$ROOT/bench/README.md"
  BEGIN="<!-- bench/alarms.sh N=$N begin -->"
  END="<!-- bench/alarms.sh N=$N end -->"
  SECTION="$SECTION" node - "$README" "$BEGIN" "$END" <<'EOF'
const fs = require('fs');
const [file, begin, end] = process.argv.slice(2);
const block = begin + '\n' + process.env.SECTION + '\n' + end;
let text = fs.readFileSync(file, 'utf8');
const a = text.indexOf(begin), b = text.indexOf(end);
if (a >= 0 && b > a) text = text.slice(0, a) + block + text.slice(b + end.length);
else text = text.trimEnd() + '\n\n' + block + '\n';
fs.writeFileSync(file, text);
EOF
  echo "Written into bench/README.md ($BEGIN)" >&2
fi
exit "$GEN_RC"
