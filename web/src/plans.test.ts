import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import {
  coveredUnitIds, editableForvaltningar, emptyPlanForm, firstErrorPath, formToTemplate, newFactor, newMeasure,
  newPlanRequest, planErrorField, planFormErrors, planFormFromPlan, planPatchRequest, removeFactor, renameFactor,
  planLogDetail, slugCode, subjectErrorText, templateErrorPath, templateFieldId, templateToForm, validateTemplate,
} from './plans';
import type { RiskTemplate, SecurityPlan, Unit } from './types';

const units: Unit[] = [
  { id: 1, parent_id: null, kind: 'kommun', name: 'Storåsa' },
  { id: 2, parent_id: 1, kind: 'forvaltning', name: 'Norra' },
  { id: 3, parent_id: 1, kind: 'forvaltning', name: 'Södra' },
  { id: 4, parent_id: 2, kind: 'avdelning', name: 'IFO' },
  { id: 5, parent_id: 4, kind: 'enhet', name: 'Ekonomiskt bistånd' },
  { id: 6, parent_id: 3, kind: 'enhet', name: 'Reception' },
];

const template: RiskTemplate = {
  forvaltning_id: 2,
  version: 0,
  is_default: true,
  factors: [
    { code: 'tidigare_hot', label_sv: 'Tidigare hot', label_en: 'Earlier threats', help_sv: '', help_en: '', weight: 3, floor: null },
    { code: 'vapen', label_sv: 'Vapen', label_en: 'Weapons', help_sv: 'Hjälp', help_en: 'Help', weight: 3, floor: 'hog' },
    { code: 'stod', label_sv: 'Stöd', label_en: 'Support', help_sv: '', help_en: '', weight: -2, floor: null },
  ],
  thresholds: { forhojd: 2, hog: 5, mycket_hog: 9 },
  history: { weight: 3, floor_count: 3 },
  measures: [
    { code: 'tva_personal', label_sv: 'Två i personal', label_en: 'Two staff', from_level: 'forhojd', factors: [] },
    { code: 'vakt', label_sv: 'Väktare', label_en: 'Guard', from_level: 'mycket_hog', factors: ['vapen', 'tidigare_hot'] },
  ],
  created_by: null,
  created_at: null,
};

describe('who covers what', () => {
  it('takes the subtrees of the role’s grants', () => {
    const me = { grants: [{ id: 1, role: 'sakerhetssamordnare' as const, unit_id: 2 }, { id: 2, role: 'chef' as const, unit_id: 6 }] };
    expect([...coveredUnitIds(units, me, 'sakerhetssamordnare')].sort()).toEqual([2, 4, 5]);
    expect([...coveredUnitIds(units, me, 'chef')]).toEqual([6]);
  });

  it('lets an admin edit every förvaltning’s template, a säkerhetssamordnare those covered', () => {
    const admin = { roles: ['medarbetare' as const, 'admin' as const], grants: [{ id: 1, role: 'admin' as const, unit_id: 1 }] };
    expect(editableForvaltningar(units, admin).map((u) => u.name)).toEqual(['Norra', 'Södra']);
    const sak = { roles: ['medarbetare' as const, 'sakerhetssamordnare' as const], grants: [{ id: 1, role: 'sakerhetssamordnare' as const, unit_id: 3 }] };
    expect(editableForvaltningar(units, sak).map((u) => u.name)).toEqual(['Södra']);
    const cityWide = { roles: sak.roles, grants: [{ id: 1, role: 'sakerhetssamordnare' as const, unit_id: 1 }] };
    expect(editableForvaltningar(units, cityWide)).toHaveLength(2);
  });
});

