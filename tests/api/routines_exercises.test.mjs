// Routines and acknowledgements (publish, pending, acknowledge, new version,
// archive), and exercises with findings that become measures.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { assertError, assertStatus, dateIn } from './lib/client.mjs';
import { Logins } from './lib/fixtures.mjs';

const ROUTINE_FIELDS = ['id', 'unit_id', 'unit_name', 'title', 'summary', 'document_url', 'owner', 'version',
  'published_at', 'revision_date', 'status', 'current', 'in_my_scope', 'my_ack_at', 'may_edit'];
const EXERCISE_FIELDS = ['id', 'unit_id', 'unit_name', 'kind', 'held_on', 'scenario', 'participants', 'notes',
  'created_by', 'created_at', 'may_edit', 'findings'];
const FINDING_FIELDS = ['id', 'text', 'owner', 'due_date', 'status', 'done_at'];

let srv;
let L;
let chef; let emp; let emp2; let bou; let avdchef; let sakSoder; let soderEmp; let admin; let sak;
let ebUnit;

before(async () => {
  srv = await startServer();
  L = new Logins(srv);
  chef = await L.as('chef.norr.eb');
  emp = await L.as('medarbetare.norr.eb');
  emp2 = await L.as('medarbetare.norr.eb2');
  bou = await L.as('medarbetare.norr.bou');
  avdchef = await L.as('avdchef.norr');
  sak = await L.as('sakerhet.norr');
  sakSoder = await L.as('sakerhet.soder');
  soderEmp = await L.as('medarbetare.soder.eb');
  admin = await L.as('admin');
  ebUnit = emp.me.unit_id;
});
after(async () => { await srv?.close(); });

function hasFields(obj, fields, what) {
  for (const f of fields) assert.ok(Object.prototype.hasOwnProperty.call(obj, f), `${what}: ${f} missing`);
}

