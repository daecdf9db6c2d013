// The panic alarm over HTTP (docs/alarms.md): sites, rooms, devices and duty set up through the
// API; raise → the receivers' event streams → respond → end; device tokens; who receives nothing;
// who may read; reconnecting with Last-Event-ID; a restart; two processes on one PostgreSQL
// database.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, TEST_ENGINE } from './lib/server.mjs';
import { API, Client, assertError, assertStatus, login } from './lib/client.mjs';
import { Logins } from './lib/fixtures.mjs';
import { openStream } from './lib/sse.mjs';

const VIEW_FIELDS = ['id', 'kind', 'status', 'site', 'room', 'unit_id', 'raised_by', 'device', 'raised_at',
  'ring', 'call_112', 'receivers', 'delivered', 'responders', 'ended_at', 'ended_by', 'outcome',
  'outcome_note', 'incident_id', 'phones'];
// How long a stream that should get nothing is watched after one that should got it.
const QUIET_MS = 400;

let srv;
let L;
let sak; let sakSoder; let raiser; let receiver; let offDuty; let elsewhere; let soderEmp;
let siteA; let siteA2; let siteB; let roomA; let roomA2; let roomA3; let roomB;
const streams = [];

function hasFields(obj, fields, what) {
  for (const f of fields) assert.ok(Object.prototype.hasOwnProperty.call(obj, f), `${what}: ${f} missing in ${JSON.stringify(obj)}`);
}

async function stream(client, opts) {
  const s = await openStream(client, opts);
  assert.equal(s.status, 200, `stream: ${s.status} ${s.text ?? ''}`);
  streams.push(s);
  await s.next((m) => m.event === 'hello');
  return s;
}

// The stream's message about alarm `id` with event kind `kind`.
const about = (id, kind) => (m) => m.event === 'alarm' && m.data.alarm.id === id && (!kind || m.data.kind === kind);

