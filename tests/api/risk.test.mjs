// Before a risky meeting: the risk template, a risk assessment from planning to
// follow-up (result and explanation, answers, the chef's decision, ratings, the
// incident reported afterwards), who may do what, and the knowledge bank.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { Client, assertError, assertStatus, dateIn, auditAll } from './lib/client.mjs';
import { Logins, report, ISO_Z } from './lib/fixtures.mjs';

let srv;
let L;
let emp; let colleague; let chef; let sak; let otherChef; let recEmp; let ombud; let admin;
let analytiker; let bouChef; let avdchef;
let norra; let vaster; let ebUnit; let bouUnit;

// An ISO time `days` from now, UTC with Z, whole seconds.
const isoIn = (days) => new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

const ASSESSMENT_ROW_FIELDS = ['id', 'unit_id', 'unit_name', 'forvaltning_id', 'template_version',
  'meeting_type', 'event_at', 'title', 'participants', 'subject_named', 'score', 'level', 'status',
  'measures', 'created_by', 'created_at', 'updated_at', 'decided_by', 'decided_at', 'decision_note',
  'followed_up_by', 'followed_up_at', 'incident_occurred', 'incident_id', 'outcome_note', 'version',
  'may_edit', 'may_decide', 'may_follow_up'];
const ASSESSMENT_FULL_EXTRA = ['answers', 'result', 'template', 'history'];

before(async () => {
  srv = await startServer();
  L = new Logins(srv);
  emp = await L.as('medarbetare.norr.eb');
  colleague = await L.as('medarbetare.norr.eb2');
  chef = await L.as('chef.norr.eb');
  sak = await L.as('sakerhet.norr');
  otherChef = await L.as('chef.soder.eb');
  recEmp = await L.as('medarbetare.norr.rec');
  ombud = await L.as('skyddsombud.norr');
  admin = await L.as('admin');
  analytiker = await L.as('analytiker');
  bouChef = await L.as('chef.norr.bou');
  avdchef = await L.as('avdchef.norr');
  const units = (await admin.get('/units')).json.items;
  norra = units.find((u) => u.kind === 'forvaltning' && u.name === 'Norra');
  vaster = units.find((u) => u.kind === 'forvaltning' && u.name === 'Västra');
  assert.ok(norra && vaster, 'demo förvaltningar Norra and Västra');
  ebUnit = emp.me.unit_id;
  bouUnit = (await L.as('medarbetare.norr.bou')).me.unit_id;
});
after(async () => { await srv?.close(); });

function newAssessment(fields = {}) {
  return {
    meeting_type: 'negativt_beslut',
    event_at: isoIn(2),
    title: 'Beslutsmöte ekonomiskt bistånd',
    participant_ids: [colleague.me.id],
    answers: [{ code: 'tidigare_hot_vald', yes: true }, { code: 'negativt_beslut', yes: true }],
    ...fields,
  };
}

async function create(client, fields = {}) {
  const r = await client.post('/risk-assessments', newAssessment(fields));
  assertStatus(r, 201);
  return r.json;
}

function assertFull(a) {
  for (const f of [...ASSESSMENT_ROW_FIELDS, ...ASSESSMENT_FULL_EXTRA]) {
    assert.ok(Object.prototype.hasOwnProperty.call(a, f), `assessment field ${f} missing`);
  }
  assert.doesNotMatch(JSON.stringify(a), /subject_key/);
}

