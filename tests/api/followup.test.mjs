// After an incident: police report and its printable draft, authority notices,
// support, the förvaltning's contact details, rules and their breaches.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sqlOnDb } from './lib/server.mjs';
import { assertError, assertStatus, dateIn, isoAgo, auditAll } from './lib/client.mjs';
import { Logins, report } from './lib/fixtures.mjs';

let srv;
let L;
let emp; let colleague; let chef; let sak; let ombud; let admin; let otherChef;
let norra;  // the förvaltning "Norra"
before(async () => {
  srv = await startServer();
  L = new Logins(srv);
  emp = await L.as('medarbetare.norr.eb');
  colleague = await L.as('medarbetare.norr.eb2');
  chef = await L.as('chef.norr.eb');
  sak = await L.as('sakerhet.norr');
  ombud = await L.as('skyddsombud.norr');
  admin = await L.as('admin');
  otherChef = await L.as('chef.soder.eb');
  const units = (await admin.get('/units')).json.items;
  norra = units.find((u) => u.kind === 'forvaltning' && u.name === 'Norra');
  assert.ok(norra, 'demo förvaltning Norra');
});
after(async () => { await srv?.close(); });

const full = async (client, id) => {
  const r = await client.get(`/incidents/${id}`);
  assertStatus(r, 200);
  return r.json;
};
const rule = (inc, kind) => inc.rules.find((r) => r.kind === kind);

describe('police report', () => {
  test('the exposed employee records their own report; the chef follows the case; the employee is told', async () => {
    // A colleague reports; the employee is the exposed one (målsägande).
    const inc = await report(colleague, { exposed_user_ids: [emp.me.id] });
    const before = await full(chef, inc.id);
    assert.equal(before.police_report, null);
    assert.equal(rule(before, 'police_report').state, 'pending');

    const own = await emp.put(`/incidents/${inc.id}/police-report`, {
      reported: true, reporter: 'medarbetare', reported_at: isoAgo(5), case_number: '5000-K123456-26',
    });
    assertStatus(own, 200);
    assert.equal(own.json.reported_by.id, emp.me.id);
    assert.equal(own.json.case_status, 'anmald');

    // The reporting colleague is not the injured party and not the manager.
    assertError(await colleague.put(`/incidents/${inc.id}/police-report`, {
      reported: true, reporter: 'medarbetare', reported_at: isoAgo(5),
    }), 403, 'police.forbidden');
    // A chef of another district does not even see it.
    assertError(await otherChef.put(`/incidents/${inc.id}/police-report`, { reported: false,
      not_reported_reason: 'ej_brott' }), 404, 'incident.not_found');

    const unreadBefore = (await emp.get('/notifications')).json.unread;
    const upd = await chef.put(`/incidents/${inc.id}/police-report`, {
      reported: true, case_status: 'forundersokning',
    });
    assertStatus(upd, 200);
    assert.equal(upd.json.case_number, '5000-K123456-26', 'unset fields keep their value');
    const notes = await emp.get('/notifications?unread=true');
    assert.equal(notes.json.unread, unreadBefore + 1);
    const told = notes.json.items.find((n) => n.kind === 'police_status' && n.incident_id === inc.id);
    assert.ok(told, 'the employee is notified of the status change');
    assert.equal(told.ref, 'forundersokning');

    const after = await full(chef, inc.id);
    assert.equal(after.police_report.case_status, 'forundersokning');
    assert.equal(rule(after, 'police_report').state, 'met');
    assert.ok(after.log.some((e) => e.action === 'police_report'));
  });

  test('a decision not to report keeps its reason, and breaks the zero-tolerance rule', async () => {
    const inc = await report(emp, { category: 'hot' });
    const r = await chef.put(`/incidents/${inc.id}/police-report`, {
      reported: false, not_reported_reason: 'medarbetaren_avstar', note: 'Vill inte anmäla nu',
    });
    assertStatus(r, 200);
    assert.equal(r.json.reported, false);
    assert.equal(r.json.not_reported_reason, 'medarbetaren_avstar');
    const i = await full(chef, inc.id);
    assert.notEqual(rule(i, 'police_report').state, 'met');
  });

  test('bad input is refused and nothing is stored', async () => {
    const inc = await report(emp);
    assertError(await chef.put(`/incidents/${inc.id}/police-report`, { reported: true }),
      400, 'police.reporter');
    assertError(await chef.put(`/incidents/${inc.id}/police-report`, { reported: false }),
      400, 'police.not_reported_reason');
    assertError(await chef.put(`/incidents/${inc.id}/police-report`, {
      reported: true, reporter: 'chef', reported_at: isoAgo(1), case_number: 'DROP TABLE;',
    }), 400, 'police.case_number');
    assertError(await chef.put(`/incidents/${inc.id}/police-report`, {
      reported: true, reporter: 'polisen', reported_at: isoAgo(1),
    }), 400, 'validation.enum');
    assertError(await chef.put(`/incidents/${inc.id}/police-report`, {
      reported: true, reporter: 'chef', reported_at: new Date(Date.now() + 86_400_000).toISOString(),
    }), 400, 'police.reported_at');
    assert.equal((await full(chef, inc.id)).police_report, null);
  });

  test('the draft carries the förvaltning\'s details and the facts, never a home address, and is audited', async () => {
    const inc = await report(colleague, { exposed_user_ids: [emp.me.id], death_threat: true,
      description: 'Klienten hotade att döda handläggaren efter avslag.' });
    const r = await chef.get(`/incidents/${inc.id}/police-report/draft`);
    assertStatus(r, 200);
    const d = r.json;
    assert.equal(d.organisation.org_number, '212000-1116');
    assert.match(d.organisation.legal_name, /Norra/);
    assert.ok(d.organisation.street_address && d.organisation.phone);
    assert.equal(d.incident.description, 'Klienten hotade att döda handläggaren efter avslag.');
    assert.equal(d.incident.death_threat, true);
    assert.deepEqual(d.injured_parties.map((p) => p.id), [emp.me.id]);
    assert.equal(d.reporter_role, 'chef');
    assert.doesNotMatch(JSON.stringify(d), /home|hemadress|personnummer/i);
    // The exposed employee may print it too; the skyddsombud may not.
    assertStatus(await emp.get(`/incidents/${inc.id}/police-report/draft`), 200);
    assertError(await ombud.get(`/incidents/${inc.id}/police-report/draft`), 403, 'police.forbidden');
    const audit = await auditAll(admin);
    assert.ok(audit.some((a) => a.action === 'incident.police_draft' && a.target_id === inc.id));
  });
});

