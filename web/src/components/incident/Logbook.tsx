// Loggbok: who did what, when — a human label for each action code.
import { useT, type Dict } from '../../i18n';
import { formatDateTime } from '../../time';
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

export function Logbook({ log, measures }: { log: LogEntry[]; measures: Measure[] }) {
  const t = useT();
  return (
    <section class="panel" aria-labelledby="log-heading">
      <h2 id="log-heading">{t.detail.log}</h2>
      {log.length === 0
        ? <p class="muted">{t.detail.noLog}</p>
        : (
          <ol class="log-list">
            {log.map((e) => {
              const { label, detail } = logText(t, e, measures);
              return (
                <li key={e.id} class="log-entry">
                  <time dateTime={e.at} class="log-time">{formatDateTime(e.at)}</time>
                  <p class="log-text">
                    <strong>{label}</strong>
                    {detail && <span>: {detail}</span>}
                    <span class="log-actor"> {t.detail.logBy(e.actor.display_name)}</span>
                  </p>
                </li>
              );
            })}
          </ol>
        )}
    </section>
  );
}
