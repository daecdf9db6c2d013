// Pseudonymisation: a person named by personnummer (or samordningsnummer, case
// number) on incidents and a risk assessment is linked across spellings, and the
// identifier never reaches the database, the audit log, the server's log or a
// response — only its keyed hash does, and only into the database. A server with
// another key file cannot link the same identifier to the same data; a server
// without a key refuses identifiers (503 subject.not_configured).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { startServer, runCli } from './lib/server.mjs';
import { assertError, assertStatus, auditAll } from './lib/client.mjs';
import { Logins, report } from './lib/fixtures.mjs';

// --- Identifiers ---------------------------------------------------------------

// Luhn over the ten digits YYMMDDNNNC.
function luhnOk(ten) {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(ten[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

// A valid personnummer "YYYYMMDD-NNNC" for a date, with a random serial.
function personnummer(yyyy, mm, dd) {
  for (;;) {
    const serial = String(crypto.randomInt(0, 1000)).padStart(3, '0');
    const nine = `${String(yyyy).slice(2)}${mm}${dd}${serial}`;
    for (let c = 0; c <= 9; c++) {
      if (luhnOk(nine + c)) return `${yyyy}${mm}${dd}-${serial}${c}`;
    }
  }
}

// The spellings of a "YYYYMMDD-NNNC" number that must never be stored: 12 digits,
// 10 digits, with the dash, and the 10-digit form with its dash or '+'.
function spellings(pn) {
  const twelve = pn.replace('-', '');
  const ten = twelve.slice(2);
  return [twelve, pn, ten, `${ten.slice(0, 6)}-${ten.slice(6)}`, `${ten.slice(0, 6)}+${ten.slice(6)}`];
}

// Skatteverket's test number; born 1912, so its 10-digit form takes a '+'.
const OLD = '19121212-1212';
// A younger person (10-digit spellings without '+').
const YOUNG = '19811218-9876';
assert.ok(luhnOk('1212121212') && luhnOk('8112189876'), 'the test numbers pass the Luhn check');

let srv;
let L;
let emp; let chef; let sak; let soderEmp; let soderChef;
let secretHex;
const responses = [];  // every response body of this file, scanned at the end

// The subject key the server stores for a canonical identifier
// ("personnummer:191212121212"): HMAC-SHA-256 under the key file's secret.
function subjectKey(hexSecret, canonical) {
  return crypto.createHmac('sha256', Buffer.from(hexSecret, 'hex')).update(canonical).digest('hex');
}

// Remembers a response for the final scan and returns it.
function seen(r) {
  responses.push(r.text ?? '');
  return r;
}

before(async () => {
  srv = await startServer();
  L = new Logins(srv);
  emp = await L.as('medarbetare.norr.eb');
  chef = await L.as('chef.norr.eb');
  sak = await L.as('sakerhet.norr');
  soderEmp = await L.as('medarbetare.soder.eb');
  soderChef = await L.as('chef.soder.eb');
  assert.ok(srv.keyFile, 'the test server has a key file');
  const st = fs.statSync(srv.keyFile);
  assert.equal(st.mode & 0o777, 0o600, 'trygg keygen writes mode 0600');
  secretHex = fs.readFileSync(srv.keyFile, 'utf8').trim();
  assert.match(secretHex, /^[0-9a-f]{64}$/);
});
after(async () => { await srv?.close(); });

async function nameIncident(client, id, identifier, kind = 'personnummer') {
  const r = seen(await client.put(`/incidents/${id}/subject`, { kind, identifier }));
  assert.equal(r.status, 204, `PUT subject on #${id}: ${r.status} ${r.text}`);
  assert.equal(r.text, '');
}

async function history(client, id) {
  const r = seen(await client.get(`/incidents/${id}/subject-history`));
  assertStatus(r, 200);
  return r.json;
}

describe('naming a person', () => {
  let incidents;
  let baseline;  // links the demo data may already have for OLD
  let assessment;

  test('spellings of one personnummer link the incidents; the history counts them', async () => {
    incidents = [];
    for (let i = 0; i < 4; i++) incidents.push(await report(emp, { category: 'hot', severity: i === 3 ? 3 : 2 }));
    // The first naming tells how many incidents the demo data already links.
    await nameIncident(chef, incidents[0].id, OLD);
    const first = await history(chef, incidents[0].id);
    assert.equal(first.named, true);
    baseline = { in_scope: first.history.in_scope, elsewhere: first.history.elsewhere };

    await nameIncident(chef, incidents[1].id, '191212121212');
    await nameIncident(sak, incidents[2].id, '121212+1212');
    await nameIncident(chef, incidents[3].id, '  19121212-1212 ');
    const h = await history(chef, incidents[0].id);
    assert.equal(h.history.in_scope, baseline.in_scope + 3, 'the other three spellings link');
    assert.ok(h.history.highest_severity >= 3);
    assert.ok(h.history.unit_names.some((n) => /Ekonomiskt bistånd/.test(n)), JSON.stringify(h.history.unit_names));
    assert.ok(h.history.latest_at);
    for (const f of ['in_scope', 'latest_at', 'highest_severity', 'unit_names', 'elsewhere', 'protected_case']) {
      assert.ok(f in h.history, `history.${f}`);
    }
    assert.deepEqual(Object.keys(h.history).sort(),
      ['elsewhere', 'highest_severity', 'in_scope', 'latest_at', 'protected_case', 'unit_names']);

    // An incident in another district: counted as elsewhere, never described.
    const soder = await report(soderEmp, { category: 'hot' });
    await nameIncident(soderChef, soder.id, '19121212-1212');
    const h2 = await history(chef, incidents[0].id);
    assert.equal(h2.history.elsewhere, baseline.elsewhere + 1);
    assert.equal(h2.history.in_scope, baseline.in_scope + 3);
    assert.ok(!h2.history.unit_names.some((n) => /Södra/.test(n)), 'no unit name from elsewhere');
    // The Söder chef sees the Norra incidents only as a count.
    const fromSoder = await history(soderChef, soder.id);
    assert.ok(fromSoder.history.elsewhere >= 4);
    assert.ok(!fromSoder.history.unit_names.some((n) => /Norra/.test(n)));

    // Another person's number does not link; a younger person's 10- and 12-digit spellings do.
    const young = await report(emp, { category: 'hot' });
    const young2 = await report(emp, { category: 'hot' });
    await nameIncident(chef, young.id, '811218-9876');
    const y0 = (await history(chef, young.id)).history;
    await nameIncident(chef, young2.id, '198112189876');
    const y1 = (await history(chef, young.id)).history;
    assert.equal(y1.in_scope, y0.in_scope + 1);
    assert.equal((await history(chef, incidents[0].id)).history.in_scope, baseline.in_scope + 3);

    // Samordningsnummer (day + 60) and case numbers are kinds of their own.
    const other = await report(emp, { category: 'hot' });
    const samordning = personnummer(1912, '12', '72');  // born 1912-12-12, day + 60
    await nameIncident(chef, other.id, samordning, 'samordningsnummer');
    assert.equal((await history(chef, incidents[0].id)).history.in_scope, baseline.in_scope + 3,
      'a samordningsnummer never links to a personnummer');
    assertError(seen(await chef.put(`/incidents/${other.id}/subject`, { kind: 'samordningsnummer', identifier: OLD })),
      400, 'subject.identifier');
    const caseInc = await report(emp, { category: 'hot' });
    await nameIncident(chef, caseInc.id, 'ifo 2026/123', 'arendenummer');
    const caseInc2 = await report(emp, { category: 'hot' });
    await nameIncident(chef, caseInc2.id, 'IFO2026/123', 'arendenummer');
    assert.equal((await history(chef, caseInc.id)).history.in_scope, 1, 'case numbers link without spaces and case');
  });

  test('an invalid number is 400 subject.identifier and is not echoed', async () => {
    const inc = await report(emp, { category: 'hot' });
    for (const bad of ['19121212-1213', '1912121212', '19121332-1212', 'abc', '']) {
      const r = seen(await chef.put(`/incidents/${inc.id}/subject`, { kind: 'personnummer', identifier: bad }));
      if (bad === '') {
        assert.equal(r.status, 204, 'an empty identifier un-names');
        continue;
      }
      const e = assertError(r, 400, 'subject.identifier');
      if (bad.length > 3) assert.ok(!r.text.includes(bad.replace('-', '')) && !r.text.includes(bad), r.text);
      assert.ok(!('field' in e) || e.field === 'identifier' || !/\d{6}/.test(e.field));
    }
    assertError(seen(await chef.put(`/incidents/${inc.id}/subject`, { kind: 'passnummer', identifier: OLD })), 400, 'validation.enum');
    assertError(seen(await chef.put(`/incidents/${inc.id}/subject`, { kind: 'personnummer' })), 400, 'validation.required');
    assert.equal((await history(chef, inc.id)).named, false);
  });

  test('only the manager or the säkerhetssamordnare may name a person or read the history', async () => {
    const inc = incidents[0];
    // The reporter sees the incident but may not.
    assertError(seen(await emp.put(`/incidents/${inc.id}/subject`, { kind: 'personnummer', identifier: OLD })), 403, 'subject.forbidden');
    assertError(seen(await emp.get(`/incidents/${inc.id}/subject-history`)), 403, 'subject.forbidden');
    assertError(seen(await (await L.as('skyddsombud.norr')).get(`/incidents/${inc.id}/subject-history`)), 403, 'subject.forbidden');
    // Outside the scope the incident does not exist.
    for (const u of ['chef.norr.bou', 'chef.soder.eb', 'sakerhet.soder', 'analytiker', 'admin', 'medarbetare.norr.eb2']) {
      const c = await L.as(u);
      assertError(seen(await c.get(`/incidents/${inc.id}/subject-history`)), 404);
      assertError(seen(await c.put(`/incidents/${inc.id}/subject`, { kind: 'personnummer', identifier: OLD })), 404);
    }
    assert.equal((await history(sak, inc.id)).named, true);
    assert.equal((await history(await L.as('avdchef.norr'), inc.id)).named, true);
  });

  test('a risk assessment naming the person shows the history to the chef only, and lifts the level', async () => {
    const r = seen(await emp.post('/risk-assessments', {
      meeting_type: 'klient_med_hotbild', event_at: new Date(Date.now() + 86_400_000).toISOString(),
      title: 'Uppföljningsmöte', answers: [{ code: 'negativt_beslut', yes: true }],
      subject: { kind: 'personnummer', identifier: '121212+1212' },
    }));
    assertStatus(r, 201);
    assessment = r.json;
    assert.equal(assessment.subject_named, true);
    assert.equal(assessment.history, null, 'the employee does not see the history');
    // Earlier incidents add the history weight and (three or more) lift the level to at least hög.
    assert.ok(assessment.result.reasons.some((x) => x.kind === 'history'), JSON.stringify(assessment.result.reasons));
    assert.ok(['hog', 'mycket_hog'].includes(assessment.level), assessment.level);
    const asChef = seen(await chef.get(`/risk-assessments/${assessment.id}`));
    assertStatus(asChef, 200);
    assert.ok(asChef.json.history.in_scope >= baseline.in_scope + 4);
    assert.ok(asChef.json.history.elsewhere >= 1);
    assert.equal(seen(await emp.get(`/risk-assessments/${assessment.id}`)).json.history, null);
    const list = seen(await chef.get('/risk-assessments?limit=500'));
    assert.ok(list.json.items.find((x) => x.id === assessment.id).subject_named);

    // Linking the incident reported after the meeting names the person there too.
    const decided = seen(await chef.post(`/risk-assessments/${assessment.id}/decision`, { measures: ['ej_ensam'] }));
    assertStatus(decided, 200);
    const after = await report(emp, { category: 'hot' });
    assert.equal((await history(chef, after.id)).named, false);
    assertStatus(seen(await emp.post(`/risk-assessments/${assessment.id}/incident`, { incident_id: after.id })), 200);
    const linked = await history(chef, after.id);
    assert.equal(linked.named, true);
    assert.ok(linked.history.in_scope >= baseline.in_scope + 4);

    // Un-naming on the assessment (PATCH subject: null) while open.
    const open = seen(await emp.post('/risk-assessments', {
      meeting_type: 'hembesok', event_at: new Date(Date.now() + 86_400_000).toISOString(), title: 'Hembesök',
      subject: { kind: 'personnummer', identifier: YOUNG },
    }));
    assertStatus(open, 201);
    assert.equal(open.json.subject_named, true);
    const unnamed = seen(await emp.patch(`/risk-assessments/${open.json.id}`, { subject: null }));
    assertStatus(unnamed, 200);
    assert.equal(unnamed.json.subject_named, false);
  });

  test('neither the identifier in any spelling nor the secret reaches the database, the audit log, the log or a response', async () => {
    const admin = await L.as('admin');
    const audit = JSON.stringify(await auditAll(admin));
    assert.ok(audit.includes('incident.subject_set'), 'naming is audited');
    assert.ok(audit.includes('incident.subject_history_read'), 'history reads are audited');

    const numbers = [...spellings(OLD), ...spellings(YOUNG), 'IFO2026/123', 'ifo 2026/123'];
    const keys = [
      subjectKey(secretHex, 'personnummer:191212121212'),
      subjectKey(secretHex, 'personnummer:198112189876'),
    ];
    const secrets = [secretHex, secretHex.toUpperCase()];

    // The database (SQLite: the file and its -wal file; PostgreSQL: everything pg_dump writes).
    let stored;
    if (srv.engine === 'postgresql') {
      const dump = spawnSync('pg_dump', ['--data-only', '--no-owner', srv.db],
        { encoding: 'latin1', maxBuffer: 512 * 1024 * 1024, timeout: 120_000 });
      assert.equal(dump.status, 0, `pg_dump: ${dump.stderr}`);
      stored = Buffer.from(dump.stdout, 'latin1');
    } else {
      const parts = [fs.readFileSync(srv.db)];
      assert.ok(fs.existsSync(`${srv.db}-wal`), 'the -wal file exists while the server runs');
      parts.push(fs.readFileSync(`${srv.db}-wal`));
      stored = Buffer.concat(parts);
    }
    // The scan sees what the server stored: the subject keys are there (as they must be).
    assert.ok(stored.includes(Buffer.from(keys[0])), 'the subject key of 19121212-1212 is stored');
    for (const n of numbers) {
      assert.ok(!stored.includes(Buffer.from(n)), `the database holds the identifier "${n}"`);
    }
    for (const s of secrets) assert.ok(!stored.includes(Buffer.from(s)), 'the database holds the secret (hex)');
    assert.ok(!stored.includes(Buffer.from(secretHex, 'hex')), 'the database holds the secret (raw)');

    // The audit log, the server's stdout/stderr and every response: no identifier, no subject key, no secret.
    const outputs = { audit, log: srv.output, responses: responses.join('\n') };
    for (const [where, text] of Object.entries(outputs)) {
      for (const n of numbers) assert.ok(!text.includes(n), `${where} holds the identifier "${n}"`);
      for (const k of keys) assert.ok(!text.includes(k), `${where} holds a subject key`);
      for (const s of secrets) assert.ok(!text.includes(s), `${where} holds the secret`);
      assert.doesNotMatch(text, /subject_key/, `${where} names subject_key`);
    }
  });

  test('a server with another key file cannot link the same identifier on the same data', async () => {
    const second = await startServer({ seed: false, db: srv.db });
    try {
      assert.notEqual(fs.readFileSync(second.keyFile, 'utf8').trim(), secretHex, 'a fresh key');
      const L2 = new Logins(second);
      const chef2 = await L2.as('chef.norr.eb');
      const inc = await report(await L2.as('medarbetare.norr.eb'), { category: 'hot' });
      const put = await chef2.put(`/incidents/${inc.id}/subject`, { kind: 'personnummer', identifier: OLD });
      assert.equal(put.status, 204, put.text);
      const h = await chef2.get(`/incidents/${inc.id}/subject-history`);
      assertStatus(h, 200);
      assert.equal(h.json.named, true);
      assert.equal(h.json.history.in_scope, 0, 'no link to the incidents named under the first key');
      assert.equal(h.json.history.elsewhere, 0);
      // The first server, with its own key, does not see the new one either.
      assert.equal((await history(chef, incidents[0].id)).history.in_scope, baseline.in_scope + 3 + 1 /* after */);
    } finally {
      await second.close();
    }
  });

  test('without a key, identifiers are refused with 503 subject.not_configured, and serve says so once', async () => {
    const keyless = await startServer({ seed: false, db: srv.db, pseudonymKey: false });
    try {
      assert.equal(keyless.keyFile, null);
      const L3 = new Logins(keyless);
      const chef3 = await L3.as('chef.norr.eb');
      const inc = await report(await L3.as('medarbetare.norr.eb'), { category: 'hot' });
      const r = await chef3.put(`/incidents/${inc.id}/subject`, { kind: 'personnummer', identifier: OLD });
      assertError(r, 503, 'subject.not_configured');
      assert.ok(!r.text.includes('1212'));
      const a = await (await L3.as('medarbetare.norr.eb')).post('/risk-assessments', {
        meeting_type: 'annat', event_at: new Date(Date.now() + 86_400_000).toISOString(), title: 'Utan nyckel',
        subject: { kind: 'personnummer', identifier: OLD },
      });
      assertError(a, 503, 'subject.not_configured');
      // Reading what is stored needs no key.
      const h = await chef3.get(`/incidents/${incidents[0].id}/subject-history`);
      assertStatus(h, 200);
      assert.equal(h.json.named, true);
      const lines = keyless.output.split('\n').filter((l) => /pseudonymisation key/i.test(l));
      assert.equal(lines.length, 1, keyless.output);
      assert.match(lines[0], /refused/);
    } finally {
      await keyless.close();
    }
    assert.ok(!srv.output.includes('no pseudonymisation key'), 'a server with a key does not warn');
  });

  test('trygg keygen refuses to overwrite a key; a key file readable by others is refused', () => {
    const again = runCli(['keygen', srv.keyFile]);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /exists/);
    assert.equal(fs.readFileSync(srv.keyFile, 'utf8').trim(), secretHex, 'the key is unchanged');
    const open = `${srv.tmp}/open.key`;
    fs.writeFileSync(open, `${secretHex}\n`, { mode: 0o644 });
    fs.chmodSync(open, 0o644);
    const r = runCli(['seed-demo', '--db', `${srv.tmp}/never.db`, '--pseudonym-key-file', open]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /pseudonym\.key_file/);
    assert.ok(!r.stderr.includes(secretHex), 'the error does not print the key');
    const missing = runCli(['seed-demo', '--db', `${srv.tmp}/never.db`, '--pseudonym-key-file', `${srv.tmp}/absent.key`]);
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /pseudonym\.key_file/);
  });
});
