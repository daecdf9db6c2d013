// The authorization matrix: every endpoint × every role, one user inside the
// scope and one outside, against four fixture incidents in Norra / Ekonomiskt
// bistånd reported by medarbetare.norr.eb: normal, sensitive, serious, and a
// sensitive one that also names medarbetare.norr.bou (another unit) as exposed.
//
// The expected access is data (EXPECTED below, from docs/domain.md "Who sees
// what" and src/domain/visibility.h). Every comparison is one check; a check
// that shows a caller more than the rules allow is a leak. The test prints
// "authz matrix: N checks, L leaks" and fails on any mismatch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { Client, listAll, dateIn, auditAll } from './lib/client.mjs';
import {
  Logins, report, ALWAYS_FIELDS, DETAIL_FIELDS, FOLLOWUP_FIELDS, PERPETRATOR_FIELDS, PERPETRATOR_NOTE_FIELDS, ACCESS_FLAGS,
} from './lib/fixtures.mjs';

// --- The expected matrix -------------------------------------------------------
const A = (details, perpetrator, perpetrator_note, annotate, manage) =>
  ({ details, perpetrator, perpetrator_note, annotate, manage });
const NONE = null;                                   // may not know it exists: 404, never listed
const EXISTS = A(false, false, false, false, false); // category, dates, severity, status, measures
const INVOLVED = A(true, true, false, true, false);  // reporter / exposed
const MANAGER = A(true, true, true, true, true);     // chef in scope
const SAKERHET = A(true, true, true, true, false);   // säkerhetssamordnare of the förvaltning
const OMBUD = A(true, false, false, true, false);    // skyddsombud covering the unit

const KINDS = ['normal', 'sensitive', 'serious', 'exposed'];
const all = (a) => ({ normal: a, sensitive: a, serious: a, exposed: a });

export const EXPECTED = {
  'medarbetare.norr.eb': all(INVOLVED),                    // the reporter
  'medarbetare.norr.eb2': all(NONE),                       // same unit, not involved
  'medarbetare.norr.rec': all(NONE),
  'medarbetare.norr.bou': { ...all(NONE), exposed: INVOLVED },  // exposed, from another unit
  'chef.norr.eb': all(MANAGER),                            // the unit's own chef
  'chef.norr.bou': all(NONE),                              // a sibling unit's chef
  'chef.soder.eb': all(NONE),                              // the same kind of unit elsewhere
  'avdchef.norr': { normal: MANAGER, sensitive: NONE, serious: MANAGER, exposed: NONE }, // broader chef
  'avdchef.soder': all(NONE),
  'skyddsombud.norr': { normal: OMBUD, sensitive: EXISTS, serious: OMBUD, exposed: EXISTS },
  'skyddsombud.soder': all(NONE),
  'sakerhet.norr': all(SAKERHET),
  'sakerhet.soder': all(NONE),
  'analytiker': all(NONE),
  'admin': all(NONE),
};

// Non-incident endpoints: who gets through (everyone else: 403).
const ADMIN_ONLY = new Set(['admin']);
const AUDIT_READERS = new Set(['admin', 'sakerhet.norr', 'sakerhet.soder']);

// --- Bookkeeping ------------------------------------------------------------------
let checks = 0;
const leaks = [];
const mismatches = [];
function check(ok, what, { leak = false } = {}) {
  checks++;
  if (!ok) (leak ? leaks : mismatches).push(what);
  return ok;
}

// Compares a status with the expected one; a status that reveals more than
// expected is a leak (2xx where refused; 403 or 2xx where the incident must
// look absent).
function checkStatus(r, want, what) {
  const got = r.status;
  const revealing = (want === 404 && got !== 404 && got !== 401 && got < 500)
    || (want === 403 && got >= 200 && got < 300)
    || (want === 401 && got >= 200 && got < 300);
  return check(got === want, `${what}: expected ${want}, got ${got} ${r.text.slice(0, 160)}`, { leak: revealing });
}

function allowedFields(access, { read }) {
  const s = new Set(ALWAYS_FIELDS);
  if (read) s.add('measures');
  if (access.details) {
    DETAIL_FIELDS.forEach((f) => s.add(f));
    if (read) { s.add('notes'); s.add('log'); FOLLOWUP_FIELDS.forEach((f) => s.add(f)); }
  }
  if (access.perpetrator) PERPETRATOR_FIELDS.forEach((f) => s.add(f));
  if (access.perpetrator_note) PERPETRATOR_NOTE_FIELDS.forEach((f) => s.add(f));
  return s;
}

// Checks which fields an incident object carries. `read`: GET /incidents/{id}
// (every allowed field must be present); otherwise a list or inbox item (no
// field beyond the allowed ones; the always-fields present).
function checkFields(inc, access, what, { read }) {
  const allowed = allowedFields(access, { read });
  const known = new Set([...ALWAYS_FIELDS, ...DETAIL_FIELDS, ...FOLLOWUP_FIELDS, ...PERPETRATOR_FIELDS,
    ...PERPETRATOR_NOTE_FIELDS, 'measures', 'notes', 'log']);
  for (const f of known) {
    const has = Object.prototype.hasOwnProperty.call(inc, f);
    if (allowed.has(f)) {
      if (read || ALWAYS_FIELDS.includes(f)) check(has, `${what}: field ${f} missing`);
    } else {
      check(!has, `${what}: field ${f} must be absent`, { leak: true });
    }
  }
  for (const f of Object.keys(inc)) {
    check(known.has(f), `${what}: unexpected field ${f}`, { leak: true });
  }
  const acc = inc.access ?? {};
  for (const flag of ACCESS_FLAGS) {
    check(acc[flag] === access[flag], `${what}: access.${flag} = ${acc[flag]}, expected ${access[flag]}`,
      { leak: acc[flag] === true && !access[flag] });
  }
}

