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
//   TRYGG_TEST_VERBOSE=1  echo the server's output.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const TRYGG_BIN = process.env.TRYGG_BIN || path.join(REPO, 'build', 'trygg');
export const DEMO_PASSWORD = 'trygg-demo';

const live = new Set();
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

export async function startServer({ seed = true, env = {} } = {}) {
  if (!binaryExists()) throw new Error(`server binary not found: ${TRYGG_BIN} (build it first)`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-test-'));
  const id = `${process.pid}_${Date.now().toString(36)}`;
  const dbUrl = process.env.TRYGG_TEST_DB_URL;
  const db = dbUrl ? dbUrl.replaceAll('{tmp}', tmp).replaceAll('{id}', id) : path.join(tmp, 't.db');
  const engine = dbUrl && /^postgres(ql)?:/.test(dbUrl) ? 'postgresql' : 'sqlite';
  const web = webRoot(tmp);

  if (seed) {
    const r = runCli(['seed-demo', '--db', db]);
    if (r.status !== 0) {
      throw new Error(`trygg seed-demo failed (${r.status}): ${r.stderr}${r.stdout}`);
    }
  }

  let child = null;
  let output = '';
  const srv = {
    tmp, db, engine, web, url: null,
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
    // Stops the server and removes the temp dir.
    async close() {
      await terminate('SIGTERM');
      if (!process.env.TRYGG_TEST_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
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
      const args = ['serve', '--db', db, '--port', '0', '--web', web];
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
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  return srv;
}
