// After an incident (issue 4), the whole life of a real incident in the browser
// (Debian's Chromium through playwright-core): a client threatens a
// socialsekreterare in the ekonomiskt bistånd reception after a negative
// decision; a colleague reports it from a phone; the chef acknowledges it,
// notifies Arbetsmiljöverket the same day, supports the employee's police
// report (print view with the förvaltning's details, never a home address),
// books a debriefing, decides two measures, follows up and closes. Then a
// second incident where the chef skips Arbetsmiljöverket: backdated in the
// database, the breach shows in the incident, the chef's inbox and
// notifications, and escalates to the säkerhetssamordnare. Last, the admin's
// Regler and Kontaktuppgifter tabs.
// Every new screen is checked with axe (WCAG 2.1 A/AA): no violations at all.
// Screenshots go to tests/browser/screenshots/ (gitignored), prefixed "ai-".
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { sqlOnDb } from '../api/lib/server.mjs';
import { login as apiLogin } from '../api/lib/client.mjs';
import {
  SHOTS, TIMEOUT, loginUi as loginAs, scanAxe, screenshot, startSuite, waitForText,
} from './lib/browser.mjs';

const DAY_MS = 86_400_000;
const PHONE = {
  viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
  locale: 'sv-SE', timezoneId: 'Europe/Stockholm',
};
const DESKTOP = { viewport: { width: 1440, height: 900 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' };

let suite;
let srv;
let browser;
const axeResults = []; // {page, violations}
const state = {};      // shared between the steps
const pageErrors = [];

before(async () => {
  // Reminders (rule breaches, escalations) run every second instead of every minute.
  suite = await startSuite({ args: ['--reminder-interval', '1'] });
  ({ srv, browser } = suite);
  const names = {};
  for (const u of ['medarbetare.norr.eb', 'medarbetare.norr.eb2', 'chef.norr.eb', 'sakerhet.norr']) {
    const c = await apiLogin(srv, u);
    names[u] = { id: c.me.id, name: c.me.display_name };
  }
  state.users = names;
  state.exposed = names['medarbetare.norr.eb'];
  state.chef = names['chef.norr.eb'];
});

after(async () => {
  await suite?.close();
});

const shot = (page, name) => screenshot(page, name, 'ai-');

async function axe(page, name) {
  axeResults.push(await scanAxe(page, name));
}

async function open(options) {
  const ctx = await browser.newContext(options);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { ctx, page };
}

const loginUi = (page, username) => loginAs(page, srv, username);

// Waits until `fn` returns a truthy value (polling).
async function until(fn, what, timeout = TIMEOUT) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}

async function openIncident(page, id) {
  await page.goto(`${srv.url}/handelser/${id}`);
  await page.getByRole('heading', { name: new RegExp(`^Händelse ${id}\\b`) }).waitFor({ timeout: TIMEOUT });
  await page.getByTestId('rules-section').waitFor({ timeout: TIMEOUT });
}

const rule = (page, kind) => page.locator(`[data-testid="rule"][data-kind="${kind}"]`);

async function bellName(page) {
  return page.getByTestId('notifications-link').getAttribute('aria-label');
}

describe('after an incident: the life of a serious threat in the browser', () => {
  test('1. a colleague reports the threat against a socialsekreterare from a phone (360 px)', async () => {
    const { ctx, page } = await open(PHONE);
    try {
      await loginUi(page, 'medarbetare.norr.eb2');
      await page.getByRole('link', { name: 'Rapportera händelse' }).first().click();
      await page.getByRole('button', { name: 'Skicka rapport' }).waitFor({ timeout: TIMEOUT });
      await page.getByRole('radio', { name: 'Hot', exact: true }).check();
      await page.getByRole('radio', { name: 'Reception', exact: true }).check();
      // The reporter saw it; the colleague at the desk was threatened.
      await page.getByRole('checkbox', { name: 'Jag blev utsatt' }).uncheck();
      await page.getByLabel('Sök kollega').fill(state.exposed.name.split(' ')[0]);
      await page.getByRole('checkbox', { name: new RegExp(`^${state.exposed.name}`) }).check();
      await page.getByRole('checkbox', { name: 'Allvarligt dödshot' }).check();
      state.description = `Besökaren fick avslag på ekonomiskt bistånd och hotade att döda handläggaren vid disken (${Date.now()}).`;
      await page.getByLabel('Beskriv vad som hände').fill(state.description);
      await page.getByRole('button', { name: 'Skicka rapport' }).tap();
      const confirmation = page.getByTestId('report-confirmation');
      await confirmation.waitFor({ timeout: TIMEOUT });
      const href = await confirmation.getByRole('link').first().getAttribute('href');
      const m = /\/handelser\/(\d+)/.exec(href ?? '');
      assert.ok(m, `confirmation links to the report: ${href}`);
      state.id = Number(m[1]);
      await shot(page, '01-reported-phone');

      const chef = await apiLogin(srv, 'chef.norr.eb');
      const g = await chef.get(`/incidents/${state.id}`);
      assert.equal(g.status, 200);
      assert.ok(g.json.severity >= 3, `a death threat makes it serious: severity ${g.json.severity}`);
      assert.deepEqual(g.json.exposed.map((p) => p.id), [state.exposed.id]);
      assert.equal(g.json.authorities.arbetsmiljoverket.required, true, 'Arbetsmiljöverket is required');
    } finally {
      await ctx.close();
    }
  });

  test('2. the chef is notified (bell, Aviseringar) and opens the incident from the notification', async () => {
    assert.ok(state.id, 'step 1 must have run');
    const { ctx, page } = await open(DESKTOP);
    try {
      await loginUi(page, 'chef.norr.eb');
      const name = await until(async () => {
        const n = await bellName(page);
        return /^Aviseringar, \d+ olästa?$/.test(n ?? '') ? n : null;
      }, 'an unread count on the bell');
      console.log(`bell: ${name}`);
      await page.getByTestId('notifications-link').click();
      await page.getByRole('heading', { name: 'Aviseringar', level: 1 }).waitFor({ timeout: TIMEOUT });
      const item = page.getByTestId('notification').filter({ has: page.locator(`a[href="/handelser/${state.id}"]`) });
      await item.first().waitFor({ timeout: TIMEOUT });
      const text = await item.first().innerText();
      assert.match(text, /(Ny|Allvarlig) händelse i Ekonomiskt bistånd/);
      assert.ok(!text.includes('döda'), 'a notification never carries the description');
      await shot(page, '02-notifications-desktop');
      await axe(page, 'notifications (chef, desktop)');
      const before = await bellName(page);
      await item.first().getByRole('link').click();
      await page.getByTestId('rules-section').waitFor({ timeout: TIMEOUT });
      assert.match(page.url(), new RegExp(`/handelser/${state.id}$`));
      await until(async () => (await bellName(page)) !== before, 'the bell count to drop after opening');
    } finally {
      await ctx.close();
    }
  });

  test('3. the chef acknowledges it, sees the Arbetsmiljöverket clock and consults the säkerhetssamordnare', async () => {
    const { ctx, page } = await open(DESKTOP);
    try {
      await loginUi(page, 'chef.norr.eb');
      await openIncident(page, state.id);
      assert.ok((await page.locator('main').innerText()).includes(state.description));
      // Arbetsmiljöverket: required the same day, with a clock (text, not colour alone).
      const clock = page.getByTestId('av-clock');
      await clock.waitFor({ timeout: TIMEOUT });
      assert.match(await clock.innerText(), /Senast \d+ \S+ kl\. 24:00/);
      // "samma dag" needs the förvaltning's rule configuration, which loads after the incident.
      await waitForText(rule(page, 'authority_notified'), /Arbetsmiljöverket ska underrättas samma dag/);
      await shot(page, '03-detail-new-desktop');
      await axe(page, 'incident detail (new, chef)');

      const workflow = page.getByRole('region', { name: 'Hantering' });
      await page.getByRole('button', { name: 'Markera som mottagen' }).click();
      await waitForText(workflow, /Mottagen/);
      await waitForText(rule(page, 'acknowledged'), /Uppfyllt i tid/);

      await page.getByRole('button', { name: 'Säkerhetssamordnaren har rådfrågats' }).click();
      await waitForText(page.getByTestId('coordinator-section'), /Säkerhetssamordnaren rådfrågades/);
      if (await rule(page, 'coordinator_consulted').count()) {
        await waitForText(rule(page, 'coordinator_consulted'), /Uppfyllt i tid/);
      }
    } finally {
      await ctx.close();
    }
  });

  test('4. the chef records that Arbetsmiljöverket was notified the same day', async () => {
    const { ctx, page } = await open(DESKTOP);
    try {
      await loginUi(page, 'chef.norr.eb');
      await openIncident(page, state.id);
      const av = page.getByTestId('authority-arbetsmiljoverket');
      await av.getByLabel('Myndighetens referens eller ärendenummer').fill('AV 2026/041122');
      await av.getByRole('radio', { name: 'E-tjänst' }).check();
      await av.getByRole('button', { name: 'Registrera underrättelse till Arbetsmiljöverket' }).click();
      const notice = page.getByTestId('notice-arbetsmiljoverket');
      await notice.waitFor({ timeout: TIMEOUT });
      const text = await notice.innerText();
      assert.match(text, /I tid/);
      assert.match(text, /via e-tjänst/);
      assert.match(text, /AV 2026\/041122/);
      await waitForText(rule(page, 'authority_notified'), /Uppfyllt i tid/);
      assert.equal(await page.getByTestId('av-clock').count(), 0, 'the clock stops once notified');
      await shot(page, '04-av-notified-desktop');
      await axe(page, 'incident detail (Arbetsmiljöverket notified)');
    } finally {
      await ctx.close();
    }
  });

  test('5. the print view for the police report shows the förvaltning, never a home address', async () => {
    const { ctx, page } = await open(DESKTOP);
    try {
      await loginUi(page, 'chef.norr.eb');
      await openIncident(page, state.id);
      const police = page.getByTestId('police-section');
      assert.match(await police.innerText(), /aldrig med en hemadress/);
      await police.getByRole('link', { name: 'Skriv ut underlag för polisanmälan' }).click();
      const printView = page.getByTestId('police-print');
      await page.getByTestId('print-organisation').waitFor({ timeout: TIMEOUT });
      assert.match(page.url(), new RegExp(`/handelser/${state.id}/polisanmalan$`));
      const org = await page.getByTestId('print-organisation').innerText();
      assert.match(org, /Norra stadsdelsförvaltning/);
      assert.match(org, /Organisationsnummer\s+\d{6}-\d{4}/);
      assert.match(org, /Storgatan 1, 123 45 Storåsa/);
      const text = await printView.innerText();
      assert.match(text, /åtkomstskydd/);
      assert.match(text, /aldrig din hemadress/);
      assert.match(await page.getByTestId('print-injured').innerText(), new RegExp(state.exposed.name));
      assert.ok(text.includes(state.description), 'the incident facts are prefilled');
      // The only address on the page is the förvaltning's.
      assert.equal((text.match(/Adress\b/g) ?? []).length, 1);
      await shot(page, '05-print-view-desktop');
      await axe(page, 'police report print view');

      // "Skriv ut" calls window.print(); print CSS hides the site frame.
      await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
      await page.getByRole('button', { name: 'Skriv ut' }).click();
      assert.equal(await page.evaluate(() => window.__printed), 1);
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('header.site-header').isVisible(), false, 'no navigation in print');
      assert.equal(await page.getByRole('button', { name: 'Skriv ut' }).isVisible(), false);
      assert.ok(await page.getByTestId('print-organisation').isVisible());
      await page.pdf({ path: path.join(SHOTS, 'ai-05-print-view.pdf'), format: 'A4' }).catch(() => {});
      await shot(page, '05-print-view-print-media');
    } finally {
      await ctx.close();
    }
  });

  test('6. the exposed employee records her own police report as målsägande, on her phone', async () => {
    const { ctx, page } = await open(PHONE);
    try {
      await loginUi(page, 'medarbetare.norr.eb');
      await openIncident(page, state.id);
      const police = page.getByTestId('police-section');
      // Her own report as målsägande: no "not reported" choice for her.
      assert.match(await police.innerText(), /Du registrerar din egen anmälan som målsägande/);
      assert.equal(await police.getByRole('radio', { name: 'Nej, den anmäls inte' }).count(), 0);
      await police.getByLabel('Diarienummer').fill('5000-K123456-26');
      await police.getByRole('button', { name: 'Spara polisanmälan' }).click();
      const current = page.getByTestId('police-state');
      await waitForText(current, /5000-K123456-26/);
      const text = await current.innerText();
      assert.match(text, /Anmäld/);
      assert.match(text, new RegExp(`Medarbetaren \\(målsägande\\): ${state.exposed.name}`));
      await waitForText(rule(page, 'police_report'), /Uppfyllt i tid/).catch(() => {});
      await shot(page, '06-police-report-employee-phone');
      await axe(page, 'incident detail (employee, phone)');

      // Her print view fits a phone too.
      await page.getByRole('link', { name: 'Skriv ut underlag för polisanmälan' }).click();
      await page.getByTestId('print-organisation').waitFor({ timeout: TIMEOUT });
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, 'no sideways scrolling');
      await shot(page, '06-print-view-phone');
      await axe(page, 'police report print view (phone)');
    } finally {
      await ctx.close();
    }
  });

  test('7. the chef supports the report: the police open a preliminary investigation', async () => {
    const { ctx, page } = await open(DESKTOP);
    try {
      await loginUi(page, 'chef.norr.eb');
      await openIncident(page, state.id);
      const police = page.getByTestId('police-section');
      await waitForText(page.getByTestId('police-state'), /5000-K123456-26/);
      await police.locator('summary', { hasText: 'Uppdatera polisanmälan' }).click();
      await police.getByLabel('Ärendets status').selectOption({ label: 'Förundersökning inledd' });
      await police.getByRole('button', { name: 'Spara polisanmälan' }).click();
      await waitForText(page.getByTestId('police-state'), /Förundersökning inledd/);
      // Still the employee's report.
      assert.match(await page.getByTestId('police-state').innerText(), /Medarbetaren \(målsägande\)/);
    } finally {
      await ctx.close();
    }
  });

  test('8. the chef books an avlastningssamtal for her and decides two measures', async () => {
    const { ctx, page } = await open(DESKTOP);
    try {
      await loginUi(page, 'chef.norr.eb');
      await openIncident(page, state.id);
      const support = page.getByTestId('support-section');
      await support.getByRole('radio', { name: 'Avlastningssamtal' }).check();
      await support.getByRole('radio', { name: state.exposed.name }).check();
      await support.getByLabel('Ansvarig').selectOption({ label: state.chef.name });
      await support.getByRole('button', { name: 'Lägg till stöd' }).click();
      const item = support.getByTestId('support-item');
      await item.first().waitFor({ timeout: TIMEOUT });
      const text = await item.first().innerText();
      assert.match(text, /Avlastningssamtal/);
      assert.match(text, new RegExp(`För: ${state.exposed.name}`));
      assert.match(text, /Följs upp: \d{4}-\d{2}-\d{2}/);
      await waitForText(rule(page, 'support_offered'), /Uppfyllt i tid/).catch(() => {});

      const measures = page.getByRole('region', { name: 'Åtgärder' });
      const due = new Date(Date.now() + 14 * DAY_MS).toISOString().slice(0, 10);
      for (const title of ['Larmknapp och fri väg ut i receptionen', 'Besök från den sökande endast med två handläggare']) {
        await measures.getByLabel('Åtgärd', { exact: true }).fill(title);
        await measures.getByLabel('Ansvarig', { exact: true }).selectOption({ label: state.chef.name });
        await measures.getByLabel('Klar senast').fill(due);
        await measures.getByRole('button', { name: 'Lägg till åtgärd' }).click();
        await waitForText(measures, new RegExp(title));
      }
      // Support stays in Stöd; the measures list has the two åtgärder only.
      assert.equal(await measures.getByRole('button', { name: /Markera som klar/ }).count(), 2);
      assert.ok(!(await measures.innerText()).includes('Avlastningssamtal'));
      await shot(page, '08-support-and-measures-desktop');
      await axe(page, 'incident detail (support and measures)');
    } finally {
      await ctx.close();
    }
  });

  test('9. the employee is told the police case changed, and opens it from the bell', async () => {
    const { ctx, page } = await open(PHONE);
    try {
      await loginUi(page, 'medarbetare.norr.eb');
      await until(async () => /^Aviseringar, \d+ olästa?$/.test((await bellName(page)) ?? ''),
        'an unread notification for the employee');
      await page.getByTestId('notifications-link').click();
      const item = page.getByTestId('notification').filter({ hasText: 'Polisärendet har ändrat status: förundersökning inledd' });
      await item.first().waitFor({ timeout: TIMEOUT });
      await shot(page, '09-notifications-employee-phone');
      await axe(page, 'notifications (employee, phone)');
      await item.first().getByRole('link').click();
      await page.getByTestId('police-section').waitFor({ timeout: TIMEOUT });
      assert.match(page.url(), new RegExp(`/handelser/${state.id}$`));
      // The support for her is visible to her, with her name.
      assert.match(await page.getByTestId('support-section').innerText(), /Avlastningssamtal/);
    } finally {
      await ctx.close();
    }
  });

  test('10. the chef follows up: support and measures done, the incident closed, no rule broken', async () => {
    const { ctx, page } = await open(DESKTOP);
    try {
      await loginUi(page, 'chef.norr.eb');
      await openIncident(page, state.id);
      const support = page.getByTestId('support-section');
      await support.getByRole('button', { name: /Markera som genomfört/ }).click();
      await support.getByRole('button', { name: /Markera som genomfört/ }).waitFor({ state: 'detached', timeout: TIMEOUT });
      const measures = page.getByRole('region', { name: 'Åtgärder' });
      for (let n = 2; n > 0; n -= 1) {
        await measures.getByRole('button', { name: /Markera som klar/ }).first().click();
        await until(async () => (await measures.getByRole('button', { name: /Markera som klar/ }).count()) === n - 1,
          `${n - 1} open measures`);
      }
      const workflow = page.getByRole('region', { name: 'Hantering' });
      await page.getByRole('button', { name: 'Avsluta händelsen' }).click();
      await waitForText(workflow, /Avslutad/);
      const states = await page.getByTestId('rule').evaluateAll((els) => els.map((e) => `${e.dataset.kind}:${e.dataset.state}`));
      console.log(`rules at close: ${states.join(', ')}`);
      assert.ok(states.length > 0);
      assert.ok(states.every((s) => !s.endsWith(':breached')), `no breach: ${states}`);
      await shot(page, '10-closed-desktop');
      await axe(page, 'incident detail (closed)');

      const chef = await apiLogin(srv, 'chef.norr.eb');
      const g = await chef.get(`/incidents/${state.id}`);
      assert.equal(g.json.status, 'avslutad');
      assert.ok(g.json.measures.every((m) => m.status === 'klar'));
      assert.equal(g.json.police_report.case_status, 'forundersokning');
      assert.equal(g.json.authorities.arbetsmiljoverket.notice.reference, 'AV 2026/041122');
    } finally {
      await ctx.close();
    }
  });

  test('11. a second serious threat where the chef skips Arbetsmiljöverket: the breach shows', async () => {
    const emp = await apiLogin(srv, 'medarbetare.norr.eb');
    const created = await emp.post('/incidents', {
      category: 'hot', occurred_at: new Date(Date.now() - 60_000).toISOString(), place_type: 'reception',
      death_threat: true, description: 'Samma sökande ringde och upprepade hotet.',
    });
    assert.equal(created.status, 201, created.text);
    state.id2 = created.json.incident.id;
    const chef = await apiLogin(srv, 'chef.norr.eb');
    const ack = await chef.post(`/incidents/${state.id2}/transitions`, { action: 'acknowledge' });
    assert.equal(ack.status, 200, ack.text);
    // Two days back: the same-day deadline for Arbetsmiljöverket has passed.
    const back = 2 * DAY_MS;
    const r = sqlOnDb(srv, `UPDATE incidents SET created_at = created_at - ${back}, occurred_at = occurred_at - ${back},
      serious_since = serious_since - ${back} WHERE id = ${state.id2};`);
    assert.equal(r.status, 0, r.out);
    const g = await chef.get(`/incidents/${state.id2}`);
    const av = g.json.rules.find((x) => x.kind === 'authority_notified');
    assert.equal(av?.state, 'breached', JSON.stringify(g.json.rules));

    const { ctx, page } = await open(DESKTOP);
    try {
      await loginUi(page, 'chef.norr.eb');
      await openIncident(page, state.id2);
      // A breach puts the rules first, marked with text and an icon.
      const rules = page.getByTestId('rules-section');
      assert.match(await rules.innerText(), /\d+ regelbrott/);
      // Once the förvaltning's rules are read, the line names "samma dag".
      const line = await waitForText(rule(page, 'authority_notified'),
        /Arbetsmiljöverket ska underrättas samma dag — försenad sedan \d+ \S+/);
      assert.match(line, /Regelbrott/);
      assert.match(line, /⚠/);
      assert.equal(await rule(page, 'authority_notified').getAttribute('data-state'), 'breached');
      const first = await page.locator('.detail-main > section').first().getAttribute('data-testid');
      assert.equal(first, 'rules-section', 'rules come first when one is broken');
      assert.match(await page.getByTestId('av-clock').innerText(), /Försenad/);
      await shot(page, '11-breach-detail-desktop');
      await axe(page, 'incident detail (rule breach)');

      // Att hantera: Regelbrott, with what is missing.
      await page.getByRole('link', { name: 'Att hantera' }).first().click();
      const group = page.getByRole('region', { name: /^Regelbrott/ });
      const row = group.getByTestId('incident-row')
        .filter({ has: page.getByRole('link', { name: new RegExp(`Händelse ${state.id2}\\b`) }) })
        .filter({ hasText: 'Arbetsmiljöverket har inte underrättats' });
      await row.first().waitFor({ timeout: TIMEOUT });
      assert.match(await row.first().innerText(), /Regelbrott: Arbetsmiljöverket har inte underrättats/);
      assert.equal(await page.getByRole('region', { name: /^Regelbrott/ }).getByRole('link', { name: new RegExp(`Händelse ${state.id}\\b`) }).count(), 0,
        'the first incident, handled in time, has no breach');
      await shot(page, '11-breach-inbox-desktop');
      await axe(page, 'inbox (rule breach)');

      // The reminder pass tells the chef too.
      await page.getByTestId('notifications-link').click();
      const note = page.getByTestId('notification').filter({ hasText: 'Regelbrott: Arbetsmiljöverket har inte underrättats' })
        .filter({ has: page.locator(`a[href="/handelser/${state.id2}"]`) });
      await until(async () => {
        if (await note.count()) return true;
        await page.reload();
        await page.getByRole('heading', { name: 'Aviseringar', level: 1 }).waitFor({ timeout: TIMEOUT });
        return false;
      }, 'a rule_breached notification', 75_000);
      await shot(page, '11-breach-notifications-desktop');
    } finally {
      await ctx.close();
    }
  });

  test('12. the breach escalates to the säkerhetssamordnare (phone)', async () => {
    const { ctx, page } = await open(PHONE);
    try {
      await loginUi(page, 'sakerhet.norr');
      await page.getByRole('link', { name: 'Att hantera' }).first().click();
      const group = page.getByRole('region', { name: /^Eskaleringar/ });
      const row = group.getByTestId('incident-row')
        .filter({ has: page.getByRole('link', { name: new RegExp(`Händelse ${state.id2}\\b`) }) });
      await row.first().waitFor({ timeout: TIMEOUT });
      assert.match(await row.first().innerText(), /Eskalering: Arbetsmiljöverket har inte underrättats/);
      await shot(page, '12-escalation-inbox-phone');
      await axe(page, 'inbox (escalation, phone)');

      await page.getByTestId('notifications-link').click();
      const note = page.getByTestId('notification').filter({ hasText: 'Eskalering: Arbetsmiljöverket har inte underrättats' });
      await until(async () => {
        if (await note.count()) return true;
        await page.reload();
        await page.getByRole('heading', { name: 'Aviseringar', level: 1 }).waitFor({ timeout: TIMEOUT });
        return false;
      }, 'an escalation notification', 75_000);
      await page.getByRole('button', { name: 'Markera alla som lästa' }).click();
      await waitForText(page.locator('main'), /markerade? som lästa?/);
      await until(async () => (await bellName(page)) === 'Aviseringar, inga olästa', 'no unread left');
      await shot(page, '12-escalation-notifications-phone');
    } finally {
      await ctx.close();
    }
  });

  test('13. the admin: Kontaktuppgifter with a field error from the server, and Regler', async () => {
    const { ctx, page } = await open(DESKTOP);
    try {
      await loginUi(page, 'admin');
      await page.goto(`${srv.url}/admin?flik=kontakt`);
      const form = page.getByTestId('contact-form');
      await form.waitFor({ timeout: TIMEOUT });
      await page.getByLabel('Förvaltning').selectOption({ label: 'Norra' });
      await until(async () => (await form.getByLabel('Organisationsnummer').inputValue()) !== '', 'the stored contact');
      const orgNumber = await form.getByLabel('Organisationsnummer').inputValue();
      await form.getByLabel('Organisationsnummer').fill('212000-0000');
      await form.getByRole('button', { name: 'Spara kontaktuppgifter' }).click();
      const field = form.getByLabel('Organisationsnummer');
      await until(async () => (await field.getAttribute('aria-invalid')) === 'true', 'the org number marked invalid');
      const described = await field.getAttribute('aria-describedby');
      const errorId = described.split(' ').find((x) => x.endsWith('-error'));
      assert.ok(errorId, `the error is tied to the field: ${described}`);
      console.log(`org number error: ${await page.locator(`#${errorId}`).innerText()}`);
      await shot(page, '13-admin-contact-error-desktop');
      await axe(page, 'admin contact (field error)');
      await field.fill(orgNumber);
      await form.getByRole('button', { name: 'Spara kontaktuppgifter' }).click();
      await waitForText(page.locator('.live-status'), /Kontaktuppgifterna är sparade/);

      await page.getByRole('tab', { name: 'Regler' }).click();
      const police = page.locator('[data-testid="rule-config"][data-kind="police_report"]');
      await police.waitFor({ timeout: TIMEOUT });
      assert.match(await police.innerText(), /Standard/);
      await police.getByLabel('Antal arbetsdagar').fill('3');
      await police.getByRole('button', { name: 'Spara: Polisanmälan' }).click();
      await waitForText(page.locator('.live-status'), /Polisanmälan.*sparad/);
      await until(async () => !/Standard/.test(await police.innerText()), 'the default badge to go');
      await shot(page, '13-admin-rules-desktop');
      await axe(page, 'admin rules');
    } finally {
      await ctx.close();
    }
  });

  test('axe: no WCAG 2.1 A/AA violations on any new screen, and no page errors', () => {
    const pages = axeResults.map((r) => r.page);
    for (const p of ['notifications (chef, desktop)', 'incident detail (new, chef)', 'police report print view',
      'incident detail (employee, phone)', 'inbox (rule breach)', 'inbox (escalation, phone)', 'admin rules']) {
      assert.ok(pages.includes(p), `axe ran on ${p} (ran on: ${pages.join(', ')})`);
    }
    const bad = axeResults.filter((r) => r.violations.length > 0)
      .map((r) => `${r.page}: ${r.violations.map((v) => `${v.impact} ${v.id}`).join(', ')}`);
    assert.deepEqual(bad, []);
    assert.deepEqual(pageErrors, []);
  });
});
