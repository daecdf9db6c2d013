// The configuration file: options (such as the database URL, which may hold a
// password) read from --config FILE or $TRYGG_CONFIG instead of the command line.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './lib/server.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-config-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function writeConfig(name, text) {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

test('the database comes from the config file, and the command line wins over it', () => {
  const fromFile = path.join(tmp, 'from-file.db');
  const config = writeConfig('trygg.conf', `# Trygg\n\ndatabase = ${fromFile}\ndb-pool = 3\nport = 9999\n`);
  const r = runCli(['migrate', '--config', config]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /schema at version \d+/);
  assert.ok(fs.existsSync(fromFile));

  const viaEnv = path.join(tmp, 'via-env.db');
  const envConfig = writeConfig('env.conf', `db = ${viaEnv}\n`);
  const e = runCli(['migrate'], { env: { ...process.env, TRYGG_CONFIG: envConfig, TRYGG_DB: '' } });
  assert.equal(e.status, 0, e.stderr);
  assert.ok(fs.existsSync(viaEnv));

  const onCommandLine = path.join(tmp, 'flag.db');
  const f = runCli(['migrate', '--config', config, '--db', onCommandLine]);
  assert.equal(f.status, 0, f.stderr);
  assert.ok(fs.existsSync(onCommandLine));
});

test('a config file with an unknown option or a bad line is refused', () => {
  const unknown = writeConfig('unknown.conf', 'databse = x.db\n');
  const r = runCli(['migrate', '--config', unknown]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /config\.unknown databse/);

  const bad = writeConfig('bad.conf', 'db x.db\n');
  const b = runCli(['migrate', '--config', bad]);
  assert.equal(b.status, 2);
  assert.match(b.stderr, /config\.syntax line 1/);

  const missing = runCli(['migrate', '--config', path.join(tmp, 'absent.conf')]);
  assert.equal(missing.status, 2);

  const pool = writeConfig('pool.conf', `db = ${path.join(tmp, 'p.db')}\ndb-pool = 0\n`);
  const p = runCli(['migrate', '--config', pool]);
  assert.notEqual(p.status, 0);
  assert.match(p.stderr, /db-pool/);
});