// --- Setup ---------------------------------------------------------------------------
let srv;
let L;
const fixtures = {};        // kind → incident (as created)
const measureOf = {};       // kind → measure id
const created = [];         // every incident created here: {id, kind}
let nonexistentId;
let bouId;

before(async () => {
  srv = await startServer();
  L = new Logins(srv);
  const rep = await L.as('medarbetare.norr.eb');
  const chef = await L.as('chef.norr.eb');
  const common = {
    perpetrator_relation: 'brukare',
    perpetrator_note: 'Brukaren har hotat tidigare.',
    description: 'Hot vid disken i receptionen.',
  };
  fixtures.normal = await report(rep, { ...common, category: 'hot' });
  fixtures.sensitive = await report(rep, { ...common, category: 'trakasserier', sensitive: true });
  fixtures.serious = await report(rep, { ...common, category: 'vald', weapon: true, injury: 'lindrig', severity: 4 });
  bouId = await L.userId('medarbetare.norr.bou');
  fixtures.exposed = await report(rep, { ...common, category: 'hot', sensitive: true, exposed_user_ids: [rep.me.id, bouId] });
  assert.equal(fixtures.sensitive.sensitive, true);
  assert.ok(fixtures.serious.severity >= 3);
  for (const kind of KINDS) {
    created.push({ id: fixtures[kind].id, kind });
    const n = await chef.post(`/incidents/${fixtures[kind].id}/notes`, { text: `Anteckning ${kind}` });
    assert.equal(n.status, 201, n.text);
    const m = await chef.post(`/incidents/${fixtures[kind].id}/measures`, {
      title: `Åtgärd ${kind}`, responsible_user_id: chef.me.id, due_date: dateIn(10),
    });
    assert.equal(m.status, 201, m.text);
    measureOf[kind] = m.json.id;
  }
  // Measures owned by people who may not see the incident: their inbox must
  // still not show it (checked in the inbox test).
  for (const [kind, owner] of [['sensitive', 'medarbetare.norr.eb2'], ['exposed', 'chef.soder.eb']]) {
    const m = await chef.post(`/incidents/${fixtures[kind].id}/measures`, {
      title: `Extern ansvarig ${kind}`, responsible_user_id: await L.userId(owner), due_date: dateIn(2),
    });
    assert.equal(m.status, 201, m.text);
  }
  nonexistentId = Math.max(...created.map((c) => c.id)) + 100000;
  for (const u of Object.keys(EXPECTED)) await L.as(u);
});

after(async () => {
  console.log(`authz matrix: ${checks} checks, ${leaks.length} leaks`
    + (mismatches.length ? `, ${mismatches.length} other mismatches` : ''));
  for (const l of leaks) console.log(`  LEAK: ${l}`);
  for (const m of mismatches) console.log(`  MISMATCH: ${m}`);
  await srv?.close();
});

// The incident endpoints and what each needs. `body(kind)` is a request that
// would succeed for an allowed caller.
const INCIDENT_WRITES = [
  { name: 'PATCH /incidents/{id}', method: 'PATCH', path: (id) => `/incidents/${id}`, body: () => ({ severity: 4 }), need: 'manage', ok: 200 },
  { name: 'POST /incidents/{id}/transitions', method: 'POST', path: (id) => `/incidents/${id}/transitions`, body: () => ({ action: 'acknowledge' }), need: 'manage', ok: 200, fresh: true },
  { name: 'POST /incidents/{id}/notes', method: 'POST', path: (id) => `/incidents/${id}/notes`, body: () => ({ text: 'En anteckning' }), need: 'annotate', ok: 201 },
  { name: 'POST /incidents/{id}/measures', method: 'POST', path: (id) => `/incidents/${id}/measures`, body: () => ({ title: 'Ny åtgärd', responsible_user_id: 1, due_date: dateIn(20) }), need: 'manage', ok: 201 },
  { name: 'PATCH /incidents/{id}/measures/{mid}', method: 'PATCH', path: (id, kind) => `/incidents/${id}/measures/${measureOf[kind] ?? 1}`, body: () => ({ title: 'Ändrad åtgärd' }), need: 'manage', ok: 200 },
  { name: 'PUT /incidents/{id}/authority-notices/arbetsmiljoverket', method: 'PUT', path: (id) => `/incidents/${id}/authority-notices/arbetsmiljoverket`, body: () => ({ notified_at: new Date(Date.now() - 60_000).toISOString(), channel: 'e_tjanst', reference: 'AV-1' }), need: 'manage', ok: 200 },
];

function expectedStatus(access, ep) {
  if (access === NONE) return 404;
  return access[ep.need] ? ep.ok : 403;
}

// A body with the id replaced, so "not visible" and "does not exist" compare equal.
function normalized(r, id) {
  return `${r.status} ${r.text.split(String(id)).join('{id}')}`;
}

async function snapshot() {
  const chef = await L.as('chef.norr.eb');
  const out = {};
  for (const kind of KINDS) {
    const g = await chef.get(`/incidents/${fixtures[kind].id}`);
    const j = g.json;
    out[kind] = JSON.stringify({
      version: j.version, severity: j.severity, status: j.status, sensitive: j.sensitive,
      notes: j.notes?.map((n) => n.text), measures: j.measures?.map((m) => [m.id, m.title, m.status]),
      log: j.log?.length,
    });
  }
  return out;
}

