// Ny riskbedömning / Ändra riskbedömning: the meeting, who takes part, the
// person (optional, write-only) and the template's risk factors as yes/no
// questions. Saving computes the level on the server and opens the assessment.
import { useMemo, useRef, useState } from 'preact/hooks';
import {
  ApiError, createRiskAssessment, errorMessage, getRiskAssessment, getRiskTemplate, updateRiskAssessment,
} from '../api';
import { ErrorMessage, Loading } from '../components/Alert';
import { ChoiceGroup } from '../components/ChoiceGroup';
import { ColleaguePicker } from '../components/ColleaguePicker';
import { Checkbox, SelectField, TextField } from '../components/Field';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import '../styles/risk.css';
import { setFlash } from '../components/risk/flash';
import { loadColleagues, loadUnits } from '../data';
import { useLoad } from '../hooks';
import { useLang } from '../i18n';
import {
  assessableUnits, emptyRiskForm, formFromAssessment, forvaltningOf, toAssessmentPatch, toNewAssessment,
  type RiskForm, type RiskFormErrors,
} from '../risk';
import { navigate, paths } from '../router';
import { useSession } from '../session';
import {
  MEETING_TYPES, SUBJECT_KINDS, type Colleague, type RiskAssessment, type RiskTemplate, type SubjectKind,
  type Unit,
} from '../types';
import { unitLabel } from '../units';

type FieldKey = keyof RiskFormErrors;

const ANCHORS: Record<FieldKey, string> = {
  meetingType: '#risk-meeting-type input',
  when: '#risk-when',
  title: '#risk-title',
  unitId: '#risk-unit',
};

/** Server error fields → form fields. */
const SERVER_FIELDS: Record<string, FieldKey | 'identifier'> = {
  meeting_type: 'meetingType',
  event_at: 'when',
  title: 'title',
  unit_id: 'unitId',
  subject: 'identifier',
  identifier: 'identifier',
  'subject.identifier': 'identifier',
};

export function RiskAssessmentForm({ id }: { id?: number }) {
  const { t } = useLang();
  const units = useLoad(loadUnits, []);
  const colleagues = useLoad(loadColleagues, []);
  const existing = useLoad<RiskAssessment | null>(
    () => (id ? getRiskAssessment(id) : Promise.resolve(null)), [id]);
  const title = id ? t.risk.editTitle : t.risk.newTitle;
  const error = units.error ?? existing.error;
  const ready = units.data && (!id || existing.data);

  return (
    <Page title={title}>
      <p class="back-link">
        <Link href={id ? paths.riskAssessment(id) : paths.riskAssessments}>
          ← {id ? t.risk.backToAssessment : t.risk.back}
        </Link>
      </p>
      <ErrorMessage>{error}</ErrorMessage>
      {!ready && !error && <Loading />}
      {ready && (
        <FormBody units={units.data!} colleagues={colleagues.data ?? null}
          colleaguesError={colleagues.error} existing={existing.data ?? null} />
      )}
    </Page>
  );
}