// POST /device/alarm with only the Authorization header (no cookie, no CSRF).
async function deviceAlarm(token, body) {
  const headers = { Accept: 'application/json' };
  if (token !== undefined) headers.Authorization = token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${srv.url}${API}/device/alarm`, {
    method: 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, headers: res.headers, text, json, method: 'POST', url: res.url };
}

async function createSite(who, unitId, name) {
  const r = await who.post('/alarm-sites', {
    unit_id: unitId, name, address: 'Storgatan 1', phone_reception: '010-123 45 00', phone_guard: '010-123 45 99',
  });
  assertStatus(r, 201);
  return r.json;
}

async function addRoom(who, site, name, kind) {
  const r = await who.post(`/alarm-sites/${site.id}/rooms`, { name, kind });
  assertStatus(r, 201);
  return r.json;
}

async function onDuty(who, site, room, fn = 'kollega') {
  const r = await who.put('/duty', { site_id: site.id, function: fn, room_id: room?.id ?? null });
  assertStatus(r, 200);
  return r.json.duty;
}

before(async () => {
  srv = await startServer();
  L = new Logins(srv);
  sak = await L.as('sakerhet.norr');
  sakSoder = await L.as('sakerhet.soder');
  raiser = await L.as('medarbetare.norr.eb');
  receiver = await L.as('medarbetare.norr.eb2');
  offDuty = await L.as('medarbetare.norr.bou');
  elsewhere = await L.as('medarbetare.norr.vux');
  soderEmp = await L.as('medarbetare.soder.eb');
  const norr = sak.me.grants.find((g) => g.role === 'sakerhetssamordnare').unit_id;
  const soder = sakSoder.me.grants.find((g) => g.role === 'sakerhetssamordnare').unit_id;
  siteA = await createSite(sak, norr, 'Storgatan 1');
  siteA2 = await createSite(sak, norr, 'Lillgatan 2');
  siteB = await createSite(sakSoder, soder, 'Södergatan 3');
  roomA = await addRoom(sak, siteA, 'Besöksrum 1', 'besoksrum');
  roomA3 = await addRoom(sak, siteA, 'Samtalsrum 2', 'samtalsrum');
  roomA2 = await addRoom(sak, siteA2, 'Reception', 'reception');
  roomB = await addRoom(sakSoder, siteB, 'Besöksrum', 'besoksrum');
  await onDuty(raiser, siteA, roomA);
  await onDuty(receiver, siteA, roomA3);
  await onDuty(elsewhere, siteA2, roomA2);
  await onDuty(soderEmp, siteB, roomB);
});

after(async () => {
  for (const s of streams) s.close();
  await srv?.close();
});

describe('configuration', () => {
  test('sites list with rooms; managers see devices, staff do not; duty reads back', async () => {
    const mine = assertStatus(await raiser.get('/alarm-sites'), 200);
    const a = mine.items.find((s) => s.id === siteA.id);
    assert.ok(a, 'an employee of Norra sees Norra\'s site');
    assert.equal(a.may_manage, false);
    assert.deepEqual(a.ring1, ['kollega', 'reception']);
    assert.ok(a.rooms.some((r) => r.id === roomA.id && r.kind === 'besoksrum'));
    assert.ok(a.rooms.every((r) => !('devices' in r)), 'no devices for staff');
    assert.ok(!mine.items.some((s) => s.id === siteB.id), 'not Södra\'s site');
    const managed = assertStatus(await sak.get('/alarm-sites'), 200).items.find((s) => s.id === siteA.id);
    assert.equal(managed.may_manage, true);
    assert.ok(managed.rooms.every((r) => Array.isArray(r.devices)));
    const duty = assertStatus(await raiser.get('/duty'), 200).duty;
    assert.equal(duty.site_id, siteA.id);
    assert.equal(duty.room_id, roomA.id);
    assert.equal(duty.function, 'kollega');
    assertError(await raiser.post('/alarm-sites', { unit_id: siteA.unit_id, name: 'X' }), 403, 'alarm.forbidden');
    assertError(await sak.post('/alarm-sites', { unit_id: siteA.unit_id }), 400, 'validation.required');
    assertError(await sak.post(`/alarm-sites/${siteA.id}/rooms`, { name: 'Y', kind: 'kök' }), 400, 'validation.enum');
    assertError(await soderEmp.put('/duty', { site_id: siteA.id, function: 'kollega' }), 403, 'alarm.not_on_duty');
  });
});

describe('raise, stream, respond, end', () => {
  let alarm;

  test('the raiser and the receiver on duty at the site get it; off duty and another site nothing', async () => {
    const sRaiser = await stream(raiser);
    const sReceiver = await stream(receiver);
    const sOff = await stream(offDuty);
    const sElsewhere = await stream(elsewhere);
    const sSoder = await stream(soderEmp);
    const hello = sReceiver.messages[0];
    assert.equal(hello.event, 'hello');
    assert.equal(sReceiver.retry, 2000);
    assert.equal(typeof hello.data.seq, 'number');
    assert.match(hello.data.server_time, /Z$/);
    assert.match(sReceiver.headers.get('content-type'), /^text\/event-stream/);
    assert.equal(sReceiver.headers.get('cache-control'), 'no-store');
    assert.equal(sReceiver.headers.get('content-length'), null);
    assert.ok(sReceiver.headers.get('content-security-policy'), 'security headers on the stream');

    const r = await raiser.post('/alarms', {});
    assertStatus(r, 201);
    alarm = r.json;
    hasFields(alarm, VIEW_FIELDS, 'AlarmView');
    assert.equal(alarm.kind, 'real');
    assert.equal(alarm.status, 'active');
    assert.deepEqual(alarm.site, { id: siteA.id, name: 'Storgatan 1' });
    assert.equal(alarm.room.id, roomA.id);
    assert.equal(alarm.raised_by.id, raiser.me.id);
    assert.equal(alarm.phones.emergency, '112');
    assert.equal(alarm.phones.reception, '010-123 45 00');

    const got = await sReceiver.next(about(alarm.id, 'raised'));
    assert.ok(Number(got.id) > hello.data.seq, 'the message id is the event seq, after the hello');
    assert.equal(got.data.alarm.status, 'active');
    await sRaiser.next(about(alarm.id, 'raised'));
    await new Promise((res) => { setTimeout(res, QUIET_MS); });
    for (const [name, s] of [['off duty', sOff], ['another site', sElsewhere], ['another förvaltning', sSoder]]) {
      assert.deepEqual(s.alarms(), [], `${name} received ${JSON.stringify(s.alarms().map((m) => m.raw))}`);
    }

    const again = await raiser.post('/alarms', {});
    assertStatus(again, 200);
    assert.equal(again.json.id, alarm.id, 'a second press returns the same alarm');

    const delivered = assertStatus(await receiver.post(`/alarms/${alarm.id}/delivered`), 200);
    assert.equal(delivered.delivered, 1);
    const responded = assertStatus(await receiver.post(`/alarms/${alarm.id}/respond`), 200);
    assert.equal(responded.responders.length, 1);
    assert.equal(responded.responders[0].user.id, receiver.me.id);
    const seen = await sRaiser.next(about(alarm.id, 'responding'));
    assert.equal(seen.data.alarm.responders[0].user.id, receiver.me.id);

    assertError(await raiser.post(`/alarms/${alarm.id}/end`, { outcome: 'over' }), 400, 'validation.enum');
    const ended = assertStatus(await raiser.post(`/alarms/${alarm.id}/end`, { outcome: 'resolved', note: 'Lugnt igen.' }), 200);
    assert.equal(ended.status, 'ended');
    assert.equal(ended.outcome, 'resolved');
    assert.equal(ended.ended_by.id, raiser.me.id);
    const end = await sReceiver.next(about(alarm.id, 'ended'));
    assert.equal(end.data.alarm.outcome_note, 'Lugnt igen.');
    assertError(await receiver.post(`/alarms/${alarm.id}/respond`), 409, 'alarm.ended');
    for (const s of [sRaiser, sReceiver, sOff, sElsewhere, sSoder]) s.close();
  });

  test('the history has every event; another förvaltning\'s employee gets 404 and an empty list', async () => {
    const full = assertStatus(await receiver.get(`/alarms/${alarm.id}`), 200);
    const kinds = full.events.map((e) => e.kind);
    for (const k of ['raised', 'delivered', 'responding', 'ended']) assert.ok(kinds.includes(k), `${k} in ${kinds}`);
    const seqs = full.events.map((e) => e.seq);
    assert.deepEqual(seqs, [...seqs].sort((x, y) => x - y), 'events by seq');
    assertError(await soderEmp.get(`/alarms/${alarm.id}`), 404, 'alarm.not_found');
    const list = assertStatus(await soderEmp.get('/alarms'), 200);
    assert.ok(!list.items.some((a) => a.id === alarm.id), 'not in another förvaltning\'s list');
    const listSite = await soderEmp.get(`/alarms?site_id=${siteA.id}`);
    if (listSite.status === 200) assert.deepEqual(listSite.json.items, []);
    else assertError(listSite, listSite.status === 403 ? 403 : 404);
    assert.ok(assertStatus(await raiser.get('/alarms?status=ended'), 200).items.some((a) => a.id === alarm.id));
    assertError(await raiser.get('/alarms?status=open'), 400, 'validation.enum');
    assertError(await soderEmp.post(`/alarms/${alarm.id}/respond`), 404, 'alarm.not_found');
  });

  test('the report draft of an ended real alarm, for its raiser only', async () => {
    const d = assertStatus(await raiser.get(`/alarms/${alarm.id}/report-draft`), 200);
    // Incidents belong to an enhet: a förvaltning's site reports on the raiser's home enhet.
    assert.equal(d.unit_id, raiser.me.unit_id);
    assert.equal(d.occurred_at, alarm.raised_at);
    assert.equal(d.place_type, 'besoksrum');
    assert.equal(d.category, 'hot');
    assert.equal(d.tied_to_role, true);
    assert.match(d.description, /Besöksrum 1/);
    assertError(await receiver.get(`/alarms/${alarm.id}/report-draft`), 403, 'alarm.not_raiser');
    // The report links to the alarm, once.
    const { category, occurred_at: occurredAt, place_type: placeType, description, unit_id: unitId } = d;
    const body = { category, occurred_at: occurredAt, place_type: placeType, description, unit_id: unitId, alarm_id: alarm.id };
    const created = await raiser.post('/incidents', body);
    assertStatus(created, 201);
    const linked = assertStatus(await raiser.get(`/alarms/${alarm.id}`), 200);
    assert.equal(linked.incident_id, created.json.incident.id);
    assert.ok(linked.events.some((e) => e.kind === 'reported'));
    assertError(await raiser.post('/incidents', body), 409, 'alarm.reported');
    assertError(await raiser.post('/incidents', { ...body, alarm_id: 'x' }), 400, 'validation.type');
  });
});

describe('devices', () => {
  let tokenA; let tokenB; let deviceA;

  before(async () => {
    const a = assertStatus(await sak.post(`/alarm-rooms/${roomA3.id}/devices`, { name: 'Knapp under bordet' }), 201);
    tokenA = a.token;
    deviceA = a.device;
    const b = assertStatus(await sakSoder.post(`/alarm-rooms/${roomB.id}/devices`, { name: 'Knapp' }), 201);
    tokenB = b.token;
  });

  test('registering shows the token once; staff may not register', async () => {
    assert.equal(typeof tokenA, 'string');
    assert.ok(tokenA.length >= 32);
    assert.equal(deviceA.room_id, roomA3.id);
    assert.equal(deviceA.revoked, false);
    const listed = assertStatus(await sak.get('/alarm-sites'), 200).items.find((s) => s.id === siteA.id)
      .rooms.find((r) => r.id === roomA3.id).devices;
    assert.ok(listed.some((d) => d.id === deviceA.id));
    assert.ok(!JSON.stringify(listed).includes(tokenA), 'the token is not listed');
    assertError(await raiser.post(`/alarm-rooms/${roomA3.id}/devices`, { name: 'X' }), 403, 'alarm.forbidden');
  });

  test('a device raises for its own room only, by its token alone; bad tokens 401', async () => {
    const sReceiver = await stream(receiver);
    assertError(await deviceAlarm(`Bearer ${tokenB}`, { room_id: roomA3.id }), 403, 'alarm.device_room');
    assertError(await deviceAlarm(`Bearer ${'0'.repeat(64)}`), 401, 'alarm.device_token');
    assertError(await deviceAlarm(undefined), 401, 'alarm.device_token');
    assertError(await deviceAlarm(`Basic ${tokenA}`), 401, 'alarm.device_token');
    const r = await deviceAlarm(`Bearer ${tokenA}`, { kind: 'test' });
    assertStatus(r, 201);
    assert.equal(r.json.kind, 'test');
    assert.equal(r.json.room.id, roomA3.id);
    assert.equal(r.json.device.id, deviceA.id);
    assert.equal(r.json.raised_by, null);
    const got = await sReceiver.next(about(r.json.id, 'raised'));
    assert.equal(got.data.alarm.kind, 'test');
    // A Södra device raises in Södra: the Norra receiver gets nothing of it.
    const other = await deviceAlarm(`Bearer ${tokenB}`);
    assertStatus(other, 201);
    assert.equal(other.json.site.id, siteB.id);
    await new Promise((res) => { setTimeout(res, QUIET_MS); });
    assert.ok(!sReceiver.alarms().some((m) => m.data.alarm.id === other.json.id), 'no Södra alarm in Norra');
    sReceiver.close();
    // Revoked: refused.
    assert.equal((await sak.del(`/devices/${deviceA.id}`)).status, 204);
    assertError(await deviceAlarm(`Bearer ${tokenA}`), 401, 'alarm.device_token');
    // A receiver who responded may end it; the test counts for the room.
    assertError(await receiver.post(`/alarms/${r.json.id}/end`, { outcome: 'test_ok' }), 403, 'alarm.forbidden');
    assertStatus(await receiver.post(`/alarms/${r.json.id}/respond`), 200);
    assert.equal(assertStatus(await receiver.post(`/alarms/${r.json.id}/end`, { outcome: 'test_ok' }), 200).status, 'ended');
    const room = assertStatus(await sak.get('/alarm-sites'), 200).items.find((x) => x.id === siteA.id)
      .rooms.find((x) => x.id === roomA3.id);
    assert.ok(room.last_test_at, 'the responded test is the room\'s last test');
    assert.equal(room.test_overdue, false);
  });
});

// The alarm stream read through a raw socket that can stop reading, so that the kernel's buffers
// fill and the server must keep what the socket does not take.
function rawStream(client) {
  const url = new URL(srv.url);
  const sock = net.connect({ host: url.hostname, port: Number(url.port) });
  const chunks = [];
  sock.on('data', (b) => chunks.push(b));
  sock.on('error', () => {});
  sock.write(`GET ${API}/alarms/stream HTTP/1.1\r\nHost: ${url.host}\r\nAccept: text/event-stream\r\n`
    + `Cookie: ${client.cookieHeader()}\r\n\r\n`);
  return {
    sock,
    text: () => Buffer.concat(chunks).toString('latin1'),
  };
}

// The SSE messages of a chunked HTTP response so far; throws on a malformed chunk.
function dechunkedMessages(raw) {
  const head = raw.indexOf('\r\n\r\n');
  assert.ok(head > 0, 'no response head');
  assert.match(raw.slice(0, head), /^HTTP\/1\.1 200/);
  assert.match(raw.slice(0, head), /transfer-encoding: chunked/i);
  let at = head + 4;
  let body = '';
  for (;;) {
    const eol = raw.indexOf('\r\n', at);
    if (eol < 0) break;  // a chunk head not complete yet
    const size = parseInt(raw.slice(at, eol), 16);
    assert.ok(Number.isInteger(size) && /^[0-9a-f]+$/.test(raw.slice(at, eol)), `bad chunk head at ${at}`);
    if (eol + 2 + size + 2 > raw.length) break;  // not all here yet
    assert.equal(raw.slice(eol + 2 + size, eol + 4 + size), '\r\n', `chunk at ${at} not closed by CRLF`);
    body += raw.slice(eol + 2, eol + 2 + size);
    at = eol + 4 + size;
  }
  const text = Buffer.from(body, 'latin1').toString('utf8');
  return text.split('\n\n').filter((b) => b.includes('data: ')).map((block) => {
    const id = /^id: (\d+)$/m.exec(block)?.[1];
    const event = /^event: (.+)$/m.exec(block)?.[1];
    const data = JSON.parse(block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n'));
    return { id: id === undefined ? null : Number(id), event, data };
  });
}

describe('a screen that stops reading', () => {
  test('gets every message, whole and in order, once it reads again', async () => {
    const s = rawStream(receiver);
    const deadline = Date.now() + 5000;
    while (!s.text().includes('event: hello')) {
      assert.ok(Date.now() < deadline, `no hello: ${s.text().slice(0, 300)}`);
      await new Promise((res) => { setTimeout(res, 10); });
    }
    s.sock.pause();  // the socket's buffers fill from here on
    // 400 alarms raised and ended: ~450 KB of messages, more than the two sockets' buffers
    // take while nobody reads (~230 KB), so the server keeps the rest for this stream.
    const ids = [];
    for (let i = 0; i < 400; i += 1) {
      const r = assertStatus(await raiser.post('/alarms', { room_id: roomA.id, kind: 'test' }), 201);
      ids.push(r.id);
      assertStatus(await raiser.post(`/alarms/${r.id}/end`, { outcome: 'test_ok' }), 200);
    }
    s.sock.resume();
    const last = ids[ids.length - 1];
    const until = Date.now() + 20000;
    let messages = [];
    for (;;) {
      messages = dechunkedMessages(s.text()).filter((m) => m.event === 'alarm');
      if (messages.some((m) => m.data.alarm.id === last && m.data.kind === 'ended')) break;
      assert.ok(Date.now() < until, `the last alarm's end did not arrive (${messages.length} messages)`);
      await new Promise((res) => { setTimeout(res, 20); });
    }
    s.sock.destroy();
    // More than the server's send buffer (64 KB, doubled by the kernel) and the client's
    // receive buffer hold together: the server had to keep the rest for this stream.
    assert.ok(s.text().length > 300 * 1024, `only ${s.text().length} bytes: the buffers never filled`);
    for (let i = 1; i < messages.length; i += 1) {
      assert.ok(messages[i].id > messages[i - 1].id, `out of order: ${messages[i - 1].id} then ${messages[i].id}`);
    }
    const seen = new Map();  // alarm id -> kinds in order
    for (const m of messages) {
      if (!seen.has(m.data.alarm.id)) seen.set(m.data.alarm.id, []);
      seen.get(m.data.alarm.id).push(m.data.kind);
    }
    for (const id of ids) {
      const kinds = seen.get(id) ?? [];
      assert.ok(kinds.includes('ended'), `alarm ${id}: ${JSON.stringify(kinds)}`);
      assert.equal(kinds[kinds.length - 1], 'ended', `alarm ${id} ends with its end: ${JSON.stringify(kinds)}`);
    }
  });
});