test('GET /incidents/{id}: status and exactly the allowed fields, 404 like a missing id', async () => {
  for (const [user, row] of Object.entries(EXPECTED)) {
    const c = await L.as(user);
    const missing = await c.get(`/incidents/${nonexistentId}`);
    check(missing.status === 404, `${user} GET missing id: ${missing.status}`);
    for (const kind of KINDS) {
      const id = fixtures[kind].id;
      const access = row[kind];
      const what = `${user} GET ${kind}`;
      const r = await c.get(`/incidents/${id}`);
      if (access === NONE) {
        checkStatus(r, 404, what);
        check(normalized(r, id) === normalized(missing, nonexistentId),
          `${what}: 404 differs from a missing id: ${r.text} vs ${missing.text}`, { leak: true });
      } else if (checkStatus(r, 200, what)) {
        checkFields(r.json, access, what, { read: true });
        if (!access.details) {
          check(!r.text.includes('Hot vid disken'), `${what}: description text in body`, { leak: true });
          check(!r.text.includes('Anteckning'), `${what}: note text in body`, { leak: true });
        }
        if (!access.perpetrator_note) {
          check(!r.text.includes('Brukaren har hotat'), `${what}: perpetrator note text in body`, { leak: true });
        }
      }
    }
  }
});

test('GET /incidents: lists exactly the visible fixtures, redacted, with honest totals', async () => {
  const ebUnit = fixtures.normal.unit_id;
  for (const [user, row] of Object.entries(EXPECTED)) {
    const c = await L.as(user);
    for (const query of ['', `unit_id=${ebUnit}`, 'open=true', 'min_severity=1']) {
      const { items, total } = await listAll(c, query);
      check(total === items.length, `${user} list ?${query}: total ${total} but ${items.length} items`, { leak: total > items.length });
      const byId = new Map(items.map((i) => [i.id, i]));
      for (const { id, kind } of created) {
        const access = row[kind];
        const it = byId.get(id);
        const what = `${user} list ?${query} ${kind}#${id}`;
        if (access === NONE) {
          check(!it, `${what}: listed but must be invisible`, { leak: true });
        } else if (check(Boolean(it), `${what}: visible but not listed`)) {
          checkFields(it, access, what, { read: false });
        }
      }
    }
    if (user === 'analytiker' || user === 'admin') {
      const { items } = await listAll(c);
      check(items.length === 0, `${user}: incident list must be empty, has ${items.length}`, { leak: items.length > 0 });
    }
  }
});

test('incident writes: refused callers get 403/404 and change nothing; allowed callers succeed', async () => {
  const before = await snapshot();
  // Phase 1: every refused write.
  for (const [user, row] of Object.entries(EXPECTED)) {
    const c = await L.as(user);
    for (const ep of INCIDENT_WRITES) {
      const missing = await c.request(ep.method, ep.path(nonexistentId, 'normal'), { body: ep.body() });
      for (const kind of KINDS) {
        const want = expectedStatus(row[kind], ep);
        if (want === ep.ok) continue;
        const id = fixtures[kind].id;
        const r = await c.request(ep.method, ep.path(id, kind), { body: ep.body() });
        const what = `${user} ${ep.name} ${kind}`;
        checkStatus(r, want, what);
        if (want === 404) {
          check(normalized(r, id) === normalized(missing, nonexistentId),
            `${what}: 404 differs from a missing id: ${r.text} vs ${missing.text}`, { leak: true });
        }
      }
    }
  }
  const afterRefused = await snapshot();
  for (const kind of KINDS) {
    check(afterRefused[kind] === before[kind],
      `refused writes changed the ${kind} incident: ${before[kind]} → ${afterRefused[kind]}`, { leak: true });
  }
  // Phase 2: every allowed write (transitions on a fresh incident of the same kind).
  const rep = await L.as('medarbetare.norr.eb');
  const kindFields = {
    normal: { category: 'hot' },
    sensitive: { category: 'trakasserier', sensitive: true },
    serious: { category: 'vald', weapon: true, severity: 4 },
    exposed: { category: 'hot', sensitive: true, exposed_user_ids: [rep.me.id, bouId] },
  };
  for (const [user, row] of Object.entries(EXPECTED)) {
    const c = await L.as(user);
    for (const ep of INCIDENT_WRITES) {
      for (const kind of KINDS) {
        if (expectedStatus(row[kind], ep) !== ep.ok) continue;
        let id = fixtures[kind].id;
        if (ep.fresh) {
          const inc = await report(rep, kindFields[kind]);
          created.push({ id: inc.id, kind });
          id = inc.id;
        }
        const body = ep.body();
        if (ep.name.includes('measures') && ep.method === 'POST') body.responsible_user_id = c.me.id;
        const r = await c.request(ep.method, ep.path(id, kind), { body });
        checkStatus(r, ep.ok, `${user} ${ep.name} ${kind}`);
      }
    }
  }
});

test('GET /inbox: only visible incidents, redacted', async () => {
  for (const [user, row] of Object.entries(EXPECTED)) {
    const c = await L.as(user);
    const r = await c.get('/inbox');
    if (!checkStatus(r, 200, `${user} GET /inbox`)) continue;
    const kindOf = new Map(created.map((x) => [x.id, x.kind]));
    for (const item of r.json.items) {
      const kind = kindOf.get(item.incident?.id);
      if (!kind) continue;
      const access = row[kind];
      const what = `${user} inbox ${item.reason} ${kind}#${item.incident.id}`;
      if (check(access !== NONE, `${what}: invisible incident in the inbox`, { leak: true })) {
        checkFields(item.incident, access, what, { read: false });
      }
    }
  }
});

