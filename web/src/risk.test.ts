import { describe, expect, it } from 'vitest';
import { en } from './i18n/en';
import { sv } from './i18n/sv';
import {
  answersFor, assessableUnits, emptyRiskForm, formatRating, formatShare, formFromAssessment, forvaltningOf,
  historyWarning, measureOptions, placeOfMeeting, ratingLabel, readReportPrefill, reportHref, toAssessmentPatch,
  toNewAssessment, topMeetingTypes, type RiskForm,
} from './risk';
import { PLACE_TYPES, type Me, type RiskAssessment, type SubjectHistory, type Unit } from './types';

const units: Unit[] = [
  { id: 1, parent_id: null, kind: 'kommun', name: 'Storåsa kommun' },
  { id: 2, parent_id: 1, kind: 'forvaltning', name: 'Norra' },
  { id: 3, parent_id: 2, kind: 'avdelning', name: 'IFO' },
  { id: 4, parent_id: 3, kind: 'enhet', name: 'Ekonomiskt bistånd' },
  { id: 5, parent_id: 3, kind: 'enhet', name: 'Barn och unga' },
  { id: 6, parent_id: 1, kind: 'forvaltning', name: 'Södra' },
  { id: 7, parent_id: 6, kind: 'avdelning', name: 'IFO' },
  { id: 8, parent_id: 7, kind: 'enhet', name: 'Ekonomiskt bistånd' },
];

const me = (over: Partial<Me> = {}): Me => ({
  id: 10, username: 'x', display_name: 'X', email: '', unit_id: 4, grants: [], roles: ['medarbetare'],
  csrf_token: '', ...over,
});

const filled = (over: Partial<RiskForm> = {}): RiskForm => ({
  ...emptyRiskForm(4),
  meetingType: 'negativt_beslut',
  when: '2026-11-24T10:00',
  title: '  Beslutsmöte ekonomiskt bistånd ',
  participants: [11, 10, 12],
  answers: { vapen: false, tidigare_hot_vald: true, okand: true },
  ...over,
});

const assessment = (over: Partial<RiskAssessment> = {}): RiskAssessment => ({
  id: 7, unit_id: 4, unit_name: 'Ekonomiskt bistånd', forvaltning_id: 2, template_version: 0,
  meeting_type: 'hembesok', event_at: '2026-11-24T09:00:00Z', title: 'Hembesök',
  participants: [{ id: 11, display_name: 'A' }], answers: [{ code: 'tidigare_hot_vald', yes: true }],
  subject_named: true, score: 6, level: 'hog', status: 'oppen',
  measures: [
    { code: 'ej_ensam', label_sv: 'Ej ensam', label_en: 'Not alone', proposed: true, decided: false, rating: null },
    { code: 'larm_testat', label_sv: 'Larm', label_en: 'Alarm', proposed: true, decided: true, rating: 4 },
  ],
  created_by: { id: 10, display_name: 'X' }, created_at: '2026-11-23T09:00:00Z', updated_at: '2026-11-23T09:00:00Z',
  decided_by: null, decided_at: null, decision_note: '', followed_up_by: null, followed_up_at: null,
  incident_occurred: false, incident_id: null, outcome_note: '', version: 3, may_edit: true, may_decide: false,
  may_follow_up: false, ...over,
});

const CODES = ['tidigare_hot_vald', 'vapen', 'fixering'];

