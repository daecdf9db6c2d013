// Follow-up KPIs and unit profiles: CSV import (all or nothing, a clear
// localised error for every bad line), JSON writes, who may read and write,
// the import's own body limit and media type.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { assertError, assertStatus } from './lib/client.mjs';
import { Logins } from './lib/fixtures.mjs';

let srv;
let L;
let analytiker; let admin; let chef; let emp; let sak; let sakSoder;
let norra; let soder; let ebUnit;

const CSV = { contentType: 'text/csv; charset=utf-8' };
const importCsv = (client, text, opts = {}) => client.post('/kpis/import', text, { ...CSV, ...opts });

before(async () => {
  srv = await startServer();
  L = new Logins(srv);
  analytiker = await L.as('analytiker');
  admin = await L.as('admin');
  chef = await L.as('chef.norr.eb');
  emp = await L.as('medarbetare.norr.eb');
  sak = await L.as('sakerhet.norr');
  sakSoder = await L.as('sakerhet.soder');
  const units = (await admin.get('/units')).json.items;
  norra = units.find((u) => u.kind === 'forvaltning' && u.name === 'Norra');
  soder = units.find((u) => u.kind === 'forvaltning' && u.name === 'Södra');
  ebUnit = emp.me.unit_id;
});
after(async () => { await srv?.close(); });

async function kpis(client = analytiker, query = '') {
  const r = await client.get(`/kpis${query}`);
  assertStatus(r, 200);
  return r.json.items;
}

const keyOf = (k) => `${k.forvaltning_id}/${k.kind}/${k.group}/${k.year}/${k.period}`;

