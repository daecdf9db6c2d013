// Many clients at once, on two `trygg serve` processes sharing one database:
// concurrent reports, versioned updates (exactly one winner, the rest 409
// incident.stale_version), unversioned updates and notes (nothing lost), and
// measures racing the close of an incident (never "closed with an open
// measure"). Every answer must be clean: 2xx, or a 4xx with the contract's
// error body; any 5xx (503 included) or a dropped connection fails the file.
//
// Runs unchanged on SQLite (two processes on one file) and PostgreSQL.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, TEST_ENGINE } from './lib/server.mjs';
import { assertStatus, listAll, auditAll, isoAgo, dateIn } from './lib/client.mjs';
import { Logins, report, incidentBody } from './lib/fixtures.mjs';

const IN_FLIGHT = 24;  // requests in flight at once

let srvA; let srvB;
let LA; let LB;
const servers = () => [LA, LB];

// --- every answer of every scenario ---------------------------------------------
const answers = [];  // {scenario, method, path, status, code}
const unclean = [];  // answers that are neither 2xx nor a 4xx with error.code

function record(scenario, r, method, path) {
  const code = r.json?.error?.code ?? null;
  answers.push({ scenario, method, path, status: r.status, code });
  const ok2xx = r.status >= 200 && r.status < 300;
  const clean4xx = r.status >= 400 && r.status < 500 && typeof code === 'string'
    && typeof r.json?.error?.message === 'string';
  if (!ok2xx && !clean4xx) {
    unclean.push(`${scenario}: ${method} ${path} → ${r.status} ${String(r.text).slice(0, 300)}`);
  }
}

// One request through `client`, recorded; a network failure is status 0.
async function call(scenario, client, method, path, body) {
  let r;
  try {
    r = await client.request(method, path, body === undefined ? {} : { body });
  } catch (e) {
    r = { status: 0, text: `${e.name}: ${e.message}`, json: null };
  }
  record(scenario, r, method, path);
  return r;
}

// Runs the thunks with at most `limit` in flight; results in input order.
async function pool(thunks, limit = IN_FLIGHT) {
  const results = new Array(thunks.length);
  let next = 0;
  const worker = async () => {
    while (next < thunks.length) {
      const i = next++;
      results[i] = await thunks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, thunks.length) }, worker));
  return results;
}

// The scenario's unclean answers (5xx, 503, network errors, non-JSON errors).
function assertCleanAnswers(scenario) {
  const bad = unclean.filter((u) => u.startsWith(`${scenario}:`));
  assert.deepEqual(bad, [], `${scenario}: ${bad.length} unclean answers`);
}

function statusHistogram(list) {
  const h = {};
  for (const a of list) {
    const k = a.code ? `${a.status} ${a.code}` : String(a.status);
    h[k] = (h[k] ?? 0) + 1;
  }
  return h;
}

// The client for `username` on server k % 2 (A for even, B for odd).
const on = (k, username) => servers()[k % 2].as(username);
const srvName = (k) => (k % 2 === 0 ? 'A' : 'B');

async function fullIncident(scenario, client, id) {
  const r = await call(scenario, client, 'GET', `/incidents/${id}`);
  assertStatus(r, 200);
  return r.json;
}

async function verifyAudit(client) {
  const r = await client.get('/audit/verify');
  assertStatus(r, 200);
  assert.equal(r.json.ok, true, `audit chain: ${r.text}`);
  return r.json;
}

before(async () => {
  srvA = await startServer();
  // A second process on the same database: no seeding, the same --db.
  srvB = await startServer({ seed: false, db: srvA.db });
  LA = new Logins(srvA);
  LB = new Logins(srvB);
});
after(async () => {
  await srvB?.close();
  await srvA?.close();
});