describe('the request from the risk form', () => {
  it('builds POST /risk-assessments with Stockholm time as UTC, answers in template order', () => {
    const r = toNewAssessment(filled(), 10, CODES);
    expect(r).toEqual({
      ok: true,
      body: {
        unit_id: 4,
        meeting_type: 'negativt_beslut',
        event_at: '2026-11-24T09:00:00Z', // 10:00 in Stockholm in winter
        title: 'Beslutsmöte ekonomiskt bistånd',
        participant_ids: [11, 12],
        answers: [{ code: 'tidigare_hot_vald', yes: true }, { code: 'vapen', yes: false }],
      },
    });
  });

  it('sends the person only when a number is typed, trimmed, with its kind', () => {
    const r = toNewAssessment(filled({ identifier: ' 19121212-1212 ' }), 10, CODES);
    expect(r.ok && r.body.subject).toEqual({ kind: 'personnummer', identifier: '19121212-1212' });
    const s = toNewAssessment(filled({ identifier: '  ', subjectKind: 'arendenummer' }), 10, CODES);
    expect(s.ok && 'subject' in s.body).toBe(false);
  });

  it('uses summer time in summer', () => {
    const r = toNewAssessment(filled({ when: '2026-06-10T10:00' }), 10, CODES);
    expect(r.ok && r.body.event_at).toBe('2026-06-10T08:00:00Z');
  });

  it('reports what is missing', () => {
    expect(toNewAssessment(emptyRiskForm(4), 10, CODES)).toEqual({
      ok: false, errors: { meetingType: 'missingMeetingType', when: 'missingWhen', title: 'missingTitle' },
    });
    expect(toNewAssessment(filled({ when: '2026-02-30T10:00' }), 10, CODES))
      .toEqual({ ok: false, errors: { when: 'invalidWhen' } });
    expect(toNewAssessment(filled({ unitId: 0 }), 10, CODES))
      .toEqual({ ok: false, errors: { unitId: 'missingUnit' } });
  });

  it('leaves out unanswered factors and codes the template does not know', () => {
    expect(answersFor(filled({ answers: { fixering: true, nope: true } }), CODES))
      .toEqual([{ code: 'fixering', yes: true }]);
  });
});

describe('editing an assessment', () => {
  it('starts from the assessment, in Stockholm time, never with the number', () => {
    const f = formFromAssessment(assessment());
    expect(f).toMatchObject({
      meetingType: 'hembesok', when: '2026-11-24T10:00', unitId: 4, title: 'Hembesök', participants: [11],
      identifier: '', answers: { tidigare_hot_vald: true },
    });
  });

  it('sends only the version when nothing changed', () => {
    const a = assessment();
    expect(toAssessmentPatch(formFromAssessment(a), a, CODES)).toEqual({ ok: true, body: { version: 3 } });
  });

  it('sends what changed', () => {
    const a = assessment();
    const f = { ...formFromAssessment(a), title: 'Nytt', participants: [12, 11], answers: { tidigare_hot_vald: true, vapen: true } };
    expect(toAssessmentPatch(f, a, CODES)).toEqual({
      ok: true,
      body: {
        version: 3, title: 'Nytt', participant_ids: [12, 11],
        answers: [{ code: 'tidigare_hot_vald', yes: true }, { code: 'vapen', yes: true }],
      },
    });
  });

  it('names a new person, or removes the one named', () => {
    const a = assessment();
    const named = toAssessmentPatch({ ...formFromAssessment(a), identifier: '1234', subjectKind: 'arendenummer' }, a, CODES);
    expect(named.ok && named.body.subject).toEqual({ kind: 'arendenummer', identifier: '1234' });
    const removed = toAssessmentPatch({ ...formFromAssessment(a), removeSubject: true }, a, CODES);
    expect(removed.ok && removed.body.subject).toBeNull();
    const none = toAssessmentPatch({ ...formFromAssessment(a), removeSubject: true },
      assessment({ subject_named: false }), CODES);
    expect(none.ok && 'subject' in none.body).toBe(false);
  });
});

