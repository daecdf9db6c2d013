// Riskmall: a förvaltning's risk template — the yes/no questions with their
// points and floors, the level thresholds, how earlier incidents count, and
// the measure catalogue. Saving stores a new version (PUT /risk-template).
// Every problem the server would refuse is shown at its field before saving;
// a 400 from the server is shown at the field it names, or above the button.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, errorMessage, getRiskTemplate, putRiskTemplate } from '../../api';
import { useLoad } from '../../hooks';
import { useLang } from '../../i18n';
import {
  firstErrorPath, formToTemplate, newFactor, newMeasure, removeFactor, renameFactor, slugCode, templateErrorPath,
  templateFieldId, templateToForm, validateTemplate, type FactorForm, type MeasureForm, type TemplateForm,
} from '../../plans';
import { formatDateTime } from '../../time';
import { RISK_LEVELS, type RiskLevel } from '../../types';
import { ErrorMessage, Loading } from '../Alert';
import { Checkbox, SelectField, TextArea, TextField } from '../Field';
import '../../styles/plans.css';

type Errors = Record<string, string>;

export function RiskTemplateAdmin({ unitId, onChanged }: { unitId: number; onChanged: (m: string) => void }) {
  const { t, lang } = useLang();
  const w = t.templateAdmin;
  const tpl = useLoad(() => getRiskTemplate(unitId), [unitId]);
  const [form, setForm] = useState<TemplateForm | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!tpl.data) return;
    setForm(templateToForm(tpl.data));
    setErrors({});
    setSummary(null);
  }, [tpl.data]);

  if (tpl.error) return <ErrorMessage>{tpl.error}</ErrorMessage>;
  if (!tpl.data || !form) return <Loading />;
  const current = tpl.data;

  const label = (x: { label_sv: string; label_en: string }) => (lang === 'en' ? x.label_en || x.label_sv : x.label_sv || x.label_en);
  const err = (path: string) => errors[path];
  const clear = (...paths: string[]) => {
    if (paths.some((p) => errors[p])) {
      setErrors((e) => {
        const next = { ...e };
        for (const p of paths) delete next[p];
        return next;
      });
    }
  };
  const focus = (path: string | null) => requestAnimationFrame(() => {
    if (!path) return;
    const el = formRef.current?.querySelector<HTMLElement>(`#${templateFieldId(path)}`);
    el?.focus();
  });

  const setFactor = (i: number, patch: Partial<FactorForm>, ...paths: string[]) => {
    setForm((f) => f && { ...f, factors: f.factors.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
    clear(...paths.map((p) => `factors.${i}.${p}`));
    setSaved('');
  };
  const setMeasure = (i: number, patch: Partial<MeasureForm>, ...paths: string[]) => {
    setForm((f) => f && { ...f, measures: f.measures.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
    clear(...paths.map((p) => `measures.${i}.${p}`));
    setSaved('');
  };
  const setTop = (patch: Partial<TemplateForm>, ...paths: string[]) => {
    setForm((f) => f && { ...f, ...patch });
    clear(...paths);
    setSaved('');
  };
  // A new question's code follows its Swedish text until the code is edited by hand.
  const setFactorLabelSv = (i: number, x: FactorForm, v: string) => {
    if (x.isNew && x.code === slugCode(x.label_sv)) {
      setForm((f) => f && renameFactor({ ...f, factors: f.factors.map((y, j) => (j === i ? { ...y, label_sv: v } : y)) }, i, slugCode(v)));
      clear(`factors.${i}.label_sv`, `factors.${i}.code`);
      setSaved('');
    } else {
      setFactor(i, { label_sv: v }, 'label_sv');
    }
  };
  const setMeasureLabelSv = (i: number, m: MeasureForm, v: string) => {
    if (m.isNew && m.code === slugCode(m.label_sv)) setMeasure(i, { label_sv: v, code: slugCode(v) }, 'label_sv', 'code');
    else setMeasure(i, { label_sv: v }, 'label_sv');
  };

  const save = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setSaved('');
    const problems = validateTemplate(form);
    const paths = Object.keys(problems);
    if (paths.length) {
      setErrors(Object.fromEntries(paths.map((p) => [p, w.problem[problems[p]!] ?? problems[p]!])));
      setSummary(w.errorCount(paths.length));
      focus(firstErrorPath(problems, form));
      return;
    }
    setBusy(true);
    setErrors({});
    setSummary(null);
    try {
      const next = await putRiskTemplate(unitId, formToTemplate(form));
      tpl.setData(next);
      setSaved(w.saved(next.version));
      onChanged(w.saved(next.version));
    } catch (error) {
      const message = errorMessage(error);
      const path = error instanceof ApiError ? templateErrorPath(error.code, error.field) : null;
      if (path) {
        setErrors({ [path]: message });
        focus(path);
      }
      setSummary(`${w.serverError} ${message}`);
    } finally {
      setBusy(false);
    }
  };

  const levelOptions = (none?: string) => (
    <>
      {none !== undefined && <option value="">{none}</option>}
      {RISK_LEVELS.filter((l) => none === undefined || l !== 'lag')
        .map((l) => <option key={l} value={l}>{t.risk.levels[l]}</option>)}
    </>
  );

  return (
    <section class="panel" aria-labelledby="tpl-heading" data-testid="risk-template-admin">
      <h2 id="tpl-heading">{w.heading}</h2>
      <p class="section-lead">{w.lead}</p>
      <p class="tpl-meta" data-testid="tpl-version">
        <strong>{w.version(current.version)}</strong>
        {current.is_default && (
          <span class="badge badge--default" title={w.isDefaultLabel}>
            {w.isDefault}<span class="visually-hidden"> – {w.isDefaultLabel}</span>
          </span>
        )}
        {current.created_by && current.created_at && (
          <span class="muted">{w.savedBy(current.created_by.display_name, formatDateTime(current.created_at))}</span>
        )}
      </p>
      <form ref={formRef} onSubmit={save} noValidate data-testid="risk-template-form">
        <div class="tpl-section">
          <h3>{w.factors}</h3>
          <p class="field-hint">{w.factorsLead}</p>
          {err('factors') && <p class="field-error" id={templateFieldId('factors')} tabIndex={-1}>{err('factors')}</p>}
          <ol class="tpl-list">
            {form.factors.map((x, i) => {
              const p = (k: string) => `factors.${i}.${k}`;
              const name = w.factor(i + 1, label(x));
              const hasError = Object.keys(errors).some((k) => k.startsWith(`factors.${i}.`));
              return (
                <li key={x.key} class={`tpl-item${hasError ? ' tpl-item--error' : ''}`} data-testid="tpl-factor"
                  data-code={x.code}>
                  <fieldset class="group">
                    <legend class="tpl-legend"><h4>{name}</h4></legend>
                    <div class="tpl-item-actions">
                      <button type="button" class="button button--quiet button--small" aria-label={w.removeFactor(label(x) || String(i + 1))}
                        onClick={() => { setForm((f) => f && removeFactor(f, i)); setErrors({}); setSaved(''); }}>
                        {w.remove}
                      </button>
                    </div>
                    {x.isNew ? (
                      <TextField id={templateFieldId(p('code'))} label={w.code} hint={w.codeHint} value={x.code}
                        onValue={(v) => { setForm((f) => f && renameFactor(f, i, v)); clear(p('code')); }}
                        error={err(p('code'))} maxLength={40} autocomplete="off" spellcheck={false} />
                    ) : (
                      <p class="field-hint" id={templateFieldId(p('code'))} tabIndex={-1}>
                        {w.code}: <code>{x.code}</code>
                        {err(p('code')) && <span class="field-error"> {err(p('code'))}</span>}
                      </p>
                    )}
                    <div class="tpl-grid">
                      <TextField id={templateFieldId(p('label_sv'))} label={w.labelSv} value={x.label_sv}
                        onValue={(v) => setFactorLabelSv(i, x, v)} error={err(p('label_sv'))} maxLength={200} lang="sv" />
                      <TextField id={templateFieldId(p('label_en'))} label={w.labelEn} value={x.label_en}
                        onValue={(v) => setFactor(i, { label_en: v }, 'label_en')} error={err(p('label_en'))} maxLength={200} lang="en" />
                      <TextArea id={templateFieldId(p('help_sv'))} label={w.helpSv} value={x.help_sv} rows={2}
                        onValue={(v) => setFactor(i, { help_sv: v }, 'help_sv')} error={err(p('help_sv'))} maxLength={1000}
                        optional={t.common.optional} lang="sv" />
                      <TextArea id={templateFieldId(p('help_en'))} label={w.helpEn} value={x.help_en} rows={2}
                        onValue={(v) => setFactor(i, { help_en: v }, 'help_en')} error={err(p('help_en'))} maxLength={1000}
                        optional={t.common.optional} lang="en" />
                    </div>
                    <div class="form-row">
                      <TextField id={templateFieldId(p('weight'))} label={w.weight} hint={w.weightHint} type="number"
                        inputMode="numeric" min={-10} max={10} value={x.weight}
                        onValue={(v) => setFactor(i, { weight: v }, 'weight', 'floor')} error={err(p('weight'))} />
                      <SelectField id={templateFieldId(p('floor'))} label={w.floor} value={x.floor}
                        onValue={(v) => setFactor(i, { floor: v as RiskLevel | '' }, 'floor')} error={err(p('floor'))}>
                        {levelOptions(w.noFloor)}
                      </SelectField>
                    </div>
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <button type="button" class="button button--secondary"
            onClick={() => { setForm((f) => f && { ...f, factors: [...f.factors, newFactor()] }); clear('factors'); setSaved(''); }}>
            {w.addFactor}
          </button>
        </div>

        <fieldset class="group tpl-section" aria-describedby={err('thresholds') ? 'tpl-thresholds-error' : 'tpl-levels-lead'}>
          <legend class="field-label"><h3>{w.levels}</h3></legend>
          <p id="tpl-levels-lead" class="field-hint">{w.levelsLead}</p>
          {err('thresholds') && <p id="tpl-thresholds-error" class="field-error">{err('thresholds')}</p>}
          <div class="tpl-grid tpl-grid--numbers">
            <TextField id={templateFieldId('thresholds')} label={w.forhojdFrom} type="number" inputMode="numeric" min={1}
              value={form.forhojd} onValue={(v) => setTop({ forhojd: v }, 'thresholds')}
              aria-invalid={err('thresholds') ? 'true' : undefined} />
            <TextField id="tpl-thresholds-hog" label={w.hogFrom} type="number" inputMode="numeric" min={1}
              value={form.hog} onValue={(v) => setTop({ hog: v }, 'thresholds')}
              aria-invalid={err('thresholds') ? 'true' : undefined} />
            <TextField id="tpl-thresholds-mycket-hog" label={w.mycketHogFrom} type="number" inputMode="numeric" min={1}
              value={form.mycketHog} onValue={(v) => setTop({ mycketHog: v }, 'thresholds')}
              aria-invalid={err('thresholds') ? 'true' : undefined} />
          </div>
        </fieldset>

        <fieldset class="group tpl-section">
          <legend class="field-label"><h3>{w.history}</h3></legend>
          <p class="field-hint">{w.historyLead}</p>
          <div class="form-row">
            <TextField id={templateFieldId('history.weight')} label={w.historyWeight} type="number" inputMode="numeric"
              min={0} max={10} value={form.historyWeight} onValue={(v) => setTop({ historyWeight: v }, 'history.weight')}
              error={err('history.weight')} />
            <TextField id={templateFieldId('history.floor_count')} label={w.historyFloorCount} type="number"
              inputMode="numeric" min={1} max={100} value={form.historyFloorCount}
              onValue={(v) => setTop({ historyFloorCount: v }, 'history.floor_count')} error={err('history.floor_count')} />
          </div>
        </fieldset>

        <div class="tpl-section">
          <h3>{w.measures}</h3>
          <p class="field-hint">{w.measuresLead}</p>
          {err('measures') && <p class="field-error" id={templateFieldId('measures')} tabIndex={-1}>{err('measures')}</p>}
          <ol class="tpl-list">
            {form.measures.map((m, i) => {
              const p = (k: string) => `measures.${i}.${k}`;
              const name = w.measure(i + 1, label(m));
              const hasError = Object.keys(errors).some((k) => k.startsWith(`measures.${i}.`));
              return (
                <li key={m.key} class={`tpl-item${hasError ? ' tpl-item--error' : ''}`} data-testid="tpl-measure" data-code={m.code}>
                  <fieldset class="group">
                    <legend class="tpl-legend"><h4>{name}</h4></legend>
                    <div class="tpl-item-actions">
                      <button type="button" class="button button--quiet button--small" aria-label={w.removeMeasure(label(m) || String(i + 1))}
                        onClick={() => { setForm((f) => f && { ...f, measures: f.measures.filter((_, j) => j !== i) }); setErrors({}); setSaved(''); }}>
                        {w.remove}
                      </button>
                    </div>
                    {m.isNew ? (
                      <TextField id={templateFieldId(p('code'))} label={w.code} hint={w.codeHint} value={m.code}
                        onValue={(v) => setMeasure(i, { code: v }, 'code')} error={err(p('code'))} maxLength={40}
                        autocomplete="off" spellcheck={false} />
                    ) : (
                      <p class="field-hint" id={templateFieldId(p('code'))} tabIndex={-1}>
                        {w.code}: <code>{m.code}</code>
                        {err(p('code')) && <span class="field-error"> {err(p('code'))}</span>}
                      </p>
                    )}
                    <div class="tpl-grid">
                      <TextField id={templateFieldId(p('label_sv'))} label={w.measureLabelSv} value={m.label_sv}
                        onValue={(v) => setMeasureLabelSv(i, m, v)} error={err(p('label_sv'))} maxLength={200} lang="sv" />
                      <TextField id={templateFieldId(p('label_en'))} label={w.measureLabelEn} value={m.label_en}
                        onValue={(v) => setMeasure(i, { label_en: v }, 'label_en')} error={err(p('label_en'))} maxLength={200} lang="en" />
                    </div>
                    <SelectField id={templateFieldId(p('from_level'))} label={w.fromLevel} value={m.from_level}
                      onValue={(v) => setMeasure(i, { from_level: v as RiskLevel }, 'from_level')} error={err(p('from_level'))}>
                      {levelOptions()}
                    </SelectField>
                    <fieldset class="group tpl-triggers" id={templateFieldId(p('factors'))} tabIndex={-1}
                      aria-describedby={err(p('factors')) ? `${templateFieldId(p('factors'))}-error` : undefined}>
                      <legend class="field-label field-label--small">{w.triggers}</legend>
                      {err(p('factors')) && <p id={`${templateFieldId(p('factors'))}-error`} class="field-error">{err(p('factors'))}</p>}
                      <div class="check-grid">
                        {form.factors.filter((x) => x.code).map((x) => (
                          <Checkbox key={x.key} id={`tpl-m${m.key}-f${x.key}`} label={label(x) || x.code}
                            checked={m.factors.includes(x.code)}
                            onChange={(on) => setMeasure(i, {
                              factors: on ? [...m.factors.filter((c) => c !== x.code), x.code] : m.factors.filter((c) => c !== x.code),
                            }, 'factors')} />
                        ))}
                      </div>
                    </fieldset>
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <button type="button" class="button button--secondary"
            onClick={() => { setForm((f) => f && { ...f, measures: [...f.measures, newMeasure()] }); clear('measures'); setSaved(''); }}>
            {w.addMeasure}
          </button>
        </div>

        <ErrorMessage id="tpl-summary">{summary}</ErrorMessage>
        <div class="tpl-save-bar">
          <button type="submit" class="button button--primary button--large" aria-disabled={busy ? 'true' : undefined}>
            {w.save}
          </button>
          {saved && <p class="notice-done" data-testid="tpl-saved">{saved}</p>}
        </div>
      </form>
    </section>
  );
}
