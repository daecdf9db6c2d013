// Statistics (issue 6) in the browser (Debian's Chromium through
// playwright-core). The central analyst opens Statistik from the menu, answers
// a common question (threats per förvaltning), then looks finer: units by type
// of incident over the last 12 months at severity "Måttlig" or worse. A chart
// renders beside the table, the table shows protected cells as ".." with the
// explanation and the "Skyddade siffror" badge, and "Exportera CSV" downloads
// exactly the table's text, cell by cell (UTF-8 with BOM, semicolons). The
// equivalence matrix marks cells short of the standard with an icon and
// words; the quarterly report and the KPI trends render. A chef of one unit
// sees exact figures; an employee has no Statistik in the menu.
// axe (WCAG 2.1 A/AA) on every screen: no serious or critical violations.
// Screenshots go to tests/browser/screenshots/, prefixed "st-".
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { login as apiLogin } from '../api/lib/client.mjs';
import { TIMEOUT, loginUi as loginAs, scanAxe, screenshot, startSuite, waitForText } from './lib/browser.mjs';

const DESKTOP = { viewport: { width: 1440, height: 1000 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm', acceptDownloads: true };

let suite;
let srv;
let browser;
const axeResults = [];
const pageErrors = [];
const state = {};

before(async () => {
  suite = await startSuite();
  ({ srv, browser } = suite);
  const c = await apiLogin(srv, 'analytiker');
  const units = (await c.get('/units')).json.items;
  state.norra = units.find((u) => u.kind === 'forvaltning' && u.name === 'Norra');
  assert.ok(state.norra, 'the demo has Norra');
});

after(async () => {
  await suite?.close();
});

const shot = (page, name) => screenshot(page, name, 'st-');
const loginUi = (page, username) => loginAs(page, srv, username);

async function axe(page, name) {
  axeResults.push(await scanAxe(page, name, { seriousOnly: true }));
}

async function open(options = DESKTOP) {
  const ctx = await browser.newContext(options);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { ctx, page };
}

// The table's text as a screen shows it: one array per row (head, body, foot),
// the words only screen readers hear left out.
function tableText(page, testid) {
  return page.getByTestId(testid).evaluate((table) => [...table.querySelectorAll('tr')].map((tr) =>
    [...tr.querySelectorAll('th, td')].map((cell) => {
      const c = cell.cloneNode(true);
      c.querySelectorAll('.visually-hidden').forEach((n) => n.remove());
      return c.textContent.replace(/\s+/g, ' ').trim();
    })));
}

// A semicolon CSV line, with "…" quoting.
function parseCsvLine(line) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') quoted = false; else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}

// True when the canvas has drawn pixels (not all transparent).
function canvasDrawn(locator) {
  return locator.evaluate((canvas) => {
    const { width, height } = canvas;
    if (!width || !height) return false;
    const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
    return painted > 500;
  });
}

async function waitCanvas(page, testid) {
  const canvas = page.getByTestId(testid).locator('canvas');
  await canvas.waitFor({ timeout: TIMEOUT });
  const end = Date.now() + TIMEOUT;
  while (Date.now() < end) {
    if (await canvasDrawn(canvas)) return canvas;
    await page.waitForTimeout(100);
  }
  assert.fail(`the chart ${testid} drew nothing`);
  return canvas;
}

describe('statistics in the browser', () => {
  test('1. the analyst filters the dashboard; chart, protected cells and the CSV match the table', async () => {
    const { ctx, page } = await open();
    try {
      await loginUi(page, 'analytiker');
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Statistik' }).click();
      await page.getByRole('heading', { name: 'Statistik', level: 1 }).waitFor({ timeout: TIMEOUT });
      await page.getByTestId('stats-table').waitFor({ timeout: TIMEOUT });
      await axe(page, 'dashboard (default)');

      // A common question: threats per förvaltning this year.
      await page.getByRole('link', { name: 'Hur många hot per förvaltning i år?' }).click();
      await page.waitForURL(/typ=hot/, { timeout: TIMEOUT });
      assert.equal(await page.getByLabel('Hot', { exact: true }).isChecked(), true);
      await waitForText(page.locator('#stats-table-caption'), /Antal händelser per förvaltning/);

      // Finer: units by type of incident, the last 12 months, severity Måttlig or worse, all types.
      await page.getByLabel('Hot', { exact: true }).uncheck();
      await page.waitForURL((u) => !/typ=/.test(u.search), { timeout: TIMEOUT });
      await page.getByLabel('Period').selectOption('12m');
      await page.getByLabel('Lägsta allvarlighet').selectOption('2');
      await page.getByLabel('Rader').selectOption('enhet');
      await page.getByLabel('Kolumner').selectOption('category');
      await page.waitForURL(/kolumner=category/, { timeout: TIMEOUT });
      await waitForText(page.locator('#stats-table-caption'),
        /Antal händelser per enhet och typ av händelse, Senaste 12 månaderna/);
      await page.locator('section[aria-busy="true"]').waitFor({ state: 'detached', timeout: TIMEOUT });

      const canvas = await waitCanvas(page, 'stats-chart');
      assert.match(await canvas.getAttribute('aria-label'), /^Diagram: Antal händelser per enhet och typ av händelse/);

      const rows = await tableText(page, 'stats-table');
      assert.equal(rows[0][0], 'Enhet');
      assert.equal(rows[0][1], 'Hot');
      assert.equal(rows[0].at(-1), 'Totalt');
      assert.equal(rows.at(-1)[0], 'Totalt');
      assert.ok(rows.length >= 12 + 2, `a row per enhet (12 in the demo) plus head and total: ${rows.length}`);
      const protectedCells = await page.getByTestId('stats-table').locator('td[data-state="protected"]').count();
      assert.ok(protectedCells > 0, 'small cells are protected for a central analyst');
      assert.ok(rows.flat().includes('..'), 'protected cells read ".."');
      assert.ok(rows.slice(1).some((r) => r.slice(1).some((c) => /^\d+$/.test(c) && Number(c) >= 5)),
        'some figures are shown');
      assert.equal(await page.getByTestId('stats-badge').innerText(), 'Skyddade siffror');
      await page.getByText('Värden under 5 visas inte för att skydda enskilda.').first().waitFor({ timeout: TIMEOUT });
      // The table is named by its caption; the protected cell is spoken as such.
      await page.getByRole('table', { name: /Antal händelser per enhet/ }).waitFor({ timeout: TIMEOUT });
      assert.match(await page.getByTestId('stats-table').locator('td[data-state="protected"]').first().innerText(),
        /\.\.[\s\S]*skyddat värde/);
      await shot(page, '01-dashboard-enhet-typ');
      await axe(page, 'dashboard (enhet × typ, protected)');

      // CSV: exactly the table, cell by cell.
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: TIMEOUT }),
        page.getByRole('button', { name: 'Exportera CSV' }).click(),
      ]);
      assert.match(download.suggestedFilename(), /^trygg-statistik-\d{4}-\d{2}-\d{2}\.csv$/);
      const bytes = fs.readFileSync(await download.path());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
      const text = bytes.subarray(3).toString('utf8');
      const lines = text.split('\r\n');
      assert.equal(lines.pop(), '', 'ends with a line break');
      assert.deepEqual(lines.map(parseCsvLine), rows);
      await page.getByRole('status').filter({ hasText: 'Tabellen är exporterad som CSV-fil.' }).waitFor({ timeout: TIMEOUT });

      // A rate: the police-reported share with a decimal comma, protected where its parts are.
      await page.getByLabel('Visa', { exact: true }).selectOption('police_rate');
      await page.getByLabel('Rader').selectOption('forvaltning');
      await page.getByLabel('Kolumner').selectOption('none');
      await waitForText(page.locator('#stats-table-caption'), /Andel polisanmälda \(%\) per förvaltning,/);
      await page.locator('section[aria-busy="true"]').waitFor({ state: 'detached', timeout: TIMEOUT });
      const rates = await tableText(page, 'stats-table');
      assert.deepEqual(rates.slice(1, -1).map((r) => r[0]).sort(), ['Norra', 'Södra', 'Västra']);
      for (const r of rates.slice(1)) assert.match(r[1], /^(\d{1,3},\d|\.\.|–)$/);
      await waitCanvas(page, 'stats-chart');
      await shot(page, '02-dashboard-police-rate');
    } finally {
      await ctx.close();
    }
  });

  test('2. equivalence marks cells short of the standard, not by colour alone', async () => {
    const { ctx, page } = await open();
    try {
      await loginUi(page, 'analytiker');
      await page.goto(`${srv.url}/statistik`);
      await page.getByRole('navigation', { name: 'Statistik' }).getByRole('link', { name: 'Likvärdighet' }).click();
      await page.getByRole('heading', { name: 'Likvärdighet mellan förvaltningarna', level: 1 }).waitFor({ timeout: TIMEOUT });
      const table = page.getByTestId('eq-table');
      await table.waitFor({ timeout: TIMEOUT });
      const names = await table.locator('tbody th[scope="row"]').allInnerTexts();
      assert.deepEqual([...names].sort(), ['Norra', 'Södra', 'Västra']);
      assert.equal(await table.locator('thead th').count(), 10, 'förvaltning and nine columns');
      const short = table.locator('td[data-short="true"]');
      assert.ok(await short.count() > 0, 'some cell falls short in the demo');
      const first = short.first();
      assert.equal(await first.locator('svg').count(), 1, 'an icon');
      assert.match(await first.innerText(), /under standard/);
      assert.match(await first.locator('.visually-hidden').innerText(), /under standard/);
      await page.getByRole('heading', { name: 'Stadens standard' }).waitFor({ timeout: TIMEOUT });
      await waitForText(page.locator('.eq-legend'), /Personal som bekräftat rutinerna\s*minst 90 %/);
      await shot(page, '03-equivalence');
      await axe(page, 'equivalence');
    } finally {
      await ctx.close();
    }
  });

  test('3. the quarterly report and the KPI trends render', async () => {
    const { ctx, page } = await open();
    try {
      await loginUi(page, 'analytiker');
      const now = new Date();
      const q = `${now.getFullYear()}-Q${Math.floor(now.getMonth() / 3) + 1}`;
      await page.goto(`${srv.url}/statistik/rapport?forvaltning=${state.norra.id}&kvartal=${q}`);
      await page.getByRole('heading', { name: /^Kvartalsrapport Norra, \d{4} kv\. [1-4]$/, level: 1 })
        .waitFor({ timeout: TIMEOUT });
      await page.getByTestId('quarterly-report').waitFor({ timeout: TIMEOUT });
      const key = await tableText(page, 'qr-key');
      assert.equal(key[1][0], 'Antal händelser');
      assert.equal(key[0].length, 4, 'this quarter, the one before and the same quarter last year');
      assert.equal(await page.getByTestId('qr-eq').locator('tbody tr').count(), 9, 'Norra\'s equivalence, one line per column');
      await page.getByRole('button', { name: 'Skriv ut' }).waitFor({ timeout: TIMEOUT });
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.site-header').isVisible(), false, 'print hides the navigation');
      await page.emulateMedia({ media: 'screen' });
      await shot(page, '04-quarterly-report');
      await axe(page, 'quarterly report');

      await page.getByRole('link', { name: 'Nyckeltal' }).click();
      await page.getByRole('heading', { name: 'Nyckeltal över tid', level: 1 }).waitFor({ timeout: TIMEOUT });
      await waitCanvas(page, 'kpi-incidents-chart');
      await page.getByTestId('kpi-incidents-table').waitFor({ timeout: TIMEOUT });
      await shot(page, '05-kpi-trends');
      await axe(page, 'kpi trends');
    } finally {
      await ctx.close();
    }
  });

  test('4. a chef sees exact figures for their unit; an employee has no Statistik', async () => {
    const { ctx, page } = await open();
    try {
      await loginUi(page, 'chef.norr.eb');
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Statistik' }).click();
      await page.getByRole('heading', { name: 'Statistik', level: 1 }).waitFor({ timeout: TIMEOUT });
      await page.getByLabel('Period').selectOption('12m');
      await page.getByLabel('Rader').selectOption('enhet');
      await page.getByTestId('stats-table').waitFor({ timeout: TIMEOUT });
      await waitForText(page.locator('#stats-table-caption'), /per enhet, Senaste 12 månaderna/);
      const own = (await tableText(page, 'stats-table')).slice(1, -1).map((r) => r[0]);
      assert.equal(own.length, 1, `only the chef's own unit: ${own}`);
      assert.match(own[0], /^Ekonomiskt bistånd/);
      await waitForText(page.getByTestId('stats-badge'), /^Exakta siffror$/);
      assert.equal(await page.getByTestId('stats-table').locator('td[data-state="protected"]').count(), 0);
      await page.getByRole('button', { name: 'Logga ut' }).click();
      await loginUi(page, 'medarbetare.norr.eb');
      assert.equal(await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Statistik' }).count(), 0);
    } finally {
      await ctx.close();
    }
  });

  test('axe: no serious or critical WCAG 2.1 A/AA violations, and no page errors', () => {
    const pages = axeResults.map((r) => r.page);
    for (const p of ['dashboard (enhet × typ, protected)', 'equivalence', 'quarterly report', 'kpi trends']) {
      assert.ok(pages.includes(p), `axe ran on ${p} (ran on: ${pages.join(', ')})`);
    }
    const bad = axeResults.filter((r) => r.violations.length > 0)
      .map((r) => `${r.page}: ${r.violations.map((v) => `${v.impact} ${v.id}`).join(', ')}`);
    assert.deepEqual(bad, []);
    assert.deepEqual(pageErrors, []);
  });
});