describe('authorities', () => {
  test('a serious incident shows the Arbetsmiljöverket clock; the chef records the notice', async () => {
    const inc = await report(emp, { weapon: true, injury: 'lindrig' });
    const i = await full(chef, inc.id);
    assert.equal(i.authorities.arbetsmiljoverket.required, true);
    assert.ok(i.authorities.arbetsmiljoverket.due_at > i.created_at);
    assert.equal(i.authorities.forsakringskassan.required, true, 'anyone injured: a work injury');
    assert.equal(rule(i, 'authority_notified').state, 'pending');

    assertError(await emp.put(`/incidents/${inc.id}/authority-notices/arbetsmiljoverket`, {
      notified_at: isoAgo(1), channel: 'e_tjanst' }), 403, 'incident.forbidden');
    assertError(await chef.put(`/incidents/${inc.id}/authority-notices/arbetsmiljoverket`, {
      notified_at: new Date(Date.now() + 3_600_000).toISOString(), channel: 'e_tjanst' }),
    400, 'notice.notified_at');
    assertError(await chef.put(`/incidents/${inc.id}/authority-notices/polisen`, {
      notified_at: isoAgo(1), channel: 'e_tjanst' }), 404, 'not_found');
    const r = await chef.put(`/incidents/${inc.id}/authority-notices/arbetsmiljoverket`, {
      notified_at: isoAgo(1), channel: 'e_tjanst', reference: 'AV 2026/41234' });
    assertStatus(r, 200);
    assert.equal(r.json.reference, 'AV 2026/41234');
    assertStatus(await chef.put(`/incidents/${inc.id}/authority-notices/forsakringskassan`, {
      notified_at: isoAgo(1), channel: 'telefon' }), 200);
    const after = await full(chef, inc.id);
    assert.equal(after.authorities.arbetsmiljoverket.notice.reference, 'AV 2026/41234');
    assert.equal(after.authorities.forsakringskassan.notice.channel, 'telefon');
    assert.equal(rule(after, 'authority_notified').state, 'met');
  });
});

