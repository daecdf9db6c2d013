// The incident endpoints of the contract: report (with validation), list with
// filters and paging, read, assessment, workflow, notes, measures and the inbox.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { assertError, assertStatus, listAll, isoAgo, dateIn } from './lib/client.mjs';
import {
  Logins, report, incidentBody, ALWAYS_FIELDS, DETAIL_FIELDS, ISO_Z,
} from './lib/fixtures.mjs';

let srv;
let L;
let rep; let chef; let sak; let ombud;
before(async () => {
  srv = await startServer();
  L = new Logins(srv);
  rep = await L.as('medarbetare.norr.eb');
  chef = await L.as('chef.norr.eb');
  sak = await L.as('sakerhet.norr');
  ombud = await L.as('skyddsombud.norr');
});
after(async () => { await srv?.close(); });

function informedSet(informed) {
  return informed.map((i) => `${i.role}:${i.user_id}`).sort();
}

describe('POST /incidents', () => {
  test('files a report: 201 with the incident as the reporter sees it and who was told', async () => {
    const day = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    const r = await rep.post('/incidents', incidentBody({
      category: 'vald',
      occurred_at: `${day}T10:30:00+01:00`,
      place_type: 'besoksrum',
      description: 'Slag mot armen under ett möte.',
      injury: 'lindrig',
      perpetrator_relation: 'brukare',
      perpetrator_note: 'Känd sedan tidigare.',
      outside_workplace: false,
      tied_to_role: true,
    }));
    assertStatus(r, 201);
    const inc = r.json.incident;
    for (const k of ALWAYS_FIELDS) assert.ok(k in inc, `incident lacks ${k}`);
    for (const k of DETAIL_FIELDS) assert.ok(k in inc, `reporter's view lacks ${k}`);
    assert.equal(inc.category, 'vald');
    assert.equal(inc.occurred_at, `${day}T09:30:00Z`, 'offsets are converted to UTC with Z');
    assert.match(inc.created_at, ISO_Z);
    assert.match(inc.updated_at, ISO_Z);
    assert.equal(inc.status, 'ny');
    assert.equal(inc.version, 1);
    assert.equal(inc.acknowledged_at, null);
    assert.equal(inc.closed_at, null);
    assert.equal(inc.open_measures, 0);
    assert.equal(inc.sensitive, false);
    assert.equal(inc.unit_id, rep.me.unit_id, 'the unit defaults to the reporter\'s');
    assert.equal(typeof inc.unit_name, 'string');
    assert.match(inc.unit_name, /Ekonomiskt bistånd/);
    assert.ok(inc.severity >= 2, 'violence with a minor injury is at least 2');
    assert.equal(inc.place_type, 'besoksrum');
    assert.equal(inc.injury, 'lindrig');
    assert.equal(inc.description, 'Slag mot armen under ett möte.');
    assert.deepEqual(inc.reporter, { id: rep.me.id, display_name: rep.me.display_name });
    assert.deepEqual(inc.exposed.map((p) => p.id), [rep.me.id], 'exposed defaults to the reporter');
    assert.equal(inc.perpetrator_relation, 'brukare');
    assert.ok(!('perpetrator_note' in inc), 'the reporter does not see the perpetrator note');
    assert.deepEqual(inc.access, {
      details: true, perpetrator: true, perpetrator_note: false, annotate: true, manage: false,
    });
    // Who is told: the nearest chef and the skyddsombud; not the säkerhetssamordnare (severity < 3).
    assert.ok(inc.severity < 3);
    assert.deepEqual(informedSet(r.json.informed),
      [`chef:${chef.me.id}`, `skyddsombud:${ombud.me.id}`].sort());
    for (const i of r.json.informed) assert.equal(typeof i.display_name, 'string');

    // The chef sees the note.
    const g = await chef.get(`/incidents/${inc.id}`);
    assertStatus(g, 200);
    assert.equal(g.json.perpetrator_note, 'Känd sedan tidigare.');
  });

  test('a weapon raises severity to at least 3 and tells the säkerhetssamordnare', async () => {
    const inc = await report(rep, { weapon: true, severity: 1, category: 'hot' });
    assert.ok(inc.severity >= 3, `severity ${inc.severity}`);
    assert.equal(inc.weapon, true);
    assert.deepEqual(informedSet(inc.informed),
      [`chef:${chef.me.id}`, `skyddsombud:${ombud.me.id}`, `sakerhetssamordnare:${sak.me.id}`].sort());
  });

  test('a sensitive report tells only the unit\'s own chef among chefs', async () => {
    const inc = await report(rep, { sensitive: true });
    assert.equal(inc.sensitive, true);
    const ids = inc.informed.map((i) => i.user_id);
    assert.ok(ids.includes(chef.me.id));
    assert.ok(!ids.includes(await L.userId('avdchef.norr')), 'avdchef may not know about a sensitive incident');
  });

  test('exposed colleagues can be named', async () => {
    const other = await L.as('medarbetare.norr.eb2');
    const inc = await report(rep, { exposed_user_ids: [rep.me.id, other.me.id] });
    assert.deepEqual(inc.exposed.map((p) => p.id).sort(), [rep.me.id, other.me.id].sort());
    // The exposed colleague now sees it, with details.
    const g = await other.get(`/incidents/${inc.id}`);
    assertStatus(g, 200);
    assert.equal(g.json.access.details, true);
  });

  test('invalid input is 400 naming the field, and nothing is stored', async () => {
    const units = (await rep.get('/units')).json.items;
    const forvaltning = units.find((u) => u.kind === 'forvaltning');
    const body = incidentBody();
    const { category, ...noCategory } = body;
    const { occurred_at, ...noOccurred } = body;
    const future = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const cases = [
      ['missing category', noCategory, 'category'],
      ['unknown category', { ...body, category: 'bogus' }, 'category'],
      ['category of the wrong type', { ...body, category: 5 }, 'category'],
      ['missing occurred_at', noOccurred, 'occurred_at'],
      ['occurred_at without zone', { ...body, occurred_at: '2026-01-10T10:00:00' }, 'occurred_at'],
      ['occurred_at as a date', { ...body, occurred_at: '2026-01-10' }, 'occurred_at'],
      ['occurred_at garbage', { ...body, occurred_at: 'igår' }, 'occurred_at'],
      ['occurred_at in the future', { ...body, occurred_at: future }, 'occurred_at'],
      ['unknown place_type', { ...body, place_type: 'rymden' }, 'place_type'],
      ['unknown injury', { ...body, injury: 'svår' }, 'injury'],
      ['unknown perpetrator_relation', { ...body, perpetrator_relation: 'granne' }, 'perpetrator_relation'],
      ['unknown unit', { ...body, unit_id: 999999 }, 'unit_id'],
      ['unit that is not an enhet', { ...body, unit_id: forvaltning.id }, 'unit_id'],
      ['severity 7', { ...body, severity: 7 }, 'severity'],
      ['severity 0', { ...body, severity: 0 }, 'severity'],
      ['unknown exposed user', { ...body, exposed_user_ids: [999999] }, 'exposed_user_ids'],
      ['description over 10,000 characters', { ...body, description: 'x'.repeat(10_001) }, 'description'],
      ['weapon of the wrong type', { ...body, weapon: 'ja' }, 'weapon'],
    ];
    const before = { rep: (await listAll(rep)).total, sak: (await listAll(sak)).total };
    const failures = [];
    for (const [what, b, field] of cases) {
      const r = await rep.post('/incidents', b);
      try {
        const e = assertError(r, 400);
        assert.equal(e.field, field, `"field" for ${what}: ${r.text}`);
      } catch (err) {
        failures.push(`${what}: ${err.message.split('\n')[0]}`);
      }
    }
    assert.equal((await listAll(rep)).total, before.rep, 'nothing stored (reporter\'s list)');
    assert.equal((await listAll(sak)).total, before.sak, 'nothing stored (säkerhetssamordnare\'s list)');
    assert.deepEqual(failures, []);
  });
});