describe('units', () => {
  it('finds the förvaltning of a unit', () => {
    expect(forvaltningOf(units, 4)).toBe(2);
    expect(forvaltningOf(units, 2)).toBe(2);
    expect(forvaltningOf(units, 8)).toBe(6);
    expect(forvaltningOf(units, 1)).toBeNull();
  });

  it('an employee assesses for their own enhet, a chef for the enheter they cover', () => {
    expect(assessableUnits(units, me()).map((u) => u.id)).toEqual([4]);
    const chef = me({ grants: [{ id: 1, role: 'chef', unit_id: 3 }], roles: ['medarbetare', 'chef'] });
    expect(assessableUnits(units, chef).map((u) => u.id)).toEqual([4, 5]);
    const sak = me({ unit_id: 2, grants: [{ id: 2, role: 'sakerhetssamordnare', unit_id: 6 }] });
    expect(assessableUnits(units, sak).map((u) => u.id)).toEqual([8]);
    const ombud = me({ grants: [{ id: 3, role: 'skyddsombud', unit_id: 3 }] });
    expect(assessableUnits(units, ombud).map((u) => u.id)).toEqual([4]);
  });
});

describe('the history warning', () => {
  const h = (over: Partial<SubjectHistory> = {}): SubjectHistory => ({
    in_scope: 3, latest_at: '2026-10-02T08:00:00Z', highest_severity: 3,
    unit_names: ['Barn och unga', 'Ekonomiskt bistånd'], elsewhere: 1, protected_case: false, ...over,
  });
  const date = (iso: string) => iso.slice(0, 10);

  it('says how many, when, how serious, where, and how many elsewhere', () => {
    expect(historyWarning(h(), sv.risk, date)).toBe(
      'Personen har 3 tidigare händelser, senast 2026-10-02, högsta allvarlighetsgrad 3, i: Barn och unga, ' +
      'Ekonomiskt bistånd; 1 på enheter du inte har insyn i.');
    expect(historyWarning(h({ elsewhere: 0 }), en.risk, date)).toBe(
      'The person has 3 earlier incidents, latest 2026-10-02, highest severity 3, in: Barn och unga, Ekonomiskt bistånd.');
  });

  it('one incident, and only elsewhere', () => {
    expect(historyWarning(h({ in_scope: 1, elsewhere: 0, unit_names: ['Reception'] }), sv.risk, date))
      .toBe('Personen har 1 tidigare händelse, senast 2026-10-02, högsta allvarlighetsgrad 3, i: Reception.');
    expect(historyWarning(h({ in_scope: 0, latest_at: null, highest_severity: 0, unit_names: [], elsewhere: 2 }),
      sv.risk, date)).toBe('Personen har 2 tidigare händelser på enheter du inte har insyn i.');
  });

  it('nothing to warn about', () => {
    expect(historyWarning(h({ in_scope: 0, elsewhere: 0, unit_names: [], latest_at: null }), sv.risk, date))
      .toBeNull();
  });
});

describe('ratings and figures', () => {
  it('labels the usefulness 1–5', () => {
    expect([1, 2, 3, 4, 5].map((n) => ratingLabel(sv.risk, n))).toEqual([
      '1 – Ingen nytta', '2 – Liten nytta', '3 – Viss nytta', '4 – Stor nytta', '5 – Mycket stor nytta',
    ]);
    expect(ratingLabel(en.risk, 5)).toBe('5 – Extremely useful');
    expect(ratingLabel(sv.risk, 9)).toBe('9');
  });

  it('formats mean ratings and shares in the language', () => {
    expect(formatRating(3.75, 'sv-SE')).toBe('3,8');
    expect(formatRating(4, 'en-GB')).toBe('4.0');
    expect(formatShare(0.2, 'sv-SE')).toMatch(/^20\s%$/);
    expect(formatShare(0.125, 'en-GB')).toBe('13%');
  });

  it('orders meeting types by use', () => {
    const rows = [
      { meeting_type: 'annat', uses: 5 }, { meeting_type: 'hembesok', uses: 9 },
      { meeting_type: 'negativt_beslut', uses: 5 }, { meeting_type: 'tvangsatgard', uses: 6 },
    ];
    expect(topMeetingTypes(rows).map((r) => r.meeting_type)).toEqual(['hembesok', 'tvangsatgard', 'annat']);
  });
});

