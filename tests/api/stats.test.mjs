// Statistics that protect small groups: who may read which tables, protected
// figures for analysts and exact ones for a chef's own units, the query
// parameters and their errors, the equivalence matrix, and a new report
// counted at once.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { assertError, assertStatus } from './lib/client.mjs';
import { Logins, report } from './lib/fixtures.mjs';

const MEASURES = ['count', 'police', 'outside', 'tied', 'notice_applies', 'notice_on_time',
  'support_applies', 'support_on_time'];
const FIGURES = ['headcount', 'per_100', 'police_rate', 'outside_share', 'tied_share',
  'notice_on_time_share', 'support_on_time_share', 'median_ack_hours', 'median_close_days'];
const EQ_COLUMNS = ['coordinator_full_time', 'routines_current', 'ack_share', 'exercises_12m',
  'secure_rooms', 'alarm_tested_1m', 'incidents_per_100', 'police_rate', 'support_on_time'];

let srv;
let L;
let analytiker; let chef; let emp; let sak; let ombud; let admin; let soderChef;
let norra; let soder; let vaster; let ebUnit;

before(async () => {
  srv = await startServer();
  L = new Logins(srv);
  analytiker = await L.as('analytiker');
  chef = await L.as('chef.norr.eb');
  emp = await L.as('medarbetare.norr.eb');
  sak = await L.as('sakerhet.norr');
  ombud = await L.as('skyddsombud.norr');
  admin = await L.as('admin');
  soderChef = await L.as('chef.soder.eb');
  const units = (await admin.get('/units')).json.items;
  norra = units.find((u) => u.kind === 'forvaltning' && u.name === 'Norra');
  soder = units.find((u) => u.kind === 'forvaltning' && u.name === 'Södra');
  vaster = units.find((u) => u.kind === 'forvaltning' && u.name === 'Västra');
  assert.ok(norra && soder && vaster, 'demo förvaltningar');
  ebUnit = emp.me.unit_id;
});
after(async () => { await srv?.close(); });

// Asserts the StatsTable shape and returns it.
function assertTable(t, rowsDim, colsDim) {
  assert.equal(t.rows_dim, rowsDim);
  assert.equal(t.cols_dim, colsDim);
  assert.equal(typeof t.exact, 'boolean');
  assert.equal(t.threshold, 5);
  assert.ok(Array.isArray(t.rows) && Array.isArray(t.cols));
  for (const r of t.rows) {
    assert.equal(typeof r.key, 'string');
    assert.equal(typeof r.label, 'string');
  }
  if (colsDim === 'none') assert.deepEqual(t.cols.map((c) => c.key), ['']);
  assert.deepEqual(Object.keys(t.measures).sort(), [...MEASURES].sort());
  for (const m of MEASURES) {
    const p = t.measures[m];
    assert.equal(p.cells.length, t.rows.length, `${m}: one line of cells per row`);
    for (const line of p.cells) assert.equal(line.length, t.cols.length, `${m}: one cell per column`);
    assert.equal(p.row_totals.length, t.rows.length);
    assert.equal(p.col_totals.length, t.cols.length);
    assert.ok(p.total === null || Number.isInteger(p.total));
  }
  assert.equal(t.row_figures.length, t.rows.length);
  for (const f of [...t.row_figures, t.total_figures]) assert.deepEqual(Object.keys(f).sort(), [...FIGURES].sort());
  return t;
}

// Every figure of a protected table: cells and margins.
function figures(p) {
  return [...p.cells.flat(), ...p.row_totals, ...p.col_totals, p.total];
}

async function table(client, query) {
  const r = await client.get(`/stats/incidents?${query}`);
  assertStatus(r, 200);
  return r.json;
}

describe('who reads statistics', () => {
  test('an analyst gets protected tables: small figures are hidden (null), none shown below the threshold', async () => {
    const t = assertTable(await table(analytiker, 'rows=enhet&cols=month'), 'enhet', 'month');
    assert.equal(t.exact, false);
    const all = figures(t.measures.count);
    assert.ok(all.some((v) => v === null), 'an enhet × month table over the demo has hidden cells');
    for (const m of MEASURES) {
      for (const v of figures(t.measures[m])) {
        assert.ok(v === null || v === 0 || v >= 5, `${m}: shown figure ${v} below the threshold`);
      }
    }
    // A rate is shown only when both its parts are.
    t.row_figures.forEach((f, i) => {
      if (t.measures.count.row_totals[i] === null) assert.equal(f.police_rate, null);
    });
  });

  test('a chef sees exact figures for the own unit, with small numbers shown', async () => {
    const t = assertTable(await table(chef, 'rows=category&cols=month'), 'category', 'month');
    assert.equal(t.exact, true);
    for (const m of MEASURES) {
      for (const v of figures(t.measures[m])) assert.ok(Number.isInteger(v), `${m}: exact figures are never hidden`);
    }
    const c = t.measures.count;
    assert.equal(c.row_totals.reduce((a, b) => a + b, 0), c.total);
    assert.equal(c.col_totals.reduce((a, b) => a + b, 0), c.total);
    // The säkerhetssamordnare's förvaltning is exact too; a skyddsombud's is protected.
    assert.equal((await table(sak, 'rows=enhet')).exact, true);
    assert.equal((await table(ombud, 'rows=enhet')).exact, false);
  });

  test('a plain employee is refused: 403 stats.forbidden', async () => {
    assertError(await emp.get('/stats/incidents?rows=category'), 403, 'stats.forbidden');
    assertError(await emp.get('/stats/equivalence'), 403, 'stats.forbidden');
  });

  test('a unit outside the caller\'s scope is refused: 403 stats.out_of_scope', async () => {
    assertError(await chef.get(`/stats/incidents?rows=category&unit_id=${soder.id}`), 403, 'stats.out_of_scope');
    assertError(await chef.get(`/stats/incidents?rows=category&unit_id=${ebUnit}&unit_id=${norra.id}`), 403,
      'stats.out_of_scope');
    assertStatus(await chef.get(`/stats/incidents?rows=category&unit_id=${ebUnit}`), 200);
  });
});

