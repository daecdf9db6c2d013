// The whole path in a real browser (Debian's Chromium through playwright-core):
// an employee reports on a phone, the chef receives and handles it on a desktop.
// Each page is checked with axe (WCAG 2.1 A/AA): no serious or critical violations.
// Screenshots go to tests/browser/screenshots/ (gitignored).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { login as apiLogin } from '../api/lib/client.mjs';
import {
  TIMEOUT, loginUi, openLogin, scanAxe, screenshot as shot, startSuite, submitLogin, waitForText,
} from './lib/browser.mjs';

let suite;
let srv;
let browser;
const axeResults = [];       // {page, violations}
const state = {};            // shared between the steps

before(async () => {
  suite = await startSuite();
  ({ srv, browser } = suite);
});

after(async () => {
  await suite?.close();
});

async function axe(page, name) {
  axeResults.push(await scanAxe(page, name, { seriousOnly: true }));
}

describe('report and handle an incident in the browser', () => {
  test('an employee on a phone reports a threat and sees who was told', async () => {
    const chefApi = await apiLogin(srv, 'chef.norr.eb');
    state.chefName = chefApi.me.display_name;

    const ctx = await browser.newContext({
      viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
      locale: 'sv-SE', timezoneId: 'Europe/Stockholm',
    });
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await openLogin(page, srv);
      await shot(page, '01-login-phone');
      await axe(page, 'login');
      await submitLogin(page, 'medarbetare.norr.eb');

      await page.getByRole('link', { name: 'Rapportera händelse' }).first().click();
      await page.getByRole('button', { name: 'Skicka rapport' }).waitFor({ timeout: TIMEOUT });
      await page.getByRole('radio', { name: 'Hot', exact: true }).check();
      await page.getByRole('radio', { name: 'Reception', exact: true }).check();
      state.description = `Besökaren hotade mig vid disken (${Date.now()}).`;
      await page.getByLabel('Beskriv vad som hände').fill(state.description);
      await shot(page, '02-report-form-phone');
      await axe(page, 'report form');

      await page.getByRole('button', { name: 'Skicka rapport' }).tap();
      const confirmation = page.getByTestId('report-confirmation');
      await confirmation.waitFor({ timeout: TIMEOUT });
      const text = await confirmation.innerText();
      assert.ok(text.includes(state.chefName), `confirmation names the chef ${state.chefName}: ${text}`);
      const href = await confirmation.getByRole('link').first().getAttribute('href');
      const m = /\/handelser\/(\d+)/.exec(href ?? '');
      assert.ok(m, `confirmation links to the report: ${href}`);
      state.id = Number(m[1]);
      await shot(page, '03-confirmation-phone');
      await axe(page, 'confirmation');
      assert.deepEqual(errors, [], 'no page errors');
    } finally {
      await ctx.close();
    }
  });

  test('the chef receives it, adds a measure, cannot close until it is done, then closes', async () => {
    assert.ok(state.id, 'the report step must have run');
    const ctx = await browser.newContext({
      viewport: { width: 1280, height: 900 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm',
    });
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await loginUi(page, srv, 'chef.norr.eb');

      // Att hantera: the new report is there.
      await page.getByRole('link', { name: 'Att hantera' }).first().click();
      const row = page.getByTestId('incident-row')
        .filter({ has: page.getByRole('link', { name: new RegExp(`Händelse ${state.id}\\b`) }) });
      await row.first().waitFor({ timeout: TIMEOUT });
      assert.match(await row.first().innerText(), /Hot/);
      await shot(page, '04-inbox-desktop');
      await axe(page, 'inbox');

      // Händelser: the list has it too.
      await page.getByRole('link', { name: 'Händelser', exact: true }).first().click();
      const listRow = page.getByTestId('incident-row')
        .filter({ has: page.getByRole('link', { name: new RegExp(`Händelse ${state.id}\\b`) }) });
      await listRow.first().waitFor({ timeout: TIMEOUT });
      await shot(page, '05-list-desktop');
      await axe(page, 'list');

      // Open it.
      await listRow.first().getByRole('link').first().click();
      await page.getByRole('button', { name: 'Markera som mottagen' }).waitFor({ timeout: TIMEOUT });
      assert.ok((await page.locator('main').innerText()).includes(state.description), 'the chef sees the description');
      await axe(page, 'detail');
      const workflow = page.getByRole('region', { name: 'Hantering' });

      await page.getByRole('button', { name: 'Markera som mottagen' }).click();
      await waitForText(workflow, /Mottagen/);

      // A measure: title, responsible, due date.
      await page.getByLabel('Åtgärd', { exact: true }).fill('Samtal med brukaren och larmknapp i receptionen');
      const responsible = page.getByLabel('Ansvarig', { exact: true });
      await responsible.selectOption({ label: state.chefName });
      const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('Klar senast').fill(due);
      await page.getByRole('button', { name: 'Lägg till åtgärd' }).click();
      await page.getByRole('button', { name: /Markera som klar/ }).waitFor({ timeout: TIMEOUT });

      // Closing is refused while the measure is open, with a message.
      await page.getByRole('button', { name: 'Avsluta händelsen' }).click();
      const alert = workflow.getByRole('alert');
      await alert.waitFor({ timeout: TIMEOUT });
      const message = await alert.innerText();
      assert.ok(message.trim().length > 0, 'the refusal is explained');
      console.log(`close refused with: ${message.trim()}`);
      assert.match(await workflow.innerText(), /Mottagen/);
      await shot(page, '06-close-refused-desktop');
      await axe(page, 'detail with refusal');

      await page.getByRole('button', { name: /Markera som klar/ }).click();
      await page.getByRole('button', { name: /Markera som klar/ }).waitFor({ state: 'detached', timeout: TIMEOUT });
      await page.getByRole('button', { name: 'Avsluta händelsen' }).click();
      await waitForText(workflow, /Avslutad/);
      await shot(page, '07-closed-desktop');
      await axe(page, 'detail closed');

      // The server agrees.
      const chefApi = await apiLogin(srv, 'chef.norr.eb');
      const g = await chefApi.get(`/incidents/${state.id}`);
      assert.equal(g.json.status, 'avslutad');
      assert.equal(g.json.measures[0].status, 'klar');
      assert.deepEqual(errors, [], 'no page errors');
    } finally {
      await ctx.close();
    }
  });

  test('axe: no serious or critical WCAG 2.1 A/AA violations on any page', () => {
    const pages = axeResults.map((r) => r.page);
    for (const p of ['login', 'report form', 'confirmation', 'inbox', 'list', 'detail']) {
      assert.ok(pages.includes(p), `axe ran on ${p} (ran on: ${pages.join(', ')})`);
    }
    const bad = axeResults.filter((r) => r.violations.length > 0)
      .map((r) => `${r.page}: ${r.violations.map((v) => `${v.impact} ${v.id}`).join(', ')}`);
    assert.deepEqual(bad, []);
  });
});
