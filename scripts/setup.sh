#!/usr/bin/env bash
# Installs what Trygg needs on Debian 12 and builds it: the C++ server (build/),
# the web app (web/dist) and the test tools (tests/node_modules).
#
# Idempotent: on a machine that already has everything it only runs the
# incremental builds. Runs as root, or through sudo when available.
# Environment: TRYGG_SKIP_WEB=1 skips the web build; TRYGG_SKIP_NPM_TESTS=1
# skips `npm ci` in tests/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf '[setup] %s\n' "$*"; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo -n"
  else
    SUDO="__none__"
  fi
fi

# --- System packages ---------------------------------------------------------
PKGS=(build-essential cmake ninja-build ccache pkg-config
      libboost1.81-dev nlohmann-json3-dev libsodium-dev libsqlite3-dev libpq-dev
      libgtest-dev chromium postgresql sqlite3 wrk nginx-light curl ca-certificates
      python3-aiosmtpd)
if ! command -v node >/dev/null 2>&1; then
  PKGS+=(nodejs npm)
fi

missing=()
for p in "${PKGS[@]}"; do
  st="$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)"
  case "$st" in
    ii*) ;;
    *) missing+=("$p") ;;
  esac
done

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$SUDO" = "__none__" ]; then
    echo "[setup] missing packages (${missing[*]}) and neither root nor sudo" >&2
    exit 1
  fi
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Keep package scripts from starting services (nginx, postgresql) on a
  # machine without an init system; tests start their own private instances.
  policy_added=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
    policy_added=1
  fi
  cleanup_policy() { [ "$policy_added" = 1 ] && $SUDO rm -f /usr/sbin/policy-rc.d; true; }
  trap cleanup_policy EXIT
  # libboost1.81-dev conflicts with (and replaces) the 1.74 libboost-dev.
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}"
  cleanup_policy
  trap - EXIT
else
  log "system packages present"
fi

# --- C++ build -----------------------------------------------------------------
# TRYGG_DEBUG_INFO=0 (CI sets it in .ci/run) builds -O2 without -g: a third less compile time
# for a build nobody will debug. The build is reconfigured when that choice changes.
DEBUG_INFO="${TRYGG_DEBUG_INFO:-1}"
if [ "$DEBUG_INFO" = 0 ]; then RELFLAGS="-O2 -DNDEBUG"; else RELFLAGS="-O2 -g -DNDEBUG"; fi
if [ ! -f build/build.ninja ] || ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja' build/CMakeCache.txt 2>/dev/null \
    || ! grep -qx "CMAKE_CXX_FLAGS_RELWITHDEBINFO:STRING=$RELFLAGS" build/CMakeCache.txt 2>/dev/null; then
  log "configuring build/ (Ninja, RelWithDebInfo: $RELFLAGS)"
  rm -rf build/CMakeCache.txt build/CMakeFiles
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=$RELFLAGS"
fi
log "building C++"
# Two cores; Beast translation units take up to ~1 GB each.
cmake --build build -- -j"$(nproc)"

# --- npm installs (skipped when the lock file has not changed) -----------------
npm_ci_if_needed() {
  local dir="$1"
  [ -f "$dir/package.json" ] || return 0
  local lock="$dir/package-lock.json"
  local stamp="$dir/node_modules/.trygg-setup-stamp"
  local want
  if [ -f "$lock" ]; then
    want="$(sha256sum "$lock" "$dir/package.json" | sha256sum | cut -d' ' -f1)"
  else
    want="nolock-$(sha256sum "$dir/package.json" | cut -d' ' -f1)"
  fi
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    log "$dir: node_modules up to date"
    return 0
  fi
  log "$dir: npm ci"
  if [ -f "$lock" ]; then
    if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error); then
      # A lock file out of sync with package.json makes `npm ci` refuse. Install
      # from package.json without rewriting the lock, and say so loudly.
      echo "[setup] WARNING: npm ci failed in $dir (package-lock.json out of sync?);" \
           "falling back to npm install --no-save" >&2
      (cd "$dir" && npm install --no-audit --no-fund --no-save --loglevel=error)
    fi
  else
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
  fi
  echo "$want" >"$stamp"
}

# --- Web app ---------------------------------------------------------------------
if [ "${TRYGG_SKIP_WEB:-0}" != 1 ] && [ -f web/package.json ] && [ ! -f web/index.html ]; then
  log "web: no web/index.html yet; skipping the web build"
elif [ "${TRYGG_SKIP_WEB:-0}" != 1 ] && [ -f web/package.json ]; then
  npm_ci_if_needed web
  # Rebuild only when a source is newer than the last build.
  need_build=1
  if [ -f web/dist/index.html ]; then
    newer="$(find web -path web/node_modules -prune -o -path web/dist -prune -o -type f \
      -newer web/dist/index.html -print -quit)"
    [ -z "$newer" ] && need_build=0
  fi
  if [ "$need_build" = 1 ]; then
    log "web: npm run build"
    (cd web && npm run build)
    touch web/dist/index.html
  else
    log "web: dist up to date"
  fi
fi

# --- Test tools ------------------------------------------------------------------
if [ "${TRYGG_SKIP_NPM_TESTS:-0}" != 1 ]; then
  npm_ci_if_needed tests
fi

log "done"
