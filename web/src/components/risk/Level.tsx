// The risk level with its "why", and the warning about the named person's
// earlier incidents.
import { useLang } from '../../i18n';
import { historyWarning } from '../../risk';
import { formatDate } from '../../time';
import type { RiskAssessment, SubjectHistory } from '../../types';
import { LevelDisplay } from './Badges';

export function LevelPanel({ a }: { a: RiskAssessment }) {
  const { t, lang } = useLang();
  const r = a.result;
  const level = r?.level ?? a.level;
  return (
    <section class="panel panel--accent" aria-labelledby="risk-level-heading" data-testid="risk-level-panel">
      <h2 id="risk-level-heading" class="visually-hidden">{t.risk.levelHeading}</h2>
      <LevelDisplay level={level} />
      {r && (
        <>
          <p class="risk-why" data-testid="risk-why">
            {t.risk.why(lang === 'en' ? r.explanation_en : r.explanation_sv)}
          </p>
          <h3>{t.risk.reasons}</h3>
          {r.reasons.length === 0
            ? <p class="muted">{t.risk.noReasons}</p>
            : (
              <ul class="risk-reasons">
                {r.reasons.map((x, i) => (
                  <li key={`${x.kind}-${x.factor_code ?? ''}-${i}`}>{lang === 'en' ? x.text_en : x.text_sv}</li>
                ))}
              </ul>
            )}
        </>
      )}
    </section>
  );
}

/** A clear warning when the person has earlier incidents or a protected case; a quiet line otherwise. */
export function HistoryWarning({ history }: { history: SubjectHistory }) {
  const { t } = useLang();
  const text = historyWarning(history, t.risk, formatDate);
  if (!text && !history.protected_case) {
    return <p class="alert alert--info" data-testid="risk-history">{t.risk.historyNone}</p>;
  }
  return (
    <section class="alert alert--warning" aria-labelledby="risk-history-heading" data-testid="risk-history">
      <h2 id="risk-history-heading" class="alert-title">{t.risk.historyHeading}</h2>
      {text && <p>{text}</p>}
      {history.protected_case && (
        <>
          <p class="protected-case">{t.risk.protectedCase}</p>
          <p>{t.risk.protectedCaseText}</p>
        </>
      )}
    </section>
  );
}
