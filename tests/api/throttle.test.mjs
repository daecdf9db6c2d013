// Login throttling: repeated failures for an account answer 429 auth.throttled,
// even with the right password, without locking out other accounts.
// Its own server: the per-address limit must not leak into other test files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { Client, assertError, assertStatus } from './lib/client.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.close(); });

test('repeated failures are throttled with 429', async () => {
  const statuses = [];
  for (let k = 0; k < 8; k++) {
    const r = await new Client(srv).login('chef.soder.rec', `fel-${k}`);
    statuses.push(r.status);
    if (r.status === 429) {
      assertError(r, 429, 'auth.throttled');
      break;
    }
    assertError(r, 401, 'auth.bad_credentials');
  }
  assert.ok(statuses.includes(429), `no 429 after ${statuses.length} failures: ${statuses}`);
  assert.ok(statuses.indexOf(429) >= 3, `throttled too early: ${statuses}`);

  // The right password is refused too while throttled, and sets no cookie.
  const right = await new Client(srv).login('chef.soder.rec');
  assertError(right, 429, 'auth.throttled');
  assert.ok(!right.setCookies.some((s) => /^trygg_session=[^;]+/.test(s)));

  // Another account from the same address still logs in.
  assertStatus(await new Client(srv).login('chef.soder.vux'), 200);
});
