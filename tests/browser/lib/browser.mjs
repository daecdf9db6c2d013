// Shared setup for the browser tests (Debian's Chromium through playwright-core):
// a seeded `trygg serve` plus one headless Chromium per test file, login through
// the UI, screenshots and axe (WCAG 2.1 A/AA) scans.
//
//   let suite;
//   before(async () => { suite = await startSuite({ args: ['--reminder-interval', '1'] }); });
//   after(() => suite?.close());
//   await loginUi(page, suite.srv, 'chef.norr.eb');
//
// TRYGG_CHROMIUM overrides the browser (default /usr/bin/chromium); the server
// honours TRYGG_BIN, TRYGG_WEB etc. (see tests/api/lib/server.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { DEMO_PASSWORD, startServer } from '../../api/lib/server.mjs';

export const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
export const CHROMIUM = process.env.TRYGG_CHROMIUM || '/usr/bin/chromium';
export const LAUNCH = {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
};
export const TIMEOUT = 15_000;

// Starts a seeded server (`serverOptions` as for startServer) and Chromium, and
// makes the screenshot directory. close() stops both.
export async function startSuite(serverOptions = {}) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const srv = await startServer(serverOptions);
  let browser;
  try {
    browser = await chromium.launch(LAUNCH);
  } catch (e) {
    await srv.close();
    throw e;
  }
  return {
    srv,
    browser,
    async close() {
      await browser.close();
      await srv.close();
    },
  };
}

// Opens the login page and waits for its form.
export async function openLogin(page, srv) {
  await page.goto(`${srv.url}/login`);
  await page.getByLabel('Användarnamn').waitFor({ timeout: TIMEOUT });
}

// Fills in and submits the open login form as a demo user; waits until logged in.
export async function submitLogin(page, username) {
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('button', { name: 'Logga ut' }).waitFor({ timeout: TIMEOUT });
}

// Logs a demo user in through the UI.
export async function loginUi(page, srv, username) {
  await openLogin(page, srv);
  await submitLogin(page, username);
}

// A full-page screenshot as screenshots/<prefix><name>.png.
export async function screenshot(page, name, prefix = '') {
  await page.screenshot({ path: path.join(SHOTS, `${prefix}${name}.png`), fullPage: true });
}

// Runs axe (WCAG 2.1 A/AA) on the page and logs the violations kept: all of them,
// or with seriousOnly those of serious or critical impact. Returns
// {page: name, violations (the kept ones), all (how many in total)}.
export async function scanAxe(page, name, { seriousOnly = false } = {}) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const kept = seriousOnly
    ? r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    : r.violations;
  for (const v of kept) {
    console.log(`axe ${name}: ${v.impact} ${v.id}: ${v.help}`);
    for (const n of v.nodes.slice(0, 5)) console.log(`    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`);
  }
  return { page: name, violations: kept, all: r.violations.length };
}

// Waits until the locator's text matches.
// Resolves once `probe` (async, returning a boolean) is true, or after `timeout`. For what an
// app does in an effect after the render a test waited for, such as moving focus: read once,
// it races that effect on a busy machine.
export async function eventually(probe, timeout = TIMEOUT) {
  const end = Date.now() + timeout;
  while (!(await probe())) {
    if (Date.now() >= end) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function waitForText(locator, re, timeout = TIMEOUT) {
  const end = Date.now() + timeout;
  let last = '';
  while (Date.now() < end) {
    try { last = await locator.innerText({ timeout: 1000 }); } catch { last = ''; }
    if (re.test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`text ${re} not found; last: ${JSON.stringify(last.slice(0, 400))}`);
}
