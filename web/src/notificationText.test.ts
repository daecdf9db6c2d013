import { describe, expect, it } from 'vitest';
import { en } from './i18n/en';
import { sv } from './i18n/sv';
import { notificationText } from './notificationText';
import { NOTIFICATION_KINDS, type NotificationKind } from './types';

const n = (kind: NotificationKind, ref = '', unit_name: string | null = 'Ekonomiskt bistånd') =>
  ({ kind, ref, unit_name });

describe('notificationText', () => {
  it('writes a Swedish sentence for each kind from codes only', () => {
    expect(notificationText(sv, n('new_incident'))).toBe('Ny händelse i Ekonomiskt bistånd');
    expect(notificationText(sv, n('serious_incident'))).toBe('Allvarlig händelse i Ekonomiskt bistånd');
    expect(notificationText(sv, n('measure_assigned', '12'))).toBe('Du är ansvarig för en ny åtgärd');
    expect(notificationText(sv, n('deadline_near', '12'))).toBe('Åtgärd ska snart vara klar');
    expect(notificationText(sv, n('deadline_passed', '12'))).toBe('Åtgärd försenad');
    expect(notificationText(sv, n('police_status', 'forundersokning')))
      .toBe('Polisärendet har ändrat status: förundersökning inledd');
    expect(notificationText(sv, n('rule_breached', 'police_report'))).toBe('Regelbrott: polisanmälan saknas');
    expect(notificationText(sv, n('escalation', 'authority_notified')))
      .toBe('Eskalering: Arbetsmiljöverket har inte underrättats');
  });

  it('words routine and exercise notifications, with how many have not acknowledged', () => {
    expect(notificationText(sv, n('routine_reminder', '7', null)))
      .toBe('Påminnelse: bekräfta att du har läst en rutin');
    expect(notificationText(sv, n('routine_escalation', '7:3', null)))
      .toBe('Eskalering: 3 medarbetare har inte bekräftat en rutin');
    expect(notificationText(sv, n('routine_escalation', '7:1', null)))
      .toBe('Eskalering: 1 medarbetare har inte bekräftat en rutin');
    expect(notificationText(sv, n('routine_escalation', '7', null)))
      .toBe('Eskalering: medarbetare har inte bekräftat en rutin');
    expect(notificationText(en, n('routine_escalation', '7:2', null)))
      .toBe('Escalation: 2 employees have not confirmed a routine');
    expect(notificationText(sv, n('finding_due', '4:9', null))).toBe('Åtgärd från en övning försenad');
  });

  it('copes with an unknown ref or unit', () => {
    expect(notificationText(sv, n('escalation', 'arbetsmiljoverket')))
      .toBe('Eskalering: Arbetsmiljöverket har inte underrättats');
    expect(notificationText(sv, n('new_incident', '', null))).toBe('Ny händelse i din enhet');
    expect(notificationText(sv, n('rule_breached', 'something_new'))).toBe('Regelbrott: regelbrott');
    expect(notificationText(sv, n('police_status', 'okand'))).toBe('Polisärendet har ändrat status: okand');
    expect(notificationText(sv, { kind: 'other' as NotificationKind, ref: '', unit_name: null }))
      .toBe('Ny avisering');
  });

  it('has a sentence for every kind in both languages', () => {
    for (const d of [sv, en]) {
      for (const k of NOTIFICATION_KINDS) {
        const s = notificationText(d, n(k, k === 'police_status' ? 'dom' : 'police_report'));
        expect(s).toBeTruthy();
        expect(s).not.toBe(d.notifications.other);
      }
    }
    expect(notificationText(en, n('police_status', 'atal')))
      .toBe('The police case has a new status: charges brought');
  });
});
