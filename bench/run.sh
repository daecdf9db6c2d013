#!/usr/bin/env bash
# Load benchmark on loopback: Trygg's authenticated list read and durable report
# ingest on each storage engine (SQLite, PostgreSQL), /healthz, and nginx serving
# a static file of the same size as the reference, all in one run on this machine.
# Prints machine facts and a markdown table with a column group per engine.
#
#   bash bench/run.sh                 # 10 s per scenario, 2 threads, 32 connections
#   BENCH_DURATION=30s BENCH_CONNECTIONS=64 bash bench/run.sh
#   BENCH_ENGINES=sqlite bash bench/run.sh      # or "postgresql", or both (default)
#
# Both engines run durable: SQLite in WAL mode with synchronous=FULL (Trygg's
# connection settings); PostgreSQL 15 in a throwaway cluster from
# scripts/pg-cluster.sh started --durable (fsync, synchronous_commit and
# full_page_writes on; read back from pg_settings before the run), its data directory under
# /tmp like the SQLite file, reached over TCP on 127.0.0.1. For each engine the
# script seeds the same demo (`trygg seed-demo`, default seed and size), starts
# `trygg serve` with the same flags, files BENCH_SEED_INCIDENTS reports, runs the
# read scenarios before the write scenarios (so both engines list the same data),
# stops the server and runs `trygg audit verify`. The cluster is stopped and
# removed when the script exits, whatever happens.
#
# Environment: BENCH_DURATION (10s), BENCH_THREADS (2), BENCH_CONNECTIONS (32),
# BENCH_SEED_INCIDENTS (200), BENCH_ENGINES ("sqlite postgresql"), TRYGG_BIN
# (build/trygg; copied before the run so a rebuild cannot swap it midway),
# PG_BIN (/usr/lib/postgresql/15/bin), BENCH_KEEP_DIR (copy every wrk output and
# server log there).
#
# Needs build/trygg (scripts/setup.sh builds it), wrk, nginx (nginx-light), curl,
# node, and for PostgreSQL the postgresql package (psql, PG_BIN). Installs nothing.
# Only 127.0.0.1; every load is bounded by BENCH_DURATION.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN_SRC="${TRYGG_BIN:-$ROOT/build/trygg}"
DURATION="${BENCH_DURATION:-10s}"
THREADS="${BENCH_THREADS:-2}"
CONNS="${BENCH_CONNECTIONS:-32}"
SEED_INCIDENTS="${BENCH_SEED_INCIDENTS:-200}"
ENGINES="${BENCH_ENGINES:-sqlite postgresql}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
export PG_BIN

read -r -a ENGINE_LIST <<<"$ENGINES"
[ "${#ENGINE_LIST[@]}" -gt 0 ] || { echo "bench: BENCH_ENGINES is empty" >&2; exit 1; }
for e in "${ENGINE_LIST[@]}"; do
  case "$e" in
    sqlite|postgresql) ;;
    *) echo "bench: unknown engine '$e' in BENCH_ENGINES (sqlite, postgresql)" >&2; exit 1 ;;
  esac
done
wants_pg() { case " $ENGINES " in *" postgresql "*) return 0 ;; *) return 1 ;; esac; }

for tool in wrk curl node; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not found (run scripts/setup.sh)" >&2; exit 1; }
done
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$NGINX" ] || { echo "bench: nginx not found (apt-get install nginx-light)" >&2; exit 1; }
[ -x "$BIN_SRC" ] || { echo "bench: $BIN_SRC not found (run scripts/setup.sh)" >&2; exit 1; }
if wants_pg; then
  # scripts/pg-cluster.sh would install PostgreSQL when it is missing; the bench does not.
  { [ -x "$PG_BIN/initdb" ] && command -v psql >/dev/null; } \
    || { echo "bench: PostgreSQL 15 not found at $PG_BIN or no psql (run scripts/setup.sh)" >&2; exit 1; }
fi