describe('CSV import', () => {
  test('a good file is imported: every value, decimal comma, names or ids, BOM and either separator', async () => {
    const text = '\ufeffforvaltning;kpi;yrkesgrupp;ar;period;varde\n'
      + 'Norra;personalrorlighet;socialsekreterare;2024;ar;18,5\n'
      + `${soder.id};personalrorlighet;;2024;;12.25\n`
      + 'Norra;konsulter;socialsekreterare;2024;april;4\n'
      + 'Norra;konsulter;socialsekreterare;2024;november;6\n'
      + 'Södra;vfu;alla;2024;ar;9\n';
    const r = await importCsv(analytiker, text);
    assertStatus(r, 200);
    assert.deepEqual(r.json, { imported: 5 });
    const items = await kpis();
    const byKey = new Map(items.map((k) => [keyOf(k), k]));
    const turnover = byKey.get(`${norra.id}/personalrorlighet/socialsekreterare/2024/ar`);
    assert.ok(turnover, `imported values listed: ${JSON.stringify(items.slice(0, 3))}`);
    assert.equal(turnover.value, 18.5);
    assert.equal(turnover.forvaltning_name, 'Norra');
    assert.equal(byKey.get(`${soder.id}/personalrorlighet/alla/2024/ar`).value, 12.25);
    assert.equal(byKey.get(`${norra.id}/konsulter/socialsekreterare/2024/november`).value, 6);
    assert.equal(byKey.get(`${soder.id}/vfu/alla/2024/ar`).forvaltning_name, 'Södra');
    // Comma-separated with columns in another order; replaces the same key.
    const again = await importCsv(analytiker, 'ar,varde,kpi,forvaltning,period,yrkesgrupp\n2024,20,personalrorlighet,Norra,ar,socialsekreterare\n');
    assertStatus(again, 200);
    assert.equal(again.json.imported, 1);
    const replaced = (await kpis()).filter((k) => keyOf(k) === `${norra.id}/personalrorlighet/socialsekreterare/2024/ar`);
    assert.equal(replaced.length, 1);
    assert.equal(replaced[0].value, 20);
    // forvaltning_id filters.
    const onlySoder = await kpis(analytiker, `?forvaltning_id=${soder.id}`);
    assert.ok(onlySoder.length >= 2 && onlySoder.every((k) => k.forvaltning_id === soder.id));
  });

  test('broken files: 400 kpi.invalid_csv listing every bad line with a localised message; nothing imported', async () => {
    const before = JSON.stringify(await kpis());
    const header = 'forvaltning;kpi;yrkesgrupp;ar;period;varde\n';
    const cases = [
      // Bad encoding: Latin-1 "Södra" (0xF6).
      ['non-UTF-8 bytes', Buffer.concat([Buffer.from(header), Buffer.from('S'), Buffer.from([0xf6]),
        Buffer.from('dra;vfu;alla;2025;ar;3\n')]), ['kpi.encoding']],
      ['a missing column', 'forvaltning;kpi;yrkesgrupp;ar;period\nNorra;vfu;alla;2025;ar\n', ['kpi.header']],
      ['a duplicate line', `${header}Norra;vfu;alla;2025;ar;3\nNorra;vfu;alla;2025;ar;4\n`, ['kpi.duplicate']],
      ['bad values on several lines', `${header}Norra;vfu;alla;2025;ar;3\nNorra;personalrorlighet;alla;2025;ar;150\n`
        + 'Ingenstans;vfu;alla;2025;ar;3\nNorra;konsulter;alla;2025;ar;2\nNorra;vfu;alla;1999;ar;2\n',
      ['kpi.value', 'kpi.forvaltning', 'kpi.period', 'kpi.year']],
      ['only a header', header, ['kpi.empty']],
    ];
    for (const [what, body, codes] of cases) {
      const r = await importCsv(analytiker, body);
      const e = assertError(r, 400, 'kpi.invalid_csv');
      assert.ok(Array.isArray(e.lines) && e.lines.length > 0, `${what}: lines`);
      for (const l of e.lines) {
        assert.ok(Number.isInteger(l.line) && l.line >= 0, `${what}: line number`);
        assert.equal(typeof l.column, 'string');
        assert.ok(typeof l.message === 'string' && l.message.length > 0, `${what}: message`);
        assert.notEqual(l.message, e.message);
      }
      for (const code of codes) assert.ok(e.lines.some((l) => l.code === code), `${what}: ${code} in ${JSON.stringify(e.lines)}`);
      if (what === 'a duplicate line') assert.equal(e.lines.find((l) => l.code === 'kpi.duplicate').line, 3);
      if (what === 'bad values on several lines') {
        assert.equal(e.lines.find((l) => l.code === 'kpi.value').line, 3);
        assert.equal(e.lines.find((l) => l.code === 'kpi.value').column, 'varde');
        assert.equal(e.lines.find((l) => l.code === 'kpi.forvaltning').line, 4);
      }
    }
    assert.equal(JSON.stringify(await kpis()), before, 'nothing imported from a broken file');
    // The messages follow Accept-Language.
    const sv = (await importCsv(analytiker, `${header}Norra;vfu;alla;2025;ar;3\nNorra;vfu;alla;2025;ar;3\n`)).json.error;
    const en = (await importCsv(analytiker, `${header}Norra;vfu;alla;2025;ar;3\nNorra;vfu;alla;2025;ar;3\n`,
      { headers: { 'Accept-Language': 'en' } })).json.error;
    assert.notEqual(sv.message, en.message);
    assert.notEqual(sv.lines[0].message, en.lines[0].message);
  });

  test('text/csv only, up to 1 MiB: JSON is 415, over 64 KiB is read, over 1 MiB is 413', async () => {
    assertError(await importCsv(analytiker, 'forvaltning;kpi;yrkesgrupp;ar;period;varde\n', { contentType: 'application/json' }),
      415, 'request.csv_expected');
    // ~200 KiB: more than a JSON body may be, so it reaches the parser (and fails on its lines).
    const big = `forvaltning;kpi;yrkesgrupp;ar;period;varde\n${'Norra;vfu;alla;2025;ar;x\n'.repeat(8000)}`;
    assert.ok(big.length > 64 * 1024);
    assertError(await importCsv(analytiker, big), 400, 'kpi.invalid_csv');
    // Over 1 MiB: the server answers 413 from the headers and closes. A client
    // still writing the body may see the connection reset before it reads the
    // answer; either way nothing is imported.
    const huge = 'x'.repeat(1024 * 1024 + 10);
    const before = JSON.stringify(await kpis());
    let refused;
    try {
      refused = (await importCsv(analytiker, huge)).status;
    } catch (e) {
      if (!['EPIPE', 'ECONNRESET'].includes(e.cause?.code)) throw e;
      refused = 'reset';
    }
    assert.ok(refused === 413 || refused === 'reset', `over 1 MiB: ${refused}`);
    assert.equal(JSON.stringify(await kpis()), before);
    // Other routes keep the 64 KiB limit.
    assertError(await analytiker.put('/kpis', { items: [], pad: 'x'.repeat(70 * 1024) }), 413, 'request.too_large');
  });

  test('who may import: analytiker and admin; others 403 and nothing written', async () => {
    // 2012: a year the demo has no figures for.
    const text = 'forvaltning;kpi;yrkesgrupp;ar;period;varde\nNorra;vfu;alla;2012;ar;5\n';
    for (const c of [chef, emp, sak]) assertError(await importCsv(c, text), 403, /^kpi\.forbidden$/);
    assert.ok(!(await kpis()).some((k) => k.year === 2012));
    assertStatus(await importCsv(admin, text), 200);
    assert.ok((await kpis()).some((k) => k.year === 2012 && k.kind === 'vfu'));
  });
});