describe('text limits', () => {
  // The limits are characters (app/incident_service.h: "description over 10,000
  // characters"; the server's own message: "at most 10,000 characters"), and
  // Swedish text is two bytes per å, ä, ö in UTF-8.
  test('a description or note of 10,000 Swedish characters is accepted; 10,001 is not', async () => {
    const ok = await rep.post('/incidents', incidentBody({ description: 'å'.repeat(10_000) }));
    assert.equal(ok.status, 201, `10,000 × "å" (20,000 bytes): ${ok.status} ${ok.text.slice(0, 200)}`);
    assert.equal(ok.json.incident.description.length, 10_000);
    const over = await rep.post('/incidents', incidentBody({ description: 'å'.repeat(10_001) }));
    assert.equal(assertError(over, 400).field, 'description');

    const inc = await report(rep, {});
    const note = await rep.post(`/incidents/${inc.id}/notes`, { text: 'ö'.repeat(10_000) });
    assert.equal(note.status, 201, `note of 10,000 × "ö": ${note.status} ${note.text.slice(0, 200)}`);
    assertError(await rep.post(`/incidents/${inc.id}/notes`, { text: 'ö'.repeat(10_001) }), 400, 'note.text');
  });
});

describe('GET /incidents/{id}', () => {
  test('the manager sees measures, notes and the logbook; absent ids are 404', async () => {
    const inc = await report(rep, { perpetrator_relation: 'anhorig', perpetrator_note: 'Bror.' });
    const r = await chef.get(`/incidents/${inc.id}`);
    assertStatus(r, 200);
    assert.deepEqual(r.json.measures, []);
    assert.deepEqual(r.json.notes, []);
    assert.ok(Array.isArray(r.json.log));
    const created = r.json.log.find((l) => l.action === 'created');
    assert.ok(created, `no "created" log entry: ${JSON.stringify(r.json.log)}`);
    assert.equal(created.actor.id, rep.me.id);
    assert.match(created.at, ISO_Z);
    assert.equal(r.json.perpetrator_note, 'Bror.');
    assert.deepEqual(r.json.access, {
      details: true, perpetrator: true, perpetrator_note: true, annotate: true, manage: true,
    });
    assertError(await chef.get('/incidents/987654'), 404);
  });
});