function FormBody({ units, colleagues, colleaguesError, existing }: {
  units: Unit[];
  colleagues: Colleague[] | null;
  colleaguesError: string | null;
  existing: RiskAssessment | null;
}) {
  const { t, lang } = useLang();
  const { me } = useSession();
  const choosable = useMemo(() => assessableUnits(units, me), [units, me]);
  const [form, setForm] = useState<RiskForm>(() => {
    if (existing) return formFromAssessment(existing);
    const own = choosable.find((u) => u.id === me.unit_id) ?? choosable[0];
    return emptyRiskForm(own?.id ?? me.unit_id);
  });
  const [errors, setErrors] = useState<RiskFormErrors>({});
  const [serverError, setServerError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  // The template: the version an existing assessment was made with, else the
  // förvaltning's current one (it follows the chosen unit).
  const forvaltning = existing ? existing.forvaltning_id : forvaltningOf(units, form.unitId);
  const template = useLoad<RiskTemplate | null>(
    () => (existing?.template ? Promise.resolve(existing.template)
      : forvaltning ? getRiskTemplate(forvaltning) : Promise.resolve(null)),
    [existing?.id, forvaltning]);
  const factors = template.data?.factors ?? [];
  const codes = factors.map((f) => f.code);

  const set = <K extends keyof RiskForm>(key: K, value: RiskForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (key in ANCHORS) setErrors((e) => ({ ...e, [key]: undefined }));
  };
  const answer = (code: string, yes: boolean) =>
    setForm((f) => ({ ...f, answers: { ...f.answers, [code]: yes } }));

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || !template.data) return;
    setServerError(null);
    const built = existing ? toAssessmentPatch(form, existing, codes) : toNewAssessment(form, me.id, codes);
    if (!built.ok) {
      setErrors(built.errors);
      setTimeout(() => summaryRef.current?.focus());
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const saved = existing
        ? await updateRiskAssessment(existing.id, (built as ReturnType<typeof toAssessmentPatch> & { ok: true }).body)
        : await createRiskAssessment((built as ReturnType<typeof toNewAssessment> & { ok: true }).body);
      // The number is never kept once sent.
      setForm((f) => ({ ...f, identifier: '' }));
      setFlash(t.risk.created);
      navigate(paths.riskAssessment(saved.id));
    } catch (err) {
      setServerError(err instanceof ApiError ? err : errorMessage(err));
      setTimeout(() => summaryRef.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (name: FieldKey | 'identifier'): string | null => {
    if (name !== 'identifier' && errors[name]) return t.risk[errors[name]!];
    if (serverError instanceof ApiError && serverError.field && SERVER_FIELDS[serverError.field] === name) {
      return serverError.message;
    }
    return null;
  };
  const clientErrors = (Object.keys(ANCHORS) as FieldKey[]).filter((k) => errors[k]);
  const label = (f: { label_sv: string; label_en: string }) => (lang === 'en' ? f.label_en : f.label_sv);
  const help = (f: { help_sv: string; help_en: string }) => (lang === 'en' ? f.help_en : f.help_sv);
  const whenError = fieldError('when');

  return (
    <>
      <p class="lead">{t.risk.formIntro}</p>
      <div ref={summaryRef} tabIndex={-1} class="summary-anchor">
        {clientErrors.length > 0 && (
          <div class="alert alert--error" role="alert">
            <p class="alert-title">{t.report.fixErrors}</p>
            <ul>
              {clientErrors.map((k) => (
                <li key={k}>
                  <a href={ANCHORS[k].split(' ')[0]} onClick={(ev) => {
                    ev.preventDefault();
                    document.querySelector<HTMLElement>(ANCHORS[k])?.focus();
                  }}>{t.risk[errors[k]!]}</a>
                </li>
              ))}
            </ul>
          </div>
        )}
        {serverError && (
          <ErrorMessage>{serverError instanceof ApiError ? serverError.message : serverError}</ErrorMessage>
        )}
      </div>

      <form class="risk-form stack-lg" onSubmit={submit} noValidate data-testid="risk-form">
        <ChoiceGroup
          id="risk-meeting-type"
          legend={t.risk.meetingType}
          name="meeting_type"
          options={MEETING_TYPES.map((m) => ({ value: m, label: t.risk.meetingTypes[m] }))}
          value={form.meetingType || null}
          onChange={(v) => set('meetingType', v)}
          error={fieldError('meetingType')}
          required
        />

        <div class={`field${whenError ? ' field--error' : ''}`}>
          <label for="risk-when" class="field-label">{t.risk.when}</label>
          <p id="risk-when-hint" class="field-hint">{t.risk.whenHint}</p>
          {whenError && <p id="risk-when-error" class="field-error">{whenError}</p>}
          <input
            id="risk-when"
            type="datetime-local"
            class="input"
            value={form.when}
            required
            onInput={(e) => set('when', e.currentTarget.value)}
            aria-invalid={whenError ? 'true' : undefined}
            aria-describedby={`risk-when-hint${whenError ? ' risk-when-error' : ''}`}
          />
        </div>

        {existing ? (
          <p><strong>{t.risk.unit}:</strong> {existing.unit_name}</p>
        ) : (
          <SelectField id="risk-unit" label={t.risk.unit} hint={t.risk.unitHint} value={String(form.unitId)}
            onValue={(v) => set('unitId', Number(v))} error={fieldError('unitId')}>
            {choosable.length === 0 && <option value="">{t.common.choose}</option>}
            {choosable.map((u) => <option key={u.id} value={String(u.id)}>{unitLabel(units, u.id)}</option>)}
          </SelectField>
        )}

        <TextField id="risk-title" label={t.risk.titleLabel} hint={t.risk.titleHint} value={form.title}
          onValue={(v) => set('title', v)} maxLength={200} required error={fieldError('title')} />

        {colleagues && (
          <ColleaguePicker
            legend={t.risk.participants}
            hint={t.risk.participantsHint}
            colleagues={colleagues}
            units={units}
            selected={form.participants}
            onChange={(ids) => set('participants', ids)}
            excludeId={me.id}
            myUnitId={form.unitId}
          />
        )}
        <ErrorMessage>{colleaguesError}</ErrorMessage>

        <fieldset class="group">
          <legend class="group-legend">
            {t.risk.subjectHeading} <span class="field-optional">{t.common.optional}</span>
          </legend>
          <p class="field-hint">{existing?.subject_named ? t.risk.subjectNamed : t.risk.subjectLead}</p>
          <div class="subject-box">
            <SelectField id="risk-subject-kind" label={t.risk.subjectKind} value={form.subjectKind}
              onValue={(v) => set('subjectKind', v as SubjectKind)}>
              {SUBJECT_KINDS.map((k) => <option key={k} value={k}>{t.risk.subjectKinds[k]}</option>)}
            </SelectField>
            <TextField id="risk-subject-identifier" type="password" label={t.risk.subjectIdentifier}
              hint={t.risk.subjectIdentifierHint} value={form.identifier}
              onValue={(v) => set('identifier', v)} autocomplete="off" autoCapitalize="off"
              spellcheck={false} maxLength={40} error={fieldError('identifier')}
              data-testid="risk-identifier" />
            {existing?.subject_named && (
              <Checkbox id="risk-subject-remove" label={t.risk.subjectRemove} checked={form.removeSubject}
                onChange={(v) => set('removeSubject', v)} />
            )}
          </div>
        </fieldset>

        <fieldset class="group">
          <legend class="group-legend">{t.risk.factorsHeading}</legend>
          <p class="field-hint">
            {t.risk.factorsLead}
            {template.data && <> {t.risk.templateVersion(template.data.version)}.</>}
          </p>
          <ErrorMessage>{template.error}</ErrorMessage>
          {template.loading && !template.data && <Loading />}
          <ul class="factor-list">
            {factors.map((f) => {
              const a = form.answers[f.code];
              return (
                <li key={f.code} data-testid="risk-factor" data-code={f.code}>
                  <ChoiceGroup<string>
                    id={`risk-factor-${f.code}`}
                    legend={label(f)}
                    hint={help(f)}
                    name={`factor-${f.code}`}
                    compact
                    options={[{ value: 'ja', label: t.common.yes }, { value: 'nej', label: t.common.no }]}
                    value={a === undefined ? null : a ? 'ja' : 'nej'}
                    onChange={(v) => answer(f.code, v === 'ja')}
                  />
                </li>
              );
            })}
          </ul>
        </fieldset>

        <div class="submit-bar">
          <button type="submit" class="button button--primary button--large"
            aria-disabled={busy || !template.data ? 'true' : undefined}>
            {existing ? t.risk.saveChanges : t.risk.save}
          </button>
          <Link href={existing ? paths.riskAssessment(existing.id) : paths.riskAssessments}
            class="button button--quiet">
            {t.risk.cancel}
          </Link>
        </div>
      </form>
    </>
  );
}
