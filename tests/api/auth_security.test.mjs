// Health, login/logout/me, cookies, CSRF, security headers, request limits and
// the error format — against a real server on a seeded SQLite database.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { Client, login, assertError, assertStatus, listAll } from './lib/client.mjs';
import { incidentBody } from './lib/fixtures.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.close(); });

// Every /api/v1 endpoint of the contract except login, with a plausible body.
export const ENDPOINTS = [
  ['POST', '/auth/logout', {}],
  ['GET', '/me'],
  ['GET', '/units'],
  ['POST', '/units', { parent_id: 1, kind: 'enhet', name: 'X' }],
  ['PATCH', '/units/1', { name: 'X' }],
  ['GET', '/colleagues'],
  ['GET', '/users'],
  ['POST', '/users', { username: 'x', display_name: 'X', email: 'x@example.org', unit_id: 1, password: 'abcdefghijkl' }],
  ['PATCH', '/users/1', { display_name: 'X' }],
  ['POST', '/users/1/grants', { role: 'chef', unit_id: 1 }],
  ['DELETE', '/users/1/grants/1'],
  ['GET', '/incidents'],
  ['POST', '/incidents', { category: 'hot', occurred_at: '2024-01-01T10:00:00Z' }],
  ['GET', '/incidents/1'],
  ['PATCH', '/incidents/1', { severity: 2 }],
  ['POST', '/incidents/1/transitions', { action: 'acknowledge' }],
  ['POST', '/incidents/1/notes', { text: 'x' }],
  ['POST', '/incidents/1/measures', { title: 'x', responsible_user_id: 1, due_date: '2030-01-01' }],
  ['PATCH', '/incidents/1/measures/1', { status: 'klar' }],
  ['GET', '/inbox'],
  ['GET', '/audit'],
  ['GET', '/audit/verify'],
];

test('GET /healthz answers 200 {"status":"ok"} without a session', async () => {
  const r = await new Client(srv).get('/healthz');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { status: 'ok' });
});

