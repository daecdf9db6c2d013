// Security plans: the säkerhetssamordnare's plans for a unit or a case, who may
// read them, their measures, and protected cases whose decisions are logged.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { assertError, assertStatus, dateIn, auditAll } from './lib/client.mjs';
import { Logins, ISO_Z } from './lib/fixtures.mjs';

let srv;
let L;
let emp; let colleague; let chef; let sak; let otherSak; let otherChef; let bouChef; let avdchef;
let bouEmp; let bouEmp2; let admin; let ombud;
let ebUnit; let bouUnit;

const PLAN_ROW_FIELDS = ['id', 'unit_id', 'unit_name', 'scope', 'title', 'subject_named', 'threats',
  'threat_level', 'review_date', 'review_overdue', 'people', 'status', 'protected_case', 'routine',
  'created_by', 'created_at', 'updated_at', 'version', 'may_edit', 'may_decide'];
const PLAN_FULL_EXTRA = ['measures', 'log', 'history'];

before(async () => {
  srv = await startServer();
  L = new Logins(srv);
  emp = await L.as('medarbetare.norr.eb');
  colleague = await L.as('medarbetare.norr.eb2');
  chef = await L.as('chef.norr.eb');
  sak = await L.as('sakerhet.norr');
  otherSak = await L.as('sakerhet.soder');
  otherChef = await L.as('chef.soder.eb');
  bouChef = await L.as('chef.norr.bou');
  avdchef = await L.as('avdchef.norr');
  bouEmp = await L.as('medarbetare.norr.bou');
  bouEmp2 = await L.as('medarbetare.norr.bou2');
  admin = await L.as('admin');
  ombud = await L.as('skyddsombud.norr');
  ebUnit = emp.me.unit_id;
  bouUnit = bouEmp.me.unit_id;
});
after(async () => { await srv?.close(); });

function planBody(fields = {}) {
  return {
    unit_id: ebUnit,
    scope: 'enhet',
    title: 'Hot mot receptionen',
    threats: 'En besökare har återkommande hotat personalen i receptionen.',
    threat_level: 'hog',
    review_date: dateIn(30),
    people_ids: [emp.me.id],
    ...fields,
  };
}

function assertFull(p) {
  for (const f of [...PLAN_ROW_FIELDS, ...PLAN_FULL_EXTRA]) {
    assert.ok(Object.prototype.hasOwnProperty.call(p, f), `plan field ${f} missing`);
  }
  assert.doesNotMatch(JSON.stringify(p), /subject_key/);
}