test('non-incident endpoints × roles', async () => {
  const admin = await L.as('admin');
  const users = (await admin.get('/users')).json.items;
  const target = users.find((u) => u.username === 'medarbetare.vaster.vux');
  const units = (await admin.get('/units')).json.items;
  const avd = units.find((u) => u.kind === 'avdelning');
  const otherChef = users.find((u) => u.username === 'chef.vaster.vux');
  let seq = 0;
  for (const user of Object.keys(EXPECTED)) {
    const c = await L.as(user);
    const isAdmin = ADMIN_ONLY.has(user);
    const n = ++seq;
    const cases = [
      ['GET /me', () => c.get('/me'), 200],
      ['GET /units', () => c.get('/units'), 200],
      ['GET /colleagues', () => c.get('/colleagues'), 200],
      ['GET /users', () => c.get('/users'), isAdmin ? 200 : 403],
      ['POST /users', () => c.post('/users', { username: `matris.${n}`, display_name: 'Matris', email: `m${n}@storasa.example`, unit_id: target.unit_id, password: 'langt-losenord-123' }), isAdmin ? 201 : 403],
      ['PATCH /users/{id}', () => c.patch(`/users/${target.id}`, { display_name: `Namn ${n}` }), isAdmin ? 200 : 403],
      ['POST /units', () => c.post('/units', { parent_id: avd.id, kind: 'enhet', name: `Matrisenhet ${n}` }), isAdmin ? 201 : 403],
      ['PATCH /units/{id}', () => c.patch(`/units/${avd.id}`, { name: avd.name }), isAdmin ? 200 : 403],
      ['GET /audit', () => c.get('/audit?limit=500'), AUDIT_READERS.has(user) ? 200 : 403],
      ['GET /audit/verify', () => c.get('/audit/verify'), isAdmin ? 200 : 403],
    ];
    for (const [name, run, want] of cases) checkStatus(await run(), want, `${user} ${name}`);
    // Grants: the admin adds one and deletes it again; others may do neither.
    const g = await c.post(`/users/${target.id}/grants`, { role: 'skyddsombud', unit_id: target.unit_id });
    checkStatus(g, isAdmin ? 201 : 403, `${user} POST /users/{id}/grants`);
    if (isAdmin && g.status === 201) {
      checkStatus(await c.del(`/users/${target.id}/grants/${g.json.id}`), 204, `${user} DELETE /users/{id}/grants/{gid}`);
    } else if (!isAdmin) {
      checkStatus(await c.del(`/users/${otherChef.id}/grants/${otherChef.grants[0].id}`), 403,
        `${user} DELETE /users/{id}/grants/{gid}`);
    }
    // Self-escalation is refused.
    if (!isAdmin) {
      const esc = await c.post(`/users/${c.me.id}/grants`, { role: 'admin', unit_id: c.me.unit_id });
      checkStatus(esc, 403, `${user} grants itself admin`);
      const me = await c.get('/me');
      check(!me.json.roles.includes('admin'), `${user} became admin`, { leak: true });
    }
  }
  const stillThere = (await admin.get('/users')).json.items.find((u) => u.id === otherChef.id);
  check(JSON.stringify(stillThere.grants) === JSON.stringify(otherChef.grants), 'refused grant deletions changed grants', { leak: true });
  // The säkerhetssamordnare's audit view stays within the förvaltning.
  const norrIds = new Set(created.map((x) => x.id));
  const soder = await auditAll(await L.as('sakerhet.soder'));
  const foreign = soder.filter((a) => a.target_type === 'incident' && norrIds.has(a.target_id));
  check(foreign.length === 0, `sakerhet.soder reads ${foreign.length} audit records about Norra incidents`, { leak: true });
  const norr = await auditAll(await L.as('sakerhet.norr'));
  check(norr.some((a) => a.target_type === 'incident' && norrIds.has(a.target_id)),
    'sakerhet.norr sees audit records about Norra incidents');
});

// --- Before a risky meeting (issue 5): assessments, the person behind an
// incident, security plans, the risk template and the knowledge bank.
const RISK_MANAGERS = new Set(['chef.norr.eb', 'avdchef.norr', 'sakerhet.norr']);
const ASSESSMENT_ROW_FIELDS = ['id', 'unit_id', 'unit_name', 'forvaltning_id', 'template_version',
  'meeting_type', 'event_at', 'title', 'participants', 'subject_named', 'score', 'level', 'status',
  'measures', 'created_by', 'created_at', 'updated_at', 'decided_by', 'decided_at', 'decision_note',
  'followed_up_by', 'followed_up_at', 'incident_occurred', 'incident_id', 'outcome_note', 'version',
  'may_edit', 'may_decide', 'may_follow_up'];
const ASSESSMENT_FULL_FIELDS = [...ASSESSMENT_ROW_FIELDS, 'answers', 'result', 'template', 'history'];
const PLAN_ROW_FIELDS = ['id', 'unit_id', 'unit_name', 'scope', 'title', 'subject_named', 'threats',
  'threat_level', 'review_date', 'review_overdue', 'people', 'status', 'protected_case', 'routine',
  'created_by', 'created_at', 'updated_at', 'version', 'may_edit', 'may_decide'];
const PLAN_FULL_FIELDS = [...PLAN_ROW_FIELDS, 'measures', 'log', 'history'];
// Skatteverket's test number in every spelling: it must never come back.
const MATRIX_PN = '19121212-1212';
const PN_SPELLINGS = ['191212121212', '19121212-1212', '1212121212', '121212-1212', '121212+1212'];

function checkExactFields(obj, fields, what) {
  const want = new Set(fields);
  for (const f of fields) check(Object.prototype.hasOwnProperty.call(obj, f), `${what}: field ${f} missing`);
  for (const f of Object.keys(obj)) check(want.has(f), `${what}: unexpected field ${f}`, { leak: true });
}

function checkNoIdentifier(r, what) {
  for (const n of PN_SPELLINGS) check(!r.text.includes(n), `${what}: identifier ${n} in the body`, { leak: true });
  check(!/subject_key/.test(r.text), `${what}: subject_key in the body`, { leak: true });
}