const plan: SecurityPlan = {
  id: 7, unit_id: 5, unit_name: 'Ekonomiskt bistånd', scope: 'arende', title: 'Skyddat ärende EB', subject_named: true,
  threats: 'Hot mot handläggare', threat_level: 'hog', review_date: '2026-12-01', review_overdue: false,
  people: [{ id: 11, display_name: 'A' }], status: 'aktiv', protected_case: true,
  routine: {
    handling_unit_id: 6, handling_unit_name: 'Reception', handling_group: [{ id: 12, display_name: 'B' }, { id: 13, display_name: 'C' }],
    omit_handlaggare_name: true, secure_room_only: true, two_staff_always: false, no_home_visits: true, instructions: 'Ring först',
  },
  created_by: { id: 1, display_name: 'S' }, created_at: '2026-11-01T10:00:00Z', updated_at: '2026-11-01T10:00:00Z',
  version: 4, may_edit: true, may_decide: true,
};

describe('security plan requests', () => {
  it('names the person only for a case with a number, and the routine only when protected', () => {
    const f = { ...emptyPlanForm('5', '2026-12-01'), title: '  Hot mot receptionen ', scope: 'enhet' as const, identifier: '19121212-1212' };
    const body = newPlanRequest(f);
    expect(body).toEqual({
      unit_id: 5, scope: 'enhet', title: 'Hot mot receptionen', threats: '', threat_level: 'forhojd',
      review_date: '2026-12-01', people_ids: [], protected_case: false,
    });
    expect('subject' in body).toBe(false);
    expect('routine' in body).toBe(false);

    const g = {
      ...emptyPlanForm('5', '2026-12-01'), title: 'Skyddat', identifier: ' 19121212-1212 ', subjectKind: 'personnummer' as const,
      protectedCase: true, handlingUnitId: '6', handlingGroupIds: [12, 13], noHomeVisits: false, instructions: ' x ',
    };
    const b2 = newPlanRequest(g);
    expect(b2.subject).toEqual({ kind: 'personnummer', identifier: '19121212-1212' });
    expect(b2.routine).toEqual({
      handling_unit_id: 6, handling_group_ids: [12, 13], omit_handlaggare_name: true, secure_room_only: true,
      two_staff_always: true, no_home_visits: false, instructions: 'x',
    });
  });

  it('lists the missing required fields', () => {
    expect(planFormErrors(emptyPlanForm('', ''))).toEqual(['unitId', 'title', 'reviewDate']);
    expect(planFormErrors({ ...emptyPlanForm('5', '2026-12-01'), title: 'x' })).toEqual([]);
  });

  it('patches only what changed, with the version', () => {
    const f = planFormFromPlan(plan);
    expect(f.identifier).toBe('');
    expect(planPatchRequest(plan, f)).toBeNull();
    expect(planPatchRequest(plan, { ...f, title: 'Ny rubrik' })).toEqual({ title: 'Ny rubrik', version: 4 });
    // the same people in another order is no change
    expect(planPatchRequest(plan, { ...f, handlingGroupIds: [13, 12] })).toBeNull();
    const routine = planPatchRequest(plan, { ...f, twoStaffAlways: true });
    expect(routine?.routine?.two_staff_always).toBe(true);
    expect(routine?.routine?.handling_group_ids).toEqual([12, 13]);
    expect(planPatchRequest(plan, { ...f, status: undefined } as never)).toBeNull();
    const unprotect = planPatchRequest(plan, { ...f, protectedCase: false });
    expect(unprotect).toEqual({ protected_case: false, version: 4 });
  });

  it('maps server errors to the form’s fields', () => {
    expect(planErrorField('plan.title', undefined)).toBe('title');
    expect(planErrorField('validation.required', 'review_date')).toBe('reviewDate');
    expect(planErrorField('subject.identifier', undefined)).toBe('identifier');
    expect(planErrorField('plan.forbidden', undefined)).toBeNull();
  });

  it('explains a missing pseudonymisation key in its own words', () => {
    expect(subjectErrorText(new ApiError(503, 'subject.not_configured', 'Service Unavailable'), 'Ingen nyckel'))
      .toBe('Ingen nyckel');
    expect(subjectErrorText(new ApiError(400, 'subject.identifier', 'Ogiltigt personnummer'), 'Ingen nyckel'))
      .toBe('Ogiltigt personnummer');
  });
});