describe('reconnect and restart', () => {
  test('a receiver away during the raise gets it on reconnect with Last-Event-ID', async () => {
    const s1 = await stream(receiver);
    const r0 = await raiser.post('/alarms', { room_id: roomA.id, kind: 'drill' });
    assertStatus(r0, 201);
    const m0 = await s1.next(about(r0.json.id, 'raised'));
    assertStatus(await raiser.post(`/alarms/${r0.json.id}/end`, { outcome: 'other' }), 200);
    const ended = await s1.next(about(r0.json.id, 'ended'));
    s1.close();
    // Away: an alarm raised now reaches nobody's open stream of this user.
    const r1 = await raiser.post('/alarms', { room_id: roomA.id });
    assertStatus(r1, 201);
    const s2 = await stream(receiver, { lastEventId: ended.id });
    const got = await s2.next(about(r1.json.id));
    assert.equal(got.data.alarm.status, 'active');
    assert.ok(Number(got.id) > Number(ended.id));
    assert.ok(!s2.alarms().some((m) => m.data.alarm.id === r0.json.id), 'nothing from before Last-Event-ID');
    assert.ok(Number(m0.id) < Number(got.id));
    s2.close();
    // The same by query parameter; an invalid one is 400.
    const s3 = await stream(receiver, { query: `last_event_id=${ended.id}` });
    await s3.next(about(r1.json.id));
    s3.close();
    const bad = await openStream(receiver, { lastEventId: 'x' });
    assertError(bad, 400, 'validation.type');
    // Without an id: the active alarms the user receives.
    const s4 = await stream(receiver);
    await s4.next(about(r1.json.id));
    assert.ok(!s4.alarms().some((m) => m.data.alarm.id === r0.json.id), 'an ended alarm is not replayed');
    s4.close();
    assertStatus(await raiser.post(`/alarms/${r1.json.id}/end`, { outcome: 'false_alarm' }), 200);
  });

  test('no session: 401', async () => {
    const anon = await openStream(new Client(srv));
    assertError(anon, 401, 'auth.no_session');
  });

  test('an alarm survives a restart with its events, and a stream ends at once on shutdown', async () => {
    const s = await stream(receiver);
    const r = await raiser.post('/alarms', { room_id: roomA.id });
    assertStatus(r, 201);
    await s.next(about(r.json.id, 'raised'));
    const t0 = Date.now();
    await srv.stop();
    await s.whenEnded(3000);
    assert.ok(Date.now() - t0 < 5000, `stopped in ${Date.now() - t0} ms with a stream open`);
    await srv.restart();
    const full = assertStatus(await raiser.get(`/alarms/${r.json.id}`), 200);
    assert.equal(full.status, 'active');
    assert.equal(full.events[0].kind, 'raised');
    const s2 = await stream(receiver);
    await s2.next(about(r.json.id));
    s2.close();
    assertStatus(await raiser.post(`/alarms/${r.json.id}/end`, { outcome: 'resolved' }), 200);
  });
});

describe('two processes', { skip: TEST_ENGINE !== 'postgresql' && 'PostgreSQL only (TRYGG_TEST_DB_URL)' }, () => {
  let second;
  after(async () => { await second?.close(); });

  test('a stream on one process gets an alarm raised on the other', async () => {
    second = await startServer({ seed: false, db: srv.db });
    const onB = await login(second, 'medarbetare.norr.eb2');
    const s = await stream(onB);
    const r = await raiser.post('/alarms', { room_id: roomA.id });
    assertStatus(r, 201);
    const got = await s.next(about(r.json.id, 'raised'), 5000);
    assert.equal(got.data.alarm.site.id, siteA.id);
    s.close();
    assertStatus(await raiser.post(`/alarms/${r.json.id}/end`, { outcome: 'resolved' }), 200);
  });
});
