// The audit log is append-only and hash-chained: editing or deleting a record
// directly in the database is caught by `trygg audit verify` (exit 1, naming the seq).
// Runs on both engines; the tampering goes around trygg with sqlOnDb (the sqlite3
// CLI or psql), after switching the append-only triggers off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, runCli, sqlOnDb, copyDb, TEST_ENGINE, sqlCliAvailable } from './lib/server.mjs';
import { login, assertStatus } from './lib/client.mjs';
import { report } from './lib/fixtures.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.close(); });

const cli = TEST_ENGINE === 'postgresql' ? 'psql' : 'sqlite3';
const hasCli = sqlCliAvailable(TEST_ENGINE);

function verify(db) {
  const r = runCli(['audit', 'verify', '--db', db]);
  return { status: r.status, out: r.stdout + r.stderr };
}

// The audit_log triggers, and the SQL that switches them off, per engine.
const TRIGGERS = {
  sqlite: {
    list: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log';",
    disable: (names) => names.map((n) => `DROP TRIGGER "${n}";`).join('\n'),
  },
  postgresql: {
    list: "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal ORDER BY tgname;",
    disable: () => 'ALTER TABLE audit_log DISABLE TRIGGER USER;',
  },
};

test('editing or deleting an audit record is detected', { skip: !hasCli && `${cli} CLI missing` }, async () => {
  const engine = TRIGGERS[srv.engine];
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

  const listed = sqlOnDb(srv, 'SELECT seq FROM audit_log ORDER BY seq;');
  assert.equal(listed.status, 0, listed.out);
  const seqs = listed.stdout.trim().split('\n').map(Number);
  assert.ok(seqs.length >= 8, `audit records: ${seqs.length}`);
  const mid = seqs[Math.floor(seqs.length / 2)];

  // The triggers refuse changes while they exist.
  const refused = sqlOnDb(srv, `UPDATE audit_log SET detail = 'x' WHERE seq = ${mid};`);
  assert.notEqual(refused.status, 0, 'UPDATE on audit_log must be refused');
  const refusedDel = sqlOnDb(srv, `DELETE FROM audit_log WHERE seq = ${mid};`);
  assert.notEqual(refusedDel.status, 0, 'DELETE on audit_log must be refused');
  if (srv.engine === 'postgresql') {
    const refusedTrunc = sqlOnDb(srv, 'TRUNCATE audit_log;');
    assert.notEqual(refusedTrunc.status, 0, 'TRUNCATE on audit_log must be refused');
    assert.match(refusedTrunc.out, /audit_log is append-only/);
  }

  const triggersOut = sqlOnDb(srv, engine.list);
  assert.equal(triggersOut.status, 0, triggersOut.out);
  const triggers = triggersOut.stdout.trim().split('\n').filter(Boolean);
  assert.ok(triggers.length >= 1, 'audit_log has append-only triggers');
  const drop = engine.disable(triggers);

  // A copy for the deletion case.
  const copy = copyDb(srv, 'copy');

  // 1. Edit one record's detail.
  const edit = sqlOnDb(srv, `${drop}\nUPDATE audit_log SET detail = detail || ' ' WHERE seq = ${mid};`);
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
  const del = sqlOnDb(copy, `${drop}\nDELETE FROM audit_log WHERE seq = ${mid};`);
  assert.equal(del.status, 0, del.out);
  const deleted = verify(copy.db);
  assert.equal(deleted.status, 1, `chain with a deleted record must fail: ${deleted.out}`);
  assert.match(deleted.out, new RegExp(`\\b(${mid}|${mid + 1})\\b`), `names seq ${mid} or ${mid + 1}: ${deleted.out}`);
});
