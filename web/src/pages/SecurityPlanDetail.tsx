// Säkerhetsplan: one plan — the threats, the level, who is concerned, the
// special routine of a protected case and its decision log, measures with
// owners and deadlines, and the plan's log. Whoever may not read it gets the
// server's "not found".
import { useEffect, useState } from 'preact/hooks';
import {
  addPlanMeasure, ApiError, errorMessage, getSecurityPlan, logPlanDecision, setPlanMeasureStatus, updateSecurityPlan,
} from '../api';
import { ErrorMessage, LiveStatus, Loading } from '../components/Alert';
import { Deadline } from '../components/Deadline';
import { SelectField, TextArea, TextField } from '../components/Field';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { PersonHistory } from '../components/plans/PersonHistory';
import { PlanStatusBadge, ProtectedBadge, ReviewDate, ThreatLevel } from '../components/plans/PlanBadges';
import { PlanFields, type PlanFieldErrors } from '../components/plans/PlanFields';
import { MeasureBadge } from '../components/StatusBadge';
import { loadColleagues, loadUnits } from '../data';
import { responsibleOptions } from '../followup';
import { useAction, useLoad } from '../hooks';
import { useT } from '../i18n';
import { planErrorField, planFormErrors, planLogDetail, planFormFromPlan, planPatchRequest, type PlanForm } from '../plans';
import { paths } from '../router';
import { useSession } from '../session';
import { addDays, formatDate, formatDateTime, stockholmDate } from '../time';
import type { Colleague, PlanMeasure, SecurityPlan, Unit } from '../types';
import '../styles/plans.css';

type Changed = (plan: SecurityPlan, message: string) => void;

function Facts({ p }: { p: SecurityPlan }) {
  const t = useT();
  const w = t.planDetail;
  const r = p.routine;
  const row = (label: string, value: preact.ComponentChildren) => (
    <div class="facts-row"><dt>{label}</dt><dd>{value}</dd></div>
  );
  const yesNo = (on: boolean, label: string) => (
    <li class={on ? 'routine-yes' : 'routine-no'}>
      {label}<span class="visually-hidden">: {on ? w.yes : w.no}</span>
    </li>
  );
  return (
    <section class="panel" aria-labelledby="plan-facts-heading" data-testid="plan-facts">
      <h2 id="plan-facts-heading">{w.facts}</h2>
      <dl class="facts">
        {row(t.plans.unit, p.unit_name)}
        {row(t.plans.scope, t.planScope[p.scope] ?? p.scope)}
        {p.scope === 'arende' && row(w.person, p.subject_named ? w.personNamed : w.personNone)}
        {row(t.plans.threatLevel, t.risk.levels[p.threat_level] ?? p.threat_level)}
        {row(t.plans.reviewDate, <ReviewDate date={p.review_date} overdue={p.review_overdue} labelled={false} />)}
        {row(t.planForm.people, p.people.length ? p.people.map((x) => x.display_name).join(', ') : w.noPeople)}
        {row(w.createdBy, `${p.created_by.display_name}, ${formatDate(p.created_at)}`)}
        {row(w.updated, formatDateTime(p.updated_at))}
      </dl>
      <h3>{t.planForm.threats}</h3>
      <p class="prewrap">{p.threats || w.noThreats}</p>
      {p.protected_case && r && (
        <div class="routine-box" data-testid="plan-routine">
          <h3>{w.routine}</h3>
          <dl class="facts facts--compact">
            {row(w.handledBy, r.handling_unit_name ?? p.unit_name)}
            {row(w.handlingGroup, r.handling_group.length ? r.handling_group.map((x) => x.display_name).join(', ') : w.noPeople)}
          </dl>
          <ul class="routine-list">
            {yesNo(r.omit_handlaggare_name, t.planForm.omitName)}
            {yesNo(r.secure_room_only, t.planForm.secureRoom)}
            {yesNo(r.two_staff_always, t.planForm.twoStaff)}
            {yesNo(r.no_home_visits, t.planForm.noHomeVisits)}
          </ul>
          {r.instructions && <p class="prewrap">{r.instructions}</p>}
        </div>
      )}
    </section>
  );
}

