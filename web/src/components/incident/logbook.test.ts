import { describe, expect, it } from 'vitest';
import { sv } from '../../i18n/sv';
import type { LogEntry, Measure } from '../../types';
import { logText } from './logText';

const entry = (action: string, detail = ''): LogEntry =>
  ({ id: 1, at: '2026-11-23T08:30:00Z', actor: { id: 2, display_name: 'Karin Berg' }, action, detail });
const measure: Measure = {
  id: 7, incident_id: 1, title: 'Larmknapp', responsible: { id: 2, display_name: 'Karin Berg' },
  due_date: '2026-11-30', status: 'klar', created_at: '2026-11-23T08:30:00Z', done_at: null,
};

describe('logbook labels', () => {
  it('reads every action code of the contract', () => {
    expect(logText(sv, entry('created'), [])).toEqual({ label: 'Händelsen rapporterades', detail: '' });
    expect(logText(sv, entry('status_changed', 'ny>mottagen'), []))
      .toEqual({ label: 'Status ändrad', detail: 'Ny → Mottagen' });
    expect(logText(sv, entry('reopened', 'Ny information'), []))
      .toEqual({ label: 'Händelsen återöppnades', detail: 'Anledning: Ny information' });
    expect(logText(sv, entry('updated', 'severity,sensitive'), []))
      .toEqual({ label: 'Uppgifter ändrade', detail: 'allvarlighet, känslig' });
    expect(logText(sv, entry('note_added', '3'), [])).toEqual({ label: 'Anteckning tillagd', detail: '' });
    expect(logText(sv, entry('measure_added', '7'), [measure]))
      .toEqual({ label: 'Åtgärd tillagd', detail: 'Larmknapp' });
    expect(logText(sv, entry('measure_updated', '7:klar'), [measure]))
      .toEqual({ label: 'Åtgärd uppdaterad', detail: 'Larmknapp – Klar' });
  });

  it('reads the after-incident codes (issue 4)', () => {
    expect(logText(sv, entry('police_report', 'anmald:forundersokning'), []))
      .toEqual({ label: 'Polisanmälan registrerad', detail: 'Förundersökning inledd' });
    expect(logText(sv, entry('police_report', 'ej_anmald:medarbetaren_avstar'), []))
      .toEqual({ label: 'Polisanmälan registrerad', detail: 'Ej anmäld – Medarbetaren avstår' });
    expect(logText(sv, entry('authority_notified', 'arbetsmiljoverket'), []))
      .toEqual({ label: 'Myndighet underrättad', detail: 'Arbetsmiljöverket' });
    const support = { ...measure, id: 8, title: 'Avlastningssamtal', kind: 'stod' as const };
    expect(logText(sv, entry('support_added', '8'), [support]))
      .toEqual({ label: 'Stöd tillagt', detail: 'Avlastningssamtal' });
    expect(logText(sv, entry('updated', 'aimed_at_person,coordinator_consulted'), [])).toEqual({
      label: 'Uppgifter ändrade', detail: 'riktat mot en person, säkerhetssamordnaren rådfrågad',
    });
  });

  it('falls back for unknown codes', () => {
    expect(logText(sv, entry('exported'), []).label).toBe('Händelse i loggen (exported)');
  });
});