describe('login, me, logout', () => {
  test('login returns Me and a csrf token and sets a HttpOnly, SameSite=Strict session cookie', async () => {
    const c = new Client(srv);
    const r = await c.login('chef.norr.eb');
    assertStatus(r, 200);
    assert.equal(typeof r.json.csrf_token, 'string');
    assert.ok(r.json.csrf_token.length >= 16, 'csrf token too short');
    const me = r.json.user;
    for (const k of ['id', 'username', 'display_name', 'email', 'unit_id', 'grants', 'roles']) {
      assert.ok(k in me, `Me lacks ${k}: ${r.text}`);
    }
    assert.equal(me.username, 'chef.norr.eb');
    assert.ok(me.roles.includes('medarbetare'), 'roles always contain medarbetare');
    assert.ok(me.roles.includes('chef'), 'chef.norr.eb holds chef');
    assert.ok(me.grants.some((g) => g.role === 'chef' && typeof g.unit_id === 'number' && 'id' in g));
    assert.doesNotMatch(r.text, /password|hash/i, 'login response must not carry password data');

    const cookie = r.setCookies.find((s) => s.startsWith('trygg_session='));
    assert.ok(cookie, `no trygg_session cookie: ${r.setCookies}`);
    assert.match(cookie, /;\s*HttpOnly/i);
    assert.match(cookie, /;\s*SameSite=Strict/i);
    assert.match(cookie, /;\s*Path=\//i);
    const token = cookie.split(';')[0].split('=')[1];
    assert.ok(token.length >= 32, 'session token looks short');
    assert.ok(!r.text.includes(token), 'session token must only travel in the cookie');
    assert.notEqual(token, r.json.csrf_token);
    assert.match(r.headers.get('cache-control') ?? '', /no-store/);
  });

  test('GET /me returns the same user with roles and csrf_token', async () => {
    const c = await login(srv, 'sakerhet.norr');
    const r = await c.get('/me');
    assertStatus(r, 200);
    assert.equal(r.json.username, 'sakerhet.norr');
    assert.ok(r.json.roles.includes('sakerhetssamordnare'));
    assert.ok(r.json.roles.includes('medarbetare'));
    assert.equal(r.json.csrf_token, c.csrf);
    assert.doesNotMatch(r.text, /password/i);
  });

  test('logout answers 204, clears the cookie and ends the session', async () => {
    const c = await login(srv, 'medarbetare.norr.eb');
    const saved = c.cookieHeader();
    const r = await c.logout();
    assert.equal(r.status, 204, r.text);
    const cleared = r.setCookies.find((s) => s.startsWith('trygg_session='));
    assert.ok(cleared, 'logout must send a Set-Cookie for trygg_session');
    assert.ok(/^trygg_session=;/.test(cleared) || /max-age=0/i.test(cleared) || /expires=thu, 01 jan 1970/i.test(cleared),
      `cookie not cleared: ${cleared}`);
    // The old cookie no longer works.
    const again = await new Client(srv).get('/me', { headers: { Cookie: saved } });
    assertError(again, 401);
  });

  test('bad credentials answer 401 auth.bad_credentials, the same for unknown users', async () => {
    const wrong = await new Client(srv).login('chef.soder.bou', 'wrong-password');
    const e1 = assertError(wrong, 401, 'auth.bad_credentials');
    const unknown = await new Client(srv).login('no.such.user', 'trygg-demo');
    const e2 = assertError(unknown, 401, 'auth.bad_credentials');
    assert.equal(e1.message, e2.message, 'unknown user and wrong password must look alike');
    assert.equal(wrong.setCookies.filter((s) => /^trygg_session=[^;]+/.test(s)).length, 0);
  });

  test('a missing field in the login body is 400 or 401, never 200', async () => {
    const r = await new Client(srv).post('/auth/login', { username: 'chef.soder.vux' });
    assert.ok(r.status === 400 || r.status === 401, `got ${r.status}`);
    assertError(r, r.status);
  });
});

describe('unauthenticated', () => {
  test('every /api/v1 endpoint except login answers 401 with the error format', async () => {
    const anon = new Client(srv);
    let n = 0;
    for (const [method, path, body] of ENDPOINTS) {
      const r = await anon.request(method, path, body ? { body } : {});
      assertError(r, 401);
      n++;
    }
    // A forged cookie is no session either.
    const forged = await anon.get('/me', { headers: { Cookie: `trygg_session=${'ab'.repeat(32)}` } });
    assertError(forged, 401);
    assert.equal(n, ENDPOINTS.length);
  });
});

describe('CSRF', () => {
  test('a POST without X-CSRF-Token is 403 auth.csrf and stores nothing', async () => {
    const c = await login(srv, 'medarbetare.norr.vux');
    const before = (await listAll(c)).total;
    const r = await c.post('/incidents', incidentBody(), { csrf: false });
    assertError(r, 403, 'auth.csrf');
    const wrong = await c.post('/incidents', incidentBody(), { headers: { 'X-CSRF-Token': 'not-the-token' } });
    assertError(wrong, 403, 'auth.csrf');
    const other = await login(srv, 'medarbetare.norr.vux2');
    const crossed = await c.post('/incidents', incidentBody(), { headers: { 'X-CSRF-Token': other.csrf } });
    assertError(crossed, 403, 'auth.csrf');
    assert.equal((await listAll(c)).total, before, 'nothing may be stored');
    // With the token it works.
    const ok = await c.post('/incidents', incidentBody());
    assert.equal(ok.status, 201, ok.text);
    assert.equal((await listAll(c)).total, before + 1);
  });

  test('PATCH and DELETE also need the token', async () => {
    const admin = await login(srv, 'admin');
    const users = (await admin.get('/users')).json.items;
    const target = users.find((u) => u.username === 'medarbetare.vaster.rec');
    const p = await admin.patch(`/users/${target.id}`, { display_name: 'Ändrad' }, { csrf: false });
    assertError(p, 403, 'auth.csrf');
    const g = target.grants[0];
    if (g) {
      const d = await admin.del(`/users/${target.id}/grants/${g.id}`, { csrf: false });
      assertError(d, 403, 'auth.csrf');
    }
    const after = (await admin.get('/users')).json.items.find((u) => u.id === target.id);
    assert.equal(after.display_name, target.display_name);
    assert.deepEqual(after.grants, target.grants);
  });

  test('logout without the token is refused and the session stays', async () => {
    const c = await login(srv, 'medarbetare.soder.eb');
    const r = await c.post('/auth/logout', undefined, { csrf: false });
    assertError(r, 403, 'auth.csrf');
    assertStatus(await c.get('/me'), 200);
  });
});

describe('security headers', () => {
  function assertCommon(r, what) {
    const csp = r.headers.get('content-security-policy');
    assert.ok(csp, `${what}: no Content-Security-Policy`);
    assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP ${csp}`);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  }

  test('API responses carry CSP, nosniff and Cache-Control: no-store', async () => {
    const c = await login(srv, 'chef.norr.eb');
    for (const path of ['/me', '/incidents', '/inbox', '/units']) {
      const r = await c.get(path);
      assertStatus(r, 200);
      assertCommon(r, path);
      assert.match(r.headers.get('cache-control') ?? '', /no-store/, `${path}: Cache-Control`);
      assert.match(r.headers.get('content-type') ?? '', /^application\/json/, `${path}: Content-Type`);
    }
    const err = await new Client(srv).get('/me');
    assertCommon(err, '401');
    assert.match(err.headers.get('cache-control') ?? '', /no-store/, '401: Cache-Control');
    assert.match(err.headers.get('content-type') ?? '', /^application\/json/);
  });

  test('the web app and /healthz carry CSP and nosniff', async () => {
    const c = new Client(srv);
    const h = await c.get('/healthz');
    assertCommon(h, '/healthz');
    const page = await c.request('GET', '/', { headers: { Accept: 'text/html' } });
    assert.equal(page.status, 200, `GET / : ${page.status}`);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assertCommon(page, 'GET /');
  });
});

describe('request limits and the error format', () => {
  let c;
  before(async () => { c = await login(srv, 'medarbetare.soder.bou'); });

  test('a body over 64 KiB is 413 and stores nothing', async () => {
    const before = (await listAll(c)).total;
    const big = JSON.stringify(incidentBody({ description: 'x'.repeat(70 * 1024) }));
    const r = await c.post('/incidents', big);
    assertError(r, 413);
    assert.equal((await listAll(c)).total, before);
  });

  test('a non-JSON content type is 415', async () => {
    const r = await c.post('/incidents', JSON.stringify(incidentBody()), { contentType: 'text/plain' });
    assertError(r, 415);
    const form = await c.post('/incidents', 'category=hot', { contentType: 'application/x-www-form-urlencoded' });
    assertError(form, 415);
  });

  test('malformed JSON is 400', async () => {
    const r = await c.post('/incidents', '{"category": "hot",');
    assertError(r, 400);
    const notObject = await c.post('/incidents', '[1,2,3]');
    assertError(notObject, 400);
  });

  test('an unknown API path is 404 with the error format', async () => {
    assertError(await c.get('/no-such-thing'), 404);
    assertError(await c.get('/incidents/999999'), 404);
    const nan = await c.get('/incidents/not-a-number');
    assert.ok(nan.status === 400 || nan.status === 404, `non-numeric id: ${nan.status}`);
    assertError(nan, nan.status);
  });

  test('messages follow Accept-Language: Swedish by default, English with en', async () => {
    const sv = assertError(await new Client(srv).login('chef.vaster.eb', 'fel'), 401, 'auth.bad_credentials');
    const en = assertError(await new Client(srv, { lang: 'en' }).login('chef.vaster.eb', 'wrong'), 401, 'auth.bad_credentials');
    assert.notEqual(en.message, sv.message, 'the English message must differ from the Swedish one');
    assert.match(en.message, /^[\x20-\x7E]+$/, `not plain English: ${en.message}`);
    const enUs = assertError(await new Client(srv, { lang: 'en-US,en;q=0.9' }).login('chef.vaster.eb', 'x'), 401);
    assert.equal(enUs.message, en.message, 'en-US,en;q=0.9 is English too');

    const svVal = assertError(await c.post('/incidents', incidentBody({ category: 'nonsense' })), 400);
    const cEn = new Client(srv, { lang: 'en' });
    cEn.cookies = c.cookies; cEn.csrf = c.csrf;
    const enVal = assertError(await cEn.post('/incidents', incidentBody({ category: 'nonsense' })), 400);
    assert.equal(enVal.code, svVal.code);
    assert.notEqual(enVal.message, svVal.message);
  });
});