describe('PATCH /incidents/{id}', () => {
  test('the manager changes the assessment; the floor, versions and roles are enforced', async () => {
    const inc = await report(rep, {});
    const p = await chef.patch(`/incidents/${inc.id}`, { severity: 4, perpetrator_note: 'Ny notering', version: inc.version });
    assertStatus(p, 200);
    assert.equal(p.json.severity, 4);
    assert.equal(p.json.perpetrator_note, 'Ny notering');
    assert.ok(p.json.version > inc.version, 'version is bumped');
    const g = await chef.get(`/incidents/${inc.id}`);
    assert.ok(g.json.log.some((l) => l.action === 'updated'), 'an "updated" log entry');

    const stale = await chef.patch(`/incidents/${inc.id}`, { severity: 2, version: inc.version });
    assertError(stale, 409);
    assert.equal((await chef.get(`/incidents/${inc.id}`)).json.severity, 4, 'a stale update changes nothing');

    assertError(await rep.patch(`/incidents/${inc.id}`, { severity: 1 }), 403);
    assertError(await sak.patch(`/incidents/${inc.id}`, { severity: 1 }), 403);
    assertError(await chef.patch(`/incidents/${inc.id}`, { severity: 9 }), 400);

    const armed = await report(rep, { weapon: true });
    const low = await chef.patch(`/incidents/${armed.id}`, { severity: 1 });
    assertError(low, 400, 'incident.severity_below_minimum');

    const sens = await chef.patch(`/incidents/${inc.id}`, { sensitive: true, perpetrator_relation: null });
    assertStatus(sens, 200);
    assert.equal(sens.json.sensitive, true);
    assert.equal(sens.json.perpetrator_relation, null);
  });
});

