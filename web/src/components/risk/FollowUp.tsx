// Uppföljning: after the meeting, did anything happen (with a one-click
// report that links back here), how useful was each decided measure (1–5),
// and how did it go.
import { useState } from 'preact/hooks';
import { followUpRiskAssessment } from '../../api';
import { useAction } from '../../hooks';
import { useLang } from '../../i18n';
import { measureOptions, ratingLabel, reportHref } from '../../risk';
import { paths } from '../../router';
import { formatDateTime } from '../../time';
import type { RiskAssessment } from '../../types';
import { ErrorMessage } from '../Alert';
import { ChoiceGroup } from '../ChoiceGroup';
import { TextArea } from '../Field';
import { Link } from '../Link';

function ReportBox({ a }: { a: RiskAssessment }) {
  const { t } = useLang();
  return (
    <div class="alert alert--info" data-testid="risk-report-box">
      <p class="alert-title">{t.risk.reportTitle}</p>
      <p>{t.risk.reportLead}</p>
      <Link href={reportHref(paths.report, a, Date.now())} class="button button--primary">
        {t.risk.reportLink}
      </Link>
    </div>
  );
}

function LinkedIncident({ id }: { id: number }) {
  const { t } = useLang();
  return (
    <p data-testid="risk-linked-incident">
      <strong>{t.risk.linkedIncident}:</strong>{' '}
      <Link href={paths.incident(id)}>{t.detail.title(id)}</Link>
    </p>
  );
}

export function FollowUp({ a, onChanged }: { a: RiskAssessment; onChanged: (a: RiskAssessment, msg: string) => void }) {
  const { t, lang } = useLang();
  const decided = measureOptions(a, lang).filter((o) => o.decided);
  const ratingOf = new Map(a.measures.map((m) => [m.code, m.rating]));
  const [happened, setHappened] = useState<'ja' | 'nej' | null>(
    a.status === 'uppfoljd' ? (a.incident_occurred ? 'ja' : 'nej') : a.incident_id ? 'ja' : null);
  const [ratings, setRatings] = useState<Record<string, number>>(() => {
    const r: Record<string, number> = {};
    for (const m of a.measures) if (m.rating) r[m.code] = m.rating;
    return r;
  });
  const [note, setNote] = useState(a.outcome_note ?? '');
  const [missing, setMissing] = useState(false);
  const { busy, error, run } = useAction();

  const save = (e: Event) => {
    e.preventDefault();
    if (!happened) {
      setMissing(true);
      document.querySelector<HTMLInputElement>('#risk-happened input')?.focus();
      return undefined;
    }
    return run(async () => {
      const next = await followUpRiskAssessment(a.id, {
        version: a.version,
        incident_occurred: happened === 'ja',
        outcome_note: note.trim(),
        ratings: decided.filter((o) => ratings[o.code]).map((o) => ({ code: o.code, rating: ratings[o.code]! })),
      });
      onChanged(next, t.risk.followedUp);
    });
  };

  const ratingOptions = [1, 2, 3, 4, 5].map((n) => ({ value: n, label: ratingLabel(t.risk, n) }));

  if (a.status === 'uppfoljd') {
    return (
      <section class="panel" aria-labelledby="risk-followup-heading" data-testid="risk-followup">
        <h2 id="risk-followup-heading">{t.risk.followUpHeading}</h2>
        {a.followed_up_by && a.followed_up_at && (
          <p>{t.risk.followedUpBy(a.followed_up_by.display_name, formatDateTime(a.followed_up_at))}</p>
        )}
        <p>{t.risk.incidentOccurred(a.incident_occurred)}</p>
        {a.incident_id !== null && <LinkedIncident id={a.incident_id} />}
        {a.incident_occurred && a.incident_id === null && a.may_follow_up && <ReportBox a={a} />}
        {decided.length > 0 && (
          <>
            <h3>{t.risk.ratingsHeading}</h3>
            <ul class="risk-measures" data-testid="risk-ratings">
              {decided.map((o) => {
                const r = ratingOf.get(o.code);
                return <li key={o.code}><strong>{o.label}:</strong> {r ? ratingLabel(t.risk, r) : t.risk.notRated}</li>;
              })}
            </ul>
          </>
        )}
        {a.outcome_note && <p class="prewrap">{a.outcome_note}</p>}
      </section>
    );
  }

  return (
    <section class="panel" aria-labelledby="risk-followup-heading" data-testid="risk-followup">
      <h2 id="risk-followup-heading">{t.risk.followUpHeading}</h2>
      <p class="section-lead">{t.risk.followUpLead}</p>
      <form class="stack-lg" onSubmit={save} noValidate data-testid="risk-followup-form">
        <ChoiceGroup<'ja' | 'nej'>
          id="risk-happened"
          legend={t.risk.happened}
          hint={t.risk.happenedHint}
          name="happened"
          compact
          options={[{ value: 'ja', label: t.common.yes }, { value: 'nej', label: t.common.no }]}
          value={happened}
          onChange={(v) => {
            setHappened(v);
            setMissing(false);
          }}
          error={missing ? t.risk.missingHappened : null}
          required
        />
        {a.incident_id !== null && <LinkedIncident id={a.incident_id} />}
        {happened === 'ja' && a.incident_id === null && <ReportBox a={a} />}

        {decided.length > 0 && (
          <fieldset class="group">
            <legend class="group-legend">{t.risk.ratingsHeading}</legend>
            {decided.map((o) => (
              <div class="rating-group" key={o.code}>
                <ChoiceGroup<number>
                  id={`risk-rating-${o.code}`}
                  legend={o.label}
                  optional={t.common.optional}
                  name={`rating-${o.code}`}
                  options={ratingOptions}
                  value={ratings[o.code] ?? null}
                  onChange={(v) => setRatings((r) => ({ ...r, [o.code]: v }))}
                />
              </div>
            ))}
          </fieldset>
        )}

        <TextArea id="risk-outcome" label={t.risk.outcomeNote} hint={t.risk.outcomeHint}
          optional={t.common.optional} value={note} onValue={setNote} rows={3} maxLength={2000} />
        <ErrorMessage>{error}</ErrorMessage>
        <button type="submit" class="button button--primary" aria-disabled={busy ? 'true' : undefined}>
          {t.risk.saveFollowUp}
        </button>
      </form>
    </section>
  );
}
