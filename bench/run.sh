#!/usr/bin/env bash
# Load benchmark on loopback: Trygg's authenticated list and report endpoints,
# and nginx serving a static file of the same size as the reference, all in one
# run on this machine. Prints a markdown table.
#
#   bash bench/run.sh                 # 10 s per scenario, 2 threads, 32 connections
#   BENCH_DURATION=30s BENCH_CONNECTIONS=64 bash bench/run.sh
#
# Needs build/trygg (scripts/setup.sh builds it), wrk, nginx (nginx-light), curl.
# Installs nothing. Only 127.0.0.1; every load is bounded by BENCH_DURATION.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${TRYGG_BIN:-$ROOT/build/trygg}"
DURATION="${BENCH_DURATION:-10s}"
THREADS="${BENCH_THREADS:-2}"
CONNS="${BENCH_CONNECTIONS:-32}"
SEED_INCIDENTS="${BENCH_SEED_INCIDENTS:-200}"

for tool in wrk curl node; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not found (run scripts/setup.sh)" >&2; exit 1; }
done
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$NGINX" ] || { echo "bench: nginx not found (apt-get install nginx-light)" >&2; exit 1; }
[ -x "$BIN" ] || { echo "bench: $BIN not found (run scripts/setup.sh)" >&2; exit 1; }

T="$(mktemp -d /tmp/trygg-bench.XXXXXX)"
SERVER_PID=""
NGINX_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
  rm -rf "$T"
}
trap cleanup EXIT

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

log() { printf '[bench] %s\n' "$*" >&2; }

# --- Trygg on a seeded temp database -----------------------------------------------
log "seeding $T/bench.db"
"$BIN" seed-demo --db "$T/bench.db" >/dev/null
"$BIN" serve --db "$T/bench.db" --port 0 --web "$ROOT/web/dist" >"$T/server.log" 2>&1 &
SERVER_PID=$!
URL=""
for _ in $(seq 1 200); do
  URL="$(grep -oE 'Trygg listening on http://[^ ]+' "$T/server.log" | head -1 | awk '{print $4}' || true)"
  [ -n "$URL" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$T/server.log" >&2; exit 1; }
  sleep 0.05
done
[ -n "$URL" ] || { echo "bench: server did not start" >&2; cat "$T/server.log" >&2; exit 1; }
URL="${URL/0.0.0.0/127.0.0.1}"
log "trygg at $URL"

login() {  # username → "cookie<TAB>csrf"
  local body
  body="$(curl -sS -c "$T/jar.$1" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"trygg-demo\"}" "$URL/api/v1/auth/login")"
  local csrf cookie
  csrf="$(node -e 'const j=JSON.parse(process.argv[1]);console.log(j.csrf_token??j.user.csrf_token)' "$body")"
  cookie="$(awk '$6=="trygg_session"{print $7}' "$T/jar.$1")"
  [ -n "$cookie" ] && [ -n "$csrf" ] || { echo "bench: login $1 failed: $body" >&2; exit 1; }
  printf '%s\t%s\n' "$cookie" "$csrf"
}

IFS=$'\t' read -r REP_COOKIE REP_CSRF < <(login medarbetare.norr.eb)
IFS=$'\t' read -r CHEF_COOKIE _CHEF_CSRF < <(login chef.norr.eb)
[ -n "${REP_COOKIE:-}" ] && [ -n "${CHEF_COOKIE:-}" ] || { echo "bench: login failed" >&2; exit 1; }

OCCURRED="$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)"
BODY="{\"category\":\"hot\",\"occurred_at\":\"$OCCURRED\",\"place_type\":\"reception\",\"description\":\"Belastningstest: hot vid disken.\"}"

log "filing $SEED_INCIDENTS incidents so the list has data"
for _ in $(seq 1 "$SEED_INCIDENTS"); do
  curl -sS -o /dev/null -w '%{http_code}\n' -H 'Content-Type: application/json' \
    -H "Cookie: trygg_session=$REP_COOKIE" -H "X-CSRF-Token: $REP_CSRF" \
    -d "$BODY" "$URL/api/v1/incidents"
