// Rapportera händelse: the one-minute, phone-first report. Only category and
// time are required; the draft is saved while typing and cleared on send.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, createIncident, errorMessage, linkRiskIncident } from '../api';
import { ErrorMessage } from '../components/Alert';
import { ChoiceGroup } from '../components/ChoiceGroup';
import { ColleaguePicker } from '../components/ColleaguePicker';
import { Checkbox, SelectField, TextArea } from '../components/Field';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { UnitOptions } from '../components/UnitOptions';
import { loadColleagues, loadUnits } from '../data';
import { clearDraft, loadDraft, saveDraft } from '../draft';
import { useLoad } from '../hooks';
import { useT } from '../i18n';
import {
  emptyReport, impliesSerious, isDirty, toNewIncident, type ReportErrors, type ReportForm,
} from '../reportForm';
import { readReportPrefill } from '../risk';
import { getReportDraft, reportPrefillFromDraft } from '../alarms';
import { paths } from '../router';
import { useSession } from '../session';
import { utcMsToStockholmLocalInput } from '../time';
import {
  CATEGORIES, INJURIES, PERPETRATOR_RELATIONS, PLACE_TYPES, SEVERITIES, type CreatedIncident,
  type Severity,
} from '../types';

/** The confirmation names the chef first, then skyddsombud, then the rest. */
const ROLE_ORDER = ['chef', 'skyddsombud', 'sakerhetssamordnare'];
const roleOrder = (role: string) => {
  const i = ROLE_ORDER.indexOf(role);
  return i < 0 ? ROLE_ORDER.length : i;
};

