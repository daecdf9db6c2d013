import { describe, expect, it } from 'vitest';
import {
  actionItems, breachCount, deadlineDay, errorField, explainRule, formatDueAt, instantDeadline,
  responsibleOptions, shortDate, sortRules, supportItems,
} from './followup';
import { en } from './i18n/en';
import { sv } from './i18n/sv';
import type { Colleague, Measure, RuleCheck } from './types';

const NOW = Date.parse('2026-11-27T10:00:00Z'); // Friday 27 Nov 2026, 11:00 in Stockholm
// 24:00 Stockholm time on Wednesday 25 November = 00:00 on the 26th = 23:00 UTC on the 25th.
const END_OF_25_NOV = '2026-11-25T23:00:00Z';

const rule = (over: Partial<RuleCheck>): RuleCheck => ({
  kind: 'police_report', state: 'pending', due_at: END_OF_25_NOV, met_at: null, ...over,
});

describe('dates for deadlines', () => {
  it('writes a short Swedish date, with the year only when it is another year', () => {
    expect(shortDate(sv, '2026-11-23T08:30:00Z', NOW)).toBe('23 nov');
    expect(shortDate(sv, '2026-03-02T08:30:00Z', NOW)).toBe('2 mars');
    expect(shortDate(sv, '2025-12-30T08:30:00Z', NOW)).toBe('30 dec 2025');
    expect(shortDate(en, '2026-11-23T08:30:00Z', NOW)).toBe('23 Nov');
    expect(shortDate(sv, null, NOW)).toBe('');
  });

  it('reads a 00:00 deadline as the end of the day before', () => {
    expect(deadlineDay(sv, END_OF_25_NOV, NOW)).toBe('25 nov');
    expect(formatDueAt(sv, END_OF_25_NOV, NOW)).toBe('25 nov kl. 24:00');
    expect(formatDueAt(en, END_OF_25_NOV, NOW)).toBe('25 Nov at midnight');
    // Summer time: 24:00 on 10 June is 22:00 UTC.
    expect(formatDueAt(sv, '2026-06-10T22:00:00Z', NOW)).toBe('10 juni kl. 24:00');
  });

  it('keeps other times as they are', () => {
    expect(deadlineDay(sv, '2026-11-25T13:30:00Z', NOW)).toBe('25 nov');
    expect(formatDueAt(sv, '2026-11-25T13:30:00Z', NOW)).toBe('25 nov kl. 14:30');
  });
});

describe('instantDeadline', () => {
  const at = (ms: number) => new Date(NOW + ms).toISOString();
  it('counts down in minutes, hours and days', () => {
    expect(instantDeadline(sv, at(30 * 60_000), NOW)).toEqual({ overdue: false, text: 'om 30 minuter' });
    expect(instantDeadline(sv, at(5.5 * 3_600_000), NOW)).toEqual({ overdue: false, text: 'om 5 timmar' });
    expect(instantDeadline(sv, at(1 * 3_600_000), NOW).text).toBe('om 1 timme');
    expect(instantDeadline(sv, at(50 * 3_600_000), NOW).text).toBe('om 2 dagar');
  });
  it('says how late once passed', () => {
    expect(instantDeadline(sv, at(-10 * 60_000), NOW)).toEqual({ overdue: true, text: 'försenad 10 minuter' });
    expect(instantDeadline(sv, at(-3 * 3_600_000), NOW)).toEqual({ overdue: true, text: 'försenad 3 timmar' });
    expect(instantDeadline(sv, at(-25 * 3_600_000), NOW)).toEqual({ overdue: true, text: 'försenad 1 dag' });
    expect(instantDeadline(sv, END_OF_25_NOV, NOW)).toEqual({ overdue: true, text: 'försenad 1 dag' });
    expect(instantDeadline(en, at(-72 * 3_600_000), NOW)).toEqual({ overdue: true, text: '3 days overdue' });
  });
});

