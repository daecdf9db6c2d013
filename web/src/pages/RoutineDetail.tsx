// Rutin: one routine — summary, document link and "Jag har läst och förstått"
// for staff in scope; for editors, who has acknowledged and who has not, the
// edit form, "Publicera ny version" (everyone acknowledges again, after a
// confirmation) and archiving.
import { useState } from 'preact/hooks';
import { errorMessage } from '../api';
import { ErrorMessage, LiveStatus, Loading } from '../components/Alert';
import { Dialog } from '../components/Dialog';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { RoutineBadges } from '../components/routines/RoutineBadges';
import { RoutineFields, type RoutineFieldErrors } from '../components/routines/RoutineFields';
import { loadColleagues } from '../data';
import { responsibleOptions } from '../followup';
import { useAction, useLoad } from '../hooks';
import { useT } from '../i18n';
import { paths } from '../router';
import {
  acknowledgeRoutine, ackPercent, getRoutine, routineErrorField, routineFormErrors, routineFormFrom, routinePatch,
  updateRoutine, type Routine, type RoutineForm,
} from '../routines';
import { useSession } from '../session';
import { formatDate, formatDateTime } from '../time';
import { routineMessages } from './RoutineNew';
import '../styles/plans.css';
import '../styles/routines.css';

type Changed = (r: Routine, message: string) => void;

function Acknowledge({ r, onChanged }: { r: Routine; onChanged: Changed }) {
  const t = useT();
  const w = t.routineDetail;
  const { busy, error, run } = useAction();
  if (!r.in_my_scope) return <p class="muted">{w.notInScope}</p>;
  return (
    <section class="panel panel--accent ack-box" aria-labelledby="routine-ack-heading" data-testid="routine-ack">
      <h2 id="routine-ack-heading">{w.acknowledgeHeading}</h2>
      {r.my_ack_at ? <p class="alert alert--ok">{t.routines.acknowledgedOn(formatDateTime(r.my_ack_at))}</p> : (
        <>
          <p>{w.acknowledgeLead}</p>
          {r.status === 'aktiv' && (
            <p>
              <button type="button" class="button button--primary button--large" aria-disabled={busy ? 'true' : undefined}
                onClick={() => void run(async () => onChanged(await acknowledgeRoutine(r.id), w.acknowledgedNow))}>
                {w.acknowledge}
              </button>
            </p>
          )}
        </>
      )}
      <ErrorMessage>{error}</ErrorMessage>
    </section>
  );
}

function Progress({ r }: { r: Routine }) {
  const t = useT();
  const w = t.routineDetail;
  const n = r.staff_in_scope ?? 0;
  const a = r.acknowledged ?? 0;
  const pct = ackPercent(r);
  const missing = [...(r.missing ?? [])].sort((x, y) => x.display_name.localeCompare(y.display_name, 'sv'));
  return (
    <section class="panel" aria-labelledby="routine-progress-heading" data-testid="routine-progress">
      <h2 id="routine-progress-heading">{w.progress}</h2>
      <p>{w.progressLead(a, n, pct)}</p>
      <progress class="ack-progress" max={Math.max(n, 1)} value={a} aria-label={w.progressLabel}>{pct} %</progress>
      <h3>{w.missing}</h3>
      {missing.length === 0 ? <p class="muted">{w.noneMissing}</p> : (
        <ul class="missing-list" data-testid="routine-missing">
          {missing.map((p) => <li key={p.id}>{p.display_name}</li>)}
        </ul>
      )}
    </section>
  );
}

