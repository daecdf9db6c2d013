// Routines, exercises and the KPI import (issue 6) in the browser (Debian's
// Chromium through playwright-core). The chef of Ekonomiskt bistånd publishes
// a routine; an employee there sees it under "Rutiner att bekräfta" on the
// start page, opens it and acknowledges it, and it leaves the card; the chef
// sees 1 acknowledged and who is missing. The chef records an alarm drill
// with a finding that has an owner and a due date (a measure); the owner
// marks it done. The analytiker imports a broken KPI file: the line errors
// are listed (line, column, message), focus is on that summary and nothing is
// imported. axe (WCAG 2.1 A/AA) on every new screen: no serious or critical
// violations. Screenshots go to tests/browser/screenshots/, prefixed "re-".
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { dateIn, login as apiLogin } from '../api/lib/client.mjs';
import { TIMEOUT, eventually, loginUi as loginAs, scanAxe, screenshot, startSuite, waitForText } from './lib/browser.mjs';

const DESKTOP = { viewport: { width: 1440, height: 900 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' };
const PHONE = {
  viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
  locale: 'sv-SE', timezoneId: 'Europe/Stockholm',
};

let suite;
let srv;
let browser;
const axeResults = [];
const pageErrors = [];
const state = {};

before(async () => {
  suite = await startSuite();
  ({ srv, browser } = suite);
  const chef = await apiLogin(srv, 'chef.norr.eb');
  const emp = await apiLogin(srv, 'medarbetare.norr.eb');
  state.chef = chef;
  state.emp = { id: emp.me.id, name: emp.me.display_name, unitId: emp.me.unit_id };
  state.routineTitle = `Rutin vid hot i entrén ${Date.now() % 100000}`;
  const r = await chef.post('/routines', {
    unit_id: emp.me.unit_id, title: state.routineTitle, summary: 'Larma, gå undan och ring 112 vid hot.',
    document_url: 'https://intranat.example/rutiner/hot', owner_user_id: chef.me.id, revision_date: dateIn(180),
  });
  assert.equal(r.status, 201, `routine created: ${r.text}`);
  state.routineId = r.json.id;
});

after(async () => {
  await suite?.close();
});

const shot = (page, name) => screenshot(page, name, 're-');
const loginUi = (page, username) => loginAs(page, srv, username);

async function axe(page, name) {
  axeResults.push(await scanAxe(page, name, { seriousOnly: true }));
}

async function open(options) {
  const ctx = await browser.newContext(options);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { ctx, page };
}

describe('routines, exercises and the KPI import in the browser', () => {
  test('1. an employee sees the pending routine on the start page and acknowledges it', async () => {
    const { ctx, page } = await open(PHONE);
    try {
      await loginUi(page, 'medarbetare.norr.eb');
      const card = page.getByTestId('pending-routines');
      await card.getByRole('heading', { name: /Rutiner att bekräfta/ }).waitFor({ timeout: TIMEOUT });
      const link = card.getByRole('link', { name: state.routineTitle });
      await link.waitFor({ timeout: TIMEOUT });
      await shot(page, '01-start-pending');
      await axe(page, 'start page with pending routines (employee, phone)');

      await link.click();
      await page.getByRole('heading', { name: state.routineTitle, level: 1 }).waitFor({ timeout: TIMEOUT });
      assert.match(await page.getByTestId('routine-facts').innerText(), /Larma, gå undan och ring 112/);
      assert.equal(await page.getByTestId('routine-progress').count(), 0, 'staff do not see who is missing');
      await axe(page, 'routine detail before acknowledging (employee, phone)');
      await page.getByRole('button', { name: 'Jag har läst och förstått' }).click();
      await waitForText(page.getByTestId('routine-ack'), /Du bekräftade/);
      await waitForText(page.getByRole('status').filter({ hasText: /bekräftat/ }).first(), /Tack!/);
      await shot(page, '02-routine-acknowledged');

      await page.getByRole('link', { name: 'Start' }).first().click();
      await page.getByTestId('pending-routines').waitFor({ timeout: TIMEOUT });
      await page.getByTestId('pending-routines').locator('.empty, .pending-routines').first().waitFor({ timeout: TIMEOUT });
      assert.equal(await page.getByTestId('pending-routines').getByRole('link', { name: state.routineTitle }).count(), 0,
        'the routine has left the card');

      await page.goto(`${srv.url}/rutiner`);
      const row = page.getByTestId('routine-row').filter({ hasText: state.routineTitle });
      await waitForText(row, /Bekräftad/);
      await axe(page, 'routine list (employee, phone)');
    } finally {
      await ctx.close();
    }
  });

  test('2. the chef sees the progress, who is missing, and the new-version confirm', async () => {
    const { ctx, page } = await open(DESKTOP);
    try {
      await loginUi(page, 'chef.norr.eb');
      await page.getByRole('link', { name: 'Rutiner', exact: true }).first().click();
      await page.getByRole('heading', { name: 'Rutiner', level: 1 }).waitFor({ timeout: TIMEOUT });
      const row = page.getByTestId('routine-row').filter({ hasText: state.routineTitle });
      await waitForText(row, /1 av \d+ har bekräftat/);
      await shot(page, '03-routines-chef');
      await axe(page, 'routine list (chef)');
      await row.getByRole('link', { name: state.routineTitle }).click();
      const progress = page.getByTestId('routine-progress');
      await waitForText(progress, /1 av \d+ medarbetare har bekräftat/);
      const missing = await page.getByTestId('routine-missing').innerText();
      assert.ok(!missing.includes(state.emp.name), 'the employee who acknowledged is not missing');
      await page.getByRole('button', { name: 'Ändra rutinen' }).click();
      await page.getByTestId('routine-edit-form').waitFor({ timeout: TIMEOUT });
      await page.getByRole('button', { name: 'Publicera ny version' }).click();
      const dialog = page.getByRole('dialog', { name: 'Publicera en ny version?' });
      await waitForText(dialog, /måste läsa och bekräfta den igen/);
      await shot(page, '04-new-version-confirm');
      await axe(page, 'routine new-version confirm (chef)');
      await dialog.getByRole('button', { name: 'Avbryt' }).click();
      await dialog.waitFor({ state: 'hidden', timeout: TIMEOUT });
      await axe(page, 'routine detail with edit form (chef)');
    } finally {
      await ctx.close();
    }
  });

  test('3. the chef records an alarm drill with a finding that is a measure; the owner marks it done', async () => {
    const { ctx, page } = await open(DESKTOP);
    const scenario = `Hotfull besökare i receptionen ${Date.now() % 100000}`;
    const finding = 'Larmknappen i rum 3 hördes inte i personalrummet';
    try {
      await loginUi(page, 'chef.norr.eb');
      await page.goto(`${srv.url}/ovningar`);
      await page.getByRole('heading', { name: 'Övningar och utbildningar', level: 1 }).waitFor({ timeout: TIMEOUT });
      await page.getByRole('link', { name: 'Registrera övning' }).click();
      const form = page.getByTestId('exercise-form');
      await form.waitFor({ timeout: TIMEOUT });
      // A client check first: nothing filled in.
      await form.getByLabel('Scenario').fill('');
      await form.getByRole('button', { name: 'Spara övningen' }).click();
      await waitForText(form, /Välj enhet\./);
      const focusedId = () => page.evaluate(() => document.activeElement?.id);
      await eventually(async () => (await focusedId()) === 'exercise-unit');
      assert.equal(await focusedId(), 'exercise-unit', 'focus on the first error');

      await form.getByLabel('Enhet', { exact: true }).selectOption(String(state.emp.unitId));
      await form.getByRole('radio', { name: 'Larmövning' }).check();
      await form.getByLabel('Datum', { exact: true }).fill(dateIn(-2));
      await form.getByLabel('Scenario').fill(scenario);
      await form.getByLabel('Antal deltagare').fill('8');
      const row = form.getByTestId('finding-row').first();
      await row.getByLabel('Iakttagelse').fill(finding);
      await row.getByLabel('Ansvarig').selectOption(String(state.emp.id));
      await row.getByLabel('Klart senast').fill(dateIn(30));
      await shot(page, '05-exercise-form');
      await axe(page, 'new exercise form (chef)');
      await form.getByRole('button', { name: 'Spara övningen' }).click();

      await page.getByRole('heading', { name: `Larmövning: ${scenario}`, level: 1 }).waitFor({ timeout: TIMEOUT });
      const m = /\/ovningar\/(\d+)$/.exec(page.url());
      assert.ok(m, `on the exercise's page: ${page.url()}`);
      state.exerciseId = Number(m[1]);
      const item = page.getByTestId('exercise-finding').filter({ hasText: finding });
      const text = await waitForText(item, /Åtgärd/);
      assert.ok(text.includes(state.emp.name), 'the owner is shown');
      assert.match(text, /Öppen/);
      await shot(page, '06-exercise-detail');
      await axe(page, 'exercise detail (chef)');
    } finally {
      await ctx.close();
    }

    // The finding is a measure: the server has its owner and due date.
    const ex = await state.chef.get(`/exercises/${state.exerciseId}`);
    assert.equal(ex.status, 200);
    const f = ex.json.findings.find((x) => x.text === finding);
    assert.equal(f.owner.id, state.emp.id);
    assert.equal(f.due_date, dateIn(30));

    const emp = await open(PHONE);
    try {
      await loginUi(emp.page, 'medarbetare.norr.eb');
      await emp.page.goto(`${srv.url}/ovningar/${state.exerciseId}`);
      const item = emp.page.getByTestId('exercise-finding').filter({ hasText: finding });
      await item.getByRole('button', { name: `Markera som klar: ${finding}` }).click();
      await waitForText(item, /Klar/);
      await axe(emp.page, 'exercise detail (finding owner, phone)');
    } finally {
      await emp.ctx.close();
    }
    const after = await state.chef.get(`/exercises/${state.exerciseId}`);
    assert.equal(after.json.findings.find((x) => x.text === finding).status, 'klar');
  });

  test('4. the KPI import lists the errors of a broken file and imports nothing', async () => {
    const analyst = await apiLogin(srv, 'analytiker');
    const before = (await analyst.get('/kpis')).json.items.length;
    const { ctx, page } = await open(DESKTOP);
    try {
      await loginUi(page, 'analytiker');
      await page.getByRole('link', { name: 'Importera nyckeltal' }).first().click();
      await page.getByRole('heading', { name: 'Importera nyckeltal', level: 1 }).waitFor({ timeout: TIMEOUT });
      const template = page.getByRole('link', { name: 'Ladda ned mall (CSV)' });
      assert.equal(await template.getAttribute('download'), 'nyckeltal-mall.csv');
      await axe(page, 'KPI import (analytiker)');
      await page.getByLabel('Eller klistra in innehållet').fill(
        'forvaltning;kpi;yrkesgrupp;ar;period;varde\n'
        + 'Norra;personalrorlighet;socialsekreterare;2001;ar;12\n'
        + 'Norra;personalrorlighet;alla;2001;ar;150\n'
        + 'Ingenstans;vfu;alla;2001;ar;3\n');
      await page.getByRole('button', { name: 'Importera', exact: true }).click();
      const errors = page.getByTestId('kpi-import-errors');
      await waitForText(errors, /Ingenting importerades/);
      const focusedTestId = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
      await eventually(async () => (await focusedTestId()) === 'kpi-import-errors');
      assert.equal(await focusedTestId(), 'kpi-import-errors',
        'focus is on the error summary');
      const rows = await page.getByTestId('kpi-import-error').allInnerTexts();
      assert.ok(rows.length >= 2, `line errors listed: ${rows.join(' | ')}`);
      assert.ok(rows.some((r) => /^3\s+varde\s+\S/.test(r)), `line 3, column varde: ${rows.join(' | ')}`);
      assert.ok(rows.some((r) => /^4\s+forvaltning\s+\S/.test(r)), `line 4, column forvaltning: ${rows.join(' | ')}`);
      await shot(page, '07-kpi-import-errors');
      await axe(page, 'KPI import with line errors (analytiker)');
    } finally {
      await ctx.close();
    }
    assert.equal((await analyst.get('/kpis')).json.items.length, before, 'nothing was imported');
  });

  test('axe: no serious or critical violations on the new screens, and no page errors', () => {
    const pages = axeResults.map((r) => r.page);
    for (const p of ['start page with pending routines (employee, phone)', 'routine detail before acknowledging (employee, phone)',
      'routine list (chef)', 'routine new-version confirm (chef)', 'new exercise form (chef)', 'exercise detail (chef)',
      'KPI import with line errors (analytiker)']) {
      assert.ok(pages.includes(p), `axe ran on ${p} (ran on: ${pages.join(', ')})`);
    }
    const bad = axeResults.filter((r) => r.violations.length > 0)
      .map((r) => `${r.page}: ${r.violations.map((v) => `${v.impact} ${v.id}`).join(', ')}`);
    assert.deepEqual(bad, []);
    assert.deepEqual(pageErrors, []);
  });
});
