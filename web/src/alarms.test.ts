import { describe, expect, it } from 'vitest';
import {
  emptySiteForm, mayEnd, outcomesFor, parseFunctions, reportable, reportPrefillFromDraft, siteFormErrors, siteRequest,
  telHref, unwrapDuty, type AlarmView,
} from './alarms';

const base: AlarmView = {
  id: 1, kind: 'real', status: 'active', site: { id: 5, name: 'Storgatan 1' }, room: null, unit_id: 3,
  raised_by: { id: 10, display_name: 'Eva' }, device: null, raised_at: '2026-12-07T08:00:00Z', ring: 1, call_112: false,
  receivers: 2, delivered: 0, responders: [], ended_at: null, ended_by: null, outcome: null, outcome_note: null,
  incident_id: null, phones: { reception: '', guard: '', emergency: '112' },
};

describe('alarm helpers', () => {
  it('ending: the raiser and responders of an active alarm, and a manager', () => {
    const responded = { ...base, responders: [{ user: { id: 20, display_name: 'R' }, at: base.raised_at, seconds: 4 }] };
    expect(mayEnd(base, 10)).toBe(true);
    expect(mayEnd(base, 20)).toBe(false);
    expect(mayEnd(responded, 20)).toBe(true);
    expect(mayEnd(base, 30, true)).toBe(true);
    expect(mayEnd({ ...responded, status: 'ended' }, 10)).toBe(false);
  });

  it('a report is offered for my ended real alarm not yet reported', () => {
    const ended = { ...base, status: 'ended' as const };
    expect(reportable(ended, 10)).toBe(true);
    expect(reportable(base, 10)).toBe(false);
    expect(reportable(ended, 20)).toBe(false);
    expect(reportable({ ...ended, kind: 'test' }, 10)).toBe(false);
    expect(reportable({ ...ended, incident_id: 99 }, 10)).toBe(false);
  });

  it('offers test_ok only for tests and drills', () => {
    expect(outcomesFor('real')).not.toContain('test_ok');
    expect(outcomesFor('drill')[0]).toBe('test_ok');
  });

  it('parses function lists and tel links', () => {
    expect(parseFunctions('vakt, chef vakt okänd')).toEqual(['vakt', 'chef']);
    expect(telHref('08-123 45 67')).toBe('tel:081234567');
    expect(telHref('+46 8 12')).toBe('tel:+46812');
  });

  it('accepts PUT /duty answered with or without the {duty} wrapper', () => {
    const d = { site_id: 1, site_name: 'S', room_id: null, function: 'kollega' as const, until: 'x' };
    expect(unwrapDuty(d)).toEqual(d);
    expect(unwrapDuty({ duty: d })).toEqual(d);
    expect(unwrapDuty(null)).toBeNull();
  });

  it('validates and builds the site body', () => {
    const f = { ...emptySiteForm(''), testIntervalDays: '0', ring2AfterS: 'x' };
    expect(siteFormErrors(f)).toEqual(['unitId', 'name', 'testIntervalDays', 'ring2AfterS']);
    const ok = { ...emptySiteForm('4'), name: ' Storgatan 1 ', ring1: ['reception' as const, 'kollega' as const] };
    expect(siteFormErrors(ok)).toEqual([]);
    expect(siteRequest(ok, 'new')).toMatchObject({
      unit_id: 4, name: 'Storgatan 1', ring1: ['kollega', 'reception'], ring2: ['vakt', 'chef'], ring2_after_s: 30,
      call_112_after_s: 60, test_interval_days: 30,
    });
    expect(siteRequest(ok, 'edit')).not.toHaveProperty('unit_id');
  });

  it('prefills the report in an enhet: the site unit, else my own', () => {
    const d = { unit_id: 3, occurred_at: '2026-12-07T08:00:00Z', place_type: 'besoksrum', category: 'hot' as const,
      outside_workplace: false, tied_to_role: true, description: 'Larm i Besöksrum 2' };
    expect(reportPrefillFromDraft(d, (id) => id === 3, 9).unitId).toBe(3);
    expect(reportPrefillFromDraft(d, () => false, 9)).toMatchObject({ unitId: 9, place: 'besoksrum', description: d.description });
  });
});