describe('explainRule', () => {
  it('explains a breach with the working days when known', () => {
    expect(explainRule(sv, rule({ state: 'breached' }), 2, NOW).line)
      .toBe('Polisanmälan ska göras inom 2 arbetsdagar — försenad sedan 26 nov');
  });
  it('names the last day when the working days are not known', () => {
    expect(explainRule(sv, rule({ state: 'breached' }), undefined, NOW).line)
      .toBe('Polisanmälan ska göras senast 25 nov — försenad sedan 26 nov');
    expect(explainRule(sv, rule({ state: 'pending' }), undefined, NOW).line)
      .toBe('Polisanmälan ska göras senast 25 nov — inte gjort ännu');
  });
  it('says met on time, and met late with the day', () => {
    expect(explainRule(sv, rule({ state: 'met', met_at: '2026-11-24T09:00:00Z' }), 2, NOW).status)
      .toBe('uppfyllt i tid');
    expect(explainRule(sv, rule({ state: 'met_late', met_at: '2026-11-27T09:00:00Z' }), 2, NOW).line)
      .toBe('Polisanmälan ska göras inom 2 arbetsdagar — uppfyllt för sent (27 nov)');
  });
  it('has a requirement for every rule kind, "samma dag" for 0 days', () => {
    expect(explainRule(sv, rule({ kind: 'authority_notified' }), 0, NOW).line)
      .toBe('Arbetsmiljöverket ska underrättas samma dag — senast 25 nov');
    expect(explainRule(sv, rule({ kind: 'acknowledged', state: 'met' }), 1, NOW).line)
      .toBe('Chefen ska ta emot händelsen inom 1 arbetsdag — uppfyllt i tid');
    expect(explainRule(sv, rule({ kind: 'support_offered' }), 2, NOW).requirement)
      .toBe('Stöd ska erbjudas de utsatta inom 2 arbetsdagar');
    expect(explainRule(sv, rule({ kind: 'coordinator_consulted' }), 1, NOW).requirement)
      .toBe('Säkerhetssamordnaren ska rådfrågas inom 1 arbetsdag');
    expect(explainRule(sv, rule({ kind: 'chef_reports_impersonal' }), 1, NOW).requirement)
      .toBe('Chefen ska polisanmäla brott som inte riktar sig mot en enskild person inom 1 arbetsdag');
    expect(explainRule(en, rule({ state: 'breached' }), 2, NOW).line)
      .toBe('A police report must be made within 2 working days — overdue since 26 Nov');
  });
});

describe('sortRules', () => {
  it('puts breaches first, then pending, then met late, then met; by deadline within a state', () => {
    const rules = [
      rule({ kind: 'acknowledged', state: 'met', due_at: '2026-11-20T23:00:00Z' }),
      rule({ kind: 'support_offered', state: 'pending', due_at: '2026-11-30T23:00:00Z' }),
      rule({ kind: 'police_report', state: 'breached', due_at: '2026-11-25T23:00:00Z' }),
      rule({ kind: 'coordinator_consulted', state: 'met_late', due_at: '2026-11-21T23:00:00Z' }),
      rule({ kind: 'authority_notified', state: 'breached', due_at: '2026-11-23T23:00:00Z' }),
    ];
    expect(sortRules(rules).map((r) => r.kind)).toEqual([
      'authority_notified', 'police_report', 'support_offered', 'coordinator_consulted', 'acknowledged',
    ]);
    expect(breachCount(rules)).toBe(2);
    expect(breachCount(undefined)).toBe(0);
  });
});

describe('measures and support', () => {
  const m = (id: number, kind?: 'atgard' | 'stod'): Measure => ({
    id, incident_id: 1, title: `m${id}`, responsible: { id: 1, display_name: 'A' }, due_date: '2026-12-01',
    status: 'oppen', created_at: '2026-11-23T08:00:00Z', done_at: null, ...(kind ? { kind } : {}),
  });
  it('splits by kind; a measure without a kind is an åtgärd', () => {
    const all = [m(1), m(2, 'stod'), m(3, 'atgard')];
    expect(supportItems(all).map((x) => x.id)).toEqual([2]);
    expect(actionItems(all).map((x) => x.id)).toEqual([1, 3]);
  });
});

describe('errorField', () => {
  it('takes the field, or the last part of the code', () => {
    expect(errorField({ field: 'org_number', code: 'org_contact.org_number' })).toBe('org_number');
    expect(errorField({ code: 'org_contact.phone' })).toBe('phone');
    expect(errorField({ field: 'org_contact.email' })).toBe('email');
    expect(errorField(null)).toBeNull();
  });
});

describe('responsibleOptions', () => {
  const me: Colleague = { id: 7, display_name: 'Åsa Chef', unit_id: 3 };
  const colleagues: Colleague[] = [
    { id: 2, display_name: 'Örjan Ek', unit_id: 3 },
    { id: 1, display_name: 'Anna Berg', unit_id: 3 },
    { id: 3, display_name: 'Zlatan Ung', unit_id: 3 },
  ];

  it('adds the manager themself when /colleagues does not list them, sorted in Swedish order', () => {
    // Swedish: … Z, Å, Ä, Ö (a plain code-point or English sort puts Å first or Ö before Å).
    expect(responsibleOptions(colleagues, me).map((c) => c.display_name))
      .toEqual(['Anna Berg', 'Zlatan Ung', 'Åsa Chef', 'Örjan Ek']);
  });

  it('does not add the manager twice when they are listed', () => {
    const listed = [...colleagues, { ...me, display_name: 'Åsa Chef (listad)' }];
    const r = responsibleOptions(listed, me);
    expect(r.filter((c) => c.id === me.id)).toEqual([{ ...me, display_name: 'Åsa Chef (listad)' }]);
    expect(r).toHaveLength(4);
  });

  it('keeps only the id, name and unit of the manager, and leaves the input alone', () => {
    const meFull = { ...me, username: 'chef', roles: ['chef'] } as Colleague;
    const before = colleagues.map((c) => c.id);
    expect(responsibleOptions(colleagues, meFull).find((c) => c.id === me.id)).toEqual(me);
    expect(colleagues.map((c) => c.id)).toEqual(before);
    expect(responsibleOptions([], me)).toEqual([me]);
  });
});
