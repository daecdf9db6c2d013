#!/usr/bin/env bash
# The one run command: installs and builds (scripts/setup.sh), makes the
# pseudonymisation key data/pseudonym.key and seeds the demo database
# data/trygg.db on first run, and serves Trygg on port ${TRYGG_PORT:-8080}.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/setup.sh

PORT="${TRYGG_PORT:-8080}"
DB="data/trygg.db"
KEY="data/pseudonym.key"
mkdir -p data
if [ ! -f "$KEY" ]; then
  # Identifiers of people are stored only as keyed hashes under this key (mode 0600).
  echo "[demo] creating the pseudonymisation key $KEY"
  build/trygg keygen "$KEY"
fi
if [ ! -f "$DB" ]; then
  echo "[demo] creating $DB with demo data"
  build/trygg seed-demo --db "$DB" --pseudonym-key-file "$KEY"
fi

cat <<INFO

Trygg demo — open http://127.0.0.1:${PORT}/
Every demo password is: trygg-demo
  medarbetare.norr.eb   employee, Norra / Ekonomiskt bistånd (reports incidents)
  chef.norr.eb          chef of that unit (receives and handles them)
  avdchef.norr          chef of the avdelning (non-sensitive incidents below it)
  skyddsombud.norr      safety representative (no perpetrator details)
  sakerhet.norr         säkerhetssamordnare for Norra (serious incidents)
  analytiker            analyst (statistics, no incident rows)
  admin                 administrator (units, users, roles, audit log)
Districts: norr, soder, vaster; units: eb, bou, vux, rec (e.g. chef.soder.bou).
Stop with Ctrl-C.

INFO

exec build/trygg serve --db "$DB" --port "$PORT" --web web/dist --pseudonym-key-file "$KEY"