describe('support', () => {
  test('support is a measure with type, person or group, owner, deadline and follow-up', async () => {
    const inc = await report(colleague, { exposed_user_ids: [emp.me.id] });
    const r = await chef.post(`/incidents/${inc.id}/measures`, {
      title: 'Avlastningssamtal', responsible_user_id: chef.me.id, due_date: dateIn(1),
      kind: 'stod', support_type: 'avlastningssamtal', support_user_id: emp.me.id,
      follow_up_date: dateIn(14),
    });
    assertStatus(r, 201);
    assert.equal(r.json.kind, 'stod');
    assert.equal(r.json.support_type, 'avlastningssamtal');
    assert.equal(r.json.support_person.id, emp.me.id);
    assert.equal(r.json.follow_up_date, dateIn(14));
    assertStatus(await chef.post(`/incidents/${inc.id}/measures`, {
      title: 'Gruppsamtal', responsible_user_id: chef.me.id, due_date: dateIn(3),
      kind: 'stod', support_type: 'krisstod', support_group: true }), 201);

    assertError(await chef.post(`/incidents/${inc.id}/measures`, {
      title: 'Samtal', responsible_user_id: chef.me.id, due_date: dateIn(1), kind: 'stod' }),
    400, 'measure.support_type');
    assertError(await chef.post(`/incidents/${inc.id}/measures`, {
      title: 'Samtal', responsible_user_id: chef.me.id, due_date: dateIn(1), kind: 'stod',
      support_type: 'krisstod', support_user_id: ombud.me.id }), 400, 'measure.support_user_id');

    const i = await full(chef, inc.id);
    assert.equal(i.measures.filter((m) => m.kind === 'stod').length, 2);
    assert.equal(rule(i, 'support_offered').state, 'met');
    // The skyddsombud sees that support was given, not to whom.
    const o = await full(ombud, inc.id);
    const personal = o.measures.find((m) => m.support_type === 'avlastningssamtal');
    assert.ok(personal);
    assert.equal(personal.support_person, null);
    // The supported employee sees it is theirs.
    const mine = (await full(emp, inc.id)).measures.find((m) => m.support_type === 'avlastningssamtal');
    assert.equal(mine.support_person.id, emp.me.id);
  });
});

describe('contact details and rules', () => {
  test('anyone reads the förvaltning\'s contact details; only its admin changes them, validated', async () => {
    const r = await emp.get(`/units/${norra.id}/contact`);
    assertStatus(r, 200);
    assert.equal(r.json.org_number, '212000-1116');
    const body = { ...r.json, org_number: '212000-1117' };
    const bad = await admin.put(`/units/${norra.id}/contact`, body);
    assertError(bad, 400, 'org_contact.org_number');
    assertError(await chef.put(`/units/${norra.id}/contact`, { ...r.json }), 403, 'unit.forbidden');
    const enhet = chef.me.unit_id;
    assertError(await admin.get(`/units/${enhet}/contact`), 404, 'unit.not_forvaltning');
    const ok = await admin.put(`/units/${norra.id}/contact`, { ...r.json, phone: '08-123 450 01' });
    assertStatus(ok, 200);
    assert.equal((await emp.get(`/units/${norra.id}/contact`)).json.phone, '08-123 450 01');
  });

  test('the default rules apply until the förvaltning\'s admin changes one', async () => {
    const r = await chef.get(`/rules?unit_id=${norra.id}`);
    assertStatus(r, 200);
    assert.deepEqual(r.json.items.map((x) => x.kind), ['acknowledged', 'police_report',
      'chef_reports_impersonal', 'support_offered', 'authority_notified', 'coordinator_consulted']);
    assert.ok(r.json.items.every((x) => x.is_default));
    assert.deepEqual(r.json.items.find((x) => x.kind === 'police_report').categories, ['hot', 'vald']);
    assertError(await emp.get(`/rules?unit_id=${norra.id}`), 403, 'rules.forbidden');
    assertError(await chef.put(`/rules/support_offered?unit_id=${norra.id}`, {
      enabled: true, working_days: 1 }), 403, 'unit.forbidden');
    assertError(await admin.put(`/rules/support_offered?unit_id=${norra.id}`, {
      enabled: true, working_days: 31 }), 400, 'validation.range');
    assertError(await admin.put(`/rules/no_such_rule?unit_id=${norra.id}`, {
      enabled: true, working_days: 1 }), 404, 'not_found');
    assertError(await admin.put('/rules/support_offered', { enabled: true, working_days: 1 }),
      400, 'validation.required');
    const put = await admin.put(`/rules/support_offered?unit_id=${norra.id}`, {
      enabled: true, working_days: 1, categories: ['hot', 'vald'] });
    assertStatus(put, 200);
    const again = (await sak.get(`/rules?unit_id=${norra.id}`)).json.items;
    const changed = again.find((x) => x.kind === 'support_offered');
    assert.equal(changed.is_default, false);
    assert.equal(changed.working_days, 1);
    assert.deepEqual(changed.categories, ['hot', 'vald']);
    // Put back the default for the tests that follow.
    assertStatus(await admin.put(`/rules/support_offered?unit_id=${norra.id}`, {
      enabled: true, working_days: 2 }), 200);
  });
});