describe('risk template', () => {
  test('anyone reads the förvaltning\'s template; the default is version 0 with its factors and catalogue', async () => {
    const r = await emp.get(`/risk-template?unit_id=${norra.id}`);
    assertStatus(r, 200);
    const t = r.json;
    assert.equal(t.forvaltning_id, norra.id);
    assert.equal(t.version, 0);
    assert.equal(t.is_default, true);
    assert.equal(t.created_by, null);
    assert.deepEqual(t.thresholds, { forhojd: 2, hog: 5, mycket_hog: 9 });
    assert.deepEqual(t.history, { weight: 3, floor_count: 3 });
    const vapen = t.factors.find((f) => f.code === 'vapen');
    assert.equal(vapen.floor, 'hog');
    assert.ok(vapen.label_sv && vapen.label_en && vapen.help_sv && vapen.help_en);
    assert.equal(t.factors.find((f) => f.code === 'fungerande_kontakt').weight, -1);
    const guard = t.measures.find((m) => m.code === 'personskyddsvaktare');
    assert.equal(guard.from_level, 'mycket_hog');
    assert.deepEqual(guard.factors, ['vapen', 'kriminellt_natverk']);

    assertError(await emp.get('/risk-template'), 400, 'validation.required');
    assertError(await emp.get(`/risk-template?unit_id=${ebUnit}`), 404, 'unit.not_forvaltning');
  });

  test('the säkerhetssamordnare stores a new version; others are refused; bad content is 400', async () => {
    const base = (await admin.get(`/risk-template?unit_id=${vaster.id}`)).json;
    const body = {
      factors: base.factors, measures: base.measures,
      thresholds: { forhojd: 3, hog: 6, mycket_hog: 10 }, history: base.history,
    };
    const vasterSak = await L.as('sakerhet.vaster');
    assertError(await emp.put(`/risk-template?unit_id=${vaster.id}`, body), 403, 'risk_template.forbidden');
    assertError(await sak.put(`/risk-template?unit_id=${vaster.id}`, body), 403, 'risk_template.forbidden');
    assertError(await (await L.as('chef.vaster.eb')).put(`/risk-template?unit_id=${vaster.id}`, body),
      403, 'risk_template.forbidden');

    const r = await vasterSak.put(`/risk-template?unit_id=${vaster.id}`, body);
    assertStatus(r, 200);
    assert.equal(r.json.version, 1);
    assert.equal(r.json.is_default, false);
    assert.equal(r.json.created_by.id, vasterSak.me.id);
    assert.ok(r.json.created_by.display_name);
    assert.match(r.json.created_at, ISO_Z);
    assert.deepEqual(r.json.thresholds, { forhojd: 3, hog: 6, mycket_hog: 10 });
    const again = await analytiker.get(`/risk-template?unit_id=${vaster.id}`);
    assert.equal(again.json.version, 1);
    // Norra keeps the default.
    assert.equal((await emp.get(`/risk-template?unit_id=${norra.id}`)).json.version, 0);

    const zero = structuredClone(body);
    zero.factors[0].weight = 0;
    let e = assertError(await vasterSak.put(`/risk-template?unit_id=${vaster.id}`, zero), 400);
    assert.match(e.code, /^risk_template\./);
    const badType = structuredClone(body);
    badType.factors[1].weight = 'tre';
    e = assertError(await vasterSak.put(`/risk-template?unit_id=${vaster.id}`, badType), 400, 'validation.type');
    assert.equal(e.field, 'factors[1].weight');
    const thresholds = { ...body, thresholds: { forhojd: 5, hog: 4, mycket_hog: 9 } };
    assertError(await vasterSak.put(`/risk-template?unit_id=${vaster.id}`, thresholds), 400,
      'risk_template.thresholds');
    const unknownFactor = structuredClone(body);
    unknownFactor.measures[0].factors = ['finns_inte'];
    assertError(await vasterSak.put(`/risk-template?unit_id=${vaster.id}`, unknownFactor), 400,
      'risk_template.measure_factors');
    assertError(await vasterSak.put(`/risk-template?unit_id=${vaster.id}`, { measures: body.measures }), 400,
      'validation.required');
    assert.equal((await admin.get(`/risk-template?unit_id=${vaster.id}`)).json.version, 1, 'nothing stored');
  });
});