describe('query parameters', () => {
  test('bad parameters: 400 with the parameter in the reason', async () => {
    const cases = [
      ['', 'stats.rows'],
      ['rows=kommun', 'stats.rows'],
      ['rows=none', 'stats.dims'],
      ['rows=category&cols=category', 'stats.dims'],
      ['rows=category&cols=weekday', 'stats.cols'],
      ['rows=category&from=2026-13-01', 'stats.from'],
      ['rows=category&from=1.1.2026', 'stats.from'],
      ['rows=category&to=tomorrow', 'stats.to'],
      ['rows=category&from=2026-03-01&to=2026-03-01', 'stats.range'],
      ['rows=category&from=2026-03-02&to=2026-03-01', 'stats.range'],
      ['rows=category&unit_id=abc', 'stats.unit_id'],
      ['rows=category&category=hot&category=spark', 'stats.category'],
      ['rows=category&place=moon', 'stats.place'],
      ['rows=category&min_severity=5', 'stats.min_severity'],
      ['rows=category&outside=yes', 'stats.outside'],
      ['rows=category&tied=1', 'stats.tied'],
      ['rows=category&medians=ja', 'stats.medians'],
      ['rows=category&measures=count&measures=tally', 'stats.measures'],
    ];
    for (const [q, code] of cases) assertError(await analytiker.get(`/stats/incidents?${q}`), 400, code);
    // The message is localised.
    const sv = await analytiker.get('/stats/incidents?rows=kommun');
    const en = await analytiker.get('/stats/incidents?rows=kommun', { headers: { 'Accept-Language': 'en' } });
    assert.notEqual(sv.json.error.message, en.json.error.message);
  });

  test('repeatable filters: unit_id, category and place each take several values', async () => {
    const one = async (id) => (await table(analytiker, `rows=forvaltning&unit_id=${id}`)).measures.count.total;
    const n = await one(norra.id);
    const s = await one(soder.id);
    const both = await table(analytiker, `rows=forvaltning&unit_id=${norra.id}&unit_id=${soder.id}`);
    assert.equal(both.measures.count.total, n + s);
    assert.ok(both.rows.every((r) => r.key !== String(vaster.id) || both.measures.count.row_totals[both.rows.indexOf(r)] === 0));
    const row = both.rows.find((r) => r.key === String(norra.id));
    assert.equal(row.unit_id, norra.id);
    assert.equal(row.label.includes('Norra'), true);

    const hot = (await table(chef, 'rows=category&category=hot')).measures.count.total;
    const vald = (await table(chef, 'rows=category&category=vald')).measures.count.total;
    const hotVald = await table(chef, 'rows=category&category=hot&category=vald');
    assert.equal(hotVald.measures.count.total, hot + vald);
    const reception = (await table(chef, 'rows=place&place=reception')).measures.count.total;
    const phone = (await table(chef, 'rows=place&place=telefon')).measures.count.total;
    assert.equal((await table(chef, 'rows=place&place=reception&place=telefon')).measures.count.total,
      reception + phone);
  });

  test('from/to are Stockholm days (to exclusive); flags and severity filter; medians on request', async () => {
    const year = await table(chef, 'rows=quarter&from=2025-01-01&to=2026-01-01');
    assert.deepEqual(year.rows.map((r) => r.key), ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    const all = (await table(chef, 'rows=category')).measures.count.total;
    const outside = (await table(chef, 'rows=category&outside=true')).measures.count.total;
    const inside = (await table(chef, 'rows=category&outside=false')).measures.count.total;
    assert.equal(outside + inside, all);
    const serious = (await table(chef, 'rows=severity&min_severity=3'));
    for (const [i, r] of serious.rows.entries()) {
      if (Number(r.key) < 3) assert.equal(serious.measures.count.row_totals[i], 0);
    }
    const withMedians = await table(chef, 'rows=category&medians=true');
    assert.ok(withMedians.total_figures.median_ack_hours === null || typeof withMedians.total_figures.median_ack_hours === 'number');
    assert.ok(typeof withMedians.total_figures.median_ack_hours === 'number', 'the demo has acknowledged incidents');
    const without = await table(chef, 'rows=category');
    assert.equal(without.total_figures.median_ack_hours, null);
  });

  test('measures: only those asked for (with the count and their parents) are counted and returned', async () => {
    const all = await table(analytiker, 'rows=forvaltning&cols=year');
    assert.deepEqual(Object.keys(all.measures).sort(), ['count', 'notice_applies', 'notice_on_time', 'outside',
      'police', 'support_applies', 'support_on_time', 'tied']);
    const some = await table(analytiker, 'rows=forvaltning&cols=year&measures=police&measures=support_on_time');
    assert.deepEqual(Object.keys(some.measures).sort(), ['count', 'police', 'support_applies', 'support_on_time']);
    // The same figures, protected alike, as when every measure is counted.
    for (const m of Object.keys(some.measures)) assert.deepEqual(some.measures[m], all.measures[m], m);
    const countOnly = await table(analytiker, 'rows=forvaltning&measures=count');
    assert.deepEqual(Object.keys(countOnly.measures), ['count']);
    assert.equal(countOnly.total_figures.police_rate, null);  // not counted: no rate
  });
});

test('a new report is counted at once (the chef\'s exact table)', async () => {
  const before = await table(chef, 'rows=category&cols=outside');
  const hotRow = before.rows.findIndex((r) => r.key === 'hot');
  await report(emp, { category: 'hot', place_type: 'reception' });
  const after = await table(chef, 'rows=category&cols=outside');
  assert.equal(after.measures.count.total, before.measures.count.total + 1);
  assert.equal(after.measures.count.row_totals[hotRow], before.measures.count.row_totals[hotRow] + 1);
  // A second report from another unit does not change the chef's table.
  await report(await L.as('medarbetare.soder.eb'), { category: 'hot' });
  assert.equal((await table(chef, 'rows=category')).measures.count.total, after.measures.count.total);
  // The analyst's protected Norra total moves too (large enough to be shown).
  const norraTotal = async () => (await table(analytiker, `rows=forvaltning&unit_id=${norra.id}`)).measures.count.total;
  const n0 = await norraTotal();
  await report(emp, { category: 'vald' });
  assert.equal(await norraTotal(), n0 + 1);
});

test('the equivalence matrix: one row per förvaltning in scope, cells in column order, the standard', async () => {
  const r = await analytiker.get('/stats/equivalence');
  assertStatus(r, 200);
  const m = r.json;
  assert.match(m.as_of, /^\d{4}-\d{2}-\d{2}T/);
  assert.equal(typeof m.exact, 'boolean');
  assert.deepEqual(m.columns, EQ_COLUMNS);
  assert.deepEqual(Object.keys(m.standard).sort(), ['ack_share', 'alarm_tested_1m', 'coordinator_full_time',
    'exercises_12m', 'police_rate', 'routines_current', 'secure_rooms', 'support_on_time']);
  assert.deepEqual(m.rows.map((x) => x.name).sort(), ['Norra', 'Södra', 'Västra']);
  for (const row of m.rows) {
    assert.ok(Number.isInteger(row.forvaltning_id));
    assert.deepEqual(row.cells.map((c) => c.column), EQ_COLUMNS);
    for (const c of row.cells) {
      assert.ok(c.value === null || typeof c.value === 'number');
      assert.equal(typeof c.short, 'boolean');
      if (c.value === null) assert.equal(c.short, false);
    }
  }
  // A förvaltning's säkerhetssamordnare sees that förvaltning only; a chef of
  // one enhet never sees another förvaltning.
  const own = await (await L.as('sakerhet.soder')).get('/stats/equivalence');
  assertStatus(own, 200);
  assert.deepEqual(own.json.rows.map((x) => x.name), ['Södra']);
  const enhet = await soderChef.get('/stats/equivalence');
  assertStatus(enhet, 200);
  assert.ok(enhet.json.rows.every((x) => x.name === 'Södra'));
});

test('the audit log records stats.table with dims and exact only', async () => {
  await table(analytiker, 'rows=category&cols=year');
  // The record is written moments after the answer (off the query's path).
  let rec;
  for (let attempt = 0; attempt < 50 && !rec; ++attempt) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    const r = await admin.get('/audit?limit=1000');
    assertStatus(r, 200);
    let items = r.json.items;
    for (let after = items.at(-1)?.seq; r.json.items.length === 1000;) {
      const next = await admin.get(`/audit?after=${after}&limit=1000`);
      items = items.concat(next.json.items);
      if (next.json.items.length < 1000) break;
      after = next.json.items.at(-1).seq;
    }
    rec = items.filter((a) => a.action === 'stats.table' && /rows=category;cols=year/.test(JSON.stringify(a.detail))).at(-1);
  }
  assert.ok(rec, 'a stats.table record');
  assert.match(JSON.stringify(rec.detail), /category/);
});
