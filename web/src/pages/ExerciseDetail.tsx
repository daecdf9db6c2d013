// Övning: one exercise with its findings. Editors add findings and mark them
// done; a finding's owner can mark it done too. A finding with an owner and a
// due date is a measure (åtgärd) that is followed up.
import { useState } from 'preact/hooks';
import { ErrorMessage, LiveStatus, Loading } from '../components/Alert';
import { Deadline } from '../components/Deadline';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { FindingFields } from '../components/routines/FindingFields';
import { loadColleagues } from '../data';
import { responsibleOptions } from '../followup';
import { useAction, useLoad } from '../hooks';
import { useT } from '../i18n';
import { paths } from '../router';
import {
  addFinding, emptyFinding, findingRequest, getExercise, isMeasure, mayMarkFinding, updateFinding,
  type Exercise, type FindingRow,
} from '../routines';
import { useSession } from '../session';
import { formatDate, formatDateTime } from '../time';
import '../styles/plans.css';
import '../styles/routines.css';

type Changed = (e: Exercise, message: string) => void;

function Findings({ e, onChanged }: { e: Exercise; onChanged: Changed }) {
  const t = useT();
  const w = t.exerciseDetail;
  const { me } = useSession();
  const colleagues = useLoad(() => (e.may_edit ? loadColleagues() : Promise.resolve([])), [e.may_edit]);
  const [row, setRow] = useState<FindingRow>(emptyFinding);
  const [textError, setTextError] = useState<string | undefined>();
  const [dueError, setDueError] = useState<string | undefined>();
  const { busy, error, run } = useAction();

  const add = async (ev: Event) => {
    ev.preventDefault();
    const noText = !row.text.trim();
    const noDue = !!row.ownerId && !row.dueDate;
    setTextError(noText ? t.exerciseForm.missingFindingText : undefined);
    setDueError(noDue ? t.exerciseForm.missingFindingDue : undefined);
    if (noText || noDue) {
      document.getElementById(noText ? 'new-finding-text' : 'new-finding-due')?.focus();
      return;
    }
    await run(async () => {
      const saved = await addFinding(e.id, findingRequest(row));
      setRow(emptyFinding());
      onChanged(saved, w.added);
    });
  };

  const done = (fid: number) => run(async () => {
    onChanged(await updateFinding(e.id, fid, { status: 'klar' }), w.markedDone);
  });

  return (
    <section class="panel" aria-labelledby="exercise-findings-heading" data-testid="exercise-findings">
      <h2 id="exercise-findings-heading">{t.exerciseForm.findingsHeading}</h2>
      {e.findings.length === 0 ? <p class="muted">{w.noFindings}</p> : (
        <ul class="measure-list">
          {e.findings.map((f) => {
            const isDone = f.status === 'klar';
            return (
              <li key={f.id} class={`measure${isDone ? ' measure--done' : ''}`} data-testid="exercise-finding">
                <div class="measure-main">
                  <p class="measure-title">{f.text}</p>
                  <p class="measure-meta">
                    <span>{w.owner}: {f.owner?.display_name ?? w.noOwner}</span>
                    {f.due_date && (
                      <><span aria-hidden="true"> · </span>
                        <span>{w.due}: {isDone ? <Deadline due={f.due_date} done /> : <Deadline due={f.due_date} />}</span></>
                    )}
                    {isDone && f.done_at && <><span aria-hidden="true"> · </span><span>{w.doneOn(formatDate(f.done_at))}</span></>}
                  </p>
                </div>
                <div class="measure-side">
                  {isMeasure(f) && <span class="badge badge--measure">{w.measure}</span>}
                  <span class={`badge badge--m-${f.status}`}>{isDone ? w.done : w.open}</span>
                  {mayMarkFinding(e, f, me.id) && (
                    <button type="button" class="button button--secondary button--small" aria-label={w.markDoneLabel(f.text)}
                      aria-disabled={busy ? 'true' : undefined} onClick={() => void done(f.id)}>
                      {w.markDone}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <ErrorMessage>{error ?? colleagues.error}</ErrorMessage>
      {e.may_edit && colleagues.data && (
        <form class="subform" onSubmit={add} noValidate aria-labelledby="exercise-add-heading">
          <h3 id="exercise-add-heading">{w.addHeading}</h3>
          <FindingFields idPrefix="new-finding" row={row} onChange={setRow} owners={responsibleOptions(colleagues.data, me)}
            textError={textError} dueError={dueError} />
          <button type="submit" class="button button--primary" aria-disabled={busy ? 'true' : undefined}>{w.add}</button>
        </form>
      )}
    </section>
  );
}

export function ExerciseDetail({ id }: { id: number }) {
  const t = useT();
  const w = t.exerciseDetail;
  const ex = useLoad(() => getExercise(id), [id]);
  const e = ex.data;
  const [message, setMessage] = useState('');
  const changed: Changed = (saved, msg) => {
    ex.setData(saved);
    setMessage(msg);
  };
  const row = (label: string, value: preact.ComponentChildren) => (
    <div class="facts-row"><dt>{label}</dt><dd>{value}</dd></div>
  );
  return (
    <Page title={w.title(id)} heading={e ? `${t.exerciseKind[e.kind]}: ${e.scenario}` : w.title(id)} wide>
      <p class="back-link"><Link href={paths.exercises}>← {w.back}</Link></p>
      <ErrorMessage>{ex.error}</ErrorMessage>
      {ex.loading && !e && <Loading />}
      <LiveStatus message={message} />
      {e && (
        <>
          <section class="panel" aria-labelledby="exercise-facts-heading" data-testid="exercise-facts">
            <h2 id="exercise-facts-heading">{w.facts}</h2>
            <dl class="facts">
              {row(t.exercises.unit, e.unit_name)}
              {row(t.exercises.kind, t.exerciseKind[e.kind])}
              {row(t.exercises.heldOn, formatDate(e.held_on))}
              {e.participants > 0 && row(t.exerciseForm.participants, String(e.participants))}
              {row(w.createdBy, `${e.created_by.display_name}, ${formatDateTime(e.created_at)}`)}
            </dl>
            <h3>{t.exerciseForm.scenario}</h3>
            <p class="prewrap">{e.scenario}</p>
            {e.notes && <><h3>{t.exerciseForm.notes}</h3><p class="prewrap">{e.notes}</p></>}
          </section>
          <Findings e={e} onChanged={changed} />
        </>
      )}
    </Page>
  );
}
