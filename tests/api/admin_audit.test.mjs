// Organisation and user administration, the colleague directory, and the audit log.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { Client, login, assertError, assertStatus, isoAgo, auditAll } from './lib/client.mjs';
import { Logins, report } from './lib/fixtures.mjs';

let srv;
let L;
let admin;
before(async () => {
  srv = await startServer();
  L = new Logins(srv);
  admin = await L.as('admin');
});
after(async () => { await srv?.close(); });

describe('units', () => {
  test('every user reads the tree; the admin adds and renames; others get 403', async () => {
    const emp = await L.as('medarbetare.soder.rec');
    const r = await emp.get('/units');
    assertStatus(r, 200);
    const units = r.json.items;
    const kommun = units.filter((u) => u.kind === 'kommun');
    assert.equal(kommun.length, 1);
    assert.equal(kommun[0].parent_id, null);
    assert.equal(units.filter((u) => u.kind === 'forvaltning').length, 3);
    assert.equal(units.filter((u) => u.kind === 'avdelning').length, 3);
    assert.equal(units.filter((u) => u.kind === 'enhet').length, 12);
    for (const u of units) for (const k of ['id', 'parent_id', 'kind', 'name']) assert.ok(k in u);

    const avd = units.find((u) => u.kind === 'avdelning');
    const c = await admin.post('/units', { parent_id: avd.id, kind: 'enhet', name: 'Familjerätt' });
    assertStatus(c, 201);
    assert.equal(c.json.name, 'Familjerätt');
    assert.equal(c.json.parent_id, avd.id);
    assert.equal(c.json.kind, 'enhet');
    assertError(await admin.post('/units', { parent_id: avd.id, kind: 'enhet', name: 'Familjerätt' }), 409);
    assertError(await admin.post('/units', { parent_id: avd.id, kind: 'kommun', name: 'Ny kommun' }), 400);
    assertError(await admin.post('/units', { parent_id: avd.id, kind: 'enhet', name: '' }), 400);
    assertError(await admin.post('/units', { parent_id: 999999, kind: 'enhet', name: 'Y' }), 400);

    const p = await admin.patch(`/units/${c.json.id}`, { name: 'Familjerätten' });
    assertStatus(p, 200);
    assert.equal(p.json.name, 'Familjerätten');
    assertError(await admin.patch('/units/999999', { name: 'X' }), 404);

    for (const u of ['chef.norr.eb', 'sakerhet.norr', 'analytiker', 'medarbetare.soder.rec']) {
      const c2 = await L.as(u);
      assertError(await c2.post('/units', { parent_id: avd.id, kind: 'enhet', name: `Av ${u}` }), 403);
      assertError(await c2.patch(`/units/${c.json.id}`, { name: `Av ${u}` }), 403);
    }
    const after = (await emp.get('/units')).json.items;
    assert.equal(after.length, units.length + 1);
    assert.ok(after.some((u) => u.name === 'Familjerätten'));
  });
});

