// E-mail notifications through a real SMTP server on loopback (scripts/smtp-sink.py,
// Debian's python3-aiosmtpd): sent once, with no incident details, retried after a
// temporary failure, and neither lost nor repeated across a server restart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, sqlOnDb, REPO } from './lib/server.mjs';
import { Logins, report } from './lib/fixtures.mjs';

const PYTHON = '/usr/bin/python3';
const haveSink = fs.existsSync(PYTHON) && fs.existsSync('/usr/lib/python3/dist-packages/aiosmtpd');

let sink; let sinkDir; let srv; let L;

function startSink(extra = []) {
  sinkDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-smtp-'));
  const child = spawn(PYTHON, [path.join(REPO, 'scripts', 'smtp-sink.py'), '--dir', sinkDir,
    '--port', '0', ...extra], { stdio: ['ignore', 'inherit', 'inherit'] });
  return { child, dir: sinkDir };
}

async function waitFor(fn, ms = 15_000, what = 'condition') {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Messages the sink stored: [{rcpt, raw, subject, body}].
function messages() {
  return fs.readdirSync(sinkDir).filter((f) => f.endsWith('.eml')).sort((a, b) => parseInt(a) - parseInt(b))
    .map((f) => {
      const raw = fs.readFileSync(path.join(sinkDir, f), 'utf8');
      const meta = JSON.parse(fs.readFileSync(path.join(sinkDir, f.replace('.eml', '.json')), 'utf8'));
      const [folded, ...rest] = raw.split('\r\n\r\n');
      const head = folded.replace(/\r\n[ \t]+/g, ' ');  // unfold header lines
      const subjectLine = /^Subject: (.*)$/m.exec(head)?.[1] ?? '';
      const subject = subjectLine.replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/gi,
        (_, b) => Buffer.from(b, 'base64').toString('utf8'));
      const body = Buffer.from(rest.join('\r\n\r\n').replace(/\s+/g, ''), 'base64').toString('utf8');
      return { rcpt: meta.rcpt_tos, raw, head, subject, body };
    });
}

before(async () => {
  if (!haveSink && !process.env.CI) return;
  sink = startSink(['--tempfail-first', '1']);
  const port = await waitFor(() => {
    try { return fs.readFileSync(path.join(sinkDir, 'port'), 'utf8').trim(); } catch { return null; }
  }, 10_000, 'the SMTP sink');
  srv = await startServer({ args: ['--smtp-host', '127.0.0.1', '--smtp-port', port,
    '--mail-from', 'trygg@storasa.example', '--public-url', 'https://trygg.storasa.example',
    '--reminder-interval', '1'] });
  L = new Logins(srv);
});
after(async () => {
  await srv?.close();
  sink?.child.kill('SIGTERM');
});

test('a new incident e-mails the chef once, without what happened; a temporary failure is retried later', { skip: !haveSink && !process.env.CI && 'python3-aiosmtpd is not installed (scripts/setup.sh installs it)' }, async () => {
  const emp = await L.as('medarbetare.norr.eb');
  const chef = await L.as('chef.norr.eb');
  const inc = await report(emp, { description: 'Hemlig beskrivning av hotet', perpetrator_note: 'Namn Namnsson' });
  // The first DATA is answered 451; the outbox retries after a minute at the
  // latest — the test waits for the notification's mail specifically.
  const mine = () => messages().filter((m) => m.rcpt.includes(chef.me.email)
    && m.body.includes(`/handelser/${inc.id}`));
  const got = await waitFor(() => (mine().length ? mine() : null), 90_000, 'the chef\'s e-mail');
  assert.equal(got.length, 1);
  const m = got[0];
  assert.match(m.subject, /^Trygg: Ny händelse i Ekonomiskt bistånd/);
  assert.match(m.body, /https:\/\/trygg\.storasa\.example\/handelser\//);
  assert.doesNotMatch(m.subject + m.body, /Hemlig|Namnsson|hot/i);
  assert.match(m.head, /^Message-ID: <outbox-\d+@trygg>/m);
  assert.match(m.head, /^From: trygg@storasa\.example/m);

  // The sink answered the very first DATA with 451: that mail waits for a retry.
  const waiting = sqlOnDb(srv, "SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL"
    + " AND last_error LIKE '451%' AND attempts = 1 AND next_attempt_at > created_at;");
  assert.equal(waiting.status, 0, waiting.out);
  assert.equal(waiting.stdout.trim(), '1');

  // A restart sends nothing twice.
  const count = messages().length;
  await srv.restart();
  await new Promise((r) => setTimeout(r, 2500));
  const again = messages();
  const ids = again.map((x) => /^Message-ID: (.*)$/m.exec(x.head)?.[1]);
  assert.equal(new Set(ids).size, ids.length, 'no Message-ID twice');
  assert.ok(again.length >= count);
});
