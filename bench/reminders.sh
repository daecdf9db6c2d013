#!/usr/bin/env bash
# The reminder pass at scale: how long one pass over every open incident takes
# (the catch-up pass that tells everyone, then a steady pass that finds nothing
# new), on SQLite. Usage: bench/reminders.sh [COPIES] (default 200).
#
# Seeds the demo, then copies its open incidents (with their measures) COPIES
# times in SQL, so the pass sees ~COPIES × the demo's open incidents — far more
# than a förvaltning ever has open — and runs `trygg remind` twice.
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES="${1:-200}"
BIN="${TRYGG_BIN:-build/trygg}"
D="$(mktemp -d)"
trap 'rm -rf "$D"' EXIT
DB="$D/bench.db"

"$BIN" seed-demo --db "$DB" >/dev/null
sqlite3 -bail "$DB" <<SQL
CREATE TEMP TABLE open_ids AS SELECT id FROM incidents WHERE status != 'avslutad';
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < $COPIES)
INSERT INTO incidents (unit_id, reporter_id, category, occurred_at, place_type, outside_workplace,
  tied_to_role, description, injury, weapon, death_threat, severity, perpetrator_relation,
  perpetrator_note, sensitive, status, created_at, updated_at, acknowledged_at, closed_at, version,
  aimed_at_person, serious_since, coordinator_consulted_at)
SELECT unit_id, reporter_id, category, occurred_at, place_type, outside_workplace, tied_to_role,
  description, injury, weapon, death_threat, severity, perpetrator_relation, perpetrator_note,
  sensitive, status, created_at, updated_at, acknowledged_at, closed_at, version, aimed_at_person,
  serious_since, coordinator_consulted_at
FROM incidents, n WHERE id IN (SELECT id FROM open_ids);
INSERT INTO measures (incident_id, title, responsible_user_id, due_date, status, created_by,
  created_at, kind)
SELECT i.id, 'Uppföljning', (SELECT min(id) FROM users), i.created_at + 7 * 86400000, 'oppen',
  i.reporter_id, i.created_at, 'atgard'
FROM incidents i WHERE i.status != 'avslutad' AND i.id NOT IN (SELECT id FROM open_ids);
SQL
open=$(sqlite3 "$DB" "SELECT count(*) FROM incidents WHERE status != 'avslutad'")
measures=$(sqlite3 "$DB" "SELECT count(*) FROM measures WHERE status = 'oppen'")
echo "open incidents: $open, open measures: $measures"
echo -n "catch-up pass: "; "$BIN" remind --db "$DB"
echo -n "steady pass:   "; "$BIN" remind --db "$DB"
echo "notifications: $(sqlite3 "$DB" 'SELECT count(*) FROM notifications')"