function EditPlan({ p, units, colleagues, onChanged, onClose }: {
  p: SecurityPlan; units: Unit[]; colleagues: Colleague[]; onChanged: Changed; onClose: () => void;
}) {
  const t = useT();
  const w = t.planForm;
  const [form, setForm] = useState<PlanForm>(() => planFormFromPlan(p));
  const [errors, setErrors] = useState<PlanFieldErrors>({});
  const { busy, error, setError, run } = useAction();

  const save = async (e: Event) => {
    e.preventDefault();
    const missing = planFormErrors(form);
    if (missing.length) {
      const msg = { unitId: w.missingUnit, title: w.missingTitle, reviewDate: w.missingReviewDate };
      setErrors(Object.fromEntries(missing.map((m) => [m, msg[m]])));
      setError(w.missing);
      return;
    }
    setErrors({});
    const patch = planPatchRequest(p, form);
    if (!patch) {
      onClose();
      onChanged(p, w.noChanges);
      return;
    }
    await run(async () => {
      try {
        const saved = await updateSecurityPlan(p.id, patch);
        onClose();
        onChanged(saved, w.saved);
      } catch (err) {
        const field = err instanceof ApiError ? planErrorField(err.code, err.field) : null;
        if (field) setErrors({ [field]: errorMessage(err) });
        throw err;
      }
    });
  };

  return (
    <section class="panel panel--accent" aria-labelledby="plan-edit-heading">
      <h2 id="plan-edit-heading">{w.editHeading}</h2>
      <form class="stack plan-form" onSubmit={save} noValidate data-testid="plan-edit-form">
        <PlanFields mode="edit" form={form} onChange={setForm} planUnits={[]} units={units} colleagues={colleagues}
          errors={errors} />
        <ErrorMessage>{error}</ErrorMessage>
        <div class="actions">
          <button type="submit" class="button button--primary" aria-disabled={busy ? 'true' : undefined}>{w.save}</button>
          <button type="button" class="button button--quiet" onClick={onClose}>{t.planDetail.cancelEdit}</button>
        </div>
      </form>
    </section>
  );
}