describe('JSON', () => {
  test('PUT /kpis writes all values, or none with the bad item\'s index', async () => {
    const before = JSON.stringify(await kpis());
    const bad = await analytiker.put('/kpis', { items: [
      { forvaltning_id: norra.id, kind: 'vfu', year: 2011, value: 3 },
      { forvaltning_id: norra.id, kind: 'konsulter', group: 'socialsekreterare', year: 2011, period: 'ar', value: 3 },
    ] });
    const e = assertError(bad, 400, 'kpi.period');
    assert.equal(e.index, 1);
    assert.equal(JSON.stringify(await kpis()), before);
    const badKind = assertError(await analytiker.put('/kpis', { items: [{ forvaltning_id: norra.id, kind: 'lon', year: 2011, value: 1 }] }),
      400, 'kpi.kind');
    assert.equal(badKind.index, 0);
    assertError(await analytiker.put('/kpis', { items: [{ forvaltning_id: norra.id, kind: 'vfu', year: 2011, value: 'tre' }] }),
      400, 'kpi.value');
    assertError(await analytiker.put('/kpis', {}), 400, 'validation.required');
    const ok = await analytiker.put('/kpis', { items: [
      { forvaltning_id: norra.id, kind: 'vfu', year: 2011, value: 3 },
      { forvaltning_id: soder.id, kind: 'konsulter', group: 'bistandshandlaggare', year: 2011, period: 'april', value: 2 },
    ] });
    assertStatus(ok, 200);
    assert.deepEqual(ok.json, { written: 2 });
    const k = (await kpis()).find((x) => x.forvaltning_id === soder.id && x.year === 2011);
    assert.deepEqual(k, { forvaltning_id: soder.id, forvaltning_name: 'Södra', kind: 'konsulter',
      group: 'bistandshandlaggare', year: 2011, period: 'april', value: 2 });
    assertError(await chef.put('/kpis', { items: [{ forvaltning_id: norra.id, kind: 'vfu', year: 2011, value: 3 }] }),
      403, 'kpi.forbidden');
  });

  test('GET /kpis: stats readers only', async () => {
    assertError(await emp.get('/kpis'), 403, 'kpi.forbidden');
    assertStatus(await chef.get('/kpis'), 200);
    assertStatus(await sak.get('/kpis'), 200);
  });
});

describe('unit profiles', () => {
  test('the säkerhetssamordnare writes the förvaltning\'s profile; members left out keep their value', async () => {
    const r = await sak.put(`/unit-profiles/${norra.id}`, {
      headcount: 240, secure_rooms: 3, coordinator_full_time: true, alarm_tested_at: '2026-01-15T09:00:00Z',
    });
    assertStatus(r, 200);
    assert.equal(r.json.unit_id, norra.id);
    assert.equal(r.json.headcount, 240);
    assert.equal(r.json.secure_rooms, 3);
    assert.equal(r.json.coordinator_full_time, true);
    assert.equal(r.json.alarm_tested_at, '2026-01-15T09:00:00Z');
    assert.match(r.json.updated_at, /^\d{4}-\d{2}-\d{2}T/);
    const partial = await sak.put(`/unit-profiles/${norra.id}`, { headcount: 250 });
    assertStatus(partial, 200);
    assert.equal(partial.json.secure_rooms, 3);
    assert.equal(partial.json.coordinator_full_time, true);
    assert.equal(partial.json.alarm_tested_at, '2026-01-15T09:00:00Z');
    const cleared = await sak.put(`/unit-profiles/${ebUnit}`, { headcount: 12, alarm_tested_at: null });
    assertStatus(cleared, 200);
    assert.equal(cleared.json.alarm_tested_at, null);
    const list = await analytiker.get('/unit-profiles');
    assertStatus(list, 200);
    const p = list.json.items.find((x) => x.unit_id === norra.id);
    assert.equal(p.headcount, 250);
  });

  test('others may not write; bad figures are 400', async () => {
    assertError(await sakSoder.put(`/unit-profiles/${norra.id}`, { headcount: 1 }), 403, 'profile.forbidden');
    assertError(await chef.put(`/unit-profiles/${ebUnit}`, { headcount: 1 }), 403, 'profile.forbidden');
    assertError(await emp.get('/unit-profiles'), 403);
    assertError(await admin.put(`/unit-profiles/${norra.id}`, { headcount: 100001 }), 400, 'profile.headcount');
    assertError(await admin.put(`/unit-profiles/${norra.id}`, { secure_rooms: 1 }), 400, 'validation.required');
    assertStatus(await admin.put(`/unit-profiles/${soder.id}`, { headcount: 180 }), 200);
  });
});