test('issue 5 endpoints × roles: assessments, subjects, plans, template, knowledge bank', async () => {
  const rep = await L.as('medarbetare.norr.eb');
  const chef = await L.as('chef.norr.eb');
  const sak = await L.as('sakerhet.norr');
  const admin = await L.as('admin');
  const ebUnit = rep.me.unit_id;
  const recUnit = (await L.as('medarbetare.norr.rec')).me.unit_id;
  const norra = (await admin.get('/units')).json.items.find((u) => u.kind === 'forvaltning' && u.name === 'Norra');
  const eventAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
  const body = (title) => ({
    meeting_type: 'negativt_beslut', event_at: eventAt, title, participant_ids: [bouId],
    answers: [{ code: 'tidigare_hot_vald', yes: true }], subject: { kind: 'personnummer', identifier: MATRIX_PN },
  });
  const a = await rep.post('/risk-assessments', body('Matrisens bedömning'));
  assert.equal(a.status, 201, a.text);
  const b = await rep.post('/risk-assessments', body('Matrisens beslut'));
  assert.equal(b.status, 201, b.text);
  const named = await chef.put(`/incidents/${fixtures.normal.id}/subject`, { kind: 'personnummer', identifier: MATRIX_PN });
  assert.equal(named.status, 204, named.text);
  const plan = await sak.post('/security-plans', {
    unit_id: ebUnit, scope: 'enhet', title: 'Matrisens plan', review_date: dateIn(30),
    people_ids: [await L.userId('medarbetare.norr.eb2')],
  });
  assert.equal(plan.status, 201, plan.text);
  const prot = await sak.post('/security-plans', {
    unit_id: ebUnit, scope: 'arende', title: 'Matrisens skyddade ärende', review_date: dateIn(30),
    subject: { kind: 'personnummer', identifier: MATRIX_PN }, protected_case: true,
    routine: { handling_unit_id: recUnit, handling_group_ids: [await L.userId('medarbetare.norr.rec')] },
  });
  assert.equal(prot.status, 201, prot.text);
  const assessmentReaders = new Set(['medarbetare.norr.eb', 'medarbetare.norr.bou', ...RISK_MANAGERS]);
  const planReaders = new Set(['sakerhet.norr', 'chef.norr.eb', 'avdchef.norr', 'medarbetare.norr.eb2']);
  const protReaders = new Set(['sakerhet.norr', 'chef.norr.eb', 'avdchef.norr', 'medarbetare.norr.rec']);
  const template = (await rep.get(`/risk-template?unit_id=${norra.id}`)).json;
  const templateWriters = new Set(['admin', 'sakerhet.norr']);

  for (const [user, row] of Object.entries(EXPECTED)) {
    const c = await L.as(user);
    // Assessments: read, list, fields, history only for managers.
    const g = await c.get(`/risk-assessments/${a.json.id}`);
    checkNoIdentifier(g, `${user} GET assessment`);
    if (assessmentReaders.has(user)) {
      if (checkStatus(g, 200, `${user} GET assessment`)) {
        checkExactFields(g.json, ASSESSMENT_FULL_FIELDS, `${user} GET assessment`);
        const manager = RISK_MANAGERS.has(user);
        check((g.json.history !== null) === manager, `${user} GET assessment: history ${g.json.history ? 'shown' : 'hidden'}`,
          { leak: !manager && g.json.history !== null });
        check(g.json.may_decide === manager, `${user}: may_decide ${g.json.may_decide}`, { leak: !manager && g.json.may_decide });
        check(g.json.subject_named === true, `${user}: subject_named`);
      }
    } else {
      checkStatus(g, 404, `${user} GET assessment`);
    }
    const list = await c.get('/risk-assessments?limit=500');
    checkNoIdentifier(list, `${user} list assessments`);
    if (checkStatus(list, 200, `${user} list assessments`)) {
      const it = list.json.items.find((x) => x.id === a.json.id);
      check(Boolean(it) === assessmentReaders.has(user), `${user} list assessments: listed ${Boolean(it)}`,
        { leak: Boolean(it) && !assessmentReaders.has(user) });
      for (const item of list.json.items) checkExactFields(item, ASSESSMENT_ROW_FIELDS, `${user} assessment row`);
    }
    // The decision: managers only; readers 403, others 404 (refused ones first).
    if (!RISK_MANAGERS.has(user)) {
      const d = await c.post(`/risk-assessments/${b.json.id}/decision`, { measures: ['ej_ensam'] });
      checkStatus(d, assessmentReaders.has(user) ? 403 : 404, `${user} POST decision`);
      const p = await c.patch(`/risk-assessments/${a.json.id}`, { title: 'Ändrad av matrisen' });
      checkStatus(p, user === 'medarbetare.norr.eb' ? 200 : assessmentReaders.has(user) ? 403 : 404,
        `${user} PATCH assessment`);
    }

    // The person behind an incident: manager or säkerhetssamordnare; others who see it 403.
    for (const kind of KINDS) {
      const access = row[kind];
      const want = access === NONE ? 404 : (access.manage || access === SAKERHET) ? 200 : 403;
      const h = await c.get(`/incidents/${fixtures[kind].id}/subject-history`);
      checkStatus(h, want, `${user} GET subject-history ${kind}`);
      checkNoIdentifier(h, `${user} GET subject-history ${kind}`);
      if (want === 200 && kind === 'normal' && h.status === 200) {
        check(h.json.named === true && h.json.history !== null, `${user} subject-history normal: named`);
        checkExactFields(h.json.history, ['in_scope', 'latest_at', 'highest_severity', 'unit_names', 'elsewhere', 'protected_case'],
          `${user} subject-history`);
      }
      if (kind === 'normal') {
        const put = await c.put(`/incidents/${fixtures[kind].id}/subject`, { kind: 'personnummer', identifier: MATRIX_PN });
        checkStatus(put, want === 200 ? 204 : want, `${user} PUT subject ${kind}`);
        checkNoIdentifier(put, `${user} PUT subject`);
      }
    }

    // Security plans: read, list, edit.
    for (const [p, readers, name] of [[plan.json, planReaders, 'plan'], [prot.json, protReaders, 'protected plan']]) {
      const r = await c.get(`/security-plans/${p.id}`);
      checkNoIdentifier(r, `${user} GET ${name}`);
      if (readers.has(user)) {
        if (checkStatus(r, 200, `${user} GET ${name}`)) {
          checkExactFields(r.json, PLAN_FULL_FIELDS, `${user} GET ${name}`);
          const manager = ['sakerhet.norr', 'chef.norr.eb', 'avdchef.norr'].includes(user);
          if (p.subject_named) {
            check((r.json.history !== null) === manager, `${user} GET ${name}: history`, { leak: !manager && r.json.history !== null });
          }
          check(r.json.may_edit === (user === 'sakerhet.norr'), `${user} GET ${name}: may_edit`, { leak: r.json.may_edit && user !== 'sakerhet.norr' });
        }
      } else {
        checkStatus(r, 404, `${user} GET ${name}`);
      }
      const patch = await c.patch(`/security-plans/${p.id}`, { title: p.title });
      checkStatus(patch, user === 'sakerhet.norr' ? 200 : readers.has(user) ? 403 : 404, `${user} PATCH ${name}`);
    }
    const plans = await c.get('/security-plans');
    checkNoIdentifier(plans, `${user} list plans`);
    if (checkStatus(plans, 200, `${user} list plans`)) {
      for (const [p, readers, name] of [[plan.json, planReaders, 'plan'], [prot.json, protReaders, 'protected plan']]) {
        const listed = plans.json.items.some((x) => x.id === p.id);
        check(listed === readers.has(user), `${user} list plans: ${name} listed ${listed}`, { leak: listed && !readers.has(user) });
      }
      for (const item of plans.json.items) checkExactFields(item, PLAN_ROW_FIELDS, `${user} plan row`);
    }
    checkStatus(await c.post('/security-plans', { unit_id: ebUnit, scope: 'enhet', title: `Plan av ${user}`, review_date: dateIn(10) }),
      user === 'sakerhet.norr' ? 201 : 403, `${user} POST /security-plans`);

    // Template and knowledge bank: everyone reads; admin and the säkerhetssamordnare write.
    checkStatus(await c.get(`/risk-template?unit_id=${norra.id}`), 200, `${user} GET /risk-template`);
    checkStatus(await c.get('/knowledge-bank'), 200, `${user} GET /knowledge-bank`);
    const put = await c.put(`/risk-template?unit_id=${norra.id}`, {
      factors: template.factors, thresholds: template.thresholds, history: template.history, measures: template.measures,
    });
    checkStatus(put, templateWriters.has(user) ? 200 : 403, `${user} PUT /risk-template`);
  }
  // One manager decides B; the refused attempts changed nothing before.
  const before = (await chef.get(`/risk-assessments/${b.json.id}`)).json;
  check(before.status === 'oppen' && before.version === b.json.version, 'refused decisions changed the assessment', { leak: true });
  checkStatus(await chef.post(`/risk-assessments/${b.json.id}/decision`, { measures: ['ej_ensam'] }), 200, 'chef.norr.eb POST decision');
});

