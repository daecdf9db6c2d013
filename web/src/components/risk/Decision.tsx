// Åtgärder: the proposed measures, preselected for whoever may decide; the
// decision (who, when, note) once made.
import { useState } from 'preact/hooks';
import { decideRiskAssessment } from '../../api';
import { useAction } from '../../hooks';
import { useLang } from '../../i18n';
import { formatDateTime } from '../../time';
import { measureOptions } from '../../risk';
import type { RiskAssessment } from '../../types';
import { ErrorMessage } from '../Alert';
import { Checkbox, TextArea } from '../Field';

export function Decision({ a, onChanged }: { a: RiskAssessment; onChanged: (a: RiskAssessment, msg: string) => void }) {
  const { t, lang } = useLang();
  const options = measureOptions(a, lang);
  const decided = options.filter((o) => o.decided);
  const proposed = options.filter((o) => o.proposed);
  const [editing, setEditing] = useState(a.status === 'oppen');
  const [selected, setSelected] = useState<string[]>(() =>
    (a.status === 'oppen' ? proposed : decided).map((o) => o.code));
  const [note, setNote] = useState(a.decision_note ?? '');
  const { busy, error, run } = useAction();
  const canDecide = a.may_decide && a.status !== 'uppfoljd';

  const toggle = (code: string, on: boolean) =>
    setSelected((s) => (on ? [...s.filter((c) => c !== code), code] : s.filter((c) => c !== code)));

  const decide = (e: Event) => {
    e.preventDefault();
    // Keep the catalogue's order.
    const measures = options.map((o) => o.code).filter((c) => selected.includes(c));
    return run(async () => {
      const next = await decideRiskAssessment(a.id, { version: a.version, measures, note: note.trim() });
      setEditing(false);
      onChanged(next, t.risk.decided);
    });
  };

  return (
    <section class="panel" aria-labelledby="risk-measures-heading" data-testid="risk-measures">
      <h2 id="risk-measures-heading">{t.risk.measuresHeading}</h2>
      {a.status !== 'oppen' && (
        <>
          <h3>{t.risk.decidedMeasures}</h3>
          {decided.length === 0
            ? <p class="muted">{t.risk.noDecidedMeasures}</p>
            : (
              <ul class="risk-measures" data-testid="risk-decided">
                {decided.map((o) => <li key={o.code}>{o.label}</li>)}
              </ul>
            )}
          {a.decided_by && a.decided_at && (
            <p data-testid="risk-decided-by">{t.risk.decidedBy(a.decided_by.display_name, formatDateTime(a.decided_at))}</p>
          )}
          {a.decision_note && <p class="prewrap">{a.decision_note}</p>}
          {canDecide && !editing && (
            <button type="button" class="button button--secondary" onClick={() => setEditing(true)}>
              {t.risk.changeDecision}
            </button>
          )}
        </>
      )}

      {a.status === 'oppen' && !a.may_decide && (
        <>
          <h3>{t.risk.proposedMeasures}</h3>
          {proposed.length === 0
            ? <p class="muted">{t.risk.noProposed}</p>
            : <ul class="risk-measures">{proposed.map((o) => <li key={o.code}>{o.label}</li>)}</ul>}
          <p class="muted">{t.risk.waitingDecision}</p>
        </>
      )}

      {canDecide && editing && (
        <form class="stack" onSubmit={decide} noValidate data-testid="risk-decision-form">
          <fieldset class="group">
            <legend class="group-legend">{t.risk.proposedMeasures}</legend>
            <p class="field-hint">{proposed.length === 0 ? t.risk.noProposed : t.risk.proposedHint}</p>
            {options.map((o) => (
              <Checkbox key={o.code} id={`risk-measure-${o.code}`} label={o.label}
                hint={o.proposed ? t.risk.proposed : undefined}
                checked={selected.includes(o.code)} onChange={(v) => toggle(o.code, v)} />
            ))}
          </fieldset>
          <TextArea id="risk-decision-note" label={t.risk.decisionNote} optional={t.common.optional}
            value={note} onValue={setNote} rows={3} maxLength={2000} />
          <ErrorMessage>{error}</ErrorMessage>
          <div class="actions">
            <button type="submit" class="button button--primary" aria-disabled={busy ? 'true' : undefined}>
              {t.risk.decide}
            </button>
            {a.status !== 'oppen' && (
              <button type="button" class="button button--quiet" onClick={() => setEditing(false)}>
                {t.risk.cancel}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