function EditRoutine({ r, onChanged, onClose }: { r: Routine; onChanged: Changed; onClose: () => void }) {
  const t = useT();
  const w = t.routineDetail;
  const { me } = useSession();
  const colleagues = useLoad(loadColleagues, []);
  const [form, setForm] = useState<RoutineForm>(() => routineFormFrom(r));
  const [errors, setErrors] = useState<RoutineFieldErrors>({});
  const [confirm, setConfirm] = useState(false);
  const { busy, error, setError, run } = useAction();

  const owners = colleagues.data ? responsibleOptions(colleagues.data, me) : [];
  if (colleagues.data && !owners.some((c) => c.id === r.owner.id)) {
    owners.push({ id: r.owner.id, display_name: r.owner.display_name, unit_id: r.unit_id });
  }

  const check = (): boolean => {
    const missing = routineFormErrors(form, 'edit');
    if (!missing.length) {
      setErrors({});
      return true;
    }
    const msg = routineMessages(t.routineForm);
    setErrors(Object.fromEntries(missing.map((m) => [m, msg[m]])));
    setError(t.routineForm.missing);
    return false;
  };

  const send = (newVersion: boolean) => run(async () => {
    const patch = routinePatch(r, form, newVersion);
    if (!patch) {
      onClose();
      onChanged(r, w.noChanges);
      return;
    }
    try {
      const saved = await updateRoutine(r.id, patch);
      onClose();
      onChanged(saved, newVersion ? w.newVersionDone(saved.version) : w.saved);
    } catch (err) {
      const field = routineErrorField(err);
      if (field) setErrors({ [field]: errorMessage(err) });
      throw err;
    }
  });

  const save = (e: Event) => {
    e.preventDefault();
    if (check()) void send(false);
  };

  return (
    <section class="panel panel--accent" aria-labelledby="routine-edit-heading">
      <h2 id="routine-edit-heading">{t.routineForm.editHeading}</h2>
      <ErrorMessage>{colleagues.error}</ErrorMessage>
      <form class="stack" onSubmit={save} noValidate data-testid="routine-edit-form">
        <RoutineFields mode="edit" form={form} onChange={setForm} units={[]} owners={owners} errors={errors} />
        <ErrorMessage>{error}</ErrorMessage>
        <div class="actions">
          <button type="submit" class="button button--primary" aria-disabled={busy ? 'true' : undefined}>{w.save}</button>
          {r.status === 'aktiv' && (
            <button type="button" class="button button--secondary" onClick={() => { if (check()) setConfirm(true); }}>
              {w.newVersion}
            </button>
          )}
          <button type="button" class="button button--quiet" onClick={onClose}>{w.cancel}</button>
        </div>
      </form>
      <Dialog open={confirm} title={w.newVersionTitle} onClose={() => setConfirm(false)}>
        <p>{w.newVersionText}</p>
        <div class="actions">
          <button type="button" class="button button--primary" aria-disabled={busy ? 'true' : undefined}
            onClick={() => { setConfirm(false); void send(true); }}>
            {w.newVersionConfirm}
          </button>
          <button type="button" class="button button--quiet" onClick={() => setConfirm(false)}>{w.cancel}</button>
        </div>
      </Dialog>
    </section>
  );
}

export function RoutineDetail({ id }: { id: number }) {
  const t = useT();
  const w = t.routineDetail;
  const routine = useLoad(() => getRoutine(id), [id]);
  const r = routine.data;
  const [message, setMessage] = useState('');
  const [editing, setEditing] = useState(false);
  const status = useAction();

  const changed: Changed = (saved, msg) => {
    routine.setData(saved);
    setMessage(msg);
  };

  const setStatus = (next: 'aktiv' | 'arkiverad') => status.run(async () => {
    const saved = await updateRoutine(id, { status: next });
    changed(saved, next === 'arkiverad' ? w.archived : w.reactivated);
  });

  const row = (label: string, value: preact.ComponentChildren) => (
    <div class="facts-row"><dt>{label}</dt><dd>{value}</dd></div>
  );

  return (
    <Page title={w.title(id)} heading={r ? r.title : w.title(id)} wide>
      <p class="back-link"><Link href={paths.routines}>← {w.back}</Link></p>
      <ErrorMessage>{routine.error}</ErrorMessage>
      {routine.loading && !r && <Loading />}
      <LiveStatus message={message} />
      {r && (
        <>
          <div class="incident-tags"><RoutineBadges r={r} /></div>
          <section class="panel" aria-labelledby="routine-facts-heading" data-testid="routine-facts">
            <h2 id="routine-facts-heading">{w.facts}</h2>
            <dl class="facts">
              {row(t.routines.unit, r.unit_name)}
              {row(t.routines.published, `${formatDate(r.published_at)} (${t.routines.version(r.version)})`)}
              {row(t.routines.revisionDate, formatDate(r.revision_date))}
              {row(t.routines.owner, r.owner.display_name)}
            </dl>
            <h3>{w.summary}</h3>
            <p class="prewrap">{r.summary || w.noSummary}</p>
            <h3>{w.document}</h3>
            {r.document_url
              ? <p><a href={r.document_url} target="_blank" rel="noopener noreferrer">{w.openDocument}</a></p>
              : <p class="muted">{w.noDocument}</p>}
          </section>
          <Acknowledge r={r} onChanged={changed} />
          {r.may_edit && r.staff_in_scope !== undefined && <Progress r={r} />}
          {r.may_edit && !editing && (
            <div class="actions">
              <button type="button" class="button button--secondary" onClick={() => { setMessage(''); setEditing(true); }}>
                {w.edit}
              </button>
              <button type="button" class="button button--quiet" aria-disabled={status.busy ? 'true' : undefined}
                onClick={() => void setStatus(r.status === 'aktiv' ? 'arkiverad' : 'aktiv')}>
                {r.status === 'aktiv' ? w.archive : w.reactivate}
              </button>
            </div>
          )}
          <ErrorMessage>{status.error}</ErrorMessage>
          {editing && <EditRoutine r={r} onChanged={changed} onClose={() => setEditing(false)} />}
        </>
      )}
    </Page>
  );
}