// --- Statistics, equivalence, KPIs, routines and exercises (issue 6).
const STATS_READERS = new Set(Object.keys(EXPECTED).filter((u) => !u.startsWith('medarbetare.')));
const STATS_EXACT = new Set(['chef.norr.eb', 'chef.norr.bou', 'chef.soder.eb', 'avdchef.norr', 'avdchef.soder',
  'sakerhet.norr', 'sakerhet.soder']);
// Whose stats scope holds Norra / Ekonomiskt bistånd.
const STATS_EB = new Set(['chef.norr.eb', 'avdchef.norr', 'skyddsombud.norr', 'sakerhet.norr', 'analytiker', 'admin']);
const KPI_WRITERS = new Set(['analytiker', 'admin']);
const ROUTINE_EDITORS = new Set(['chef.norr.eb', 'avdchef.norr', 'sakerhet.norr', 'admin']);
const ROUTINE_STAFF = new Set(['medarbetare.norr.eb', 'medarbetare.norr.eb2', 'chef.norr.eb']);
const EXERCISE_EDITORS = new Set(['chef.norr.eb', 'avdchef.norr', 'sakerhet.norr']);
const EXERCISE_READERS = new Set(['medarbetare.norr.eb', 'medarbetare.norr.eb2', 'chef.norr.eb', 'avdchef.norr',
  'skyddsombud.norr', 'sakerhet.norr', 'analytiker', 'admin']);

