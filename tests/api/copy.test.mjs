// Moving an installation: seed-demo on SQLite → `trygg copy` → the API answers
// the same on the target (PostgreSQL in the api-pg suite, another SQLite file in api).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, runCli, makeKeyFile } from './lib/server.mjs';
import { login, assertStatus, listAll } from './lib/client.mjs';

const servers = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-copy-'));
after(async () => {
  for (const s of servers) await s.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const USERS = ['admin', 'chef.norr.eb', 'avdchef.norr', 'medarbetare.norr.eb', 'skyddsombud.norr',
  'sakerhet.norr', 'analytiker'];

// What each user sees, through the API only. Reading an incident's details
// writes an audit record, so the audit log is read first and compared by prefix.
async function snapshot(srv) {
  const out = { audit: null, users: {} };
  const admin = await login(srv, 'admin');
  out.audit = assertStatus(await admin.get('/audit?after=0&limit=500'), 200).items;
  for (const name of USERS) {
    const c = await login(srv, name);
    const me = { ...c.me };
    delete me.csrf_token;
    const { items, total } = await listAll(c);
    const seen = {
      me,
      units: assertStatus(await c.get('/units'), 200),
      colleagues: assertStatus(await c.get('/colleagues'), 200),
      total,
      list: items,
      inbox: assertStatus(await c.get('/inbox'), 200),
      assessments: assertStatus(await c.get('/risk-assessments?limit=500'), 200),
      plans: assertStatus(await c.get('/security-plans'), 200),
      details: {},
      subjects: {},
    };
    for (const inc of items.slice(0, 8)) {
      seen.details[inc.id] = assertStatus(await c.get(`/incidents/${inc.id}`), 200);
    }
    if (name === 'chef.norr.eb') {
      // The persons behind the incidents (pseudonymised) came along.
      for (const inc of items) {
        seen.subjects[inc.id] = assertStatus(await c.get(`/incidents/${inc.id}/subject-history`), 200);
      }
    }
    out.users[name] = seen;
  }
  return out;
}

test('an installation copied with trygg copy answers the same on the target', async () => {
  const source = path.join(tmp, 'source.db');
  const key = makeKeyFile(path.join(tmp, 'pseudonym.key'));
  const seeded = runCli(['seed-demo', '--db', source, '--pseudonym-key-file', key]);
  assert.equal(seeded.status, 0, seeded.stderr);
  const incidents = Number(seeded.stdout.match(/Demo data created: .*?(\d+) incidents/)[1]);
  assert.ok(incidents >= 300, seeded.stdout);

  const a = await startServer({ seed: false, db: source, pseudonymKey: key });
  servers.push(a);
  const before = await snapshot(a);
  await a.stop();

  // The target: the engine under test, empty.
  const b = await startServer({ seed: false, pseudonymKey: key });
  servers.push(b);
  await b.stop();
  const copied = runCli(['copy', '--from', `sqlite:${source}`, '--to', b.db, '--batch', '250']);
  assert.equal(copied.status, 0, `copy failed: ${copied.stderr}${copied.stdout}`);
  assert.match(copied.stdout, new RegExp(`incidents: ${incidents} rows`));
  assert.match(copied.stderr, new RegExp(`incidents: \\d+/${incidents}`));  // progress is shown
  assert.match(copied.stdout, /incident_subjects: [1-9]\d* rows/);
  assert.match(copied.stdout, /risk_assessments: [1-9]\d* rows/);
  assert.match(copied.stdout, /security_plans: [1-9]\d* rows/);
  const head = copied.stdout.match(/head ([0-9a-f]{64})/)[1];

  // Run again: nothing left to copy, still verified.
  const again = runCli(['copy', '--from', `sqlite:${source}`, '--to', b.db]);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, new RegExp(`incidents: ${incidents} rows \\(0 in this run\\)`));

  // The audit chain verifies on the target with the source's head.
  const verify = runCli(['audit', 'verify', '--db', b.db]);
  assert.equal(verify.status, 0, verify.stdout);
  assert.match(verify.stdout, new RegExp(`head ${head}`));

  await b.restart();
  const afterCopy = await snapshot(b);
  for (const name of USERS) {
    assert.deepEqual(afterCopy.users[name], before.users[name], `what ${name} sees`);
  }
  assert.ok(Object.values(before.users['chef.norr.eb'].subjects).some((h) => h.named), 'some incidents name a person');
  assert.deepEqual(afterCopy.audit.slice(0, before.audit.length), before.audit);

  // The target takes new reports with fresh ids.
  const rep = await login(b, 'medarbetare.norr.eb');
  const r = await rep.post('/incidents', { category: 'hot', occurred_at: new Date().toISOString() });
  assertStatus(r, 201);
  const maxId = Math.max(...before.users.admin.list.map((i) => i.id),
    ...before.users['sakerhet.norr'].list.map((i) => i.id));
  assert.ok(r.json.incident.id > maxId);
});

test('copy refuses a missing source and a target holding another installation', async () => {
  const missing = runCli(['copy', '--from', path.join(tmp, 'nope.db'), '--to', path.join(tmp, 'x.db')]);
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /no database file/);
  assert.equal(fs.existsSync(path.join(tmp, 'nope.db')), false);

  const other = path.join(tmp, 'other.db');
  assert.equal(runCli(['seed-demo', '--db', other]).status, 0);
  const target = await startServer();  // seeded: a different installation
  servers.push(target);
  await target.stop();
  const r = runCli(['copy', '--from', other, '--to', target.db]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /copy\.target_not_empty/);
});
