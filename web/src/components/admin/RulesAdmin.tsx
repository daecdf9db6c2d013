// Regler: what a förvaltning has decided must happen after an incident. Each
// rule kind can be switched off, given a number of working days and, where it
// applies, a minimum severity or the categories it covers.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, errorMessage, getRules, putRule } from '../../api';
import { errorField, RULE_USES_CATEGORIES, RULE_USES_SEVERITY } from '../../followup';
import { useLoad } from '../../hooks';
import { useT } from '../../i18n';
import { CATEGORIES, SEVERITIES, type Category, type Rule } from '../../types';
import { ErrorMessage, Loading } from '../Alert';
import { Checkbox, SelectField, TextField } from '../Field';

function RuleEditor({ unitId, rule, onSaved }: { unitId: number; rule: Rule; onSaved: (m: string, r: Rule) => void }) {
  const t = useT();
  const [enabled, setEnabled] = useState(rule.enabled);
  const [days, setDays] = useState(String(rule.working_days));
  const [minSeverity, setMinSeverity] = useState(String(rule.min_severity));
  const [categories, setCategories] = useState<Category[]>(rule.categories);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const name = t.ruleKind[rule.kind] ?? rule.kind;
  const usesCategories = RULE_USES_CATEGORIES.includes(rule.kind);
  const usesSeverity = RULE_USES_SEVERITY.includes(rule.kind);
  const id = `rule-${rule.kind}`;

  useEffect(() => {
    setEnabled(rule.enabled);
    setDays(String(rule.working_days));
    setMinSeverity(String(rule.min_severity));
    setCategories(rule.categories);
  }, [unitId, rule]);

  const toggleCategory = (c: Category, on: boolean) =>
    setCategories((list) => (on ? [...list, c] : list.filter((x) => x !== c)));

  const save = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const n = Number(days);
    if (days.trim() === '' || !Number.isInteger(n) || n < 0 || n > 30) {
      setFieldErrors({ working_days: t.adminRules.workingDaysHint + ' 0–30.' });
      return;
    }
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const saved = await putRule(unitId, rule.kind, {
        enabled,
        working_days: n,
        ...(usesSeverity ? { min_severity: Number(minSeverity) } : {}),
        ...(usesCategories ? { categories: CATEGORIES.filter((c) => categories.includes(c)) } : {}),
      });
      onSaved(t.adminRules.saved(name), saved);
    } catch (err) {
      const field = err instanceof ApiError ? errorField(err) : null;
      if (field && ['working_days', 'min_severity', 'categories', 'enabled'].includes(field)) {
        setFieldErrors({ [field]: errorMessage(err) });
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class="rule-config" data-testid="rule-config" data-kind={rule.kind}>
      <form onSubmit={save} noValidate aria-labelledby={`${id}-name`}>
        <div class="rule-config-head">
          <h3 id={`${id}-name`} class="rule-config-name">{name}</h3>
          {rule.is_default && (
            <span class="badge badge--default" title={t.adminRules.isDefaultLabel}>
              {t.adminRules.isDefault}
              <span class="visually-hidden"> – {t.adminRules.isDefaultLabel}</span>
            </span>
          )}
        </div>
        <ErrorMessage>{error}</ErrorMessage>
        <div class="rule-config-fields">
          <Checkbox id={`${id}-enabled`} label={t.adminRules.enabled} checked={enabled} onChange={setEnabled} />
          <div class="form-row">
            <TextField id={`${id}-days`} type="number" inputMode="numeric" min={0} max={30}
              label={t.adminRules.workingDays} hint={t.adminRules.workingDaysHint} value={days} onValue={setDays}
              error={fieldErrors.working_days} />
            {usesSeverity && (
              <SelectField id={`${id}-severity`} label={t.adminRules.minSeverity} value={minSeverity}
                onValue={setMinSeverity} error={fieldErrors.min_severity}>
                {SEVERITIES.map((s) => <option key={s} value={String(s)}>{s} – {t.severity[s]}</option>)}
              </SelectField>
            )}
          </div>
          {usesCategories && (
            <fieldset class="group rule-categories" aria-describedby={`${id}-cat-hint`}>
              <legend class="field-label">{t.adminRules.categories}</legend>
              <p id={`${id}-cat-hint`} class="field-hint">{t.adminRules.categoriesHint}</p>
              {fieldErrors.categories && <p class="field-error">{fieldErrors.categories}</p>}
              <div class="check-grid">
                {CATEGORIES.map((c) => (
                  <Checkbox key={c} id={`${id}-cat-${c}`} label={t.category[c]} checked={categories.includes(c)}
                    onChange={(on) => toggleCategory(c, on)} />
                ))}
              </div>
            </fieldset>
          )}
        </div>
        <button type="submit" class="button button--primary button--small" aria-disabled={busy ? 'true' : undefined}
          aria-label={t.adminRules.save(name)}>
          {t.common.save}
        </button>
      </form>
    </li>
  );
}

export function RulesAdmin({ unitId, onChanged }: { unitId: number; onChanged: (m: string) => void }) {
  const t = useT();
  const rules = useLoad(() => getRules(unitId), [unitId]);

  const saved = (m: string, r: Rule) => {
    if (rules.data) rules.setData(rules.data.map((x) => (x.kind === r.kind ? r : x)));
    onChanged(m);
  };

  return (
    <section class="panel" aria-labelledby="rules-admin-heading">
      <h2 id="rules-admin-heading">{t.adminRules.heading}</h2>
      <p class="section-lead">{t.adminRules.lead}</p>
      <ErrorMessage>{rules.error}</ErrorMessage>
      {rules.loading && !rules.data && <Loading />}
      {rules.data && (
        <ul class="rule-config-list">
          {rules.data.map((r) => <RuleEditor key={r.kind} unitId={unitId} rule={r} onSaved={saved} />)}
        </ul>
      )}
    </section>
  );
}
