// A human label and detail for a logbook entry's action code.
import type { Dict } from '../../i18n/sv';
import type { LogEntry, Measure } from '../../types';

export function logText(t: Dict, e: LogEntry, measures: Measure[]): { label: string; detail: string } {
  const label = t.logAction[e.action] ?? t.logOther(e.action);
  let detail = '';
  switch (e.action) {
    case 'status_changed': {
      const [from, to] = e.detail.split('>');
      const name = (s: string | undefined) => (s ? (t.status as Record<string, string>)[s] ?? s : '');
      detail = from && to ? `${name(from)} → ${name(to)}` : e.detail;
      break;
    }
    case 'reopened':
      detail = e.detail ? t.logReason(e.detail) : '';
      break;
    case 'updated':
      detail = e.detail
        .split(/[,\s]+/)
        .filter(Boolean)
        .map((f) => t.field[f] ?? f)
        .join(', ');
      break;
    case 'police_report': {
      // "anmald:forundersokning" or "ej_anmald:medarbetaren_avstar"
      const [what, code] = e.detail.split(':');
      if (what === 'anmald' && code) {
        detail = (t.caseStatus as Record<string, string>)[code] ?? code;
      } else if (what === 'ej_anmald') {
        const reason = code ? (t.notReportedReason as Record<string, string>)[code] ?? code : '';
        detail = [t.police.notReported, reason].filter(Boolean).join(' – ');
      } else {
        detail = e.detail;
      }
      break;
    }
    case 'authority_notified':
      detail = (t.authority as Record<string, string>)[e.detail] ?? e.detail;
      break;
    case 'support_added':
    case 'measure_added':
    case 'measure_updated': {
      const [id, status] = e.detail.split(':');
      const m = measures.find((x) => String(x.id) === id);
      const statusText = status ? (t.measureStatus as Record<string, string>)[status] ?? status : '';
      detail = [m?.title ?? '', statusText].filter(Boolean).join(' – ');
      break;
    }
    default:
      detail = '';
  }
  return { label, detail };
}