function Measures({ p, colleagues, onChanged }: { p: SecurityPlan; colleagues: Colleague[]; onChanged: Changed }) {
  const t = useT();
  const w = t.planDetail;
  const { me } = useSession();
  const measures = p.measures ?? [];
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState(() => addDays(stockholmDate(Date.now()), 14));
  const { busy, error, setError, run } = useAction();

  const add = async (e: Event) => {
    e.preventDefault();
    if (!title.trim() || !owner || !due) {
      setError(w.missingMeasure);
      return;
    }
    await run(async () => {
      const saved = await addPlanMeasure(p.id, { title: title.trim(), owner_user_id: Number(owner), due_date: due });
      setTitle('');
      setOwner('');
      onChanged(saved, w.measureAdded);
    });
  };

  const done = (m: PlanMeasure) => run(async () => {
    onChanged(await setPlanMeasureStatus(p.id, m.id, 'klar'), w.measureDone);
  });

  return (
    <section class="panel" aria-labelledby="plan-measures-heading" data-testid="plan-measures">
      <h2 id="plan-measures-heading">{w.measures}</h2>
      {measures.length === 0 ? <p class="muted">{w.noMeasures}</p> : (
        <ul class="measure-list">
          {measures.map((m) => {
            const isDone = m.status === 'klar';
            const mayMark = !isDone && p.status === 'aktiv' && (p.may_edit || m.owner.id === me.id);
            return (
              <li key={m.id} class={`measure${isDone ? ' measure--done' : ''}`} data-testid="plan-measure">
                <div class="measure-main">
                  <p class="measure-title">{m.title}</p>
                  <p class="measure-meta">
                    <span>{w.owner}: {m.owner.display_name}</span>
                    <span aria-hidden="true"> · </span>
                    <span>{w.due}: {isDone ? <Deadline due={m.due_date} done /> : <Deadline due={m.due_date} />}</span>
                    {isDone && m.done_at && (
                      <><span aria-hidden="true"> · </span><span>{t.deadline.doneOn(formatDate(m.done_at))}</span></>
                    )}
                  </p>
                </div>
                <div class="measure-side">
                  <MeasureBadge status={m.status} />
                  {mayMark && (
                    <button type="button" class="button button--secondary button--small" aria-label={w.markDoneLabel(m.title)}
                      aria-disabled={busy ? 'true' : undefined} onClick={() => void done(m)}>
                      {w.markDone}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <ErrorMessage>{error}</ErrorMessage>
      {p.may_edit && p.status === 'aktiv' && (
        <form class="subform" onSubmit={add} noValidate aria-labelledby="plan-measure-form-heading">
          <h3 id="plan-measure-form-heading">{w.addMeasureHeading}</h3>
          <TextField id="plan-measure-title" label={w.measureTitle} value={title} onValue={setTitle} maxLength={200} required />
          <div class="form-row">
            <SelectField id="plan-measure-owner" label={w.owner} value={owner} onValue={setOwner} required>
              <option value="">{w.chooseOwner}</option>
              {responsibleOptions(colleagues, me).map((c) => <option key={c.id} value={String(c.id)}>{c.display_name}</option>)}
            </SelectField>
            <TextField id="plan-measure-due" label={w.due} type="date" value={due} onValue={setDue} required />
          </div>
          <button type="submit" class="button button--primary" aria-disabled={busy ? 'true' : undefined}>{w.addMeasure}</button>
        </form>
      )}
    </section>
  );
}

function Decisions({ p, onChanged }: { p: SecurityPlan; onChanged: Changed }) {
  const t = useT();
  const w = t.planDetail;
  const decisions = (p.log ?? []).filter((e) => e.action === 'decision');
  const [text, setText] = useState('');
  const { busy, error, setError, run } = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) {
      setError(w.missingDecision);
      return;
    }
    await run(async () => {
      const saved = await logPlanDecision(p.id, text.trim());
      setText('');
      onChanged(saved, w.decisionLogged);
    });
  };

  return (
    <section class="panel panel--accent" aria-labelledby="plan-decisions-heading" data-testid="plan-decisions">
      <h2 id="plan-decisions-heading">{w.decisions}</h2>
      <p class="section-lead">{w.decisionsLead}</p>
      {decisions.length === 0 ? <p class="muted">{w.noDecisions}</p> : (
        <ol class="decision-list">
          {decisions.map((d) => (
            <li key={d.id} class="decision" data-testid="plan-decision">
              <p class="decision-meta">
                <time dateTime={d.at}>{formatDateTime(d.at)}</time> {w.logBy(d.actor.display_name)}
              </p>
              <p class="decision-text">{d.detail}</p>
            </li>
          ))}
        </ol>
      )}
      {p.may_decide && (
        <form class="subform" onSubmit={submit} noValidate>
          <TextArea id="plan-decision-text" label={w.decisionText} hint={w.decisionHint} value={text} onValue={setText}
            rows={3} maxLength={2000} />
          <ErrorMessage>{error}</ErrorMessage>
          <button type="submit" class="button button--primary" aria-disabled={busy ? 'true' : undefined}>{w.logDecision}</button>
        </form>
      )}
    </section>
  );
}

function PlanLog({ p }: { p: SecurityPlan }) {
  const t = useT();
  const w = t.planDetail;
  const log = p.log ?? [];
  const detail = (action: string, d: string) => planLogDetail(action, d, p.measures ?? [], {
    scope: t.planScope, status: t.planStatus, measureStatus: t.measureStatus,
  });
  return (
    <section class="panel" aria-labelledby="plan-log-heading" data-testid="plan-log">
      <h2 id="plan-log-heading">{w.log}</h2>
      {log.length === 0 ? <p class="muted">{w.noLog}</p> : (
        <ol class="log-list">
          {log.map((e) => (
            <li key={e.id} class="log-entry">
              <time dateTime={e.at} class="log-time">{formatDateTime(e.at)}</time>
              <p class="log-text">
                <strong>{t.planLogAction[e.action] ?? e.action}</strong>
                {detail(e.action, e.detail) && <span>: {detail(e.action, e.detail)}</span>}
                <span class="log-actor"> {w.logBy(e.actor.display_name)}</span>
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function SecurityPlanDetail({ id }: { id: number }) {
  const t = useT();
  const w = t.planDetail;
  const plan = useLoad(() => getSecurityPlan(id), [id]);
  const p = plan.data;
  const mayEdit = p?.may_edit ?? false;
  const units = useLoad(() => (mayEdit ? loadUnits() : Promise.resolve([])), [mayEdit]);
  const colleagues = useLoad(() => (mayEdit ? loadColleagues() : Promise.resolve([])), [mayEdit]);
  const [message, setMessage] = useState('');
  const [editing, setEditing] = useState(false);
  const status = useAction();

  useEffect(() => setEditing(false), [id]);

  const changed: Changed = (saved, msg) => {
    plan.setData(saved);
    setMessage(msg);
  };

  const setStatus = (next: 'aktiv' | 'avslutad') => status.run(async () => {
    if (!p) return;
    const saved = await updateSecurityPlan(p.id, { status: next, version: p.version });
    changed(saved, next === 'avslutad' ? w.closed : w.reopened);
  });

  const heading = p ? `${w.title(p.id)}: ${p.title}` : w.title(id);
  return (
    <Page title={w.title(id)} heading={heading} wide>
      <p class="back-link"><Link href={paths.plans}>← {w.back}</Link></p>
      <ErrorMessage>{plan.error}</ErrorMessage>
      {plan.loading && !p && <Loading />}
      <LiveStatus message={message} />
      {p && (
        <>
          <div class="incident-tags">
            <PlanStatusBadge status={p.status} />
            {p.protected_case && <ProtectedBadge />}
            <ThreatLevel level={p.threat_level} />
            {p.review_overdue && <span class="badge badge--overdue">{t.plans.reviewOverdue}</span>}
          </div>
          {p.history && <PersonHistory history={p.history} heading={w.history} id="plan-history" showProtected={!p.protected_case} />}
          {mayEdit && !editing && (
            <div class="actions">
              <button type="button" class="button button--secondary" onClick={() => { setMessage(''); setEditing(true); }}>
                {w.edit}
              </button>
              <button type="button" class="button button--quiet" aria-disabled={status.busy ? 'true' : undefined}
                onClick={() => void setStatus(p.status === 'aktiv' ? 'avslutad' : 'aktiv')}>
                {p.status === 'aktiv' ? w.closePlan : w.reopenPlan}
              </button>
            </div>
          )}
          <ErrorMessage>{status.error}</ErrorMessage>
          {editing && units.data && colleagues.data && (
            <EditPlan p={p} units={units.data} colleagues={colleagues.data} onChanged={changed}
              onClose={() => setEditing(false)} />
          )}
          <Facts p={p} />
          {p.protected_case && <Decisions p={p} onChanged={changed} />}
          <Measures p={p} colleagues={colleagues.data ?? []} onChanged={changed} />
          <PlanLog p={p} />
        </>
      )}
    </Page>
  );
}