describe('risk assessment', () => {
  test('create → read with result and explanation → patch answers → decide → follow up with ratings → link the incident', async () => {
    // Create: two yes factors (3 + 2) make score 5, hög.
    const a = await create(emp);
    assertFull(a);
    assert.equal(a.status, 'oppen');
    assert.equal(a.unit_id, ebUnit);
    assert.equal(a.forvaltning_id, norra.id);
    assert.equal(a.template_version, 0);
    assert.equal(a.template.version, 0);
    assert.equal(a.meeting_type, 'negativt_beslut');
    assert.match(a.event_at, ISO_Z);
    assert.equal(a.score, 5);
    assert.equal(a.level, 'hog');
    assert.equal(a.result.score, 5);
    assert.equal(a.result.level, 'hog');
    const factorReasons = a.result.reasons.filter((x) => x.kind === 'factor');
    assert.deepEqual(factorReasons.map((x) => [x.factor_code, x.points]),
      [['tidigare_hot_vald', 3], ['negativt_beslut', 2]]);
    assert.ok(a.result.reasons.every((x) => x.text_sv && x.text_en));
    assert.match(a.result.explanation_sv, /5/);
    assert.ok(a.result.explanation_en.length > 0);
    for (const code of ['ej_ensam', 'reception_informerad', 'extra_kollega', 'larm_testat']) {
      assert.ok(a.result.proposed.includes(code), `proposes ${code}`);
      const m = a.measures.find((x) => x.code === code);
      assert.ok(m && m.proposed && !m.decided && m.rating === null, `measure ${code}`);
      assert.ok(m.label_sv && m.label_en);
    }
    assert.ok(!a.result.proposed.includes('polis'));
    assert.deepEqual(a.answers, [{ code: 'tidigare_hot_vald', yes: true }, { code: 'negativt_beslut', yes: true }]);
    assert.equal(a.subject_named, false);
    assert.equal(a.history, null);
    assert.deepEqual(a.participants.map((p) => p.id), [colleague.me.id]);
    assert.ok(a.participants[0].display_name);
    assert.equal(a.created_by.id, emp.me.id);
    assert.equal(a.decided_by, null);
    assert.equal(a.incident_id, null);
    assert.equal(a.may_edit, true);
    assert.equal(a.may_decide, false);
    assert.equal(a.may_follow_up, false);

    // Read: the creator, a participant, the chef and the säkerhetssamordnare.
    for (const c of [emp, colleague, chef, sak, avdchef]) {
      const g = await c.get(`/risk-assessments/${a.id}`);
      assertStatus(g, 200);
      assertFull(g.json);
      assert.equal(g.json.result.explanation_sv, a.result.explanation_sv);
    }
    assert.equal((await chef.get(`/risk-assessments/${a.id}`)).json.may_decide, true);
    assert.equal((await colleague.get(`/risk-assessments/${a.id}`)).json.may_edit, false);

    // Patch: a yes to weapons (3, floor hög) gives 8, still hög; a stale version is 409.
    const p = await emp.patch(`/risk-assessments/${a.id}`, {
      version: a.version,
      answers: [...a.answers, { code: 'vapen', yes: true }],
      title: 'Beslutsmöte, ändrat',
    });
    assertStatus(p, 200);
    assert.equal(p.json.version, a.version + 1);
    assert.equal(p.json.score, 8);
    assert.equal(p.json.level, 'hog');
    assert.equal(p.json.title, 'Beslutsmöte, ändrat');
    assert.ok(p.json.result.reasons.some((x) => x.factor_code === 'vapen'));
    assert.ok(p.json.result.proposed.includes('polis'), 'the weapon factor proposes the police');
    assertError(await emp.patch(`/risk-assessments/${a.id}`, { version: a.version, title: 'Gammal' }),
      409, 'risk.stale_version');
    assertError(await colleague.patch(`/risk-assessments/${a.id}`, { title: 'Deltagaren' }), 403, 'risk.forbidden');

    // Decide: the employee may not; the chef decides two measures.
    assertError(await emp.post(`/risk-assessments/${a.id}/decision`, { measures: ['ej_ensam'] }), 403, 'risk.forbidden');
    assertError(await emp.post(`/risk-assessments/${a.id}/follow-up`, { incident_occurred: false }), 409,
      'risk.not_decided');
    assertError(await chef.post(`/risk-assessments/${a.id}/decision`, { measures: ['finns_inte'] }), 400, 'risk.measures');
    const d = await chef.post(`/risk-assessments/${a.id}/decision`, {
      version: p.json.version, measures: ['ej_ensam', 'extra_kollega'], note: 'Två på mötet, larmet på.',
    });
    assertStatus(d, 200);
    assert.equal(d.json.status, 'beslutad');
    assert.equal(d.json.decided_by.id, chef.me.id);
    assert.match(d.json.decided_at, ISO_Z);
    assert.equal(d.json.decision_note, 'Två på mötet, larmet på.');
    assert.deepEqual(d.json.measures.filter((m) => m.decided).map((m) => m.code).sort(), ['ej_ensam', 'extra_kollega']);
    assert.equal(d.json.may_edit, false);
    assert.equal(d.json.may_follow_up, true);
    assertError(await emp.patch(`/risk-assessments/${a.id}`, { title: 'Efter beslut' }), 409, 'risk.not_open');

    // Follow up: a participant rates the decided measures.
    assertError(await colleague.post(`/risk-assessments/${a.id}/follow-up`, {
      incident_occurred: false, ratings: [{ code: 'ej_ensam', rating: 7 }],
    }), 400, 'validation.range');
    const undecided = assertError(await colleague.post(`/risk-assessments/${a.id}/follow-up`, {
      incident_occurred: false, ratings: [{ code: 'polis', rating: 3 }],
    }), 400);
    assert.match(undecided.code, /^risk\.rating/);
    const f = await colleague.post(`/risk-assessments/${a.id}/follow-up`, {
      incident_occurred: true, outcome_note: 'Klienten blev arg men lugnade sig.',
      ratings: [{ code: 'ej_ensam', rating: 5 }, { code: 'extra_kollega', rating: 4 }],
    });
    assertStatus(f, 200);
    assert.equal(f.json.status, 'uppfoljd');
    assert.equal(f.json.followed_up_by.id, colleague.me.id);
    assert.equal(f.json.incident_occurred, true);
    assert.equal(f.json.outcome_note, 'Klienten blev arg men lugnade sig.');
    const rating = (code) => f.json.measures.find((m) => m.code === code).rating;
    assert.equal(rating('ej_ensam'), 5);
    assert.equal(rating('extra_kollega'), 4);
    assertError(await chef.post(`/risk-assessments/${a.id}/decision`, { measures: ['ej_ensam'] }), 409, 'risk.followed_up');

    // The incident reported afterwards is linked; another one is refused.
    const inc = await report(emp, { category: 'hot', description: 'Klienten hotade efter beslutet.' });
    const other = await report(emp, { category: 'hot' });
    assertError(await otherChef.post(`/risk-assessments/${a.id}/incident`, { incident_id: inc.id }), 404, 'risk.not_found');
    const link = await emp.post(`/risk-assessments/${a.id}/incident`, { incident_id: inc.id });
    assertStatus(link, 200);
    assert.equal(link.json.incident_id, inc.id);
    assertError(await emp.post(`/risk-assessments/${a.id}/incident`, { incident_id: other.id }), 409, 'risk.incident_linked');
    // An incident the caller may not see is refused as missing.
    const foreign = await report(await L.as('medarbetare.soder.eb'));
    const fresh = await create(emp);
    const decided = await chef.post(`/risk-assessments/${fresh.id}/decision`, { measures: [] });
    assertStatus(decided, 200);
    assertError(await emp.post(`/risk-assessments/${fresh.id}/incident`, { incident_id: foreign.id }), 404);

    // Every step is audited (no identifier of a person was involved here).
    const actions = new Set((await auditAll(admin))
      .filter((x) => x.target_type === 'risk_assessment' && x.target_id === a.id).map((x) => x.action));
    for (const want of ['risk.created', 'risk.read', 'risk.updated', 'risk.decided', 'risk.followed_up', 'risk.incident_linked']) {
      assert.ok(actions.has(want), `audit ${want} (have ${[...actions]})`);
    }
  });

  test('callers outside the assessment get 404 as for a missing one, and do not list it', async () => {
    const a = await create(emp, { participant_ids: [] });
    const missing = await chef.get('/risk-assessments/999999999');
    assertError(missing, 404, 'risk.not_found');
    for (const c of [colleague, recEmp, otherChef, ombud, admin, analytiker, bouChef, await L.as('sakerhet.soder')]) {
      const r = await c.get(`/risk-assessments/${a.id}`);
      assertError(r, 404, 'risk.not_found');
      assert.equal(r.text, missing.text);
      assertError(await c.patch(`/risk-assessments/${a.id}`, { title: 'X' }), 404, 'risk.not_found');
      assertError(await c.post(`/risk-assessments/${a.id}/decision`, { measures: [] }), 404, 'risk.not_found');
      assertError(await c.post(`/risk-assessments/${a.id}/follow-up`, { incident_occurred: false }), 404, 'risk.not_found');
      const list = await c.get('/risk-assessments?limit=500');
      assertStatus(list, 200);
      assert.ok(!list.json.items.some((x) => x.id === a.id), `${c.me.username} lists it`);
    }
    // The creator and the chef list it, as a row without answers, result, template or history.
    for (const c of [emp, chef, sak]) {
      const list = await c.get('/risk-assessments?limit=500');
      assertStatus(list, 200);
      assert.equal(typeof list.json.total, 'number');
      const row = list.json.items.find((x) => x.id === a.id);
      assert.ok(row, `${c.me.username} lists it`);
      for (const f of ASSESSMENT_ROW_FIELDS) assert.ok(f in row, `row field ${f}`);
      for (const f of ASSESSMENT_FULL_EXTRA) assert.ok(!(f in row), `row must not carry ${f}`);
    }
    const open = await emp.get('/risk-assessments?status=oppen&limit=500');
    assert.ok(open.json.items.every((x) => x.status === 'oppen'));
    assertError(await emp.get('/risk-assessments?status=stangd'), 400, 'validation.enum');
    assertError(await emp.get('/risk-assessments?limit=0'), 400, 'validation.range');
  });

  test('units: one\'s own by default; a chef or säkerhetssamordnare for units they cover', async () => {
    assertError(await emp.post('/risk-assessments', newAssessment({ unit_id: bouUnit })), 403, 'risk.forbidden');
    assertError(await chef.post('/risk-assessments', newAssessment({ unit_id: bouUnit })), 403, 'risk.forbidden');
    const bySak = await sak.post('/risk-assessments', newAssessment({ unit_id: bouUnit, participant_ids: [] }));
    assertStatus(bySak, 201);
    assert.equal(bySak.json.unit_id, bouUnit);
    assert.equal(bySak.json.may_decide, true);
    const byAvd = await avdchef.post('/risk-assessments', newAssessment({ unit_id: bouUnit, participant_ids: [] }));
    assertStatus(byAvd, 201);
    assertStatus(await bouChef.get(`/risk-assessments/${byAvd.json.id}`), 200);
    assertError(await chef.get(`/risk-assessments/${byAvd.json.id}`), 404, 'risk.not_found');
  });

  test('bad input is 400 with the error shape, in Swedish or English', async () => {
    const en = new Client(srv, { lang: 'en' });
    await en.login('medarbetare.norr.eb');
    let e = assertError(await emp.post('/risk-assessments', { ...newAssessment(), meeting_type: 'kafferep' }), 400, 'validation.enum');
    assert.equal(e.field, 'meeting_type');
    e = assertError(await emp.post('/risk-assessments', { ...newAssessment(), event_at: 'i morgon' }), 400, 'validation.time');
    assert.equal(e.field, 'event_at');
    const { title, ...noTitle } = newAssessment();
    assert.ok(title);
    e = assertError(await emp.post('/risk-assessments', noTitle), 400, 'validation.required');
    assert.equal(e.field, 'title');
    e = assertError(await emp.post('/risk-assessments', newAssessment({ answers: [{ code: 'vapen', yes: 'ja' }] })), 400, 'validation.type');
    assert.equal(e.field, 'answers[0].yes');
    assertError(await emp.post('/risk-assessments', newAssessment({ answers: [{ code: 'finns_inte', yes: true }] })), 400, 'risk.answers');
    assertError(await emp.post('/risk-assessments', newAssessment({ title: '' })), 400, 'risk.title');
    assertError(await emp.post('/risk-assessments', newAssessment({ participant_ids: [999999] })), 400, 'risk.participants');
    const sv = assertError(await emp.post('/risk-assessments', newAssessment({ title: 'x'.repeat(201) })), 400, 'risk.title');
    const enErr = assertError(await en.post('/risk-assessments', newAssessment({ title: 'x'.repeat(201) })), 400, 'risk.title');
    assert.notEqual(sv.message, enErr.message);
    assertError(await emp.request('POST', '/risk-assessments', { body: '{"title":' }), 400, 'request.invalid_json');
    assertError(await emp.post('/risk-assessments/1/decision', { measures: 'ej_ensam' }), 400, 'validation.type');
    assertError(await emp.get('/risk-assessments/abc'), 404);
  });
});