test('issue 6 endpoints × roles: statistics, equivalence, KPIs, unit profiles, routines, exercises', async () => {
  const chef = await L.as('chef.norr.eb');
  const ebUnit = (await L.as('medarbetare.norr.eb')).me.unit_id;
  const routine = await chef.post('/routines', {
    unit_id: ebUnit, title: 'Matrisens rutin', owner_user_id: chef.me.id, revision_date: dateIn(90),
  });
  assert.equal(routine.status, 201, routine.text);
  const exercise = await chef.post('/exercises', {
    unit_id: ebUnit, kind: 'ovning', held_on: dateIn(-2), scenario: 'Matrisens övning', findings: [{ text: 'Iakttagelse' }],
  });
  assert.equal(exercise.status, 201, exercise.text);
  const csv = 'forvaltning;kpi;yrkesgrupp;ar;period;varde\nNorra;vfu;alla;2020;ar;4\n';
  const norraId = (await (await L.as('admin')).get('/units')).json.items
    .find((u) => u.kind === 'forvaltning' && u.name === 'Norra').id;

  for (const user of Object.keys(EXPECTED)) {
    const c = await L.as(user);
    const reader = STATS_READERS.has(user);
    // Statistics: readers only; exact for chefs and säkerhetssamordnare, else no small figure shown.
    const t = await c.get('/stats/incidents?rows=enhet&cols=category');
    if (checkStatus(t, reader ? 200 : 403, `${user} GET /stats/incidents`) && reader) {
      check(t.json.exact === STATS_EXACT.has(user), `${user} stats exact ${t.json.exact}`, { leak: t.json.exact && !STATS_EXACT.has(user) });
      if (!t.json.exact) {
        const shown = Object.values(t.json.measures).flatMap((m) => [...m.cells.flat(), ...m.row_totals, ...m.col_totals, m.total]);
        check(!shown.some((v) => v !== null && v > 0 && v < 5), `${user} protected stats show a figure below 5`, { leak: true });
      }
    } else if (!reader) {
      check(t.json?.error?.code === 'stats.forbidden', `${user} stats: ${t.json?.error?.code}`);
    }
    const scoped = await c.get(`/stats/incidents?rows=category&unit_id=${ebUnit}`);
    checkStatus(scoped, !reader ? 403 : STATS_EB.has(user) ? 200 : 403, `${user} GET /stats/incidents?unit_id=eb`);
    if (reader && !STATS_EB.has(user)) check(scoped.json?.error?.code === 'stats.out_of_scope', `${user} out of scope code`);
    checkStatus(await c.get('/stats/equivalence'), reader ? 200 : 403, `${user} GET /stats/equivalence`);

    // KPIs and unit profiles.
    checkStatus(await c.get('/kpis'), reader ? 200 : 403, `${user} GET /kpis`);
    checkStatus(await c.put('/kpis', { items: [{ forvaltning_id: norraId, kind: 'vfu', year: 2021, value: 2 }] }),
      KPI_WRITERS.has(user) ? 200 : 403, `${user} PUT /kpis`);
    checkStatus(await c.post('/kpis/import', csv, { contentType: 'text/csv' }), KPI_WRITERS.has(user) ? 200 : 403,
      `${user} POST /kpis/import`);
    checkStatus(await c.get('/unit-profiles'), reader ? 200 : 403, `${user} GET /unit-profiles`);
    checkStatus(await c.put(`/unit-profiles/${ebUnit}`, { headcount: 14 }),
      ['admin', 'sakerhet.norr'].includes(user) ? 200 : 403, `${user} PUT /unit-profiles/{eb}`);

    // Routines: in scope or editor reads; staff acknowledge; editors change.
    const routineReader = ROUTINE_EDITORS.has(user) || ROUTINE_STAFF.has(user);
    const g = await c.get(`/routines/${routine.json.id}`);
    if (checkStatus(g, routineReader ? 200 : 404, `${user} GET /routines/{id}`) && routineReader) {
      const oversee = ROUTINE_EDITORS.has(user);
      check(('missing' in g.json) === oversee, `${user} routine: missing ${'missing' in g.json}`, { leak: !oversee && 'missing' in g.json });
      check(g.json.may_edit === ROUTINE_EDITORS.has(user), `${user} routine may_edit ${g.json.may_edit}`,
        { leak: g.json.may_edit && !ROUTINE_EDITORS.has(user) });
    }
    const listed = (await c.get('/routines')).json?.items?.some((x) => x.id === routine.json.id) ?? false;
    check(listed === routineReader, `${user} /routines lists the routine: ${listed}`, { leak: listed && !routineReader });
    checkStatus(await c.post(`/routines/${routine.json.id}/acknowledge`),
      ROUTINE_STAFF.has(user) ? 200 : routineReader ? 403 : 404, `${user} POST /routines/{id}/acknowledge`);
    checkStatus(await c.patch(`/routines/${routine.json.id}`, { title: 'Matrisens rutin' }),
      ROUTINE_EDITORS.has(user) ? 200 : routineReader ? 403 : 404, `${user} PATCH /routines/{id}`);
    checkStatus(await c.post('/routines', { unit_id: ebUnit, title: `Rutin av ${user}`, owner_user_id: chef.me.id, revision_date: dateIn(30) }),
      ROUTINE_EDITORS.has(user) ? 201 : 403, `${user} POST /routines`);
    checkStatus(await c.get('/routines/pending'), 200, `${user} GET /routines/pending`);

    // Exercises: readers of the unit read; chefs and säkerhetssamordnare covering it edit.
    const exReader = EXERCISE_READERS.has(user);
    checkStatus(await c.get(`/exercises/${exercise.json.id}`), exReader ? 200 : 404, `${user} GET /exercises/{id}`);
    const exListed = (await c.get('/exercises')).json?.items?.some((x) => x.id === exercise.json.id) ?? false;
    check(exListed === exReader, `${user} /exercises lists the exercise: ${exListed}`, { leak: exListed && !exReader });
    checkStatus(await c.post(`/exercises/${exercise.json.id}/findings`, { text: `Fynd av ${user}` }),
      EXERCISE_EDITORS.has(user) ? 201 : exReader ? 403 : 404, `${user} POST /exercises/{id}/findings`);
    const fid = exercise.json.findings[0].id;
    checkStatus(await c.patch(`/exercises/${exercise.json.id}/findings/${fid}`, { status: 'oppen' }),
      EXERCISE_EDITORS.has(user) ? 200 : exReader ? 403 : 404, `${user} PATCH /exercises/{id}/findings/{fid}`);
    checkStatus(await c.post('/exercises', { unit_id: ebUnit, kind: 'utbildning', held_on: dateIn(-1), scenario: `Av ${user}` }),
      EXERCISE_EDITORS.has(user) ? 201 : 403, `${user} POST /exercises`);
  }
});

