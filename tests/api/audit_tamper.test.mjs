// The audit log is append-only and hash-chained: editing or deleting a record
// directly in the database is caught by `trygg audit verify` (exit 1, naming the seq).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, runCli } from './lib/server.mjs';
import { login, assertStatus } from './lib/client.mjs';
import { report } from './lib/fixtures.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.close(); });

const hasSqlite3 = spawnSync('sqlite3', ['-version']).status === 0;

function sqlite(db, sql) {
  const r = spawnSync('sqlite3', ['-bail', db], { input: sql, encoding: 'utf8' });
  return { status: r.status, out: (r.stdout || '') + (r.stderr || '') };
}

function verify(db) {
  const r = runCli(['audit', 'verify', '--db', db]);
  return { status: r.status, out: r.stdout + r.stderr };
}

test('editing or deleting an audit record is detected', { skip: !hasSqlite3 && 'sqlite3 CLI missing' }, async (t) => {
  if (srv.engine !== 'sqlite') { t.skip('SQLite engine only'); return; }
  const rep = await login(srv, 'medarbetare.vaster.eb');
  const chef = await login(srv, 'chef.vaster.eb');
  const incs = [];
  for (let k = 0; k < 3; k++) incs.push(await report(rep, { description: `Händelse ${k}` }));
  for (const inc of incs) {
    assertStatus(await chef.get(`/incidents/${inc.id}`), 200);
    assertStatus(await rep.get(`/incidents/${inc.id}`), 200);
  }
  await srv.stop();

  const ok = verify(srv.db);
  assert.equal(ok.status, 0, `intact chain: ${ok.out}`);

  const seqs = sqlite(srv.db, 'SELECT seq FROM audit_log ORDER BY seq;').out.trim().split('\n').map(Number);
  assert.ok(seqs.length >= 8, `audit records: ${seqs.length}`);
  const mid = seqs[Math.floor(seqs.length / 2)];

  // The triggers refuse changes while they exist.
  const refused = sqlite(srv.db, `UPDATE audit_log SET detail = 'x' WHERE seq = ${mid};`);
  assert.notEqual(refused.status, 0, 'UPDATE on audit_log must be refused');
  const refusedDel = sqlite(srv.db, `DELETE FROM audit_log WHERE seq = ${mid};`);
  assert.notEqual(refusedDel.status, 0, 'DELETE on audit_log must be refused');

  const triggers = sqlite(srv.db, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log';")
    .out.trim().split('\n').filter(Boolean);
  assert.ok(triggers.length >= 1, 'audit_log has append-only triggers');
  const drop = triggers.map((n) => `DROP TRIGGER "${n}";`).join('\n');

  // A copy for the deletion case.
  const copy = path.join(srv.tmp, 'copy.db');
  assert.equal(sqlite(srv.db, `.backup '${copy}'`).status, 0);

  // 1. Edit one record's detail.
  const edit = sqlite(srv.db, `${drop}\nUPDATE audit_log SET detail = detail || ' ' WHERE seq = ${mid};`);
  assert.equal(edit.status, 0, edit.out);
  const edited = verify(srv.db);
  assert.equal(edited.status, 1, `edited chain must fail: ${edited.out}`);
  assert.match(edited.out, new RegExp(`\\b${mid}\\b`), `the output names seq ${mid}: ${edited.out}`);

  // The API says the same.
  await srv.restart();
  const admin = await login(srv, 'admin');
  const v = await admin.get('/audit/verify');
  assertStatus(v, 200);
  assert.equal(v.json.ok, false);
  assert.equal(v.json.first_bad_seq, mid);
  await srv.stop();

  // 2. Delete a middle record from the intact copy.
  const del = sqlite(copy, `${drop}\nDELETE FROM audit_log WHERE seq = ${mid};`);
  assert.equal(del.status, 0, del.out);
  const deleted = verify(copy);
  assert.equal(deleted.status, 1, `chain with a deleted record must fail: ${deleted.out}`);
  assert.match(deleted.out, new RegExp(`\\b(${mid}|${mid + 1})\\b`), `names seq ${mid} or ${mid + 1}: ${deleted.out}`);
  fs.rmSync(copy, { force: true });
});