describe('workflow', () => {
  test('receive, measure, refused close, measure done, close, reopen with reason', async () => {
    const inc = await report(rep, { category: 'trakasserier' });
    const base = `/incidents/${inc.id}`;

    const ack = await chef.post(`${base}/transitions`, { action: 'acknowledge', version: inc.version });
    assertStatus(ack, 200);
    assert.equal(ack.json.status, 'mottagen');
    assert.match(ack.json.acknowledged_at, ISO_Z);
    assertError(await chef.post(`${base}/transitions`, { action: 'acknowledge' }), 409, 'workflow.transition_not_allowed');
    assertError(await chef.post(`${base}/transitions`, { action: 'reopen', reason: 'x' }), 409, 'workflow.transition_not_allowed');
    assertError(await chef.post(`${base}/transitions`, { action: 'explode' }), 400);
    assertError(await chef.post(`${base}/transitions`, { action: 'investigate', version: inc.version }), 409);
    assertError(await rep.post(`${base}/transitions`, { action: 'investigate' }), 403);

    const m = await chef.post(`${base}/measures`, {
      title: 'Samtal med brukaren', responsible_user_id: chef.me.id, due_date: dateIn(14),
    });
    assertStatus(m, 201);
    const measure = m.json;
    assert.equal(measure.incident_id, inc.id);
    assert.equal(measure.title, 'Samtal med brukaren');
    assert.deepEqual(measure.responsible, { id: chef.me.id, display_name: chef.me.display_name });
    assert.equal(measure.due_date, dateIn(14));
    assert.equal(measure.status, 'oppen');
    assert.equal(measure.done_at, null);
    assert.match(measure.created_at, ISO_Z);
    assert.equal((await chef.get(base)).json.open_measures, 1);

    const refused = await chef.post(`${base}/transitions`, { action: 'close' });
    assertError(refused, 409, 'workflow.open_measures');
    assert.equal((await chef.get(base)).json.status, 'mottagen', 'a refused close changes nothing');

    const done = await chef.patch(`${base}/measures/${measure.id}`, { status: 'klar' });
    assertStatus(done, 200);
    assert.equal(done.json.status, 'klar');
    assert.match(done.json.done_at, ISO_Z);

    const closed = await chef.post(`${base}/transitions`, { action: 'close' });
    assertStatus(closed, 200);
    assert.equal(closed.json.status, 'avslutad');
    assert.match(closed.json.closed_at, ISO_Z);
    assert.equal(closed.json.open_measures, 0);

    assertError(await chef.post(`${base}/measures`, {
      title: 'För sent', responsible_user_id: chef.me.id, due_date: dateIn(3),
    }), 409, 'incident.closed');

    assertError(await chef.post(`${base}/transitions`, { action: 'reopen' }), 400, 'workflow.reason_required');
    assertError(await chef.post(`${base}/transitions`, { action: 'reopen', reason: '' }), 400, 'workflow.reason_required');
    const reopened = await chef.post(`${base}/transitions`, { action: 'reopen', reason: 'Ny uppgift från polisen' });
    assertStatus(reopened, 200);
    assert.equal(reopened.json.status, 'utreds');

    const full = (await chef.get(base)).json;
    const actions = full.log.map((l) => l.action);
    for (const a of ['created', 'status_changed', 'measure_added', 'measure_updated', 'reopened']) {
      assert.ok(actions.includes(a), `log lacks ${a}: ${actions}`);
    }
    assert.ok(full.log.some((l) => l.action === 'status_changed' && l.detail === 'ny>mottagen'));
    assert.ok(full.log.some((l) => l.action === 'measure_updated' && l.detail === `${measure.id}:klar`));
    assert.ok(full.log.some((l) => l.action === 'reopened' && l.detail === 'Ny uppgift från polisen'));
    assert.equal(full.measures.length, 1);

    const stale = await chef.post(`${base}/transitions`, { action: 'close', version: inc.version });
    assertError(stale, 409);
  });

  test('a chef may go from ny straight to utreds', async () => {
    const inc = await report(rep, {});
    const r = await chef.post(`/incidents/${inc.id}/transitions`, { action: 'investigate' });
    assertStatus(r, 200);
    assert.equal(r.json.status, 'utreds');
  });
});

describe('notes and measures', () => {
  test('notes: the reporter and the säkerhetssamordnare add, everyone with details reads', async () => {
    const inc = await report(rep, {});
    const n = await rep.post(`/incidents/${inc.id}/notes`, { text: 'Jag mår bättre nu.' });
    assertStatus(n, 201);
    assert.equal(n.json.text, 'Jag mår bättre nu.');
    assert.deepEqual(n.json.author, { id: rep.me.id, display_name: rep.me.display_name });
    assert.match(n.json.created_at, ISO_Z);
    assert.ok(n.json.id);
    assertStatus(await sak.post(`/incidents/${inc.id}/notes`, { text: 'Kontakt med polisen tagen.' }), 201);
    assertError(await rep.post(`/incidents/${inc.id}/notes`, { text: '' }), 400, 'note.text');
    assertError(await rep.post(`/incidents/${inc.id}/notes`, {}), 400);
    const g = await chef.get(`/incidents/${inc.id}`);
    assert.deepEqual(g.json.notes.map((x) => x.text), ['Jag mår bättre nu.', 'Kontakt med polisen tagen.']);
    assert.ok(g.json.log.some((l) => l.action === 'note_added'));
  });

  test('measures: validation and unknown ids', async () => {
    const inc = await report(rep, {});
    const base = `/incidents/${inc.id}/measures`;
    const ok = { title: 'Larmknapp', responsible_user_id: chef.me.id, due_date: dateIn(7) };
    assertError(await chef.post(base, { ...ok, title: '' }), 400);
    assertError(await chef.post(base, { ...ok, due_date: '2026-13-45' }), 400);
    assertError(await chef.post(base, { ...ok, due_date: '7 dagar' }), 400);
    assertError(await chef.post(base, { ...ok, responsible_user_id: 999999 }), 400);
    assertError(await rep.post(base, ok), 403);
    assertError(await sak.post(base, ok), 403);
    const m = await chef.post(base, ok);
    assertStatus(m, 201);
    assertError(await chef.patch(`${base}/999999`, { status: 'klar' }), 404);
    assertError(await chef.patch(`${base}/${m.json.id}`, { status: 'halvklar' }), 400);
    const moved = await chef.patch(`${base}/${m.json.id}`, { due_date: dateIn(30), title: 'Larmknapp i rum 2' });
    assertStatus(moved, 200);
    assert.equal(moved.json.due_date, dateIn(30));
    assert.equal(moved.json.title, 'Larmknapp i rum 2');
    // A measure id of another incident is not found under this one.
    const other = await report(rep, {});
    assertError(await chef.patch(`/incidents/${other.id}/measures/${m.json.id}`, { status: 'klar' }), 404);
  });
});