describe('risk template editor', () => {
  it('round-trips a template through the form', () => {
    const f = templateToForm(template);
    expect(f.factors[1]).toMatchObject({ code: 'vapen', weight: '3', floor: 'hog', isNew: false });
    expect(validateTemplate(f)).toEqual({});
    expect(formToTemplate(f)).toEqual({
      factors: template.factors, thresholds: template.thresholds, history: template.history, measures: template.measures,
    });
  });

  it('trims texts and turns numbers into numbers', () => {
    const f = templateToForm(template);
    f.factors[0] = { ...f.factors[0]!, label_sv: '  Tidigare hot ', weight: ' 4 ' };
    f.forhojd = '3';
    const body = formToTemplate(f);
    expect(body.factors[0]!.label_sv).toBe('Tidigare hot');
    expect(body.factors[0]!.weight).toBe(4);
    expect(body.thresholds.forhojd).toBe(3);
  });

  it('finds every problem the server would refuse', () => {
    const f = templateToForm(template);
    f.factors[0] = { ...f.factors[0]!, weight: '0' };
    f.factors[1] = { ...f.factors[1]!, code: 'Vapen!' };
    f.factors[2] = { ...f.factors[2]!, floor: 'hog' }; // negative weight with a floor
    const added = { ...newFactor(), code: 'tidigare_hot', label_sv: 'Dubblett' };
    f.factors.push(added);
    f.hog = '2'; // not above förhöjd
    f.historyWeight = '11';
    f.historyFloorCount = '0';
    f.measures[0] = { ...f.measures[0]!, label_en: ' ' };
    const e = validateTemplate(f);
    expect(e).toEqual({
      'factors.0.weight': 'weight',
      'factors.1.code': 'code',
      'factors.2.floor': 'floor',
      'factors.3.code': 'duplicate',
      'factors.3.label_en': 'required',
      thresholds: 'thresholds',
      'history.weight': 'historyWeight',
      'history.floor_count': 'floorCount',
      'measures.0.label_en': 'required',
      // 'vapen' is now 'Vapen!', so the measure names an unknown factor
      'measures.1.factors': 'unknownFactor',
    });
    expect(firstErrorPath(e, f)).toBe('factors.0.weight');
  });

  it('refuses a low floor, empty lists and non-numbers', () => {
    const f = templateToForm(template);
    f.factors[0] = { ...f.factors[0]!, floor: 'lag' };
    f.mycketHog = 'nio';
    expect(validateTemplate(f)).toEqual({ 'factors.0.floor': 'floor', thresholds: 'thresholds' });
    expect(validateTemplate({ ...f, factors: [], measures: [] })).toMatchObject({ factors: 'tooFew', measures: 'tooFew' });
    expect(Number.isNaN(formToTemplate(f).thresholds.mycket_hog)).toBe(true);
  });

  it('removes a factor from the measures that name it, and renames it there too', () => {
    const f = templateToForm(template);
    const renamed = renameFactor(f, 1, 'vapen_tillgang');
    expect(renamed.measures[1]!.factors).toEqual(['vapen_tillgang', 'tidigare_hot']);
    const removed = removeFactor(renamed, 0);
    expect(removed.factors.map((x) => x.code)).toEqual(['vapen_tillgang', 'stod']);
    expect(removed.measures[1]!.factors).toEqual(['vapen_tillgang']);
    expect(validateTemplate(removed)).toEqual({});
  });

  it('adds new rows that must be filled in', () => {
    const f = templateToForm(template);
    const g = { ...f, factors: [...f.factors, newFactor()], measures: [...f.measures, newMeasure()] };
    expect(validateTemplate(g)).toEqual({
      'factors.3.code': 'required', 'factors.3.label_sv': 'required', 'factors.3.label_en': 'required',
      'measures.2.code': 'required', 'measures.2.label_sv': 'required', 'measures.2.label_en': 'required',
    });
    expect(g.factors[3]!.key).not.toBe(g.factors[2]!.key);
  });

  it('makes codes from labels', () => {
    expect(slugCode('Hot via telefon')).toBe('hot_via_telefon');
    expect(slugCode('Känd tillgång till vapen!')).toBe('kand_tillgang_till_vapen');
    expect(slugCode('  Övrigt – åtgärd  ')).toBe('ovrigt_atgard');
    expect(slugCode('x'.repeat(50))).toHaveLength(40);
  });

  it('maps the server’s 400 to the editor’s fields', () => {
    expect(templateErrorPath('risk_template.factor_weight', 'factors[2].weight')).toBe('factors.2.weight');
    expect(templateErrorPath('risk_template.factor_label', 'factors[0].label')).toBe('factors.0.label_sv');
    expect(templateErrorPath('risk_template.measure_factors', 'measures[1].factors')).toBe('measures.1.factors');
    expect(templateErrorPath('validation.type', 'factors[3].weight')).toBe('factors.3.weight');
    expect(templateErrorPath('validation.required', 'thresholds.hog')).toBe('thresholds');
    expect(templateErrorPath('risk_template.thresholds', undefined)).toBe('thresholds');
    expect(templateErrorPath('risk_template.history_floor_count', undefined)).toBe('history.floor_count');
    expect(templateErrorPath('risk_template.factors', undefined)).toBe('factors');
    expect(templateErrorPath('auth.forbidden', undefined)).toBeNull();
    expect(templateFieldId('factors.2.label_sv')).toBe('tpl-factors-2-label-sv');
  });
});