describe('knowledge bank', () => {
  test('rows follow the catalogue; small counts are suppressed', async () => {
    for (const [c, query, forvaltning] of [[emp, '', null], [analytiker, `?unit_id=${norra.id}`, norra.id]]) {
      const r = await c.get(`/knowledge-bank${query}`);
      assertStatus(r, 200);
      const kb = r.json;
      assert.equal(kb.forvaltning_id, forvaltning);
      assert.equal(kb.min_count, 5);
      assert.ok(kb.rows.some((x) => x.code === 'ej_ensam'));
      for (const row of kb.rows) {
        assert.ok(row.label_sv && row.label_en, `labels of ${row.code}`);
        if (row.suppressed) {
          assert.equal(row.uses, null);
          assert.equal(row.mean_rating, null);
          assert.equal(row.incident_share, null);
          assert.deepEqual(row.by_meeting_type, []);
        } else {
          assert.ok(row.uses >= kb.min_count, `${row.code}: ${row.uses} uses shown`);
          assert.ok(row.mean_rating >= 1 && row.mean_rating <= 5);
          assert.ok(row.incident_share >= 0 && row.incident_share <= 1);
          for (const t of row.by_meeting_type) assert.ok(t.uses >= kb.min_count, `${row.code}/${t.meeting_type}: ${t.uses}`);
          if (row.other_meeting_types !== null) assert.ok(row.other_meeting_types >= kb.min_count);
        }
      }
    }
    assertError(await emp.get(`/knowledge-bank?unit_id=${ebUnit}`), 404, 'unit.not_forvaltning');
    assertError(await emp.get('/knowledge-bank?unit_id=x'), 400);
  });
});