describe('GET /incidents: filters and paging', () => {
  const mine = [];
  before(async () => {
    const bou = await L.as('medarbetare.norr.bou');
    const day = 86_400_000;
    const at = (d, h) => new Date(Date.now() - d * day - h * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    mine.push(await report(rep, { category: 'skadegorelse', occurred_at: at(30, 1) }));
    mine.push(await report(rep, { category: 'skadegorelse', occurred_at: at(20, 2), weapon: true }));
    mine.push(await report(bou, { category: 'stold_inbrott', occurred_at: at(10, 3), severity: 3 }));
    mine.push(await report(bou, { category: 'forolampning', occurred_at: at(5, 4), sensitive: true }));
    const c = await report(rep, { category: 'annat', occurred_at: at(2, 5) });
    await chef.post(`/incidents/${c.id}/transitions`, { action: 'acknowledge' });
    assertStatus(await chef.post(`/incidents/${c.id}/transitions`, { action: 'close' }), 200);
    mine.push(c);
  });

  function ids(items) { return items.map((i) => i.id); }

  test('each filter returns exactly the matching subset of the full list', async () => {
    const all = (await listAll(sak)).items;
    for (const m of mine) assert.ok(all.some((i) => i.id === m.id), `säkerhetssamordnare lists ${m.id}`);
    const t = (s) => Date.parse(s);
    const from = new Date(Date.now() - 25 * 86_400_000).toISOString();
    const to = new Date(Date.now() - 4 * 86_400_000).toISOString();
    const bouUnit = await L.homeUnit('medarbetare.norr.bou');
    const cases = [
      ['status=ny', (i) => i.status === 'ny'],
      ['status=avslutad', (i) => i.status === 'avslutad'],
      ['open=true', (i) => i.status !== 'avslutad'],
      ['open=false', (i) => i.status === 'avslutad'],
      ['category=skadegorelse', (i) => i.category === 'skadegorelse'],
      [`unit_id=${bouUnit}`, (i) => i.unit_id === bouUnit],
      [`from=${encodeURIComponent(from)}`, (i) => t(i.occurred_at) >= t(from)],
      [`to=${encodeURIComponent(to)}`, (i) => t(i.occurred_at) < t(to)],
      [`from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, (i) => t(i.occurred_at) >= t(from) && t(i.occurred_at) < t(to)],
      ['min_severity=3', (i) => i.severity >= 3],
      ['category=skadegorelse&min_severity=3&open=true', (i) => i.category === 'skadegorelse' && i.severity >= 3 && i.status !== 'avslutad'],
    ];
    for (const [q, pred] of cases) {
      const got = await listAll(sak, q);
      const want = all.filter(pred);
      assert.deepEqual(ids(got.items), ids(want), `filter ${q}`);
      assert.equal(got.total, want.length, `total for ${q}`);
    }
    // Our fixtures land where they should.
    const sev = ids((await listAll(sak, 'min_severity=3')).items);
    assert.ok(sev.includes(mine[1].id) && sev.includes(mine[2].id) && !sev.includes(mine[0].id));
    const closed = ids((await listAll(sak, 'status=avslutad')).items);
    assert.ok(closed.includes(mine[4].id));
  });

  test('newest first, stable paging, total, limit bounds', async () => {
    const all = (await listAll(sak)).items;
    for (let k = 1; k < all.length; k++) {
      const a = Date.parse(all[k - 1].occurred_at); const b = Date.parse(all[k].occurred_at);
      assert.ok(a >= b, `ordered by occurred_at descending at ${k}`);
    }
    const def = await sak.get('/incidents');
    assertStatus(def, 200);
    assert.equal(def.json.limit, 50, 'default limit 50');
    assert.equal(def.json.offset, 0);
    assert.equal(def.json.total, all.length);
    const pages = [];
    for (let off = 0; off < all.length; off += 2) {
      const p = await sak.get(`/incidents?limit=2&offset=${off}`);
      assertStatus(p, 200);
      assert.equal(p.json.limit, 2);
      assert.equal(p.json.offset, off);
      assert.equal(p.json.total, all.length);
      pages.push(...ids(p.json.items));
    }
    assert.deepEqual(pages, ids(all), 'pages concatenate to the full list');
    const past = await sak.get(`/incidents?limit=5&offset=${all.length + 10}`);
    assertStatus(past, 200);
    assert.deepEqual(past.json.items, []);
    assertStatus(await sak.get('/incidents?limit=500'), 200);
    assertError(await sak.get('/incidents?limit=0'), 400);
    assertError(await sak.get('/incidents?limit=501'), 400);
    assertError(await sak.get('/incidents?offset=-1'), 400);
    assertError(await sak.get('/incidents?status=bogus'), 400);
    assertError(await sak.get('/incidents?category=bogus'), 400);
    assertError(await sak.get('/incidents?from=yesterday'), 400);
    assertError(await sak.get('/incidents?open=kanske'), 400);
  });

  test('list items never carry notes or logbook', async () => {
    const all = (await listAll(sak)).items;
    for (const i of all) {
      assert.ok(!('notes' in i) && !('log' in i), `list item ${i.id} carries notes/log`);
      for (const k of ALWAYS_FIELDS) assert.ok(k in i, `list item lacks ${k}`);
    }
  });
});

describe('GET /inbox', () => {
  test('the chef sees the new incident until it is received; the säkerhetssamordnare sees serious ones', async () => {
    const normal = await report(rep, { severity: 1 });
    const serious = await report(rep, { severity: 3, category: 'hot' });
    const inbox = async (c) => { const r = await c.get('/inbox'); assertStatus(r, 200); return r.json.items; };

    const chefItems = await inbox(chef);
    for (const inc of [normal, serious]) {
      const it = chefItems.find((i) => i.incident.id === inc.id && i.reason === 'new');
      assert.ok(it, `chef inbox has "new" ${inc.id}: ${JSON.stringify(chefItems.map((i) => [i.reason, i.incident.id]))}`);
    }
    const sakItems = await inbox(sak);
    assert.ok(sakItems.some((i) => i.incident.id === serious.id && i.reason === 'serious'), 'säkerhetssamordnare sees the serious one');
    assert.ok(!sakItems.some((i) => i.incident.id === normal.id), 'but not severity < 3');
    for (const i of sakItems.filter((x) => x.reason === 'serious')) assert.ok(i.incident.severity >= 3);
    const sakSoder = await inbox(await L.as('sakerhet.soder'));
    assert.ok(!sakSoder.some((i) => i.incident.id === serious.id), 'another förvaltning\'s säkerhetssamordnare does not');
    const otherChef = await inbox(await L.as('chef.soder.eb'));
    assert.ok(!otherChef.some((i) => i.incident.id === normal.id));

    await chef.post(`/incidents/${normal.id}/transitions`, { action: 'acknowledge' });
    const after = await inbox(chef);
    assert.ok(!after.some((i) => i.incident.id === normal.id && i.reason === 'new'), 'received: no longer new');

    // A measure the reporter is responsible for shows up as "my_measure".
    const m = await chef.post(`/incidents/${normal.id}/measures`, {
      title: 'Boka samtal', responsible_user_id: rep.me.id, due_date: dateIn(5),
    });
    assertStatus(m, 201);
    const repItems = await inbox(rep);
    const mine = repItems.find((i) => i.reason === 'my_measure' && i.measure?.id === m.json.id);
    assert.ok(mine, `reporter inbox has my_measure: ${JSON.stringify(repItems)}`);
    assert.equal(mine.incident.id, normal.id);

    const nobody = await inbox(await L.as('medarbetare.vaster.vux'));
    assert.deepEqual(nobody, []);
  });
});