done | sort | uniq -c | awk '$2!="201"{bad=1} END{exit bad}' || { echo "bench: seeding incidents failed" >&2; exit 1; }

LIST_URL="$URL/api/v1/incidents?limit=50"
curl -sS -H "Cookie: trygg_session=$CHEF_COOKIE" "$LIST_URL" >"$T/list.json"
LIST_BYTES="$(wc -c <"$T/list.json")"

cat >"$T/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = "trygg_session=$REP_COOKIE"
wrk.headers["X-CSRF-Token"] = "$REP_CSRF"
LUA

# --- nginx reference: the same bytes as a static file ---------------------------------
NGINX_PORT="$(free_port)"
mkdir -p "$T/nginx/www" "$T/nginx/tmp" "$T/nginx/logs"
cp "$T/list.json" "$T/nginx/www/list.json"
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
[ "$code" = 200 ] || { echo "bench: nginx answers $code" >&2; cat "$T/nginx/logs/error.log" >&2; exit 1; }

# --- Runs ----------------------------------------------------------------------------------
ROWS=()
run() {  # label, then wrk args
  local label="$1"; shift
  log "wrk: $label ($DURATION, $THREADS threads, $CONNS connections)"
  local out
  out="$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$@" 2>&1)"
  echo "$out" >"$T/wrk.$(echo "$label" | tr -c 'a-zA-Z0-9' _).txt"
  local rps p50 p99 total errs non2xx
  rps="$(awk '/^Requests\/sec:/{print $2}' <<<"$out")"
  p50="$(awk '$1=="50%"{print $2}' <<<"$out")"
  p99="$(awk '$1=="99%"{print $2}' <<<"$out")"
  total="$(awk '/requests in/{print $1}' <<<"$out")"
  non2xx="$(awk '/Non-2xx or 3xx responses:/{print $5}' <<<"$out")"
  errs="$(awk '/Socket errors:/{print $0}' <<<"$out" | sed 's/^ *Socket errors: //')"
  ROWS+=("| $label | ${rps:-?} | ${p50:-?} | ${p99:-?} | ${total:-?} | ${non2xx:-0} | ${errs:-none} |")
}

run "trygg GET /api/v1/incidents?limit=50 (chef, ${LIST_BYTES} B)" \
  -H "Cookie: trygg_session=$CHEF_COOKIE" "$LIST_URL"
run "trygg POST /api/v1/incidents (report, fsync + audit)" -s "$T/post.lua" "$URL/api/v1/incidents"
run "nginx static file, same ${LIST_BYTES} B (reference)" "http://127.0.0.1:$NGINX_PORT/list.json"
# The same two Trygg requests on a new connection each time (Connection: close):
# isolates per-request server work from keep-alive effects (see bench/README.md).
run "trygg GET list, new connection per request" \
  -H "Connection: close" -H "Cookie: trygg_session=$CHEF_COOKIE" "$LIST_URL"
run "trygg POST report, new connection per request" -H "Connection: close" -s "$T/post.lua" "$URL/api/v1/incidents"
run "trygg GET /healthz (keep-alive)" "$URL/healthz"
run "trygg GET /healthz, new connection per request" -H "Connection: close" "$URL/healthz"

CPU="$(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo)"
echo
echo "Trygg bench — $(date -u +%Y-%m-%dT%H:%MZ), nproc $(nproc), CPU: $CPU"
echo "wrk -t$THREADS -c$CONNS -d$DURATION on 127.0.0.1; server, nginx and wrk share the machine."
echo
echo "| scenario | req/s | p50 | p99 | requests | non-2xx | socket errors |"
echo "|---|---:|---:|---:|---:|---:|---|"
for r in "${ROWS[@]}"; do echo "$r"; done
