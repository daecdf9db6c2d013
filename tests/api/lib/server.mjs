// Starts a real `trygg serve` on a freshly seeded database for one test file.
//
//   const srv = await startServer();      // seeds demo data, spawns, waits for the port
//   srv.url                               // "http://127.0.0.1:PORT" (changes on restart)
//   await srv.stop();  await srv.kill9();  await srv.restart();
//
// Environment:
//   TRYGG_BIN          the server binary (default: <repo>/build/trygg)
//   TRYGG_WEB          the web root passed as --web (default: <repo>/web/dist; a
//                      placeholder page is used when it does not exist)
//   TRYGG_TEST_DB_URL  a database URL used instead of a SQLite temp file; "{tmp}"
//                      becomes the test's temp dir and "{id}" a unique id
//                      (for the PostgreSQL engine). Unset: <tmp>/t.db (SQLite).
//                      For a postgresql:// URL the database named in its path is
//                      created (CREATE DATABASE, through TRYGG_TEST_PG_URL)
//                      before seeding, and dropped again by close().
//   TRYGG_TEST_PG_URL  a PostgreSQL URL with the right to CREATE DATABASE (e.g.
//                      postgresql://postgres@127.0.0.1:PORT/postgres, as
//                      scripts/pg-cluster.sh prints); required for postgresql://.
//   TRYGG_TEST_VERBOSE=1  echo the server's output.
//
// Pseudonymisation: every server (and its seeding) gets a fresh key file made
// with `trygg keygen` in its temp dir (srv.keyFile, mode 0600), passed as
// --pseudonym-key-file; startServer({ pseudonymKey: PATH }) uses that file
// instead, and { pseudonymKey: false } runs without a key.
//
// Also: sqlOnDb(srv, sql) runs SQL on the server's database directly (psql or the
// sqlite3 CLI), bypassing trygg; copyDb(srv, suffix) copies that database.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const TRYGG_BIN = process.env.TRYGG_BIN || path.join(REPO, 'build', 'trygg');
export const DEMO_PASSWORD = 'trygg-demo';

const live = new Set();
let serverCount = 0;
process.on('exit', () => {
  for (const child of live) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
});

function webRoot(tmp) {
  const configured = process.env.TRYGG_WEB || path.join(REPO, 'web', 'dist');
  if (fs.existsSync(path.join(configured, 'index.html'))) return configured;
  const placeholder = path.join(tmp, 'web');
  fs.mkdirSync(placeholder, { recursive: true });
  fs.writeFileSync(path.join(placeholder, 'index.html'),
    '<!doctype html><html lang="sv"><title>Trygg</title><p>placeholder</p></html>\n');
  return placeholder;
}

