// Loggbok: who did what, when — a human label for each action code.
import { useT } from '../../i18n';
import { formatDateTime } from '../../time';
import type { LogEntry, Measure } from '../../types';
import { logText } from './logText';

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