describe('rule breaches', () => {
  test('a step skipped is a breach: in the incident, the breach list, and both inboxes', async () => {
    const inc = await report(emp, { weapon: true });
    // Eight days ago, serious from the start; nobody acted.
    const ago = Date.now() - 8 * 86_400_000;  // past every default deadline, whatever the weekday
    const r = sqlOnDb(srv, `UPDATE incidents SET created_at = ${ago}, serious_since = ${ago} WHERE id = ${inc.id};`);
    assert.equal(r.status, 0, r.out);
    const i = await full(chef, inc.id);
    for (const kind of ['acknowledged', 'authority_notified', 'coordinator_consulted', 'support_offered']) {
      assert.equal(rule(i, kind).state, 'breached', kind);
    }
    const list = await chef.get('/rule-breaches');
    assertStatus(list, 200);
    const mine = list.json.items.filter((b) => b.incident.id === inc.id).map((b) => b.rule.kind);
    assert.ok(mine.includes('authority_notified'));
    assert.ok(!('description' in list.json.items[0].incident), 'rows, not details');
    assertError(await emp.get('/rule-breaches'), 403, 'rules.forbidden');
    assert.ok(!(await otherChef.get('/rule-breaches')).json.items.some((b) => b.incident.id === inc.id));

    const inbox = (await chef.get('/inbox')).json.items;
    assert.ok(inbox.some((x) => x.reason === 'rule_breach' && x.incident.id === inc.id
      && x.rule.kind === 'authority_notified'));
    const sakInbox = (await sak.get('/inbox')).json.items;
    assert.ok(sakInbox.some((x) => x.reason === 'escalation' && x.incident.id === inc.id));

    // The chef catches up: acknowledges and records the consultation; those become met_late.
    assertStatus(await chef.post(`/incidents/${inc.id}/transitions`, { action: 'acknowledge' }), 200);
    const p = await chef.patch(`/incidents/${inc.id}`, { coordinator_consulted: true });
    assertStatus(p, 200);
    assert.equal(rule(p.json, 'acknowledged').state, 'met_late');
    assert.equal(rule(p.json, 'coordinator_consulted').state, 'met_late');
    assert.ok(p.json.coordinator_consulted_at);
  });

  test('a crime not aimed at one person must be reported by the chef', async () => {
    const inc = await report(emp, { category: 'skadegorelse' });
    const i = await full(chef, inc.id);
    assert.ok(rule(i, 'chef_reports_impersonal'));
    assert.equal(rule(i, 'police_report'), undefined, 'categories hot/vald only');
    const threat = await report(emp, { category: 'hot', aimed_at_person: false });
    assert.equal(threat.aimed_at_person, false);
    const t = await full(chef, threat.id);
    assert.ok(rule(t, 'chef_reports_impersonal'));
    assertStatus(await chef.put(`/incidents/${threat.id}/police-report`, {
      reported: true, reporter: 'chef', reported_at: isoAgo(1) }), 200);
    assert.equal(rule(await full(chef, threat.id), 'chef_reports_impersonal').state, 'met');
  });
});

describe('notifications', () => {
  test('a new incident tells the chef; read one, read all; nobody reads another\'s', async () => {
    const inc = await report(emp);
    const r = await chef.get('/notifications?unread=true');
    assertStatus(r, 200);
    const n = r.json.items.find((x) => x.kind === 'new_incident' && x.incident_id === inc.id);
    assert.ok(n, 'the chef is told');
    assert.equal(n.unit_name, 'Ekonomiskt bistånd');
    assert.equal(n.read_at, null);
    assert.doesNotMatch(JSON.stringify(n), /hotade/, 'no incident text in a notification');
    assertError(await emp.post(`/notifications/${n.id}/read`, {}), 404, 'notification.not_found');
    assertStatus(await chef.post(`/notifications/${n.id}/read`, {}), 204);
    const after = await chef.get('/notifications');
    assert.equal(after.json.unread, r.json.unread - 1);
    assert.ok(after.json.items.find((x) => x.id === n.id).read_at);
    const all = await chef.post('/notifications/read-all', {});
    assertStatus(all, 200);
    assert.equal(all.json.changed, after.json.unread);
    assert.equal((await chef.get('/notifications')).json.unread, 0);
    assertError(await chef.get('/notifications?limit=0'), 400, 'validation.range');
    assertError(await chef.get('/notifications?unread=maybe'), 400, 'validation.type');
  });
});
