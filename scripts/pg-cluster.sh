#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster on loopback, for tests (and, durable, for
# bench/run.sh).
#
#   scripts/pg-cluster.sh start DIR             # DIR: a fresh (empty or missing) directory
#   scripts/pg-cluster.sh start --durable DIR   # the same, with PostgreSQL's durability
#   scripts/pg-cluster.sh stop DIR              # stops the cluster and removes DIR
#
# `start` installs Debian's `postgresql` when /usr/lib/postgresql/15/bin/initdb is
# missing, creates a cluster in DIR/data (trust authentication, superuser
# `postgres`, UTF8, locale C), starts it on a free TCP port on 127.0.0.1 (its Unix
# socket in DIR, its log in DIR/log) and writes DIR/env:
#
#   PG_CLUSTER_DIR=DIR
#   PG_PORT=PORT
#   TRYGG_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/postgres
#   PG_CLUSTER_DURABLE=0|1
#
# By default (tests) the cluster runs with fsync=off, synchronous_commit=off and
# full_page_writes=off: it is thrown away afterwards, so durability after a crash
# is not wanted and tests run faster. `start --durable` (or PG_CLUSTER_DURABLE=1
# in the environment) keeps PostgreSQL's defaults instead — fsync=on,
# synchronous_commit=on, full_page_writes=on: a COMMIT returns only after its WAL
# is flushed to disk — which is what a benchmark comparing engines must use
# (Trygg's SQLite runs WAL with synchronous=FULL). Both set max_connections=200.
#
# The last line on stdout is the URL. As root, DIR is handed to the `postgres`
# OS user (PostgreSQL refuses to run as root) and DIR's parents must let that
# user through (mktemp -d under /tmp does); otherwise everything runs as the
# current user. Several clusters can run at once, each in its own DIR.
# `stop` never fails because the cluster is already down or DIR is gone.
#
# Environment: PG_BIN (default /usr/lib/postgresql/15/bin); PG_CLUSTER_DURABLE=1
# (the same as --durable).
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

log() { printf '[pg-cluster] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

usage() { die "usage: $0 start [--durable] DIR | stop DIR"; }

# Runs a command as USER (only when we are root and USER is someone else).
as_user() {  # user cmd...
  local user="$1"; shift
  if [ "$(id -u)" -eq 0 ] && [ "$user" != root ]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u "$user" -- "$@"
    else
      su "$user" -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

install_postgresql() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "$PG_BIN/initdb missing, and neither root nor sudo to install postgresql"
    sudo="sudo -n"
  fi
  log "installing postgresql (Debian)"
  # Keep the package scripts from starting Debian's default cluster on a machine
  # without an init system; we only want the binaries.
  local policy_added=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
    $sudo chmod +x /usr/sbin/policy-rc.d
    policy_added=1
  fi
  local rc=0
  {
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold postgresql
  } >&2 || rc=$?
  [ "$policy_added" = 1 ] && $sudo rm -f /usr/sbin/policy-rc.d
  [ "$rc" -eq 0 ] || die "apt-get install postgresql failed ($rc)"
  [ -x "$PG_BIN/initdb" ] || die "postgresql installed but $PG_BIN/initdb is still missing"
}

port_in_use() {  # port
  if command -v ss >/dev/null 2>&1; then
    [ -n "$(ss -Htan "sport = :$1" 2>/dev/null)" ]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

pick_port() {
  local p tries=0
  p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
  while port_in_use "$p"; do
    p=$(( p + 1 )); [ "$p" -gt 60000 ] && p=20000
    tries=$((tries + 1)); [ "$tries" -gt 2000 ] && die "no free TCP port found"
  done
  echo "$p"
}

cmd_start() {
  local dir="$1" durable="$2"
  [ -x "$PG_BIN/initdb" ] || install_postgresql

  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  [ -z "$(ls -A "$dir")" ] || die "$dir is not empty (give a fresh directory)"

  local user
  user="$(id -un)"
  if [ "$(id -u)" -eq 0 ]; then
    user=postgres
    getent passwd postgres >/dev/null || die "no 'postgres' OS user (is the postgresql package installed?)"
    chown postgres: "$dir"
    chmod 700 "$dir"
    as_user postgres test -w "$dir" -a -x "$dir" \
      || die "the postgres OS user cannot reach $dir (a parent directory is closed to it); use mktemp -d"
  fi

  as_user "$user" "$PG_BIN/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; die "initdb failed"; }

  # Another process may take the port between the check and the bind: retry.
  local port attempt
  for attempt in 1 2 3 4 5; do
    port="$(pick_port)"
    # Tests: fsync/synchronous_commit/full_page_writes off — the cluster is
    # thrown away afterwards; durability after a crash is not wanted.
    # Durable (benchmarks): PostgreSQL's defaults, stated explicitly.
    local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "$durable" = 1 ] && durability="-c fsync=on -c synchronous_commit=on -c full_page_writes=on"
    if as_user "$user" "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 start \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $durability -c max_connections=200" \
        >&2; then
      local url="postgresql://postgres@127.0.0.1:$port/postgres"
      {
        printf 'PG_CLUSTER_DIR=%q\n' "$dir"
        printf 'PG_PORT=%q\n' "$port"
        printf 'TRYGG_TEST_PG_URL=%q\n' "$url"
        printf 'PG_CLUSTER_DURABLE=%q\n' "$durable"
      } >"$dir/env"
      if [ "$durable" = 1 ]; then
        log "cluster up in $dir on 127.0.0.1:$port (durable: fsync, synchronous_commit, full_page_writes on)"
      else
        log "cluster up in $dir on 127.0.0.1:$port (tests: fsync, synchronous_commit, full_page_writes off)"
      fi
      echo "$url"
      return 0
    fi
    log "start on port $port failed (attempt $attempt); log:"
    tail -n 5 "$dir/log" >&2 || true
  done
  die "could not start PostgreSQL (see $dir/log)"
}

cmd_stop() {
  local dir="$1"
  [ -d "$dir" ] || return 0
  if [ -f "$dir/data/PG_VERSION" ] && [ -x "$PG_BIN/pg_ctl" ]; then
    local owner
    owner="$(stat -c %U "$dir/data")"
    if as_user "$owner" "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      as_user "$owner" "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >&2 \
        || log "pg_ctl stop failed; removing $dir anyway"
    fi
  fi
  rm -rf -- "$dir"
}

case "${1:-}" in
  start)
    durable=0
    case "${PG_CLUSTER_DURABLE:-0}" in
      1) durable=1 ;;
      0|"") ;;
      *) die "PG_CLUSTER_DURABLE must be 0 or 1" ;;
    esac
    if [ "$#" -eq 3 ] && [ "$2" = --durable ]; then
      durable=1; shift
    fi
    [ "$#" -eq 2 ] && [ -n "$2" ] && [ "${2#-}" = "$2" ] || usage
    cmd_start "$2" "$durable"
    ;;
  stop)
    [ "$#" -eq 2 ] && [ -n "$2" ] || usage
    cmd_stop "$2"
    ;;
  *) usage ;;
esac