test('unauthenticated: 401 on every /api/v1 endpoint except login', async () => {
  const anon = new Client(srv);
  const id = fixtures.normal.id;
  const mid = measureOf.normal;
  const eps = [
    ['POST', '/auth/logout', {}], ['GET', '/me'], ['GET', '/units'],
    ['POST', '/units', { parent_id: 1, kind: 'enhet', name: 'X' }], ['PATCH', '/units/1', { name: 'X' }],
    ['GET', '/colleagues'], ['GET', '/users'],
    ['POST', '/users', { username: 'anon', display_name: 'A', email: 'a@x.example', unit_id: 1, password: 'langt-losenord-123' }],
    ['PATCH', '/users/1', { display_name: 'X' }], ['POST', '/users/1/grants', { role: 'admin', unit_id: 1 }],
    ['DELETE', '/users/1/grants/1'], ['GET', '/incidents'],
    ['POST', '/incidents', { category: 'hot', occurred_at: '2026-01-01T10:00:00Z' }],
    ['GET', `/incidents/${id}`], ['PATCH', `/incidents/${id}`, { severity: 4 }],
    ['POST', `/incidents/${id}/transitions`, { action: 'acknowledge' }],
    ['POST', `/incidents/${id}/notes`, { text: 'x' }],
    ['POST', `/incidents/${id}/measures`, { title: 'x', responsible_user_id: 1, due_date: dateIn(3) }],
    ['PATCH', `/incidents/${id}/measures/${mid}`, { status: 'klar' }],
    ['GET', '/inbox'], ['GET', '/audit'], ['GET', '/audit/verify'],
    ['PUT', `/incidents/${id}/police-report`, { reported: false, not_reported_reason: 'ej_brott' }],
    ['GET', `/incidents/${id}/police-report/draft`],
    ['PUT', `/incidents/${id}/authority-notices/arbetsmiljoverket`, { notified_at: '2026-01-01T10:00:00Z', channel: 'telefon' }],
    ['GET', '/rule-breaches'], ['GET', '/rules?unit_id=1'],
    ['PUT', '/rules/acknowledged?unit_id=1', { enabled: true, working_days: 1 }],
    ['GET', '/units/1/contact'], ['PUT', '/units/1/contact', { legal_name: 'X', org_number: '212000-0142', phone: '08-1' }],
    ['GET', '/notifications'], ['POST', '/notifications/1/read', {}], ['POST', '/notifications/read-all', {}],
    ['GET', '/risk-template?unit_id=1'], ['PUT', '/risk-template?unit_id=1', { factors: [], measures: [] }],
    ['GET', '/risk-assessments'], ['POST', '/risk-assessments', { meeting_type: 'annat', event_at: '2026-01-01T10:00:00Z', title: 'x' }],
    ['GET', '/risk-assessments/1'], ['PATCH', '/risk-assessments/1', { title: 'x' }],
    ['POST', '/risk-assessments/1/decision', { measures: [] }],
    ['POST', '/risk-assessments/1/follow-up', { incident_occurred: false }],
    ['POST', '/risk-assessments/1/incident', { incident_id: id }], ['GET', '/knowledge-bank'],
    ['PUT', `/incidents/${id}/subject`, { kind: 'personnummer', identifier: '19121212-1212' }],
    ['GET', `/incidents/${id}/subject-history`],
    ['GET', '/security-plans'], ['POST', '/security-plans', { unit_id: 1, scope: 'enhet', title: 'x', review_date: '2026-01-01' }],
    ['GET', '/security-plans/1'], ['PATCH', '/security-plans/1', { title: 'x' }],
    ['POST', '/security-plans/1/measures', { title: 'x', owner_user_id: 1, due_date: '2026-01-01' }],
    ['PATCH', '/security-plans/1/measures/1', { status: 'klar' }], ['POST', '/security-plans/1/decisions', { text: 'x' }],
    ['GET', '/stats/incidents?rows=category'], ['GET', '/stats/equivalence'], ['GET', '/kpis'],
    ['PUT', '/kpis', { items: [] }], ['POST', '/kpis/import', 'forvaltning;kpi;yrkesgrupp;ar;period;varde\n', 'text/csv'],
    ['GET', '/unit-profiles'], ['PUT', '/unit-profiles/1', { headcount: 1 }],
    ['GET', '/routines'], ['GET', '/routines/pending'],
    ['POST', '/routines', { unit_id: 1, title: 'x', owner_user_id: 1, revision_date: '2026-01-01' }],
    ['GET', '/routines/1'], ['PATCH', '/routines/1', { title: 'x' }], ['POST', '/routines/1/acknowledge'],
    ['GET', '/exercises'], ['POST', '/exercises', { unit_id: 1, kind: 'ovning', held_on: '2026-01-01', scenario: 'x' }],
    ['GET', '/exercises/1'], ['POST', '/exercises/1/findings', { text: 'x' }],
    ['PATCH', '/exercises/1/findings/1', { status: 'klar' }],
  ];
  for (const [method, path, body, contentType] of eps) {
    const r = await anon.request(method, path, body ? { body, contentType } : {});
    checkStatus(r, 401, `anonymous ${method} ${path}`);
    check(typeof r.json?.error?.code === 'string', `anonymous ${method} ${path}: error format`);
  }
});

test('the matrix found no leaks and no mismatches', () => {
  assert.ok(checks > 500, `only ${checks} checks ran`);
  assert.deepEqual(leaks, [], `${leaks.length} leaks`);
  assert.deepEqual(mismatches, [], `${mismatches.length} mismatches`);
});
