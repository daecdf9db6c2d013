// Ny säkerhetsplan: a säkerhetssamordnare plans for a unit or a case under
// threat, optionally as a protected case with its special routine.
import { useRef, useState } from 'preact/hooks';
import { ApiError, createSecurityPlan, errorMessage } from '../api';
import { ErrorMessage, Loading } from '../components/Alert';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { PlanFields, type PlanFieldErrors } from '../components/plans/PlanFields';
import { loadColleagues, loadUnits } from '../data';
import { useLoad } from '../hooks';
import { useT } from '../i18n';
import { coveredUnitIds, emptyPlanForm, newPlanRequest, planErrorField, planFormErrors, type PlanForm } from '../plans';
import { navigate, paths } from '../router';
import { hasRole, useSession } from '../session';
import { addDays, stockholmDate } from '../time';
import '../styles/plans.css';

export function SecurityPlanNew() {
  const t = useT();
  const w = t.planForm;
  const { me } = useSession();
  const units = useLoad(loadUnits, []);
  const colleagues = useLoad(loadColleagues, []);
  const [form, setForm] = useState<PlanForm>(() => emptyPlanForm('', addDays(stockholmDate(Date.now()), 90)));
  const [errors, setErrors] = useState<PlanFieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const covered = units.data ? coveredUnitIds(units.data, me, 'sakerhetssamordnare') : new Set<number>();
  const planUnits = (units.data ?? []).filter((u) => covered.has(u.id));

  const focus = (field: string) => requestAnimationFrame(() => {
    const idFor: Record<string, string> = {
      unitId: 'plan-unit', title: 'plan-title', reviewDate: 'plan-review', identifier: 'plan-identifier',
    };
    formRef.current?.querySelector<HTMLElement>(`#${idFor[field] ?? ''}`)?.focus();
  });

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const missing = planFormErrors(form);
    if (missing.length) {
      const msg = { unitId: w.missingUnit, title: w.missingTitle, reviewDate: w.missingReviewDate };
      setErrors(Object.fromEntries(missing.map((m) => [m, msg[m]])));
      setError(w.missing);
      focus(missing[0]!);
      return;
    }
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      const plan = await createSecurityPlan(newPlanRequest(form));
      setForm((f) => ({ ...f, identifier: '' }));
      navigate(paths.plan(plan.id));
    } catch (err) {
      const field = err instanceof ApiError ? planErrorField(err.code, err.field) : null;
      if (field) {
        setErrors({ [field]: errorMessage(err) });
        focus(field);
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={w.heading}>
      <p class="back-link"><Link href={paths.plans}>← {t.planDetail.back}</Link></p>
      {!hasRole(me, 'sakerhetssamordnare') ? <p class="alert alert--info">{w.notCoordinator}</p> : (
        <>
          <ErrorMessage>{units.error ?? colleagues.error}</ErrorMessage>
          {(!units.data || !colleagues.data) && !units.error && !colleagues.error && <Loading />}
          {units.data && colleagues.data && (
            <form ref={formRef} class="stack plan-form" onSubmit={submit} noValidate data-testid="plan-form">
              <PlanFields mode="new" form={form} onChange={setForm} planUnits={planUnits} units={units.data}
                colleagues={colleagues.data} errors={errors} />
              <ErrorMessage>{error}</ErrorMessage>
              <div class="submit-bar">
                <button type="submit" class="button button--primary button--large" aria-disabled={busy ? 'true' : undefined}>
                  {w.create}
                </button>
              </div>
            </form>
          )}
        </>
      )}
    </Page>
  );
}
