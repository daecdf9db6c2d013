import { describe, expect, it } from 'vitest';
import { emptyReport, isDirty, toNewIncident } from './reportForm';

const NOW = Date.parse('2026-11-23T08:30:00Z');

describe('report form', () => {
  it('defaults to now in Stockholm, my unit and me as exposed', () => {
    const f = emptyReport(7, NOW);
    expect(f.when).toBe('2026-11-23T09:30');
    expect(f.unitId).toBe(7);
    expect(f.exposedMe).toBe(true);
    expect(f.tiedToRole).toBe(true);
  });

  it('requires only category and time', () => {
    const f = emptyReport(7, NOW);
    const r = toNewIncident(f, 3, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual({ category: 'missingCategory' });
    const ok = toNewIncident({ ...f, category: 'hot' }, 3, NOW);
    expect(ok).toEqual({
      ok: true,
      body: {
        category: 'hot', occurred_at: '2026-11-23T08:30:00Z', unit_id: 7, outside_workplace: false,
        tied_to_role: true, exposed_user_ids: [3], weapon: false, death_threat: false,
        sensitive: false,
      },
    });
  });

  it('rejects missing, invalid and future times', () => {
    const f = { ...emptyReport(7, NOW), category: 'vald' as const };
    expect(toNewIncident({ ...f, when: '' }, 3, NOW)).toEqual({ ok: false, errors: { when: 'missingWhen' } });
    expect(toNewIncident({ ...f, when: '2026-02-30T10:00' }, 3, NOW))
      .toEqual({ ok: false, errors: { when: 'invalidWhen' } });
    expect(toNewIncident({ ...f, when: '2026-11-23T12:00' }, 3, NOW))
      .toEqual({ ok: false, errors: { when: 'futureWhen' } });
  });

  it('sends optional fields only when given, trimmed', () => {
    const f = {
      ...emptyReport(7, NOW), category: 'hot' as const, place: 'reception' as const, exposedMe: false,
      colleagues: [5, 3, 9], injury: 'lindrig' as const, severity: 2 as const,
      description: '  Skrek och hotade  ', relation: 'brukare' as const, perpetratorNote: ' ',
    };
    const r = toNewIncident(f, 3, NOW);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.body.exposed_user_ids).toEqual([5, 9]);
      expect(r.body.place_type).toBe('reception');
      expect(r.body.description).toBe('Skrek och hotade');
      expect(r.body.perpetrator_relation).toBe('brukare');
      expect(r.body).not.toHaveProperty('perpetrator_note');
      expect(r.body.severity).toBe(2);
    }
  });

  it('knows when the form has been touched', () => {
    const d = emptyReport(7, NOW);
    expect(isDirty({ ...d, when: '2026-11-23T10:00' }, d)).toBe(false);
    expect(isDirty({ ...d, description: 'x' }, d)).toBe(true);
  });
});
