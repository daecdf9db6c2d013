// seed-demo at scale: `trygg seed-demo --incidents 5000 --units 40 --years 3` writes the
// lifecycle demo plus bulk history; the counts, the spread (units, years, weekdays,
// categories, outside the workplace, police) and the statistics facts are checked in
// the SQLite file directly, the audit chain with `trygg audit verify`, and the
// statistics API's totals against the file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, runCli, sqlOnDb } from './lib/server.mjs';
import { login, assertStatus } from './lib/client.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-bulk-'));
const db = path.join(tmp, 'bulk.db');
const N = 5000;
const BULK = N - 300; // seed-demo keeps 300 with their whole lifecycle
let seeded;
const servers = [];

before(() => {
  seeded = runCli(['seed-demo', '--db', db, '--incidents', String(N), '--units', '40',
    '--years', '3', '--seed', '7'], { timeout: 600_000 });
});
after(async () => {
  for (const s of servers) await s.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

// One integer (or a row of them) from the file.
function q(sql) {
  const r = sqlOnDb({ engine: 'sqlite', db }, sql);
  assert.equal(r.status, 0, r.out);
  return r.stdout.trim().split('\n').map((line) => line.split('|').map(Number));
}
const one = (sql) => q(sql)[0][0];

test('seed-demo --incidents 5000 writes the demo and the bulk history', () => {
  assert.equal(seeded.status, 0, seeded.stderr);
  assert.match(seeded.stdout, new RegExp(`Bulk history: ${BULK} incidents over 3 years across 40 enheter`));
  assert.doesNotMatch(seeded.stderr, /skipped a step/);
  const incidents = one('SELECT COUNT(*) FROM incidents');
  assert.ok(incidents >= N && incidents < N + 100, `incidents ${incidents}`);
  assert.equal(one("SELECT COUNT(*) FROM org_units WHERE kind = 'enhet'"), 40);
  // Bulk ids come first and follow time.
  assert.equal(one(`SELECT COUNT(*) FROM incidents a JOIN incidents b ON b.id = a.id + 1
                    WHERE a.id < ${BULK} AND b.occurred_at < a.occurred_at`), 0);
  // Every enhet gets incidents, the large ones more.
  assert.ok(one(`SELECT COUNT(DISTINCT unit_id) FROM incidents WHERE id <= ${BULK}`) >= 38);
  const [[lo, hi]] = q(`SELECT MIN(c), MAX(c) FROM (SELECT COUNT(*) c FROM incidents
                        WHERE id <= ${BULK} GROUP BY unit_id)`);
  assert.ok(hi > 4 * lo, `per unit ${lo}..${hi}`);
  // Three years, ending a week ago; more recently than at first (growth).
  const now = Date.now(), day = 86_400_000;
  const [[first, last]] = q(`SELECT MIN(occurred_at), MAX(occurred_at) FROM incidents WHERE id <= ${BULK}`);
  assert.ok(first >= now - (3 * 365.25 + 9) * day && first < now - (3 * 365.25 - 5) * day);
  assert.ok(last <= now - 6 * day && last > now - 12 * day);
  const firstYear = one(`SELECT COUNT(*) FROM incidents WHERE id <= ${BULK} AND occurred_at < ${first + 365 * day}`);
  const lastYear = one(`SELECT COUNT(*) FROM incidents WHERE id <= ${BULK} AND occurred_at > ${last - 365 * day}`);
  assert.ok(lastYear > firstYear * 1.04, `growth ${firstYear} → ${lastYear}`);
  // Weekends are quiet; July is quieter than October.
  const weekend = one(`SELECT COUNT(*) FROM incidents WHERE id <= ${BULK}
                       AND strftime('%w', occurred_at / 1000, 'unixepoch') IN ('0', '6')`);
  assert.ok(weekend < BULK * 0.1, `weekend ${weekend}`);
  const month = (m) => one(`SELECT COUNT(*) FROM incidents WHERE id <= ${BULK}
                            AND strftime('%m', occurred_at / 1000, 'unixepoch') = '${m}'`);
  assert.ok(month('07') < month('10') * 0.75);
});

test('the bulk history has a realistic mix', () => {
  const byCategory = Object.fromEntries(sqlOnDb({ engine: 'sqlite', db },
    `SELECT category, COUNT(*) FROM incidents WHERE id <= ${BULK} GROUP BY category`)
    .stdout.trim().split('\n').map((l) => l.split('|')).map(([c, n]) => [c, Number(n)]));
  const top = Object.entries(byCategory).sort((a, b) => b[1] - a[1]).map(([c]) => c);
  assert.equal(top[0], 'hot');
  assert.equal(top[1], 'trakasserier');
  assert.ok(byCategory.hot > BULK * 0.3 && byCategory.hot < BULK * 0.46);
  const outside = one(`SELECT COUNT(*) FROM incidents WHERE id <= ${BULK} AND outside_workplace = 1`);
  assert.ok(outside > BULK * 0.15 && outside < BULK * 0.25, `outside ${outside}`);
  const bySeverity = q(`SELECT severity, COUNT(*) FROM incidents WHERE id <= ${BULK} GROUP BY severity ORDER BY severity`);
  assert.ok(bySeverity[0][1] > bySeverity[1][1] && bySeverity[1][1] > bySeverity[2][1]
    && bySeverity[2][1] > bySeverity[3][1], JSON.stringify(bySeverity));
  const police = (c) => q(`SELECT SUM(p.reported = 1), COUNT(*) FROM incidents i
      LEFT JOIN police_reports p ON p.incident_id = i.id WHERE i.id <= ${BULK} AND i.category = '${c}'`)[0];
  const [vp, vn] = police('vald'), [tp, tn] = police('trakasserier');
  assert.ok(vp / vn > 0.5 && tp / tn < 0.25, `police våld ${vp}/${vn}, trakasserier ${tp}/${tn}`);
  // Closed with times; serious ones notified to Arbetsmiljöverket.
  assert.ok(one(`SELECT COUNT(*) FROM incidents WHERE id <= ${BULK} AND status = 'avslutad'`) > BULK * 0.95);
  assert.equal(one(`SELECT COUNT(*) FROM incidents WHERE id <= ${BULK} AND acknowledged_at IS NULL`), 0);
  assert.ok(one(`SELECT COUNT(*) FROM authority_notices WHERE incident_id <= ${BULK}`) > 0);
  assert.ok(one(`SELECT COUNT(*) FROM measures WHERE incident_id <= ${BULK} AND kind = 'stod'`) > BULK * 0.5);
});

test('every incident has facts that match its rows, with increasing seq', () => {
  const incidents = one('SELECT COUNT(*) FROM incidents');
  assert.equal(one('SELECT COUNT(*) FROM incident_facts'), incidents);
  assert.equal(one('SELECT COUNT(DISTINCT seq) FROM incident_facts'), incidents);
  assert.equal(one(`SELECT COUNT(*) FROM incident_facts a JOIN incident_facts b
                    ON b.incident_id = a.incident_id + 1 WHERE a.incident_id < ${BULK} AND b.seq <= a.seq`), 0);
  const categories = ['hot', 'vald', 'trakasserier', 'otillaten_paverkan', 'forolampning', 'skadegorelse',
    'stold_inbrott', 'annat'];
  const caseCategory = `CASE i.category ${categories.map((c, k) => `WHEN '${c}' THEN ${k}`).join(' ')} END`;
  assert.equal(one(`SELECT COUNT(*) FROM incident_facts f JOIN incidents i ON i.id = f.incident_id
    LEFT JOIN police_reports p ON p.incident_id = i.id AND p.reported = 1
    WHERE f.unit_id != i.unit_id OR (f.attrs & 7) != ${caseCategory}
       OR ((f.attrs >> 3) & 3) + 1 != i.severity OR ((f.attrs >> 8) & 1) != i.outside_workplace
       OR ((f.attrs >> 10) & 1) != (p.incident_id IS NOT NULL)
       OR (i.acknowledged_at IS NULL) != (f.ack_hours = -1)
       OR (i.closed_at IS NULL) != (f.close_days = -1)`), 0);
  // The support rule is mostly met on time, and differently per förvaltning.
  const support = q(`SELECT SUM((attrs >> 14) & 1), SUM((attrs >> 13) & 1) FROM incident_facts
                     WHERE incident_id <= ${BULK}`)[0];
  assert.ok(support[0] > support[1] * 0.6 && support[0] < support[1], JSON.stringify(support));
});

test('profiles, routines, acknowledgements, exercises and KPIs for issue 6', () => {
  // Every förvaltning, the IFO avdelningar and every enhet.
  assert.ok(one('SELECT COUNT(*) FROM unit_profiles') >= 3 + 3 + 40);
  assert.equal(one(`SELECT COUNT(*) FROM org_units o LEFT JOIN unit_profiles p ON p.unit_id = o.id
                    WHERE o.kind = 'enhet' AND (p.unit_id IS NULL OR p.headcount <= 0)`), 0);
  assert.equal(one('SELECT COUNT(*) FROM routines'), 5);
  const acks = one('SELECT COUNT(*) FROM routine_acks');
  const users = one('SELECT COUNT(*) FROM users');
  assert.ok(acks > users, `acks ${acks}`);
  assert.ok(one('SELECT COUNT(*) FROM exercises') > 20);
  assert.ok(one('SELECT COUNT(*) FROM exercise_findings WHERE owner_user_id IS NOT NULL') > 0);
  // 5 years × 3 förvaltningar of turnover (2 groups); past years complete.
  assert.ok(one("SELECT COUNT(*) FROM kpi_values WHERE kind = 'personalrorlighet'") >= 2 * 3 * 4);
  assert.ok(one("SELECT COUNT(*) FROM kpi_values WHERE kind = 'konsulter'") >= 2 * 3 * 4);
  assert.ok(one("SELECT COUNT(*) FROM kpi_values WHERE kind = 'vfu'") >= 3 * 4);
});

test('the audit chain verifies after the bulk insert', () => {
  const r = runCli(['audit', 'verify', '--db', db], { timeout: 120_000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('the analyst sees every incident in the statistics', async () => {
  const srv = await startServer({ seed: false, db });
  servers.push(srv);
  const analyst = await login(srv, 'analytiker');
  const t = assertStatus(await analyst.get('/stats/incidents?rows=forvaltning&cols=year'), 200);
  assert.equal(t.measures.count.total, one('SELECT COUNT(*) FROM incidents'));
  assert.equal(t.rows.length, 3);
  assert.ok(t.cols.length >= 4);
});
