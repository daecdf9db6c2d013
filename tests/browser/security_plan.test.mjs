// Security planning and protected cases (issue 5) in the browser (Debian's
// Chromium through playwright-core). The säkerhetssamordnare of Norra plans for
// a case with serious threats in Ekonomiskt bistånd: a protected case handled
// by a named group in Barn och unga, the person named by personnummer (never
// shown back), a measure with an owner and a deadline, and a decision logged
// under the special routine. A member of the handling group finds the plan in
// the list and reads the decision log; an employee outside gets "not found".
// The chef names the person behind two incidents and sees the history
// warning. Last, the admin edits the risk template (Riskmall tab) — a client
// check, one weight changed, version 1 saved and still there after a reload —
// and the säkerhetssamordnare reaches the same template at /riskmall.
// axe (WCAG 2.1 A/AA) on every new screen: no serious or critical violations.
// Screenshots go to tests/browser/screenshots/ (gitignored), prefixed "sp-".
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { login as apiLogin } from '../api/lib/client.mjs';
import {
  TIMEOUT, eventually, loginUi as loginAs, scanAxe, screenshot, startSuite, waitForText,
} from './lib/browser.mjs';

const DESKTOP = { viewport: { width: 1440, height: 900 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' };
const PHONE = {
  viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
  locale: 'sv-SE', timezoneId: 'Europe/Stockholm',
};
// A valid (Luhn-checked) test personnummer; it must never come back from the server.
const PNR = '19730419-1237';

let suite;
let srv;
let browser;
const axeResults = [];
const pageErrors = [];
const state = {};

before(async () => {
  suite = await startSuite();
  ({ srv, browser } = suite);
  const names = {};
  for (const u of ['sakerhet.norr', 'medarbetare.norr.eb', 'medarbetare.norr.bou', 'medarbetare.norr.vux',
    'chef.norr.eb', 'chef.norr.bou']) {
    const c = await apiLogin(srv, u);
    names[u] = { id: c.me.id, name: c.me.display_name };
  }
  state.users = names;
});

after(async () => {
  await suite?.close();
});

const shot = (page, name) => screenshot(page, name, 'sp-');
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

// Ticks a colleague in the ColleaguePicker whose legend is `legend`.
async function pickColleague(page, legend, name) {
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Sök kollega').fill(name.split(' ')[0]);
  await group.getByRole('checkbox', { name: new RegExp(`^${name}`) }).check();
}

describe('security plans and protected cases in the browser', () => {
  test('1. the säkerhetssamordnare creates a protected-case plan with a handling group', async () => {
    const { ctx, page } = await open(DESKTOP);
    try {
      await loginUi(page, 'sakerhet.norr');
      await page.getByRole('link', { name: 'Säkerhetsplaner' }).first().click();
      await page.getByRole('heading', { name: 'Säkerhetsplaner', level: 1 }).waitFor({ timeout: TIMEOUT });
      await page.getByRole('status').filter({ hasText: /säkerhetsplan/ }).first().waitFor({ timeout: TIMEOUT });
      await shot(page, '01-list-before');
      await axe(page, 'plans list (säkerhetssamordnare)');

      await page.getByRole('link', { name: 'Ny säkerhetsplan' }).click();
      const form = page.getByTestId('plan-form');
      await form.waitFor({ timeout: TIMEOUT });
      const unit = form.getByLabel('Enhet', { exact: true });
      const ebValue = await unit.locator('option', { hasText: 'Ekonomiskt bistånd' }).first().getAttribute('value');
      await unit.selectOption(ebValue);
      await form.getByRole('radio', { name: 'Ett ärende' }).check();
      state.title = `Skyddad handläggning EB ${Date.now() % 100000}`;
      await form.getByLabel('Rubrik').fill(state.title);
      await form.getByLabel('Typ av nummer').selectOption('personnummer');
      const idField = form.getByLabel('Nummer', { exact: true });
      assert.equal(await idField.getAttribute('type'), 'password', 'the number is typed like a password');
      assert.equal(await idField.getAttribute('autocomplete'), 'off');
      await idField.fill(PNR);
      await form.getByLabel('Bedömda hot').fill('Upprepade hot mot handläggaren efter avslag; uppgifter om att personen söker upp personal utanför arbetet.');
      await form.getByRole('radio', { name: 'Hög', exact: true }).check();
      await pickColleague(page, 'Berörda medarbetare', state.users['medarbetare.norr.eb'].name);
      await form.getByRole('checkbox', { name: 'Skyddat ärende' }).check();
      const routine = page.getByTestId('routine-fields');
      await routine.waitFor({ timeout: TIMEOUT });
      const hu = routine.getByLabel('Handläggande enhet');
      const bouValue = await hu.locator('option', { hasText: 'Barn och unga' }).first().getAttribute('value');
      await hu.selectOption(bouValue);
      await pickColleague(page, 'Handläggargrupp', state.users['medarbetare.norr.bou'].name);
      await routine.getByRole('checkbox', { name: 'Inga hembesök' }).uncheck();
      await routine.getByLabel('Övriga instruktioner').fill('Besök bokas bara via receptionen; ingen telefonkontakt från egen mobil.');
      await shot(page, '02-new-plan-form');
      await axe(page, 'new plan form (protected case)');

      await form.getByRole('button', { name: 'Skapa plan' }).click();
      await page.getByRole('heading', { name: new RegExp(`^Säkerhetsplan \\d+: ${state.title}`) }).waitFor({ timeout: TIMEOUT });
      const m = /\/sakerhetsplaner\/(\d+)$/.exec(page.url());
      assert.ok(m, `on the plan's page: ${page.url()}`);
      state.planId = Number(m[1]);
      const facts = page.getByTestId('plan-facts');
      await waitForText(facts, /En person är knuten till planen/);
      const factsText = await facts.innerText();
      assert.match(factsText, /Hög/);
      assert.ok(factsText.includes(state.users['medarbetare.norr.eb'].name), 'people involved listed');
      const routineText = await page.getByTestId('plan-routine').innerText();
      assert.match(routineText, /Barn och unga/);
      assert.ok(routineText.includes(state.users['medarbetare.norr.bou'].name), 'handling group listed');
      assert.match(routineText, /Inga hembesök\s*: Nej/);
      const html = await page.content();
      assert.ok(!html.includes(PNR) && !html.includes('197304191237'), 'the personnummer is never shown back');

      // The server never returns it either.
      const sak = await apiLogin(srv, 'sakerhet.norr');
      const r = await sak.get(`/security-plans/${state.planId}`);
      assert.equal(r.status, 200);
      assert.ok(!r.text.includes('0419-1237') && !r.text.includes('7304191237'), 'no identifier in the API response');
      assert.equal(r.json.subject_named, true);
      assert.equal(r.json.protected_case, true);
    } finally {
      await ctx.close();
    }
  });

  test('2. the säkerhetssamordnare adds a measure and logs a decision under the routine', async () => {
    assert.ok(state.planId, 'step 1 must have run');
    const { ctx, page } = await open(DESKTOP);
    try {
      await loginUi(page, 'sakerhet.norr');
      await page.goto(`${srv.url}/sakerhetsplaner/${state.planId}`);
      const measures = page.getByTestId('plan-measures');
      await measures.waitFor({ timeout: TIMEOUT });
      await measures.getByLabel('Åtgärd', { exact: true }).fill('Säkerhetsrum bokas för alla möten i ärendet');
      await measures.getByLabel('Ansvarig').selectOption({ label: state.users['chef.norr.bou'].name });
      await measures.getByRole('button', { name: 'Lägg till åtgärd' }).click();
      await waitForText(measures, /Säkerhetsrum bokas för alla möten i ärendet/);
      await waitForText(page.locator('.live-status'), /Åtgärden är tillagd/);

      const decisions = page.getByTestId('plan-decisions');
      state.decision = 'Beslut om avslag skickat utan handläggarens namn.';
      await decisions.getByLabel('Beslut', { exact: true }).fill(state.decision);
      await decisions.getByRole('button', { name: 'Logga beslut' }).click();
      const entry = decisions.getByTestId('plan-decision');
      await entry.first().waitFor({ timeout: TIMEOUT });
      const text = await entry.first().innerText();
      assert.ok(text.includes(state.decision), text);
      assert.ok(text.includes(state.users['sakerhet.norr'].name), 'who logged it');
      assert.match(text, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/, 'when');
      await waitForText(page.getByTestId('plan-log'), /Beslut/);
      await shot(page, '03-plan-detail-coordinator');
      await axe(page, 'plan detail (säkerhetssamordnare)');

      // The plan is in the list with its protected-case badge.
      await page.getByRole('link', { name: 'Alla säkerhetsplaner' }).click();
      const row = page.getByTestId('plan-row').filter({ hasText: state.title });
      await row.waitFor({ timeout: TIMEOUT });
      assert.match(await row.innerText(), /Skyddat ärende/);
      assert.match(await row.innerText(), /Hotnivå: Hög/);
      await shot(page, '04-list-after');
    } finally {
      await ctx.close();
    }
  });

  test('3. a member of the handling group finds the plan and reads the decision log (phone)', async () => {
    assert.ok(state.decision, 'step 2 must have run');
    const { ctx, page } = await open(PHONE);
    try {
      await loginUi(page, 'medarbetare.norr.bou');
      await page.goto(`${srv.url}/sakerhetsplaner`);
      const row = page.getByTestId('plan-row').filter({ hasText: state.title });
      await row.waitFor({ timeout: TIMEOUT });
      await row.getByRole('link', { name: state.title }).click();
      const decisions = page.getByTestId('plan-decisions');
      await decisions.waitFor({ timeout: TIMEOUT });
      await waitForText(decisions, new RegExp(state.decision.replace(/[.]/g, '\\.')));
      const measures = await page.getByTestId('plan-measures').innerText();
      assert.match(measures, /Säkerhetsrum bokas/);
      assert.equal(await page.getByRole('button', { name: 'Ändra planen' }).count(), 0, 'only the säkerhetssamordnare edits');
      assert.ok(!(await page.content()).includes(PNR));
      await shot(page, '05-plan-detail-handling-group-phone');
      await axe(page, 'plan detail (handling group, phone)');
    } finally {
      await ctx.close();
    }
  });

  test('4. an employee outside the plan gets "not found"', async () => {
    assert.ok(state.planId, 'step 1 must have run');
    const { ctx, page } = await open(DESKTOP);
    try {
      await loginUi(page, 'medarbetare.norr.vux');
      assert.equal(await page.getByRole('link', { name: 'Säkerhetsplaner' }).count(), 0, 'no nav item for an employee');
      await page.goto(`${srv.url}/sakerhetsplaner/${state.planId}`);
      const alert = page.getByRole('alert');
      await alert.first().waitFor({ timeout: TIMEOUT });
      assert.match(await alert.first().innerText(), /finns inte|Hittades inte/i);
      const main = await page.locator('main').innerText();
      assert.ok(!main.includes(state.title), 'not even the title');
      await page.goto(`${srv.url}/sakerhetsplaner`);
      await page.getByRole('status').filter({ hasText: /säkerhetsplan/ }).first().waitFor({ timeout: TIMEOUT });
      assert.ok(!(await page.locator('main').innerText()).includes(state.title), 'not in their list');
      await shot(page, '06-not-found');
    } finally {
      await ctx.close();
    }
  });

  test('5. the chef names the person behind two incidents and sees the history warning', async () => {
    const chef = await apiLogin(srv, 'chef.norr.eb');
    const list = await chef.get('/incidents?limit=20');
    assert.equal(list.status, 200);
    const ids = list.json.items.filter((i) => i.access.manage).map((i) => i.id).slice(0, 2);
    assert.equal(ids.length, 2, 'the chef manages two demo incidents');
    // The first through the API, the second in the browser.
    const put = await chef.put(`/incidents/${ids[0]}/subject`, { kind: 'personnummer', identifier: '730419-1237' });
    assert.equal(put.status, 204);

    const { ctx, page } = await open(DESKTOP);
    try {
      await loginUi(page, 'chef.norr.eb');
      await page.goto(`${srv.url}/handelser/${ids[1]}`);
      const section = page.getByTestId('person-section');
      await section.waitFor({ timeout: TIMEOUT });
      await waitForText(section.getByTestId('person-state'), /Ingen person är knuten/);
      const idField = section.getByLabel('Nummer', { exact: true });
      assert.equal(await idField.getAttribute('type'), 'password');
      await idField.fill('12345');
      await section.getByRole('button', { name: 'Knyt personen' }).click();
      await waitForText(section, /Ogiltigt nummer/);
      await idField.fill(PNR);
      await section.getByRole('button', { name: 'Knyt personen' }).click();
      await waitForText(section.getByTestId('person-state'), /En person är knuten/);
      const warning = section.getByTestId('person-history');
      await waitForText(warning, /Personen har 1 tidigare händelse/);
      assert.equal(await idField.inputValue(), '', 'the number is cleared after saving');
      assert.ok(!(await page.content()).includes(PNR));
      await shot(page, '07-incident-person');
      await axe(page, 'incident detail (person behind it)');

      await section.getByRole('button', { name: 'Ta bort koppling' }).click();
      await waitForText(section.getByTestId('person-state'), /Ingen person är knuten/);
    } finally {
      await ctx.close();
    }
  });

  test('6. the admin edits the risk template: a client check, then version 1 saved and kept', async () => {
    const { ctx, page } = await open(DESKTOP);
    try {
      await loginUi(page, 'admin');
      await page.goto(`${srv.url}/admin?flik=riskmall`);
      const editor = page.getByTestId('risk-template-admin');
      await editor.waitFor({ timeout: TIMEOUT });
      const forv = page.getByLabel('Förvaltning', { exact: true });
      const norra = await forv.locator('option', { hasText: 'Norra' }).first().getAttribute('value');
      await forv.selectOption(norra);
      const version = page.getByTestId('tpl-version');
      await waitForText(version, /Version 0.*Standardmall/s);
      const first = page.getByTestId('tpl-factor').first();
      const code = await first.getAttribute('data-code');
      const weight = first.getByLabel('Poäng', { exact: true });
      const before = Number(await weight.inputValue());
      await shot(page, '08-riskmall-default');
      await axe(page, 'admin risk template');

      // 0 is refused at the field, before anything is sent.
      await weight.fill('0');
      await page.getByRole('button', { name: 'Spara ny version' }).click();
      await waitForText(first, /Ett heltal från -10 till 10, inte 0/);
      await waitForText(page.locator('#tpl-summary'), /Mallen har 1 fel/);
      const weightFocused = () => weight.evaluate((el) => el === document.activeElement);
      await eventually(weightFocused);
      assert.equal(await weightFocused(), true, 'focus moves to the field');
      assert.equal(await weight.getAttribute('aria-invalid'), 'true');

      const next = before === 4 ? 5 : 4;
      await weight.fill(String(next));
      await page.getByRole('button', { name: 'Spara ny version' }).click();
      await waitForText(page.getByTestId('tpl-saved'), /Version 1 sparad/);
      await waitForText(version, /Version 1/);
      await shot(page, '09-riskmall-saved');

      await page.reload();
      await page.getByTestId('risk-template-admin').waitFor({ timeout: TIMEOUT });
      await page.getByLabel('Förvaltning', { exact: true }).selectOption(norra);
      await waitForText(page.getByTestId('tpl-version'), /Version 1/);
      const again = page.locator(`[data-testid="tpl-factor"][data-code="${code}"]`);
      assert.equal(await again.getByLabel('Poäng', { exact: true }).inputValue(), String(next));
      assert.ok(!/Standardmall/.test(await page.getByTestId('tpl-version').innerText()));
      state.template = { code, weight: next };

      const admin = await apiLogin(srv, 'admin');
      const r = await admin.get(`/risk-template?unit_id=${norra}`);
      assert.equal(r.json.version, 1);
      assert.equal(r.json.factors.find((f) => f.code === code).weight, next);
    } finally {
      await ctx.close();
    }
  });

  test('7. the säkerhetssamordnare reaches the same template from Säkerhetsplaner', async () => {
    assert.ok(state.template, 'step 6 must have run');
    const { ctx, page } = await open(DESKTOP);
    try {
      await loginUi(page, 'sakerhet.norr');
      await page.goto(`${srv.url}/sakerhetsplaner`);
      await page.getByRole('link', { name: 'Riskmall' }).click();
      await page.getByRole('heading', { name: 'Riskmall', level: 1 }).waitFor({ timeout: TIMEOUT });
      await waitForText(page.getByTestId('tpl-version'), /Version 1/);
      const f = page.locator(`[data-testid="tpl-factor"][data-code="${state.template.code}"]`);
      assert.equal(await f.getByLabel('Poäng', { exact: true }).inputValue(), String(state.template.weight));
      await shot(page, '10-riskmall-coordinator');
      await axe(page, 'risk template (säkerhetssamordnare)');
    } finally {
      await ctx.close();
    }
  });

  test('axe: no serious or critical violations on the new screens, and no page errors', () => {
    const pages = axeResults.map((r) => r.page);
    for (const p of ['plans list (säkerhetssamordnare)', 'new plan form (protected case)', 'plan detail (säkerhetssamordnare)',
      'plan detail (handling group, phone)', 'incident detail (person behind it)', 'admin risk template',
      'risk template (säkerhetssamordnare)']) {
      assert.ok(pages.includes(p), `axe ran on ${p} (ran on: ${pages.join(', ')})`);
    }
    const bad = axeResults.filter((r) => r.violations.length > 0)
      .map((r) => `${r.page}: ${r.violations.map((v) => `${v.impact} ${v.id}`).join(', ')}`);
    assert.deepEqual(bad, []);
    assert.deepEqual(pageErrors, []);
  });
});