describe('the measures of an assessment', () => {
  it('follows the template catalogue and marks what was proposed and decided', () => {
    const a = assessment({
      template: {
        forvaltning_id: 0, version: 0, is_default: true, factors: [],
        thresholds: { forhojd: 2, hog: 5, mycket_hog: 9 }, history: { weight: 3, floor_count: 3 },
        measures: [
          { code: 'ej_ensam', label_sv: 'Ej ensam', label_en: 'Not alone', from_level: 'forhojd', factors: [] },
          { code: 'polis', label_sv: 'Polis', label_en: 'Police', from_level: 'mycket_hog', factors: [] },
          { code: 'larm_testat', label_sv: 'Larm', label_en: 'Alarm', from_level: 'hog', factors: [] },
        ],
        created_by: null, created_at: null,
      },
    });
    expect(measureOptions(a, 'sv')).toEqual([
      { code: 'ej_ensam', label: 'Ej ensam', proposed: true, decided: false },
      { code: 'polis', label: 'Polis', proposed: false, decided: false },
      { code: 'larm_testat', label: 'Larm', proposed: true, decided: true },
    ]);
    expect(measureOptions(assessment(), 'en').map((o) => o.label)).toEqual(['Not alone', 'Alarm']);
  });
});

describe('reporting from an assessment', () => {
  it('prefills unit, time (never in the future) and place, and reads it back', () => {
    const now = Date.parse('2026-11-24T12:00:00Z');
    const href = reportHref('/rapportera', assessment(), now);
    expect(href).toBe('/rapportera?riskbedomning=7&enhet=4&tid=2026-11-24T10%3A00&plats=hembesok');
    expect(readReportPrefill(href.slice(href.indexOf('?')), PLACE_TYPES))
      .toEqual({ assessmentId: 7, unitId: 4, when: '2026-11-24T10:00', place: 'hembesok' });
    const future = reportHref('/rapportera', assessment({ event_at: '2026-12-01T09:00:00Z' }), now);
    expect(future).toContain('tid=2026-11-24T13%3A00');
  });

  it('meetings other than home visits are in a besöksrum', () => {
    expect(placeOfMeeting('negativt_beslut')).toBe('besoksrum');
    expect(placeOfMeeting('hembesok')).toBe('hembesok');
  });

  it('ignores what is not valid', () => {
    expect(readReportPrefill('', PLACE_TYPES)).toBeNull();
    expect(readReportPrefill('?riskbedomning=x', PLACE_TYPES)).toBeNull();
    expect(readReportPrefill('?riskbedomning=3&enhet=-1&tid=igår&plats=slottet', PLACE_TYPES))
      .toEqual({ assessmentId: 3 });
  });
});

describe('the risk dictionaries', () => {
  it('label every code', () => {
    for (const d of [sv, en]) {
      for (const k of ['lag', 'forhojd', 'hog', 'mycket_hog'] as const) expect(d.risk.levels[k]).toBeTruthy();
      for (const k of ['oppen', 'beslutad', 'uppfoljd'] as const) expect(d.risk.statuses[k]).toBeTruthy();
      for (const k of ['negativt_beslut', 'tvangsatgard', 'klient_med_hotbild', 'hembesok', 'annat'] as const) {
        expect(d.risk.meetingTypes[k]).toBeTruthy();
      }
      for (const k of ['personnummer', 'samordningsnummer', 'arendenummer'] as const) {
        expect(d.risk.subjectKinds[k]).toBeTruthy();
      }
      expect(d.risk.ratings).toHaveLength(5);
    }
    expect(sv.risk.nav).toBe('Riskbedömningar');
    expect(sv.knowledge.nav).toBe('Kunskapsbank');
    expect(sv.knowledge.fewerThan(5)).toBe('färre än 5');
    expect(sv.risk.why('x')).toBe('Varför: x');
  });
});