describe('routines', () => {
  let routine;

  test('a chef publishes a routine for the unit; staff in scope are asked to acknowledge it', async () => {
    const r = await chef.post('/routines', {
      unit_id: ebUnit, title: 'Rutin vid hot i receptionen', summary: 'Larma, gå undan, ring 112.',
      document_url: 'https://intranat.storasa.example/rutiner/hot', owner_user_id: chef.me.id, revision_date: dateIn(180),
    });
    assertStatus(r, 201);
    routine = r.json;
    hasFields(routine, ROUTINE_FIELDS, 'routine');
    assert.equal(routine.unit_id, ebUnit);
    assert.equal(routine.version, 1);
    assert.equal(routine.status, 'aktiv');
    assert.equal(routine.current, true);
    assert.equal(routine.may_edit, true);
    assert.equal(routine.revision_date, dateIn(180));
    assert.match(routine.published_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.deepEqual(routine.owner, { id: chef.me.id, display_name: chef.me.display_name });
    assert.ok(routine.staff_in_scope >= 2, 'the unit has staff');
    assert.equal(routine.acknowledged, 0);
    assert.ok(routine.missing.some((p) => p.id === emp.me.id));

    const pending = await emp.get('/routines/pending');
    assertStatus(pending, 200);
    const mine = pending.json.items.find((x) => x.id === routine.id);
    assert.ok(mine, 'pending for staff in scope');
    assert.equal(mine.in_my_scope, true);
    assert.equal(mine.my_ack_at, null);
    assert.equal(mine.may_edit, false);
    assert.ok(!('missing' in mine), 'staff do not see who has not acknowledged');
    assert.ok(!(await bou.get('/routines/pending')).json.items.some((x) => x.id === routine.id));
  });

  test('staff acknowledge (idempotent); the chef sees the count; others cannot', async () => {
    const ack = await emp.post(`/routines/${routine.id}/acknowledge`);
    assertStatus(ack, 200);
    assert.match(ack.json.my_ack_at, /^\d{4}-\d{2}-\d{2}T/);
    const again = await emp.post(`/routines/${routine.id}/acknowledge`);
    assertStatus(again, 200);
    assert.equal(again.json.my_ack_at, ack.json.my_ack_at);
    assert.ok(!(await emp.get('/routines/pending')).json.items.some((x) => x.id === routine.id));
    const seen = await chef.get(`/routines/${routine.id}`);
    assertStatus(seen, 200);
    assert.equal(seen.json.acknowledged, 1);
    assert.ok(!seen.json.missing.some((p) => p.id === emp.me.id));
    assert.ok(seen.json.missing.some((p) => p.id === emp2.me.id));
    // Outside the scope: not found, or (an editor above it) not in scope.
    assertError(await bou.get(`/routines/${routine.id}`), 404, 'routine.not_found');
    assertError(await bou.post(`/routines/${routine.id}/acknowledge`), 404, 'routine.not_found');
    assertError(await sakSoder.get(`/routines/${routine.id}`), 404, 'routine.not_found');
    assertError(await avdchef.post(`/routines/${routine.id}/acknowledge`), 403, 'routine.not_in_scope');
    // Lists: in scope, or editable.
    assert.ok((await emp.get('/routines')).json.items.some((x) => x.id === routine.id));
    assert.ok((await avdchef.get('/routines')).json.items.some((x) => x.id === routine.id));
    assert.ok(!(await bou.get('/routines')).json.items.some((x) => x.id === routine.id));
    assert.ok((await emp.get('/routines?status=aktiv')).json.items.some((x) => x.id === routine.id));
    assert.ok(!(await emp.get('/routines?status=arkiverad')).json.items.some((x) => x.id === routine.id));
    assertError(await emp.get('/routines?status=gammal'), 400, 'validation.enum');
  });

  test('a new version asks everyone again; an archived routine cannot be acknowledged', async () => {
    assertError(await emp.patch(`/routines/${routine.id}`, { title: 'Ändrad' }), 403, 'routine.forbidden');
    const p = await chef.patch(`/routines/${routine.id}`, { summary: 'Larma, gå undan, ring 112, skriv rapport.', new_version: true });
    assertStatus(p, 200);
    assert.equal(p.json.version, 2);
    assert.equal(p.json.acknowledged, 0);
    const mine = (await emp.get('/routines/pending')).json.items.find((x) => x.id === routine.id);
    assert.ok(mine, 'pending again after a new version');
    assert.equal(mine.my_ack_at, null);
    assert.equal(mine.version, 2);
    const title = await sak.patch(`/routines/${routine.id}`, { title: 'Rutin vid hot och våld', revision_date: dateIn(90) });
    assertStatus(title, 200);
    assert.equal(title.json.version, 2, 'a plain edit keeps the version');
    assert.equal(title.json.revision_date, dateIn(90));
    const archived = await chef.patch(`/routines/${routine.id}`, { status: 'arkiverad' });
    assertStatus(archived, 200);
    assert.equal(archived.json.status, 'arkiverad');
    assert.equal(archived.json.current, false);
    assertError(await emp.post(`/routines/${routine.id}/acknowledge`), 409, 'routine.archived');
    assertError(await chef.patch(`/routines/${routine.id}`, { new_version: true }), 409, 'routine.archived');
    assert.ok(!(await emp.get('/routines/pending')).json.items.some((x) => x.id === routine.id));
  });

  test('who may publish, and bad content', async () => {
    const body = { unit_id: ebUnit, title: 'Rutin', owner_user_id: chef.me.id, revision_date: dateIn(30) };
    assertError(await emp.post('/routines', body), 403, 'routine.forbidden');
    assertError(await sakSoder.post('/routines', body), 403, 'routine.forbidden');
    assertStatus(await admin.post('/routines', { ...body, title: 'Adminrutin' }), 201);
    assertError(await chef.post('/routines', { ...body, title: 'x'.repeat(201) }), 400, 'routine.title');
    assertError(await chef.post('/routines', { ...body, document_url: 'ftp://x.example/r' }), 400, 'routine.document_url');
    assertError(await chef.post('/routines', { ...body, owner_user_id: 999999 }), 400, 'routine.owner');
    assertError(await chef.post('/routines', { ...body, revision_date: '2026-02-30' }), 400, 'validation.date');
    assertError(await chef.post('/routines', { title: 'Rutin' }), 400, 'validation.required');
    assertError(await chef.get('/routines/999999'), 404, 'routine.not_found');
  });
});

describe('exercises', () => {
  let exercise;

  test('a chef records an exercise with findings; one is a measure with owner and deadline', async () => {
    const r = await chef.post('/exercises', {
      unit_id: ebUnit, kind: 'larmovning', held_on: dateIn(-3), scenario: 'Larmknappen i receptionen trycks in.',
      participants: 7, notes: 'Larmet hördes inte i besöksrum 2.',
      findings: [
        { text: 'Larmet hörs inte i besöksrum 2', owner_user_id: emp.me.id, due_date: dateIn(30) },
        { text: 'Utrymningsvägen var blockerad' },
      ],
    });
    assertStatus(r, 201);
    exercise = r.json;
    hasFields(exercise, EXERCISE_FIELDS, 'exercise');
    assert.equal(exercise.kind, 'larmovning');
    assert.equal(exercise.held_on, dateIn(-3));
    assert.equal(exercise.participants, 7);
    assert.equal(exercise.may_edit, true);
    assert.deepEqual(exercise.created_by, { id: chef.me.id, display_name: chef.me.display_name });
    assert.equal(exercise.findings.length, 2);
    for (const f of exercise.findings) hasFields(f, FINDING_FIELDS, 'finding');
    const measure = exercise.findings.find((f) => f.owner !== null);
    assert.deepEqual(measure.owner, { id: emp.me.id, display_name: emp.me.display_name });
    assert.equal(measure.due_date, dateIn(30));
    assert.equal(measure.status, 'oppen');
    assert.equal(measure.done_at, null);
    const plain = exercise.findings.find((f) => f.owner === null);
    assert.equal(plain.due_date, null);
  });

  test('the owner marks their finding done, but may not change it otherwise', async () => {
    const measure = exercise.findings.find((f) => f.owner !== null);
    assertError(await emp.patch(`/exercises/${exercise.id}/findings/${measure.id}`, { due_date: dateIn(60) }), 403,
      'exercise.forbidden');
    const done = await emp.patch(`/exercises/${exercise.id}/findings/${measure.id}`, { status: 'klar' });
    assertStatus(done, 200);
    const f = done.json.findings.find((x) => x.id === measure.id);
    assert.equal(f.status, 'klar');
    assert.match(f.done_at, /^\d{4}-\d{2}-\d{2}T/);
    // The chef turns the other finding into a measure, then clears it again.
    const plain = exercise.findings.find((x) => x.owner === null);
    const m = await chef.patch(`/exercises/${exercise.id}/findings/${plain.id}`, { owner_user_id: emp2.me.id, due_date: dateIn(14) });
    assertStatus(m, 200);
    const made = m.json.findings.find((x) => x.id === plain.id);
    assert.equal(made.owner.id, emp2.me.id);
    assert.equal(made.due_date, dateIn(14));
    const cleared = await chef.patch(`/exercises/${exercise.id}/findings/${plain.id}`, { owner_user_id: null, due_date: null });
    assertStatus(cleared, 200);
    assert.equal(cleared.json.findings.find((x) => x.id === plain.id).owner, null);
    assertError(await chef.patch(`/exercises/${exercise.id}/findings/${plain.id}`, { due_date: dateIn(3) }), 400, 'finding.measure');
    assertError(await chef.patch(`/exercises/${exercise.id}/findings/999999`, { status: 'klar' }), 404, 'finding.not_found');
  });

  test('findings are added by editors; readers and lists', async () => {
    const add = await chef.post(`/exercises/${exercise.id}/findings`, { text: 'Öva igen om en månad' });
    assertStatus(add, 201);
    assert.equal(add.json.findings.length, 3);
    assertError(await emp.post(`/exercises/${exercise.id}/findings`, { text: 'x' }), 403, 'exercise.forbidden');
    assertError(await chef.post(`/exercises/${exercise.id}/findings`, { text: 'x', owner_user_id: emp.me.id }), 400, 'finding.measure');
    const seen = await emp2.get(`/exercises/${exercise.id}`);
    assertStatus(seen, 200);
    assert.equal(seen.json.may_edit, false);
    assertStatus(await sak.get(`/exercises/${exercise.id}`), 200);
    assertError(await soderEmp.get(`/exercises/${exercise.id}`), 404, 'exercise.not_found');
    assertError(await sakSoder.get(`/exercises/${exercise.id}`), 404, 'exercise.not_found');
    const list = await chef.get(`/exercises?unit_id=${ebUnit}&from=${dateIn(-10)}`);
    assertStatus(list, 200);
    assert.ok(list.json.items.some((x) => x.id === exercise.id));
    const later = await chef.get(`/exercises?unit_id=${ebUnit}&from=${dateIn(-1)}`);
    assert.ok(!later.json.items.some((x) => x.id === exercise.id));
    assert.ok(!(await soderEmp.get('/exercises')).json.items.some((x) => x.id === exercise.id));
    assertError(await chef.get('/exercises?limit=0'), 400, 'validation.range');
    assertError(await chef.get('/exercises?from=igår'), 400, 'validation.date');
  });

  test('who may record one, and bad content', async () => {
    const body = { unit_id: ebUnit, kind: 'ovning', held_on: dateIn(-1), scenario: 'Hotfull besökare' };
    assertError(await emp.post('/exercises', body), 403, 'exercise.forbidden');
    assertError(await sakSoder.post('/exercises', body), 403, 'exercise.forbidden');
    assertStatus(await sak.post('/exercises', { ...body, kind: 'utbildning' }), 201);
    assertError(await chef.post('/exercises', { ...body, kind: 'brandovning' }), 400, 'validation.enum');
    assertError(await chef.post('/exercises', { ...body, participants: 10001 }), 400, 'exercise.participants');
    assertError(await chef.post('/exercises', { ...body, findings: [{ text: '' }] }), 400, /^(finding\.text|validation\.)/);
    const e = assertError(await chef.post('/exercises', { ...body, findings: [{ text: 'ok' }, { owner_user_id: 1 }] }), 400,
      'validation.required');
    assert.equal(e.field, 'findings[1].text');
    assertError(await chef.get('/exercises/999999'), 404, 'exercise.not_found');
  });
});