T="$(mktemp -d /tmp/trygg-bench.XXXXXX)"
SERVER_PID=""
NGINX_PID=""
PG_DIR=""
stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}
stop_pg() {
  if [ -n "$PG_DIR" ]; then
    bash "$ROOT/scripts/pg-cluster.sh" stop "$PG_DIR" >>"$T/pg-cluster.log" 2>&1 || true
    PG_DIR=""
  fi
}
cleanup() {
  stop_server
  if [ -n "$NGINX_PID" ]; then
    kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
  fi
  stop_pg
  if [ -n "${BENCH_KEEP_DIR:-}" ]; then
    mkdir -p "$BENCH_KEEP_DIR" && cp "$T"/*.txt "$T"/*.log "$BENCH_KEEP_DIR"/ 2>/dev/null || true
  fi
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A private copy: another build may replace build/trygg while the bench runs.
cp "$BIN_SRC" "$T/trygg"
BIN="$T/trygg"

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# Results, keyed "engine|scenario".
declare -A RPS P50 P99 TOTAL NON2XX ERRS
declare -A LIST_BYTES_OF LIST_ITEMS_OF DB_INFO AUDIT_OF

run() {  # engine, scenario key, then wrk args
  local engine="$1" key="$2"; shift 2
  log "wrk: $engine $key ($DURATION, $THREADS threads, $CONNS connections)"
  local out
  out="$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$@" 2>&1)"
  echo "$out" >"$T/wrk.$engine.$key.txt"
  local k="$engine|$key"
  RPS[$k]="$(awk '/^Requests\/sec:/{printf "%.0f", $2}' <<<"$out")"
  P50[$k]="$(awk '$1=="50%"{print $2}' <<<"$out")"
  P99[$k]="$(awk '$1=="99%"{print $2}' <<<"$out")"
  TOTAL[$k]="$(awk '/requests in/{print $1}' <<<"$out")"
  NON2XX[$k]="$(awk '/Non-2xx or 3xx responses:/{print $5}' <<<"$out")"
  ERRS[$k]="$(awk '/Socket errors:/{print $0}' <<<"$out" | sed 's/^ *Socket errors: //')"
}

# --- per engine: a database, a server, the Trygg scenarios ------------------------------
prepare_db() {  # engine → DB (the --db argument)
  case "$1" in
    sqlite)
      mkdir -p "$T/sqlite"
      DB="$T/sqlite/bench.db"
      DB_INFO[sqlite]="SQLite $(sqlite3 --version 2>/dev/null | awk '{print $1}' || echo '?') (system libsqlite3), file on $(df -T "$T" | awk 'NR==2{print $2}'); journal_mode=WAL, synchronous=FULL"
      ;;
    postgresql)
      PG_DIR="$(mktemp -d /tmp/trygg-bench-pg.XXXXXX)"
      local url
      url="$(bash "$ROOT/scripts/pg-cluster.sh" start --durable "$PG_DIR" 2>>"$T/pg-cluster.log" | tail -n 1)" \
        || { cat "$T/pg-cluster.log" >&2; die "could not start PostgreSQL"; }
      [ -n "$url" ] || { cat "$T/pg-cluster.log" >&2; die "pg-cluster.sh gave no URL"; }
      psql "$url" -v ON_ERROR_STOP=1 -q -c 'CREATE DATABASE trygg_bench' >&2
      DB="${url%/postgres}/trygg_bench"
      local settings
      settings="$(psql "$DB" -At -F= -c "SELECT name, setting FROM pg_settings WHERE name IN ('fsync','synchronous_commit','full_page_writes','wal_sync_method') ORDER BY name" | paste -sd ' ')"
      case "$settings" in
        *fsync=on*full_page_writes=on*synchronous_commit=on*) ;;
        *) die "PostgreSQL is not durable: $settings" ;;
      esac
      local version
      version="$(psql "$DB" -At -c 'SHOW server_version' | awk '{print $1}')"
      DB_INFO[postgresql]="PostgreSQL $version, data directory on $(df -T "$PG_DIR" | awk 'NR==2{print $2}'), TCP 127.0.0.1; $settings"
      ;;
  esac
}

start_server() {  # engine → URL
  "$BIN" serve --db "$DB" --port 0 --web "$ROOT/web/dist" >"$T/server.$1.log" 2>&1 &
  SERVER_PID=$!
  URL=""
  for _ in $(seq 1 200); do
    URL="$(grep -oE 'Trygg listening on http://[^ ]+' "$T/server.$1.log" | head -1 | awk '{print $4}' || true)"
    [ -n "$URL" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$T/server.$1.log" >&2; die "server ($1) exited"; }
    sleep 0.05
  done
  [ -n "$URL" ] || { cat "$T/server.$1.log" >&2; die "server ($1) did not start"; }
  URL="${URL/0.0.0.0/127.0.0.1}"
}

login() {  # username → "cookie<TAB>csrf"
  local body
  body="$(curl -sS -c "$T/jar.$1" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"trygg-demo\"}" "$URL/api/v1/auth/login")"
  local csrf cookie
  csrf="$(node -e 'const j=JSON.parse(process.argv[1]);console.log(j.csrf_token??j.user.csrf_token)' "$body")"
  cookie="$(awk '$6=="trygg_session"{print $7}' "$T/jar.$1")"
  [ -n "$cookie" ] && [ -n "$csrf" ] || die "login $1 failed: $body"
  printf '%s\t%s\n' "$cookie" "$csrf"
}

OCCURRED="$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)"
BODY="{\"category\":\"hot\",\"occurred_at\":\"$OCCURRED\",\"place_type\":\"reception\",\"description\":\"Belastningstest: hot vid disken.\"}"

bench_engine() {  # engine
  local engine="$1"
  log "=== $engine ==="
  prepare_db "$engine"
  log "seeding the demo ($DB)"
  "$BIN" seed-demo --db "$DB" >"$T/seed.$engine.log" 2>&1 || { cat "$T/seed.$engine.log" >&2; die "seed-demo ($engine) failed"; }
  start_server "$engine"
  log "trygg ($engine) at $URL"

  local rep_cookie rep_csrf chef_cookie _chef_csrf
  IFS=$'\t' read -r rep_cookie rep_csrf < <(login medarbetare.norr.eb)
  IFS=$'\t' read -r chef_cookie _chef_csrf < <(login chef.norr.eb)
  [ -n "${rep_cookie:-}" ] && [ -n "${chef_cookie:-}" ] || die "login failed ($engine)"

  log "filing $SEED_INCIDENTS incidents so the list has data"
  for _ in $(seq 1 "$SEED_INCIDENTS"); do
    curl -sS -o /dev/null -w '%{http_code}\n' -H 'Content-Type: application/json' \
      -H "Cookie: trygg_session=$rep_cookie" -H "X-CSRF-Token: $rep_csrf" \
      -d "$BODY" "$URL/api/v1/incidents"
  done | sort | uniq -c | awk '$2!="201"{bad=1} END{exit bad}' || die "seeding incidents failed ($engine)"

  local list_url="$URL/api/v1/incidents?limit=50"
  curl -sS -H "Cookie: trygg_session=$chef_cookie" "$list_url" >"$T/list.$engine.json"
  LIST_BYTES_OF[$engine]="$(wc -c <"$T/list.$engine.json")"
  LIST_ITEMS_OF[$engine]="$(node -e 'const j=JSON.parse(require("fs").readFileSync(process.argv[1]));console.log(`${j.items.length} of ${j.total}`)' "$T/list.$engine.json")"

  cat >"$T/post.$engine.lua" <<LUA
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = "trygg_session=$rep_cookie"
wrk.headers["X-CSRF-Token"] = "$rep_csrf"
LUA

  # Reads first, so both engines list the same 50 of the same total.
  run "$engine" list_ka -H "Cookie: trygg_session=$chef_cookie" "$list_url"
  run "$engine" list_close -H "Connection: close" -H "Cookie: trygg_session=$chef_cookie" "$list_url"
  run "$engine" post_ka -s "$T/post.$engine.lua" "$URL/api/v1/incidents"
  run "$engine" post_close -H "Connection: close" -s "$T/post.$engine.lua" "$URL/api/v1/incidents"
  run "$engine" health_ka "$URL/healthz"
  run "$engine" health_close -H "Connection: close" "$URL/healthz"
  stop_server

  local verify
  verify="$("$BIN" audit verify --db "$DB" 2>&1 | tr '\n' ' ')" || die "audit verify ($engine) failed: $verify"
  AUDIT_OF[$engine]="$verify"
  [ "$engine" = postgresql ] && stop_pg
  return 0
}

# Other work on the machine skews every figure: record the load around the run.
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
for e in "${ENGINE_LIST[@]}"; do bench_engine "$e"; done

# --- nginx reference: the same bytes as a static file ---------------------------------
FIRST="${ENGINE_LIST[0]}"
NGINX_PORT="$(free_port)"
mkdir -p "$T/nginx/www" "$T/nginx/tmp" "$T/nginx/logs"
cp "$T/list.$FIRST.json" "$T/nginx/www/list.json"
NGINX_BYTES="$(wc -c <"$T/nginx/www/list.json")"
# nginx workers run as an unprivileged user: let them read the document root.
chmod a+rx "$T" "$T/nginx" "$T/nginx/www"
chmod a+r "$T/nginx/www/list.json"
cat >"$T/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $T/nginx/nginx.pid;
error_log $T/nginx/logs/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $T/nginx/tmp/body;
  proxy_temp_path $T/nginx/tmp/proxy;
  fastcgi_temp_path $T/nginx/tmp/fastcgi;
  uwsgi_temp_path $T/nginx/tmp/uwsgi;
  scgi_temp_path $T/nginx/tmp/scgi;
  types { application/json json; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $T/nginx/www;
    add_header Cache-Control no-store;
  }
}
CONF
"$NGINX" -e "$T/nginx/logs/error.log" -p "$T/nginx" -c "$T/nginx/nginx.conf" &
NGINX_PID=$!
for _ in $(seq 1 100); do
  curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/list.json" && break
  sleep 0.05
done
code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NGINX_PORT/list.json" || true)"
[ "$code" = 200 ] || { cat "$T/nginx/logs/error.log" >&2; die "nginx answers $code"; }
run nginx static "http://127.0.0.1:$NGINX_PORT/list.json"

LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- Report ------------------------------------------------------------------------------
declare -A TITLE=(
  [sqlite]=SQLite [postgresql]=PostgreSQL [nginx]=nginx
  [list_ka]="list read: GET /api/v1/incidents?limit=50 (chef), keep-alive"
  [list_close]="list read, new connection per request"
  [post_ka]="report ingest: POST /api/v1/incidents (durable commit + audit record), keep-alive"
  [post_close]="report ingest, new connection per request"
  [health_ka]="GET /healthz, keep-alive (no database)"
  [health_close]="GET /healthz, new connection per request (no database)"
  [static]="nginx static file, same ${NGINX_BYTES} B as the list (reference)"
)
CPU="$(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo)"
OS="$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-?}")"
MEM="$(awk '/^MemTotal:/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
BUILD_TYPE="$(awk -F= '/^CMAKE_BUILD_TYPE:/{print $2}' "$ROOT/build/CMakeCache.txt" 2>/dev/null || true)"

echo
echo "Trygg bench — $(date -u +%Y-%m-%dT%H:%MZ), HEAD $COMMIT, binary $BIN_SRC (${BUILD_TYPE:-build type ?}, built $(date -u -r "$BIN_SRC" +%Y-%m-%dT%H:%MZ))"
echo "Machine: nproc $(nproc), CPU: $CPU, $MEM RAM, $OS, Linux $(uname -r)"
echo "Load average (1, 5, 15 min) before the first server started: $LOAD_BEFORE; after the last run: $LOAD_AFTER."
echo "wrk -t$THREADS -c$CONNS -d$DURATION --latency on 127.0.0.1; server, database, nginx and wrk share the machine."
echo "Same for every engine: trygg seed-demo (default seed and size) + $SEED_INCIDENTS reports filed over HTTP; trygg serve --port 0 --web web/dist (defaults otherwise)."
for e in "${ENGINE_LIST[@]}"; do
  echo "- ${TITLE[$e]}: ${DB_INFO[$e]}; list ${LIST_BYTES_OF[$e]} B (${LIST_ITEMS_OF[$e]} incidents); audit verify after the run: ${AUDIT_OF[$e]}"
done
echo

header="| scenario |"
rule="|---|"
for e in "${ENGINE_LIST[@]}"; do
  header+=" ${TITLE[$e]} req/s | p50 | p99 |"
  rule+="---:|---:|---:|"
done
echo "$header"
echo "$rule"
cell() { printf ' %s | %s | %s |' "${RPS[$1]:-?}" "${P50[$1]:-?}" "${P99[$1]:-?}"; }
for key in list_ka post_ka list_close post_close health_ka health_close; do
  line="| ${TITLE[$key]} |"
  for e in "${ENGINE_LIST[@]}"; do line+="$(cell "$e|$key")"; done
  echo "$line"
done
line="| ${TITLE[static]} |$(cell "nginx|static")"
for _ in "${ENGINE_LIST[@]:1}"; do line+=" — | — | — |"; done
echo "$line"

echo
echo "Every wrk run (requests completed, non-2xx/3xx responses, socket errors):"
echo
echo "| engine | scenario | requests | non-2xx | socket errors |"
echo "|---|---|---:|---:|---|"
BAD=0
for e in "${ENGINE_LIST[@]}" nginx; do
  for key in list_ka list_close post_ka post_close health_ka health_close static; do
    k="$e|$key"
    [ -n "${TOTAL[$k]+x}" ] || continue
    echo "| ${TITLE[$e]} | $key | ${TOTAL[$k]:-?} | ${NON2XX[$k]:-0} | ${ERRS[$k]:-none} |"
    if [ -n "${NON2XX[$k]}" ] || [ -n "${ERRS[$k]}" ] || [ -z "${RPS[$k]}" ]; then BAD=1; fi
  done
done
echo
if [ "$BAD" = 1 ]; then
  echo "WARNING: some runs had non-2xx responses, socket errors or no result; see above."
else
  echo "No non-2xx responses and no socket errors in any run."
fi
