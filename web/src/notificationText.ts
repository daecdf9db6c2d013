// The sentence for a notification. The server sends codes only (kind, ref,
// unit name); the words are the app's, in the reader's language, and never
// carry a perpetrator or any detail of the incident.
import type { Dict } from './i18n/sv';
import type { CaseStatus, Notification, RuleKind } from './types';

const lowerFirst = (s: string) => (s ? s.charAt(0).toLocaleLowerCase() + s.slice(1) : s);

function ruleMissing(t: Dict, ref: string): string {
  const missing = (t.ruleMissing as Record<string, string>)[ref as RuleKind];
  return missing ?? '';
}

/** "Ny händelse i Ekonomiskt bistånd", "Regelbrott: polisanmälan saknas", … */
export function notificationText(t: Dict, n: Pick<Notification, 'kind' | 'ref' | 'unit_name'>): string {
  const w = t.notifications;
  const unit = n.unit_name || w.anyUnit;
  switch (n.kind) {
    case 'new_incident':
      return w.newIncident(unit);
    case 'serious_incident':
      return w.seriousIncident(unit);
    case 'measure_assigned':
      return w.measureAssigned;
    case 'deadline_near':
      return w.deadlineNear;
    case 'deadline_passed':
      return w.deadlinePassed;
    case 'police_status': {
      const status = (t.caseStatus as Record<string, string>)[n.ref as CaseStatus];
      return w.policeStatus(status ? lowerFirst(status) : n.ref);
    }
    case 'rule_breached':
      return w.ruleBreached(ruleMissing(t, n.ref) || lowerFirst(t.ruleState.breached));
    case 'escalation':
      // Escalations are about Arbetsmiljöverket; ref may name the rule or the authority.
      return w.escalation(ruleMissing(t, n.ref) || t.ruleMissing.authority_notified);
    case 'routine_reminder':
      return w.routineReminder;
    case 'routine_escalation': {
      // ref is "<routine id>:<how many had not acknowledged>".
      const missing = Number.parseInt(n.ref.split(':')[1] ?? '', 10);
      return w.routineEscalation(Number.isNaN(missing) ? null : missing);
    }
    case 'finding_due':
      return w.findingDue;
    default:
      return w.other;
  }
}
