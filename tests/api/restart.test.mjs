// Durability: a report acknowledged with 201 survives kill -9 of the server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, runCli } from './lib/server.mjs';
import { login, assertStatus, isoAgo } from './lib/client.mjs';
import { incidentBody } from './lib/fixtures.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.close(); });

test('an incident answered with 201 is there after kill -9 and restart', async () => {
  const rep = await login(srv, 'medarbetare.soder.vux');
  const r = await rep.post('/incidents', incidentBody({
    category: 'forolampning', occurred_at: isoAgo(5), description: 'Skickade kränkande meddelanden.',
    place_type: 'digitalt', perpetrator_relation: 'anhorig',
  }));
  assertStatus(r, 201);
  const created = r.json.incident;
  await srv.kill9();                     // no graceful shutdown
  assert.equal(srv.running, false);
  await srv.restart();

  const again = await login(srv, 'medarbetare.soder.vux');
  const g = await again.get(`/incidents/${created.id}`);
  assertStatus(g, 200);
  for (const [k, v] of Object.entries(created)) {
    assert.deepEqual(g.json[k], v, `field ${k} after restart`);
  }
  const list = await again.get('/incidents');
  assert.ok(list.json.items.some((i) => i.id === created.id));

  // Several writes in a row, then kill -9 again: all of them are there.
  const ids = [];
  for (let k = 0; k < 5; k++) {
    const w = await again.post('/incidents', incidentBody({ occurred_at: isoAgo(3), description: `Nummer ${k}` }));
    assertStatus(w, 201);
    ids.push(w.json.incident.id);
  }
  await srv.kill9();
  await srv.restart();
  const third = await login(srv, 'medarbetare.soder.vux');
  for (const id of ids) assertStatus(await third.get(`/incidents/${id}`), 200);

  const admin = await login(srv, 'admin');
  const v = await admin.get('/audit/verify');
  assertStatus(v, 200);
  assert.equal(v.json.ok, true, `audit chain after kill -9: ${v.text}`);

  await srv.stop();
  const cli = runCli(['audit', 'verify', '--db', srv.db]);
  assert.equal(cli.status, 0, `trygg audit verify: ${cli.stdout}${cli.stderr}`);
});