describe('users and grants', () => {
  test('the admin lists, creates, changes, grants and revokes; the new user can log in', async () => {
    const list = await admin.get('/users');
    assertStatus(list, 200);
    const users = list.json.items;
    assert.ok(users.length >= 40, `demo users: ${users.length}`);
    for (const u of users) {
      for (const k of ['id', 'username', 'display_name', 'email', 'unit_id', 'active', 'grants']) {
        assert.ok(k in u, `user lacks ${k}`);
      }
    }
    assert.doesNotMatch(list.text, /password|hash/i);
    const unit = (await L.as('medarbetare.vaster.eb')).me.unit_id;

    const c = await admin.post('/users', {
      username: 'ny.anstalld', display_name: 'Ny Anställd', email: 'ny@storasa.example', unit_id: unit,
      password: 'langt-losenord-123',
    });
    assertStatus(c, 201);
    assert.equal(c.json.username, 'ny.anstalld');
    assert.equal(c.json.active, true);
    assert.deepEqual(c.json.grants, []);
    assert.doesNotMatch(c.text, /password|hash/i);
    const id = c.json.id;

    assertError(await admin.post('/users', {
      username: 'ny.anstalld', display_name: 'Dubblett', email: 'd@storasa.example', unit_id: unit, password: 'langt-losenord-123',
    }), 409);
    const short = await admin.post('/users', {
      username: 'kort.losen', display_name: 'K', email: 'k@storasa.example', unit_id: unit, password: 'kort',
    });
    assert.equal(assertError(short, 400).field, 'password');
    assertError(await admin.post('/users', {
      username: 'fel.enhet', display_name: 'F', email: 'f@storasa.example', unit_id: 999999, password: 'langt-losenord-123',
    }), 400);

    const nu = await login(srv, 'ny.anstalld', { password: 'langt-losenord-123' });
    assert.deepEqual(nu.me.roles, ['medarbetare']);

    const p = await admin.patch(`/users/${id}`, { display_name: 'Ny Anställd Andersson', email: 'nya@storasa.example' });
    assertStatus(p, 200);
    assert.equal(p.json.display_name, 'Ny Anställd Andersson');
    assertError(await admin.patch('/users/999999', { display_name: 'X' }), 404);

    const g = await admin.post(`/users/${id}/grants`, { role: 'skyddsombud', unit_id: unit });
    assertStatus(g, 201);
    assert.equal(g.json.role, 'skyddsombud');
    assert.equal(g.json.unit_id, unit);
    assert.ok(g.json.id);
    assertError(await admin.post(`/users/${id}/grants`, { role: 'kung', unit_id: unit }), 400);
    assertError(await admin.post(`/users/${id}/grants`, { role: 'chef', unit_id: 999999 }), 400);
    assertError(await admin.post(`/users/${id}/grants`, { role: 'skyddsombud', unit_id: unit }), 409);
    const me = await nu.get('/me');
    assert.ok(me.json.roles.includes('skyddsombud'), 'a new grant applies to the running session');

    const d = await admin.del(`/users/${id}/grants/${g.json.id}`);
    assert.equal(d.status, 204, d.text);
    assertError(await admin.del(`/users/${id}/grants/${g.json.id}`), 404);
    const after = (await admin.get('/users')).json.items.find((u) => u.id === id);
    assert.deepEqual(after.grants, []);

    // Deactivating ends the account's sessions and logins.
    assertStatus(await admin.patch(`/users/${id}`, { active: false }), 200);
    assertError(await nu.get('/me'), 401);
    assertError(await new Client(srv).login('ny.anstalld', 'langt-losenord-123'), 401, 'auth.bad_credentials');
  });

  test('non-admins get 403 on every user endpoint and change nothing', async () => {
    const target = (await admin.get('/users')).json.items.find((u) => u.username === 'medarbetare.norr.rec');
    const before = JSON.stringify(target);
    for (const u of ['chef.norr.eb', 'avdchef.norr', 'sakerhet.norr', 'skyddsombud.norr', 'analytiker', 'medarbetare.norr.rec']) {
      const c = await L.as(u);
      assertError(await c.get('/users'), 403);
      assertError(await c.post('/users', {
        username: `x.${u}`, display_name: 'X', email: 'x@storasa.example', unit_id: target.unit_id, password: 'langt-losenord-123',
      }), 403);
      assertError(await c.patch(`/users/${target.id}`, { display_name: 'Hackad' }), 403);
      assertError(await c.post(`/users/${target.id}/grants`, { role: 'admin', unit_id: target.unit_id }), 403);
      if (target.grants[0]) assertError(await c.del(`/users/${target.id}/grants/${target.grants[0].id}`), 403);
      assertError(await c.post(`/users/${c.me.id}/grants`, { role: 'admin', unit_id: target.unit_id }), 403);
    }
    const after = (await admin.get('/users')).json.items.find((u) => u.id === target.id);
    assert.equal(JSON.stringify(after), before);
    const users = (await admin.get('/users')).json.items;
    assert.ok(!users.some((u) => u.username.startsWith('x.')), 'no user was created');
  });

  test('colleagues: names and units only', async () => {
    const c = await L.as('medarbetare.norr.eb');
    const r = await c.get('/colleagues');
    assertStatus(r, 200);
    assert.ok(r.json.items.length > 0);
    for (const p of r.json.items) {
      assert.deepEqual(Object.keys(p).sort(), ['display_name', 'id', 'unit_id']);
    }
    const ids = r.json.items.map((p) => p.id);
    assert.ok(ids.includes(await L.userId('medarbetare.norr.eb2')), 'a colleague in the same unit');
    assert.ok(ids.includes(await L.userId('chef.norr.eb')), 'the chef');
    assert.ok(!ids.includes(await L.userId('medarbetare.soder.eb')), 'not someone in another förvaltning');
  });
});