export function Report() {
  const t = useT();
  const { me } = useSession();
  const units = useLoad(loadUnits, []);
  const colleagues = useLoad(loadColleagues, []);

  // Opened from a risk assessment (?riskbedomning=…): its unit, time and place, and the link after sending.
  const [prefill] = useState(() => readReportPrefill(window.location.search, PLACE_TYPES));
  const [linkNote, setLinkNote] = useState('');
  // Opened from an ended alarm (?larm=…): the report draft fills the form, and alarm_id links the report.
  const [alarmId] = useState(() => {
    const v = new URLSearchParams(window.location.search).get('larm') ?? '';
    return /^\d+$/.test(v) ? Number(v) : null;
  });
  const [alarmPrefilled, setAlarmPrefilled] = useState(false);
  const defaults = useMemo(() => {
    const d = emptyReport(me.unit_id, Date.now());
    return prefill ? { ...d, unitId: prefill.unitId ?? d.unitId, when: prefill.when ?? d.when,
      place: prefill.place ?? d.place } : d;
  }, [me.unit_id]);
  const [initial] = useState<ReportForm | null>(() => {
    if (prefill || alarmId !== null) return null;
    const draft = loadDraft<Partial<ReportForm>>(me.id);
    return draft && isDirty({ ...defaults, ...draft }, defaults) ? { ...defaults, ...draft } : null;
  });
  const [restored, setRestored] = useState(initial !== null);
  const [form, setForm] = useState<ReportForm>(initial ?? defaults);
  const [errors, setErrors] = useState<ReportErrors>({});
  const [serverError, setServerError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CreatedIncident | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLHeadingElement>(null);

  const set = <K extends keyof ReportForm>(key: K, value: ReportForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (key === 'category' || key === 'when') setErrors((e) => ({ ...e, [key]: undefined }));
  };

  useEffect(() => {
    if (alarmId === null) return;
    Promise.all([getReportDraft(alarmId), loadUnits()]).then(([d, unitList]) => {
      const p = reportPrefillFromDraft(d, (id) => unitList.some((u) => u.id === id && u.kind === 'enhet'), me.unit_id);
      const ms = Date.parse(p.occurredAt);
      setForm((f) => ({
        ...f,
        category: 'hot',
        when: Number.isFinite(ms) ? utcMsToStockholmLocalInput(ms) : f.when,
        place: (PLACE_TYPES as readonly string[]).includes(p.place) ? p.place as ReportForm['place'] : f.place,
        unitId: p.unitId,
        outside: p.outside,
        tiedToRole: p.tiedToRole,
        description: p.description,
      }));
      setAlarmPrefilled(true);
    }, (err: unknown) => setServerError(errorMessage(err)));
  }, [alarmId]);

  // Save the draft shortly after each change.
  useEffect(() => {
    if (result || alarmId !== null) return undefined;
    const timer = setTimeout(() => {
      if (isDirty(form, defaults)) saveDraft(me.id, form);
      else clearDraft(me.id);
    }, 300);
    return () => clearTimeout(timer);
  }, [form, result]);

  useEffect(() => {
    if (result) confirmRef.current?.focus();
  }, [result]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setServerError(null);
    const built = toNewIncident(form, me.id, Date.now());
    if (!built.ok) {
      setErrors(built.errors);
      setTimeout(() => summaryRef.current?.focus());
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const created = await createIncident(alarmId !== null ? { ...built.body, alarm_id: alarmId } : built.body);
      clearDraft(me.id);
      if (prefill) {
        try {
          await linkRiskIncident(prefill.assessmentId, created.incident.id);
          setLinkNote(t.risk.reportLinked);
        } catch (err) {
          setLinkNote(t.risk.reportLinkFailed(errorMessage(err)));
        }
      }
      setResult(created);
    } catch (err) {
      setServerError(err instanceof ApiError ? err : errorMessage(err));
      setTimeout(() => summaryRef.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  const reset = () => {
    clearDraft(me.id);
    setForm(emptyReport(me.unit_id, Date.now()));
    setErrors({});
    setServerError(null);
    setRestored(false);
  };

  if (result) {
    const people = [...result.informed]
      .sort((a, b) => roleOrder(a.role) - roleOrder(b.role))
      .map((p) => ({ role: p.role, name: p.display_name }));
    return (
      <Page title={t.report.title}>
        <section class="confirmation" data-testid="report-confirmation" aria-labelledby="confirm-title">
          <h2 id="confirm-title" ref={confirmRef} tabIndex={-1}>{t.report.confirmTitle}</h2>
          <p class="confirmation-informed">{t.informed(people)}</p>
          <p>{t.report.confirmNext}</p>
          {prefill && linkNote && <p data-testid="report-risk-link">{linkNote}</p>}
          <div class="actions">
            {prefill && (
              <Link href={paths.riskAssessment(prefill.assessmentId)} class="button button--secondary">
                {t.risk.backToAssessment}
              </Link>
            )}
            <Link href={paths.incident(result.incident.id)} class="button button--primary">
              {t.report.viewReport}
            </Link>
            <button type="button" class="button button--secondary" onClick={() => {
              setResult(null);
              reset();
            }}>
              {t.report.reportAnother}
            </button>
          </div>
        </section>
      </Page>
    );
  }

  const fieldError = (name: 'category' | 'when') => {
    if (errors[name]) return t.report[errors[name]!];
    if (serverError instanceof ApiError) {
      if (name === 'category' && serverError.field === 'category') return serverError.message;
      if (name === 'when' && serverError.field === 'occurred_at') return serverError.message;
    }
    return null;
  };
  const clientErrors = (['category', 'when'] as const).filter((k) => errors[k]);
  const unitList = units.data ?? [];

  return (
    <Page title={t.report.title}>
      <p class="lead">{t.report.intro}</p>
      {prefill && <p class="alert alert--info">{t.risk.reportFromAssessment}</p>}
      {alarmPrefilled && <p class="alert alert--info" data-testid="report-from-alarm">{t.alarm.reportFromAlarm}</p>}
      {restored && (
        <div class="alert alert--info" role="status">
          <p>{t.report.draftRestored}</p>
          <button type="button" class="button button--secondary button--small" onClick={reset}>
            {t.report.discardDraft}
          </button>
        </div>
      )}

      <div ref={summaryRef} tabIndex={-1} class="summary-anchor">
        {clientErrors.length > 0 && (
          <div class="alert alert--error" role="alert">
            <p class="alert-title">{t.report.fixErrors}</p>
            <ul>
              {clientErrors.map((k) => (
                <li key={k}>
                  <a href={k === 'category' ? '#report-category' : '#report-when'} onClick={(ev) => {
                    ev.preventDefault();
                    const el = k === 'category'
                      ? document.querySelector<HTMLInputElement>('#report-category input')
                      : document.getElementById('report-when');
                    el?.focus();
                  }}>{t.report[errors[k]!]}</a>
                </li>
              ))}
            </ul>
          </div>
        )}
        {serverError && (
          <ErrorMessage>{serverError instanceof ApiError ? serverError.message : serverError}</ErrorMessage>
        )}
      </div>

      <form class="report-form stack-lg" onSubmit={submit} noValidate>
        <ChoiceGroup
          id="report-category"
          legend={t.report.category}
          name="category"
          options={CATEGORIES.map((c) => ({ value: c, label: t.category[c] }))}
          value={form.category || null}
          onChange={(v) => set('category', v)}
          error={fieldError('category')}
          required
        />

        <div class={`field${fieldError('when') ? ' field--error' : ''}`}>
          <label for="report-when" class="field-label">{t.report.when}</label>
          <p id="report-when-hint" class="field-hint">{t.report.whenHint}</p>
          {fieldError('when') && <p id="report-when-error" class="field-error">{fieldError('when')}</p>}
          <div class="input-row">
            <input
              id="report-when"
              type="datetime-local"
              class="input"
              value={form.when}
              required
              max={utcMsToStockholmLocalInput(Date.now() + 60 * 60_000)}
              onInput={(e) => set('when', e.currentTarget.value)}
              aria-invalid={fieldError('when') ? 'true' : undefined}
              aria-describedby={`report-when-hint${fieldError('when') ? ' report-when-error' : ''}`}
            />
            <button type="button" class="button button--secondary" aria-label={t.report.setNowLabel}
              onClick={() => set('when', utcMsToStockholmLocalInput(Date.now()))}>
              {t.report.setNow}
            </button>
          </div>
        </div>

        <ChoiceGroup
          legend={t.report.place}
          optional={t.common.optional}
          name="place"
          options={PLACE_TYPES.map((p) => ({ value: p, label: t.place[p] }))}
          value={form.place || null}
          onChange={(v) => {
            set('place', v);
            if (v === 'utanfor_arbetsplatsen') set('outside', true);
          }}
        />

        <TextArea
          id="report-description"
          label={t.report.description}
          optional={t.common.optional}
          hint={t.report.descriptionHint}
          value={form.description}
          onValue={(v) => set('description', v)}
          rows={4}
          maxLength={8000}
        />

        <fieldset class="group">
          <legend class="group-legend">{t.report.exposed}</legend>
          <Checkbox label={t.report.exposedMe} checked={form.exposedMe}
            onChange={(v) => set('exposedMe', v)} />
          {colleagues.data && (
            <ColleaguePicker
              colleagues={colleagues.data}
              units={unitList}
              selected={form.colleagues}
              onChange={(ids) => set('colleagues', ids)}
              excludeId={me.id}
              myUnitId={me.unit_id}
            />
          )}
          {colleagues.error && <ErrorMessage>{colleagues.error}</ErrorMessage>}
        </fieldset>

        <fieldset class="group">
          <legend class="group-legend">{t.report.circumstances}</legend>
          <Checkbox label={t.report.outsideWorkplace} checked={form.outside}
            onChange={(v) => set('outside', v)} />
          <Checkbox label={t.report.tiedToRole} checked={form.tiedToRole}
            onChange={(v) => set('tiedToRole', v)} />
          <Checkbox label={t.report.weapon} checked={form.weapon} onChange={(v) => set('weapon', v)} />
          <Checkbox label={t.report.deathThreat} checked={form.deathThreat}
            onChange={(v) => set('deathThreat', v)} />
        </fieldset>

        <ChoiceGroup
          legend={t.report.injury}
          optional={t.common.optional}
          name="injury"
          compact
          options={INJURIES.map((i) => ({ value: i, label: t.injury[i] }))}
          value={form.injury || null}
          onChange={(v) => set('injury', v)}
        />

        <ChoiceGroup<number>
          legend={t.report.severity}
          optional={t.common.optional}
          name="severity"
          compact
          hint={impliesSerious(form) ? t.report.severityRaised : undefined}
          options={[
            { value: 0, label: t.report.severityUnknown },
            ...SEVERITIES.map((s) => ({ value: s as number, label: t.severity[s]! })),
          ]}
          value={form.severity}
          onChange={(v) => set('severity', v as Severity | 0)}
        />

        <SelectField
          id="report-unit"
          label={t.report.unit}
          hint={t.report.unitHint}
          value={String(form.unitId)}
          onValue={(v) => set('unitId', Number(v))}
        >
          {unitList.length === 0 || !unitList.some((u) => u.id === form.unitId && u.kind === 'enhet')
            ? <option value={String(form.unitId)}>
                {unitList.find((u) => u.id === form.unitId)?.name ?? t.common.loading}
              </option>
            : null}
          <UnitOptions units={unitList} kinds={['enhet']} />
        </SelectField>

        <fieldset class="group">
          <legend class="group-legend">{t.report.perpetrator} <span class="field-optional">{t.common.optional}</span></legend>
          <ChoiceGroup<string>
            legend={t.report.relation}
            name="relation"
            compact
            options={[
              { value: '', label: t.report.relationUnknown },
              ...PERPETRATOR_RELATIONS.map((r) => ({ value: r as string, label: t.relation[r] })),
            ]}
            value={form.relation}
            onChange={(v) => set('relation', v as ReportForm['relation'])}
          />
          <TextArea
            id="report-perpetrator-note"
            label={t.report.perpetratorNote}
            hint={t.report.perpetratorNoteHint}
            value={form.perpetratorNote}
            onValue={(v) => set('perpetratorNote', v)}
            rows={2}
            maxLength={2000}
          />
        </fieldset>

        <Checkbox label={t.report.sensitive} hint={t.report.sensitiveHint} checked={form.sensitive}
          onChange={(v) => set('sensitive', v)} />

        <div class="submit-bar">
          <button type="submit" class="button button--primary button--large"
            aria-disabled={busy ? 'true' : undefined}>
            {t.report.submit}
          </button>
          <p class="field-hint">{t.report.draftSaved}</p>
          {isDirty(form, defaults) && (
            <button type="button" class="button button--quiet" onClick={reset}>
              {t.report.discardDraft}
            </button>
          )}
        </div>
      </form>
    </Page>
  );
}