describe('security plans', () => {
  test('the säkerhetssamordnare creates a plan; other roles are refused', async () => {
    for (const c of [emp, chef, avdchef, admin, ombud, otherSak]) {
      assertError(await c.post('/security-plans', planBody()), 403, 'plan.forbidden');
    }
    const r = await sak.post('/security-plans', planBody());
    assertStatus(r, 201);
    const p = r.json;
    assertFull(p);
    assert.equal(p.unit_id, ebUnit);
    assert.ok(p.unit_name.length > 0);
    assert.equal(p.scope, 'enhet');
    assert.equal(p.status, 'aktiv');
    assert.equal(p.threat_level, 'hog');
    assert.equal(p.review_date, dateIn(30));
    assert.equal(p.review_overdue, false);
    assert.equal(p.protected_case, false);
    assert.equal(p.routine, null);
    assert.equal(p.subject_named, false);
    assert.equal(p.history, null);
    assert.deepEqual(p.people.map((x) => x.id), [emp.me.id]);
    assert.ok(p.people[0].display_name);
    assert.equal(p.created_by.id, sak.me.id);
    assert.match(p.created_at, ISO_Z);
    assert.equal(p.may_edit, true);
    assert.equal(p.may_decide, false);
    assert.deepEqual(p.measures, []);
    assert.ok(p.log.some((e) => e.action === 'created' && e.actor.id === sak.me.id));
  });

  test('read: säkerhetssamordnare and chefs covering the unit and the people involved; others get 404 and do not list it', async () => {
    const p = (await sak.post('/security-plans', planBody({ title: 'Läsregler' }))).json;
    const missing = await sak.get('/security-plans/999999999');
    assertError(missing, 404, 'plan.not_found');
    for (const c of [sak, chef, avdchef, emp]) {
      const g = await c.get(`/security-plans/${p.id}`);
      assertStatus(g, 200);
      assertFull(g.json);
      assert.equal(g.json.may_edit, c === sak, `${c.me.username} may_edit`);
      const list = await c.get('/security-plans');
      assertStatus(list, 200);
      const row = list.json.items.find((x) => x.id === p.id);
      assert.ok(row, `${c.me.username} lists it`);
      for (const f of PLAN_ROW_FIELDS) assert.ok(f in row, `row field ${f}`);
      for (const f of PLAN_FULL_EXTRA) assert.ok(!(f in row), `row must not carry ${f}`);
    }
    for (const c of [colleague, bouChef, otherChef, otherSak, admin, ombud, bouEmp, await L.as('analytiker')]) {
      const g = await c.get(`/security-plans/${p.id}`);
      assertError(g, 404, 'plan.not_found');
      assert.equal(g.text, missing.text, `${c.me.username}: 404 differs from a missing id`);
      assertError(await c.patch(`/security-plans/${p.id}`, { title: 'X' }), 404, 'plan.not_found');
      assertError(await c.post(`/security-plans/${p.id}/measures`, { title: 'X', owner_user_id: c.me.id, due_date: dateIn(3) }),
        404, 'plan.not_found');
      const list = await c.get('/security-plans');
      assertStatus(list, 200);
      assert.ok(!list.json.items.some((x) => x.id === p.id), `${c.me.username} lists it`);
    }
    // Readers who may not edit get 403.
    assertError(await chef.patch(`/security-plans/${p.id}`, { title: 'Chefen ändrar' }), 403, 'plan.forbidden');
    assertError(await emp.patch(`/security-plans/${p.id}`, { title: 'Medarbetaren ändrar' }), 403, 'plan.forbidden');
    const audit = await auditAll(admin);
    assert.ok(audit.some((x) => x.action === 'plan.read' && x.target_id === p.id));
    assert.ok(audit.some((x) => x.action === 'plan.created' && x.target_id === p.id));
  });

  test('changes, stale versions, measures with owners, closing', async () => {
    const p = (await sak.post('/security-plans', planBody({ title: 'Ändringar' }))).json;
    const u = await sak.patch(`/security-plans/${p.id}`, {
      version: p.version, threats: 'Hoten har trappats upp.', threat_level: 'mycket_hog',
      people_ids: [emp.me.id, colleague.me.id],
    });
    assertStatus(u, 200);
    assert.equal(u.json.version, p.version + 1);
    assert.equal(u.json.threat_level, 'mycket_hog');
    assert.deepEqual(u.json.people.map((x) => x.id).sort((a, b) => a - b), [emp.me.id, colleague.me.id].sort((a, b) => a - b));
    assert.ok(u.json.log.some((e) => e.action === 'updated'));
    assertError(await sak.patch(`/security-plans/${p.id}`, { version: p.version, title: 'Gammal' }), 409, 'plan.stale_version');
    assertStatus(await colleague.get(`/security-plans/${p.id}`), 200);

    const m = await sak.post(`/security-plans/${p.id}/measures`, {
      title: 'Larmknapp i receptionen', owner_user_id: chef.me.id, due_date: dateIn(7),
    });
    assertStatus(m, 201);
    assert.equal(m.json.measures.length, 1);
    const measure = m.json.measures[0];
    assert.equal(measure.owner.id, chef.me.id);
    assert.equal(measure.due_date, dateIn(7));
    assert.equal(measure.status, 'oppen');
    assert.equal(measure.done_at, null);
    assertError(await chef.post(`/security-plans/${p.id}/measures`, { title: 'X', owner_user_id: chef.me.id, due_date: dateIn(3) }),
      403, 'plan.forbidden');
    assertError(await emp.patch(`/security-plans/${p.id}/measures/${measure.id}`, { status: 'klar' }), 403, 'plan.forbidden');
    const done = await chef.patch(`/security-plans/${p.id}/measures/${measure.id}`, { status: 'klar' });
    assertStatus(done, 200);
    assert.equal(done.json.measures[0].status, 'klar');
    assert.match(done.json.measures[0].done_at, ISO_Z);
    assertError(await chef.patch(`/security-plans/${p.id}/measures/999999`, { status: 'klar' }), 404);

    const closed = await sak.patch(`/security-plans/${p.id}`, { status: 'avslutad' });
    assertStatus(closed, 200);
    assert.equal(closed.json.status, 'avslutad');
    const active = (await sak.get('/security-plans?status=aktiv')).json.items;
    assert.ok(!active.some((x) => x.id === p.id));
    const ended = (await sak.get('/security-plans?status=avslutad')).json.items;
    assert.ok(ended.some((x) => x.id === p.id));
    assert.ok(ended.every((x) => x.status === 'avslutad'));
  });

  test('a plan whose review date has passed is overdue', async () => {
    const r = await sak.post('/security-plans', planBody({ title: 'Försenad översyn', review_date: dateIn(-3) }));
    assertStatus(r, 201);
    assert.equal(r.json.review_overdue, true);
  });

  test('a protected case: the routine, the handling unit and group read it, decisions are logged; 409 plan.not_protected otherwise', async () => {
    const plain = (await sak.post('/security-plans', planBody({ title: 'Inte skyddad' }))).json;
    assertError(await sak.post(`/security-plans/${plain.id}/decisions`, { text: 'Beslut utan namn' }), 409, 'plan.not_protected');

    const r = await sak.post('/security-plans', planBody({
      scope: 'arende', title: 'Skyddat ärende', people_ids: [],
      protected_case: true,
      routine: {
        handling_unit_id: bouUnit, handling_group_ids: [bouEmp2.me.id],
        omit_handlaggare_name: true, secure_room_only: true, two_staff_always: true, no_home_visits: true,
        instructions: 'Ärendet handläggs av Barn och unga.',
      },
    }));
    assertStatus(r, 201);
    const p = r.json;
    assert.equal(p.protected_case, true);
    assert.equal(p.routine.handling_unit_id, bouUnit);
    assert.ok(p.routine.handling_unit_name);
    assert.deepEqual(p.routine.handling_group.map((x) => x.id), [bouEmp2.me.id]);
    assert.equal(p.routine.omit_handlaggare_name, true);
    assert.equal(p.routine.instructions, 'Ärendet handläggs av Barn och unga.');
    assert.equal(p.may_decide, true);
    assert.ok(p.log.some((e) => e.action === 'protected'));

    // The handling unit's chef and the handling group read it; the unit's other staff do not.
    for (const c of [bouChef, bouEmp2, chef, sak]) assertStatus(await c.get(`/security-plans/${p.id}`), 200);
    for (const c of [bouEmp, emp, otherChef]) assertError(await c.get(`/security-plans/${p.id}`), 404, 'plan.not_found');
    assert.equal((await bouEmp2.get(`/security-plans/${p.id}`)).json.may_decide, true);

    const d = await bouEmp2.post(`/security-plans/${p.id}/decisions`, { text: 'Beslut skickat utan handläggarens namn' });
    assertStatus(d, 201);
    const entry = d.json.log.find((e) => e.action === 'decision');
    assert.ok(entry, 'the decision is in the log');
    assert.equal(entry.detail, 'Beslut skickat utan handläggarens namn');
    assert.equal(entry.actor.id, bouEmp2.me.id);
    assert.match(entry.at, ISO_Z);
    const byChef = await bouChef.post(`/security-plans/${p.id}/decisions`, { text: 'Möte endast i säkerhetsrum' });
    assertStatus(byChef, 201);
    assert.equal(byChef.json.log.filter((e) => e.action === 'decision').length, 2);
    assertError(await bouEmp2.post(`/security-plans/${p.id}/decisions`, { text: '' }), 400);
    assertError(await bouEmp2.post(`/security-plans/${p.id}/decisions`, { text: 'x'.repeat(2001) }), 400);
    assertError(await bouEmp.post(`/security-plans/${p.id}/decisions`, { text: 'Utomstående' }), 404, 'plan.not_found');
    const audit = await auditAll(admin);
    const decisions = audit.filter((x) => x.action === 'plan.decision' && x.target_id === p.id);
    assert.equal(decisions.length, 2);
    assert.ok(decisions.every((x) => !x.detail.includes('handläggarens')), 'the audit does not repeat the text');

    // Unprotecting is logged; a decision is then refused.
    const un = await sak.patch(`/security-plans/${p.id}`, { protected_case: false, routine: {} });
    assertStatus(un, 200);
    assert.equal(un.json.routine, null);
    assert.ok(un.json.log.some((e) => e.action === 'unprotected'));
    assertError(await sak.post(`/security-plans/${p.id}/decisions`, { text: 'Efteråt' }), 409, 'plan.not_protected');
  });

  test('bad input is 400 with the field', async () => {
    let e = assertError(await sak.post('/security-plans', planBody({ review_date: '2026-13-01' })), 400, 'validation.date');
    assert.equal(e.field, 'review_date');
    e = assertError(await sak.post('/security-plans', planBody({ scope: 'kommun' })), 400, 'validation.enum');
    assert.equal(e.field, 'scope');
    const { title, ...noTitle } = planBody();
    assert.ok(title);
    e = assertError(await sak.post('/security-plans', noTitle), 400, 'validation.required');
    assert.equal(e.field, 'title');
    assertError(await sak.post('/security-plans', planBody({ title: '' })), 400, 'plan.title');
    assertError(await sak.post('/security-plans', planBody({ people_ids: [999999] })), 400, 'plan.people');
    e = assertError(await sak.post('/security-plans', planBody({ routine: { secure_room_only: 'ja' } })), 400, 'validation.type');
    assert.equal(e.field, 'routine.secure_room_only');
    // A person can only be named on a plan for a case.
    assertError(await sak.post('/security-plans', planBody({ subject: { kind: 'personnummer', identifier: '19121212-1212' } })),
      400, 'plan.subject');
    assertError(await sak.get('/security-plans?status=pausad'), 400, 'validation.enum');
  });
});