test('two servers on one database: a login on one is a session on the other', async () => {
  const a = await LA.as('sakerhet.norr');
  const b = await LB.as('sakerhet.norr');
  const la = await listAll(a);
  const lb = await listAll(b);
  assert.equal(la.total, lb.total, 'both servers see the same incidents');
  assert.ok(srvA.url !== srvB.url);
  // The session cookie from A works on B (sessions live in the database).
  const viaB = await a.request('GET', `${srvB.url}/api/v1/me`);
  assertStatus(viaB, 200);
  assert.equal(viaB.json.username, 'sakerhet.norr');
});

describe('1. many reporters at once', () => {
  const S = 'reports';
  const REPORTERS = ['medarbetare.norr.eb', 'medarbetare.norr.eb2', 'medarbetare.norr.bou',
    'medarbetare.norr.bou2', 'medarbetare.norr.vux', 'medarbetare.norr.vux2', 'medarbetare.norr.rec'];
  const PER_REPORTER = 15;
  const CATEGORIES = ['hot', 'trakasserier', 'skadegorelse', 'annat', 'forolampning'];
  const PLACES = ['reception', 'besoksrum', 'hembesok', 'telefon', 'digitalt'];

  test(`${REPORTERS.length * PER_REPORTER} reports from ${REPORTERS.length} employees on two servers: all 201, none lost or mixed`, async () => {
    const sak = await LA.as('sakerhet.norr');
    const baseline = await listAll(sak);
    const baseIds = new Set(baseline.items.map((i) => i.id));
    // Log everyone in on both servers first, so the race is only the reports.
    for (const u of REPORTERS) { await LA.as(u); await LB.as(u); }

    const jobs = [];
    for (let n = 0; n < PER_REPORTER; n++) {
      for (const [u, user] of REPORTERS.entries()) {
        const k = jobs.length;
        const body = incidentBody({
          category: CATEGORIES[k % CATEGORIES.length],
          place_type: PLACES[(k + u) % PLACES.length],
          occurred_at: isoAgo(60 + k),
          description: `Samtidig rapport #${k} från ${user} via server ${srvName(k)}.`,
          injury: 'ingen',
        });
        jobs.push({ k, user, body });
      }
    }
    const t0 = Date.now();
    const created = await pool(jobs.map((j) => async () => {
      const c = await on(j.k, j.user);
      return { ...j, r: await call(S, c, 'POST', '/incidents', j.body) };
    }));
    const ms = Date.now() - t0;
    assertCleanAnswers(S);
    const statuses = statusHistogram(created.map((x) => ({ status: x.r.status, code: x.r.json?.error?.code })));
    assert.deepEqual(statuses, { 201: jobs.length }, `every report is 201 (${ms} ms)`);

    const ids = created.map((x) => x.r.json.incident.id);
    assert.equal(new Set(ids).size, ids.length, 'distinct ids');
    for (const id of ids) assert.ok(!baseIds.has(id), `id ${id} was already taken`);

    // Both servers list exactly the old incidents plus ours.
    for (const [name, L] of [['A', LA], ['B', LB]]) {
      const now = await listAll(await L.as('sakerhet.norr'));
      assert.equal(now.total, baseline.total + jobs.length, `total on server ${name}`);
      const fresh = now.items.map((i) => i.id).filter((id) => !baseIds.has(id)).sort((a, b) => a - b);
      assert.deepEqual(fresh, [...ids].sort((a, b) => a - b), `new incidents listed by server ${name}`);
    }

    // Each incident, read by its reporter on the *other* server, has its own data.
    const mixed = [];
    await pool(created.map((x) => async () => {
      const reporter = await on(x.k + 1, x.user);
      const got = await fullIncident(S, reporter, x.r.json.incident.id);
      const want = x.r.json.incident;
      const checks = {
        description: [got.description, x.body.description],
        category: [got.category, x.body.category],
        place_type: [got.place_type, x.body.place_type],
        occurred_at: [got.occurred_at, x.body.occurred_at],
        reporter: [got.reporter?.id, reporter.me.id],
        unit_id: [got.unit_id, reporter.me.unit_id],
        exposed: [JSON.stringify(got.exposed?.map((p) => p.id)), JSON.stringify([reporter.me.id])],
        severity: [got.severity, want.severity],
        status: [got.status, 'ny'],
        version: [got.version, 1],
        created_log: [got.log?.filter((l) => l.action === 'created').length, 1],
      };
      for (const [k, [g, w]] of Object.entries(checks)) {
        if (g !== w) mixed.push(`#${x.k} id ${want.id} ${k}: got ${g}, want ${w}`);
      }
    }));
    assertCleanAnswers(S);
    assert.deepEqual(mixed, [], 'every incident carries its own data');

    // The audit chain verifies on both, with one incident.create per report by its reporter.
    const admin = await LB.as('admin');
    const va = await verifyAudit(await LA.as('admin'));
    const vb = await verifyAudit(admin);
    assert.equal(va.records, vb.records, 'both servers verify the same chain');
    const audit = await auditAll(admin);
    const creates = new Map();
    for (const a of audit) {
      if (a.action === 'incident.create') creates.set(a.target_id, [...(creates.get(a.target_id) ?? []), a]);
    }
    for (const x of created) {
      const recs = creates.get(x.r.json.incident.id) ?? [];
      assert.equal(recs.length, 1, `incident.create records for ${x.r.json.incident.id}`);
      assert.equal(recs[0].actor_id, (await LA.as(x.user)).me.id, 'the audit names the reporter');
    }
    const seqs = audit.map((a) => a.seq);
    assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1), 'audit seqs 1..n without gaps');
  });
});