describe('audit', () => {
  test('every GET /incidents/{id} writes an incident.read record', async () => {
    const rep = await L.as('medarbetare.norr.vux');
    const chef = await L.as('chef.norr.vux');
    const inc = await report(rep, { occurred_at: isoAgo(10) });
    const lastSeq = () => auditAll(admin);
    const before = await lastSeq();
    const reads = (items) => items.filter((a) => a.action === 'incident.read' && a.target_type === 'incident' && a.target_id === inc.id);
    const n0 = reads(before).length;
    assertStatus(await chef.get(`/incidents/${inc.id}`), 200);
    assertStatus(await chef.get(`/incidents/${inc.id}`), 200);
    assertStatus(await rep.get(`/incidents/${inc.id}`), 200);
    const items = await lastSeq();
    const r = reads(items);
    assert.equal(r.length, n0 + 3, `three incident.read records: ${JSON.stringify(r)}`);
    assert.deepEqual(r.slice(-3).map((a) => a.actor_id), [chef.me.id, chef.me.id, rep.me.id]);
    for (const a of items) {
      for (const k of ['seq', 'at', 'actor_id', 'action', 'target_type', 'target_id', 'detail', 'hash']) assert.ok(k in a, `audit record lacks ${k}`);
    }
    // seq ascending without gaps; after= pages.
    for (let k = 1; k < items.length; k++) assert.equal(items[k].seq, items[k - 1].seq + 1);
    const page = await admin.get(`/audit?after=${items[2].seq}&limit=3`);
    assert.deepEqual(page.json.items.map((a) => a.seq), [items[3].seq, items[4].seq, items[5].seq]);
    // A read by someone who may not see it is not a read.
    const outsider = await L.as('chef.soder.vux');
    assertError(await outsider.get(`/incidents/${inc.id}`), 404);
    // No personal data in details.
    const descr = (await chef.get(`/incidents/${inc.id}`)).json.description;
    assert.ok(!JSON.stringify(await lastSeq()).includes(descr), 'audit details carry no incident text');
  });

  test('audit access: admin and säkerhetssamordnare (own scope) read, only the admin verifies', async () => {
    const rep = await L.as('medarbetare.soder.bou');
    const inc = await report(rep, {});
    assertStatus(await (await L.as('chef.soder.bou')).get(`/incidents/${inc.id}`), 200);
    const sakS = await L.as('sakerhet.soder');
    const sakN = await L.as('sakerhet.norr');
    assertStatus(await sakS.get('/audit?limit=500'), 200);
    const sItems = await auditAll(sakS);
    assert.ok(sItems.some((a) => a.target_type === 'incident' && a.target_id === inc.id), 'own förvaltning visible');
    const nItems = await auditAll(sakN);
    assert.ok(!nItems.some((a) => a.target_type === 'incident' && a.target_id === inc.id), 'another förvaltning\'s records are not');
    for (const u of ['chef.norr.eb', 'avdchef.norr', 'skyddsombud.norr', 'analytiker', 'medarbetare.norr.eb']) {
      assertError(await (await L.as(u)).get('/audit'), 403);
    }
    for (const u of ['sakerhet.norr', 'chef.norr.eb', 'analytiker', 'medarbetare.norr.eb']) {
      assertError(await (await L.as(u)).get('/audit/verify'), 403);
    }
    const v = await admin.get('/audit/verify');
    assertStatus(v, 200);
    assert.equal(v.json.ok, true);
    assert.ok(v.json.records > 0);
    assert.equal(v.json.first_bad_seq ?? 0, 0);
    assertError(await admin.get('/audit?limit=0'), 400);
  });
});