// Runs the trygg CLI synchronously; returns {status, stdout, stderr}.
export function runCli(args, opts = {}) {
  const r = spawnSync(TRYGG_BIN, args, { encoding: 'utf8', timeout: 60_000, ...opts });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function binaryExists() {
  return fs.existsSync(TRYGG_BIN);
}

// The engine the tests run on, from TRYGG_TEST_DB_URL: 'postgresql' or 'sqlite'.
export function engineOf(db) {
  return /^postgres(ql)?:/.test(db ?? '') ? 'postgresql' : 'sqlite';
}
export const TEST_ENGINE = engineOf(process.env.TRYGG_TEST_DB_URL);

// The command-line client for an engine ('psql' or 'sqlite3'), if installed.
export function sqlCliAvailable(engine = TEST_ENGINE) {
  const r = engine === 'postgresql'
    ? spawnSync('psql', ['--version'], { encoding: 'utf8' })
    : spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
  return !r.error && r.status === 0;
}

function psql(url, sql) {
  const r = spawnSync('psql', [url, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-f', '-'], {
    input: sql, encoding: 'utf8', timeout: 60_000,
    env: { ...process.env, PGCONNECT_TIMEOUT: process.env.PGCONNECT_TIMEOUT || '10' },
  });
  if (r.error) throw new Error(`psql: ${r.error.message}`);
  return r;
}

function pgDbName(url) {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new Error(`no database name in the URL path: ${url}`);
  return name;
}

const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;

function pgAdminUrl() {
  const url = process.env.TRYGG_TEST_PG_URL;
  if (!url) {
    throw new Error('TRYGG_TEST_PG_URL is not set: the PostgreSQL tests need a server URL with the right '
      + 'to CREATE DATABASE, e.g. postgresql://postgres@127.0.0.1:PORT/postgres '
      + '(scripts/test.sh starts one with scripts/pg-cluster.sh)');
  }
  return url;
}

function createPgDatabase(url, template) {
  const name = pgDbName(url);
  const sql = `CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ''};`;
  const r = psql(pgAdminUrl(), sql);
  if (r.status !== 0) throw new Error(`${sql} failed (${r.status}): ${r.stderr}${r.stdout}`);
}

function dropPgDatabase(url) {
  psql(pgAdminUrl(), `DROP DATABASE IF EXISTS ${quoteIdent(pgDbName(url))} WITH (FORCE);`);
}

// Runs SQL directly on a test database, bypassing trygg (for tamper simulations):
// psql on the PostgreSQL URL, the sqlite3 CLI on a SQLite file. `srv` is a server
// from startServer() or any {engine, db}. Output is one row per line, columns
// separated by "|" (psql -At, sqlite3's list mode); stops at the first error.
// Returns {status, stdout, stderr, out} (out = stdout + stderr).
export function sqlOnDb(srv, sql) {
  const engine = srv.engine ?? engineOf(srv.db);
  let r;
  if (engine === 'postgresql') {
    r = psql(srv.db, sql);
  } else {
    // Wait for the server's own write transactions (e.g. a reminder pass) rather than fail.
    r = spawnSync('sqlite3', ['-bail', '-cmd', '.timeout 10000', srv.db],
      { input: sql, encoding: 'utf8', timeout: 60_000 });
    if (r.error) throw new Error(`sqlite3: ${r.error.message}`);
  }
  const stdout = r.stdout || '';
  const stderr = r.stderr || '';
  return { status: r.status, stdout, stderr, out: stdout + stderr };
}

// Copies the server's database (stop the server first: PostgreSQL copies only a
// database nobody is connected to). Returns {engine, db} for sqlOnDb and the CLI.
// The copy lives in srv.tmp (SQLite) or as "<name>_<suffix>" (PostgreSQL; dropped
// by srv.close()).
export function copyDb(srv, suffix = 'copy') {
  if (srv.engine === 'postgresql') {
    const u = new URL(srv.db);
    const template = pgDbName(srv.db);
    u.pathname = `/${encodeURIComponent(`${template}_${suffix}`)}`;
    const db = u.toString();
    createPgDatabase(db, template);
    srv.extraDbs?.push(db);
    return { engine: 'postgresql', db };
  }
  const db = path.join(srv.tmp, `${suffix}.db`);
  const r = sqlOnDb(srv, `.backup '${db.replaceAll("'", "''")}'`);
  if (r.status !== 0) throw new Error(`sqlite3 .backup failed (${r.status}): ${r.out}`);
  return { engine: 'sqlite', db };
}

// Makes a new key file with `trygg keygen` (mode 0600) at `file`; returns `file`.
export function makeKeyFile(file) {
  const r = runCli(['keygen', file]);
  if (r.status !== 0) throw new Error(`trygg keygen failed (${r.status}): ${r.stderr}${r.stdout}`);
  return file;
}

// Options: seed (default true: `trygg seed-demo` first); env (extra environment for
// the server); args (extra `serve` options, e.g. ['--reminder-interval', '1']); db — serve an existing database another server already uses (e.g.
// `startServer({ seed: false, db: first.db })` for two processes on one database):
// nothing is created, and close() leaves that database alone (its owner drops it);
// pseudonymKey (see above).
export async function startServer({
  seed = true, env = {}, db: sharedDb, args: serveArgs = [], pseudonymKey,
} = {}) {
  if (!binaryExists()) throw new Error(`server binary not found: ${TRYGG_BIN} (build it first)`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-test-'));
  const id = `${process.pid}_${Date.now().toString(36)}_${++serverCount}`;
  const dbUrl = process.env.TRYGG_TEST_DB_URL;
  const db = sharedDb
    ?? (dbUrl ? dbUrl.replaceAll('{tmp}', tmp).replaceAll('{id}', id) : path.join(tmp, 't.db'));
  const engine = engineOf(sharedDb ?? dbUrl);
  const ownsDb = !sharedDb;
  const web = webRoot(tmp);
  let keyFile = null;
  if (pseudonymKey === undefined) {
    try {
      keyFile = makeKeyFile(path.join(tmp, 'pseudonym.key'));
    } catch (e) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
  } else if (pseudonymKey) {
    keyFile = pseudonymKey;
  }
  const keyArgs = keyFile ? ['--pseudonym-key-file', keyFile] : [];

  // Undoes the setup when the server never comes up.
  const discard = () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (engine === 'postgresql' && ownsDb) {
      try { dropPgDatabase(db); } catch { /* best effort */ }
    }
  };

  if (engine === 'postgresql' && ownsDb) {
    try {
      createPgDatabase(db);
    } catch (e) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
  }

  if (seed) {
    const r = runCli(['seed-demo', '--db', db, ...keyArgs]);
    if (r.status !== 0) {
      discard();
      throw new Error(`trygg seed-demo failed (${r.status}): ${r.stderr}${r.stdout}`);
    }
  }

  let child = null;
  let output = '';
  const srv = {
    tmp, db, engine, web, keyFile, url: null,
    extraDbs: [],  // PostgreSQL databases made by copyDb(), dropped by close()
    get output() { return output; },
    get pid() { return child?.pid; },
    get running() { return child !== null && child.exitCode === null && child.signalCode === null; },
    async stop() { await terminate('SIGTERM'); },
    async kill9() { await terminate('SIGKILL'); },
    async restart() {
      if (srv.running) await terminate('SIGTERM');
      await launch();
      return srv;
    },
    // Stops the server and removes the temp dir (and the PostgreSQL databases).
    async close() {
      await terminate('SIGTERM');
      if (process.env.TRYGG_TEST_KEEP) return;
      fs.rmSync(tmp, { recursive: true, force: true });
      if (engine === 'postgresql') {
        for (const d of [...(ownsDb ? [db] : []), ...srv.extraDbs]) {
          try { dropPgDatabase(d); } catch { /* best effort: the cluster is thrown away */ }
        }
      }
    },
  };

  function terminate(signal) {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) { child = null; return Promise.resolve(); }
    return new Promise((resolve) => {
      const timer = setTimeout(() => { try { c.kill('SIGKILL'); } catch { /* gone */ } }, 10_000);
      c.once('exit', () => { clearTimeout(timer); live.delete(c); child = null; resolve(); });
      c.kill(signal);
    });
  }

  function launch() {
    return new Promise((resolve, reject) => {
      const args = ['serve', '--db', db, '--port', '0', '--web', web, ...keyArgs, ...serveArgs];
      const c = spawn(TRYGG_BIN, args, {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...env },
      });
      child = c;
      live.add(c);
      let done = false;
      let lineBuf = '';
      const timer = setTimeout(() => {
        if (done) return;
        done = true;
        c.kill('SIGKILL');
        reject(new Error(`trygg serve did not report its address within 20 s:\n${output}`));
      }, 20_000);
      const onData = (chunk) => {
        const s = chunk.toString('utf8');
        output += s;
        if (output.length > 200_000) output = output.slice(-100_000);
        if (process.env.TRYGG_TEST_VERBOSE) process.stderr.write(s);
        if (done) return;
        lineBuf += s;
        const m = lineBuf.match(/Trygg listening on (https?:\/\/[^\s]+)/);
        if (m) {
          done = true;
          clearTimeout(timer);
          const u = new URL(m[1]);
          if (u.hostname === '0.0.0.0' || u.hostname === '::' || u.hostname === '[::]') u.hostname = '127.0.0.1';
          srv.url = u.origin;
          resolve(srv);
        }
      };
      c.stdout.on('data', onData);
      c.stderr.on('data', onData);
      c.once('exit', (code, sig) => {
        live.delete(c);
        if (!done) {
          done = true;
          clearTimeout(timer);
          reject(new Error(`trygg serve exited early (${code ?? sig}):\n${output}`));
        }
      });
    });
  }

  try {
    await launch();
  } catch (e) {
    discard();
    throw e;
  }
  return srv;
}