describe('plan log', () => {
  it('reads a log line’s detail', () => {
    const words = { scope: { arende: 'Ett ärende' }, status: { avslutad: 'Avslutad' }, measureStatus: { klar: 'Klar' } };
    const ms = [{ id: 25, title: 'Säkerhetsrum' }];
    expect(planLogDetail('created', 'arende', ms, words)).toBe('Ett ärende');
    expect(planLogDetail('measure_added', '25', ms, words)).toBe('Säkerhetsrum');
    expect(planLogDetail('measure_updated', '25:klar', ms, words)).toBe('Säkerhetsrum (klar)');
    expect(planLogDetail('decision', 'Beslut skickat.', ms, words)).toBe('Beslut skickat.');
    expect(planLogDetail('updated', 'title,threats', ms, words)).toBe('title,threats');
    expect(planLogDetail('closed', 'avslutad', ms, words)).toBe('');
    expect(planLogDetail('closed', '', ms, words)).toBe('');
  });
});

describe('plan texts', () => {
  it('word every plan code and every template problem in both languages', async () => {
    const { sv } = await import('./i18n/sv');
    const { en } = await import('./i18n/en');
    const problems = ['required', 'code', 'duplicate', 'tooLong', 'weight', 'floor', 'thresholds', 'historyWeight',
      'floorCount', 'tooFew', 'tooMany', 'unknownFactor'];
    for (const d of [sv, en]) {
      for (const s of ['enhet', 'arende']) expect(d.planScope[s]).toBeTruthy();
      for (const s of ['aktiv', 'avslutad']) expect(d.planStatus[s]).toBeTruthy();
      for (const a of ['created', 'updated', 'protected', 'unprotected', 'measure_added', 'measure_updated', 'decision',
        'closed', 'reopened']) expect(d.planLogAction[a]).toBeTruthy();
      for (const p of problems) expect(d.templateAdmin.problem[p]).toBeTruthy();
    }
    expect(sv.plans.nav).toBe('Säkerhetsplaner');
    expect(sv.personSection.remove).toBe('Ta bort koppling');
    expect(sv.templateAdmin.saved(3)).toBe('Version 3 sparad.');
  });
});