describe('3. no lost update', () => {
  const MANAGERS = ['chef.norr.eb', 'avdchef.norr'];

  test('versioned PATCHes and transitions on the same version: exactly one wins, the rest 409 stale', async () => {
    const S = 'versioned';
    const K = 8; const N = 12;
    const rep = await LA.as('medarbetare.norr.eb');
    const incs = [];
    for (let i = 0; i < K; i++) incs.push(await report(rep, { description: `Versionstest ${i}` }));
    for (const m of MANAGERS) { await LA.as(m); await LB.as(m); }

    // N requests per incident, all carrying version 1: PATCHes with distinct values
    // and a few transitions, from two managers on two servers.
    const jobs = [];
    for (const inc of incs) {
      for (let j = 0; j < N; j++) {
        const transition = j % 4 === 3;
        const body = transition
          ? { action: j % 8 === 3 ? 'acknowledge' : 'investigate', version: inc.version }
          : { severity: 1 + (j % 4), perpetrator_note: `ändring ${j} av incident ${inc.id}`, version: inc.version };
        jobs.push({ inc, j, transition, body, user: MANAGERS[j % 2], k: j >> 1 });
      }
    }
    const results = await pool(jobs.map((x) => async () => {
      const c = await on(x.k, x.user);
      const r = x.transition
        ? await call(S, c, 'POST', `/incidents/${x.inc.id}/transitions`, x.body)
        : await call(S, c, 'PATCH', `/incidents/${x.inc.id}`, x.body);
      return { ...x, r };
    }));
    assertCleanAnswers(S);

    const problems = [];
    for (const inc of incs) {
      const mine = results.filter((x) => x.inc.id === inc.id);
      const won = mine.filter((x) => x.r.status === 200);
      const stale = mine.filter((x) => x.r.status === 409 && x.r.json?.error?.code === 'incident.stale_version');
      const other = mine.filter((x) => !won.includes(x) && !stale.includes(x));
      if (won.length !== 1) problems.push(`incident ${inc.id}: ${won.length} winners (want 1)`);
      if (other.length) problems.push(`incident ${inc.id}: unexpected ${other.map((x) => `${x.r.status} ${x.r.json?.error?.code}`)}`);
      const final = await fullIncident(S, await LA.as('chef.norr.eb'), inc.id);
      if (final.version !== inc.version + 1) problems.push(`incident ${inc.id}: version ${final.version}, want ${inc.version + 1}`);
      if (won.length === 1) {
        const w = won[0];
        if (w.transition) {
          const want = w.body.action === 'acknowledge' ? 'mottagen' : 'utreds';
          if (final.status !== want) problems.push(`incident ${inc.id}: status ${final.status}, want ${want}`);
          if (String(final.perpetrator_note ?? '').startsWith('ändring')) {
            problems.push(`incident ${inc.id}: a losing PATCH changed perpetrator_note to ${final.perpetrator_note}`);
          }
        } else {
          if (final.perpetrator_note !== w.body.perpetrator_note) problems.push(`incident ${inc.id}: perpetrator_note ${final.perpetrator_note}, want the winner's ${w.body.perpetrator_note}`);
          if (final.severity !== w.body.severity) problems.push(`incident ${inc.id}: severity ${final.severity}, want the winner's ${w.body.severity}`);
          if (final.status !== 'ny') problems.push(`incident ${inc.id}: status ${final.status} after a PATCH won`);
        }
        if (w.r.json.version !== inc.version + 1) problems.push(`incident ${inc.id}: the winner's answer has version ${w.r.json.version}`);
      }
      const changes = final.log.filter((l) => l.action === 'updated' || l.action === 'status_changed');
      if (changes.length !== 1) problems.push(`incident ${inc.id}: ${changes.length} change log entries (want 1)`);
    }
    assert.deepEqual(problems, []);
  });

  test('unversioned PATCHes of different fields and a transition at once: every change is kept', async () => {
    const S = 'unversioned';
    const K = 8;
    const rep = await LA.as('medarbetare.norr.eb2');
    const incs = [];
    for (let i = 0; i < K; i++) incs.push(await report(rep, { description: `Fältändringar ${i}`, severity: 1 }));
    const jobs = [];
    for (const [i, inc] of incs.entries()) {
      const p = `/incidents/${inc.id}`;
      jobs.push(
        { inc, user: 'chef.norr.eb', k: i, method: 'PATCH', path: p, body: { severity: 3 } },
        { inc, user: 'avdchef.norr', k: i + 1, method: 'PATCH', path: p, body: { perpetrator_note: `anteckning ${inc.id}` } },
        { inc, user: 'chef.norr.eb', k: i + 1, method: 'PATCH', path: p, body: { perpetrator_relation: 'anhorig' } },
        { inc, user: 'avdchef.norr', k: i, method: 'POST', path: `${p}/transitions`, body: { action: 'acknowledge' } },
      );
    }
    const results = await pool(jobs.map((x) => async () => {
      const r = await call(S, await on(x.k, x.user), x.method, x.path, x.body);
      return { ...x, r };
    }));
    assertCleanAnswers(S);
    const problems = [];
    for (const x of results) {
      if (x.r.status !== 200) problems.push(`${x.method} ${x.path} ${JSON.stringify(x.body)}: ${x.r.status} ${x.r.text}`);
    }
    for (const inc of incs) {
      const f = await fullIncident(S, await LB.as('chef.norr.eb'), inc.id);
      const want = { severity: 3, perpetrator_note: `anteckning ${inc.id}`, perpetrator_relation: 'anhorig', status: 'mottagen', version: inc.version + 4 };
      const got = Object.fromEntries(Object.keys(want).map((k) => [k, f[k]]));
      if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`incident ${inc.id}: ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      const updated = f.log.filter((l) => l.action === 'updated').length;
      if (updated !== 3) problems.push(`incident ${inc.id}: ${updated} "updated" log entries (want 3)`);
    }
    assert.deepEqual(problems, []);
  });

  test('concurrent notes without a version: all 201, all kept', async () => {
    const S = 'notes';
    const K = 6; const M = 20;
    const AUTHORS = ['medarbetare.norr.vux', 'chef.norr.vux', 'sakerhet.norr', 'skyddsombud.norr'];
    const rep = await LA.as('medarbetare.norr.vux');
    const incs = [];
    for (let i = 0; i < K; i++) incs.push(await report(rep, { description: `Anteckningar ${i}` }));
    for (const a of AUTHORS) { await LA.as(a); await LB.as(a); }
    const jobs = [];
    for (let j = 0; j < M; j++) {
      for (const inc of incs) jobs.push({ inc, j, user: AUTHORS[j % AUTHORS.length], k: j + inc.id, text: `Anteckning ${j} om ${inc.id}` });
    }
    const results = await pool(jobs.map((x) => async () => {
      const r = await call(S, await on(x.k, x.user), 'POST', `/incidents/${x.inc.id}/notes`, { text: x.text });
      return { ...x, r };
    }));
    assertCleanAnswers(S);
    assert.deepEqual(statusHistogram(results.map((x) => ({ status: x.r.status, code: x.r.json?.error?.code }))), { 201: jobs.length });
    const noteIds = results.map((x) => x.r.json.id);
    assert.equal(new Set(noteIds).size, noteIds.length, 'distinct note ids');
    const problems = [];
    for (const inc of incs) {
      const f = await fullIncident(S, await LB.as('chef.norr.vux'), inc.id);
      const want = results.filter((x) => x.inc.id === inc.id);
      const texts = f.notes.map((n) => n.text).sort();
      if (JSON.stringify(texts) !== JSON.stringify(want.map((x) => x.text).sort())) {
        problems.push(`incident ${inc.id}: ${f.notes.length} notes (want ${M}): ${texts.join(' | ')}`);
      }
      for (const x of want) {
        const n = f.notes.find((y) => y.id === x.r.json.id);
        if (!n || n.text !== x.text || n.author.id !== (await LA.as(x.user)).me.id) {
          problems.push(`incident ${inc.id}: note ${x.r.json.id} is ${JSON.stringify(n)}, want "${x.text}" by ${x.user}`);
        }
      }
      const added = f.log.filter((l) => l.action === 'note_added').length;
      if (added !== M) problems.push(`incident ${inc.id}: ${added} note_added log entries (want ${M})`);
      if (f.version !== inc.version) problems.push(`incident ${inc.id}: notes changed the version to ${f.version}`);
    }
    assert.deepEqual(problems, []);
  });
});

describe('4. measures racing the close', () => {
  const S = 'workflow';
  const K = 20; const ROUNDS = 3;
  const MANAGERS = ['chef.norr.bou', 'avdchef.norr'];
  const ALLOWED = {
    add: ['201', '409 incident.closed'],
    close: ['200', '409 workflow.open_measures', '409 workflow.transition_not_allowed'],
    reopen: ['200', '409 workflow.transition_not_allowed'],
    done: ['200', '409 incident.closed'],
  };

  test(`${K} incidents, ${ROUNDS} rounds of add/close/reopen/complete at once: never closed with an open measure`, async (t) => {
    const rep = await LA.as('medarbetare.norr.bou');
    const rep2 = await LB.as('medarbetare.norr.bou2');
    for (const m of MANAGERS) { await LA.as(m); await LB.as(m); }
    const chefA = await LA.as('chef.norr.bou');
    const incs = await pool(Array.from({ length: K }, (_, i) => async () => {
      const r = await call(S, i % 2 ? rep2 : rep, 'POST', '/incidents', incidentBody({ description: `Åtgärdsrace ${i}` }));
      assertStatus(r, 201);
      return r.json.incident;
    }));
    // Receive all; half start with an open measure.
    const setup = await pool(incs.flatMap((inc, i) => [
      async () => call(S, chefA, 'POST', `/incidents/${inc.id}/transitions`, { action: 'acknowledge' }),
      ...(i % 2 === 0 ? [async () => call(S, chefA, 'POST', `/incidents/${inc.id}/measures`, {
        title: `Första åtgärden ${inc.id}`, responsible_user_id: chefA.me.id, due_date: dateIn(7),
      })] : []),
    ]));
    for (const r of setup) assert.ok(r.status === 200 || r.status === 201, `setup: ${r.status} ${r.text}`);
    assertCleanAnswers(S);

    const state = new Map();  // id → last full incident
    for (const inc of incs) state.set(inc.id, await fullIncident(S, chefA, inc.id));
    const problems = [];
    const outcomes = {};
    let closedEver = 0;
    let refusedForMeasures = 0;

    for (let round = 1; round <= ROUNDS; round++) {
      const jobs = [];
      for (const [i, inc] of incs.entries()) {
        const cur = state.get(inc.id);
        const base = `/incidents/${inc.id}`;
        const mk = (kind, k, user, method, path, body) => ({ inc, kind, k, user, method, path, body });
        const group = [
          mk('add', i, MANAGERS[0], 'POST', `${base}/measures`, { title: `Åtgärd r${round} a`, responsible_user_id: chefA.me.id, due_date: dateIn(10) }),
          mk('close', i + 1, MANAGERS[1], 'POST', `${base}/transitions`, { action: 'close' }),
          mk('close', i, MANAGERS[0], 'POST', `${base}/transitions`, { action: 'close' }),
        ];
        // A second add on every other incident (fewer adds: closes win more often).
        if ((i + round) % 2 === 0) {
          group.push(mk('add', i + 1, MANAGERS[1], 'POST', `${base}/measures`, { title: `Åtgärd r${round} b`, responsible_user_id: chefA.me.id, due_date: dateIn(12) }));
        }
        // Complete every open measure in the same race (so a close can succeed).
        for (const [j, m] of (cur.measures ?? []).entries()) {
          if (m.status === 'oppen') group.push(mk('done', i + j, MANAGERS[j % 2], 'PATCH', `${base}/measures/${m.id}`, { status: 'klar' }));
        }
        if (cur.status === 'avslutad') group.push(mk('reopen', i + round, MANAGERS[round % 2], 'POST', `${base}/transitions`, { action: 'reopen', reason: `Omprövning runda ${round}` }));
        // Rotate the order so each kind sometimes goes first.
        const shift = (i + round) % group.length;
        jobs.push(...group.slice(shift), ...group.slice(0, shift));
      }
      const results = await pool(jobs.map((x) => async () => {
        const r = await call(S, await on(x.k, x.user), x.method, x.path, x.body);
        return { ...x, r };
      }));

      for (const x of results) {
        const key = x.r.json?.error?.code ? `${x.r.status} ${x.r.json.error.code}` : String(x.r.status);
        outcomes[`${x.kind} ${key}`] = (outcomes[`${x.kind} ${key}`] ?? 0) + 1;
        if (!ALLOWED[x.kind].includes(key)) problems.push(`round ${round}: ${x.kind} ${x.method} ${x.path} → ${x.r.status} ${x.r.text.slice(0, 200)}`);
        if (key === '409 workflow.open_measures') refusedForMeasures++;
      }

      const after = await pool(incs.map((inc, i) => async () => fullIncident(S, await on(i + round, MANAGERS[0]), inc.id)));
      for (const [i, inc] of incs.entries()) {
        const before = state.get(inc.id);
        const f = after[i];
        const mine = results.filter((x) => x.inc.id === inc.id);
        const ok = (kind) => mine.filter((x) => x.kind === kind && x.r.status >= 200 && x.r.status < 300).length;
        const open = (f.measures ?? []).filter((m) => m.status === 'oppen');
        const where = `round ${round}, incident ${inc.id} (${f.status})`;
        if (f.status === 'avslutad') {
          closedEver++;
          if (f.open_measures !== 0) problems.push(`${where}: closed with open_measures ${f.open_measures}`);
          if (open.length) problems.push(`${where}: closed with open measures ${open.map((m) => m.id)}`);
          if (!f.closed_at) problems.push(`${where}: closed without closed_at`);
        } else if (f.closed_at !== null) {
          problems.push(`${where}: closed_at ${f.closed_at} on an open incident`);
        }
        if (f.open_measures !== open.length) problems.push(`${where}: open_measures ${f.open_measures}, but ${open.length} measures are oppen`);
        // Nothing lost, nothing extra: measures = before + successful adds;
        // status changes = successful closes + reopens.
        const wantMeasures = (before.measures ?? []).length + ok('add');
        if ((f.measures ?? []).length !== wantMeasures) problems.push(`${where}: ${(f.measures ?? []).length} measures, want ${wantMeasures}`);
        const closes = ok('close'); const reopens = ok('reopen');
        if (closes > 1) problems.push(`${where}: ${closes} closes succeeded`);
        const wantStatus = before.status === 'avslutad'
          ? (reopens ? (closes ? 'avslutad' : 'utreds') : 'avslutad')
          : (closes ? 'avslutad' : before.status);
        if (f.status !== wantStatus) problems.push(`${where}: status ${f.status}, want ${wantStatus} (closes ${closes}, reopens ${reopens})`);
        const wantVersion = before.version + closes + reopens;
        if (f.version !== wantVersion) problems.push(`${where}: version ${f.version}, want ${wantVersion}`);
        const logCount = (a) => f.log.filter((l) => l.action === a).length;
        const prevLog = (a) => before.log.filter((l) => l.action === a).length;
        if (logCount('measure_added') - prevLog('measure_added') !== ok('add')) problems.push(`${where}: measure_added log entries do not match the 201s`);
        if (logCount('measure_updated') - prevLog('measure_updated') !== ok('done')) problems.push(`${where}: measure_updated log entries do not match the 200s`);
        state.set(inc.id, f);
      }
    }
    assertCleanAnswers(S);
    const msg = `workflow race outcomes (${TEST_ENGINE}): ${JSON.stringify(outcomes)}; `
      + `closed after a round: ${closedEver}, closes refused for open measures: ${refusedForMeasures}`;
    t.diagnostic(msg);
    assert.deepEqual(problems, []);
  });
});

describe('2. both servers agree afterwards', () => {
  test('the same incidents, versions and audit chain on both', async () => {
    const [la, lb] = await Promise.all([LA, LB].map(async (L) => listAll(await L.as('sakerhet.norr'))));
    assert.equal(la.total, lb.total);
    const view = (items) => items.map((i) => `${i.id}:${i.status}:${i.version}:${i.severity}:${i.open_measures}`);
    assert.deepEqual(view(la.items), view(lb.items), 'identical lists on A and B');
    const va = await verifyAudit(await LA.as('admin'));
    const vb = await verifyAudit(await LB.as('admin'));
    assert.equal(va.records, vb.records, 'the same number of audit records');
    const [aa, ab] = await Promise.all([LA, LB].map(async (L) => auditAll(await L.as('admin'))));
    assert.deepEqual(aa.map((r) => r.hash), ab.map((r) => r.hash), 'the same audit chain');
    assert.ok(srvA.running && srvB.running, 'both servers are still up');
  });
});

describe('5. every answer was clean', () => {
  test('no 5xx (503 included), no dropped connections, no error without error.code', async (t) => {
    const h = statusHistogram(answers.map((a) => ({ status: a.status, code: null })));
    const by = {};
    for (const a of answers) by[a.scenario] = (by[a.scenario] ?? 0) + 1;
    const fivexx = answers.filter((a) => a.status >= 500 || a.status === 0);
    const msg = `concurrency (${TEST_ENGINE}): ${answers.length} answers ${JSON.stringify(h)} by scenario ${JSON.stringify(by)}; `
      + `5xx/dropped: ${fivexx.length} (503: ${answers.filter((a) => a.status === 503).length})`;
    t.diagnostic(msg);
    assert.ok(answers.length > 800, `only ${answers.length} answers recorded`);
    assert.deepEqual(unclean, [], `${unclean.length} unclean answers`);
  });
});
