// Ny rutin: a chef, säkerhetssamordnare or admin publishes a routine for a
// unit they cover; everyone in scope is then asked to acknowledge it.
import { useRef, useState } from 'preact/hooks';
import { errorMessage } from '../api';
import { ErrorMessage, Loading } from '../components/Alert';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { ROUTINE_FIELD_IDS, RoutineFields, type RoutineFieldErrors } from '../components/routines/RoutineFields';
import { loadColleagues, loadUnits } from '../data';
import { responsibleOptions } from '../followup';
import { useLoad } from '../hooks';
import { useT } from '../i18n';
import { navigate, paths } from '../router';
import {
  createRoutine, editableUnits, newRoutineRequest, publishesRoutines, routineErrorField, routineFormErrors,
  type RoutineField, type RoutineForm,
} from '../routines';
import { useSession } from '../session';
import { addDays, stockholmDate } from '../time';
import '../styles/routines.css';

export function routineMessages(w: ReturnType<typeof useT>['routineForm']): Record<RoutineField, string> {
  return {
    unitId: w.missingUnit, title: w.missingTitle, ownerId: w.missingOwner, revisionDate: w.missingRevisionDate,
    documentUrl: w.badUrl,
  };
}

export function RoutineNew() {
  const t = useT();
  const w = t.routineForm;
  const { me } = useSession();
  const units = useLoad(loadUnits, []);
  const colleagues = useLoad(loadColleagues, []);
  const [form, setForm] = useState<RoutineForm>(() => ({
    unitId: '', title: '', summary: '', documentUrl: '', ownerId: String(me.id),
    revisionDate: addDays(stockholmDate(Date.now()), 365),
  }));
  const [errors, setErrors] = useState<RoutineFieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const focus = (field: RoutineField) => requestAnimationFrame(() => {
    formRef.current?.querySelector<HTMLElement>(`#${ROUTINE_FIELD_IDS[field]}`)?.focus();
  });

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const missing = routineFormErrors(form, 'new');
    if (missing.length) {
      const msg = routineMessages(w);
      setErrors(Object.fromEntries(missing.map((m) => [m, msg[m]])));
      setError(w.missing);
      focus(missing[0]!);
      return;
    }
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      const r = await createRoutine(newRoutineRequest(form));
      navigate(paths.routine(r.id));
    } catch (err) {
      const field = routineErrorField(err);
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

  const mine = units.data ? editableUnits(units.data, me, { admin: true }) : [];
  return (
    <Page title={w.heading}>
      <p class="back-link"><Link href={paths.routines}>← {t.routineDetail.back}</Link></p>
      {!publishesRoutines(me.roles) ? <p class="alert alert--info">{w.notPublisher}</p> : (
        <>
          <ErrorMessage>{units.error ?? colleagues.error}</ErrorMessage>
          {(!units.data || !colleagues.data) && !units.error && !colleagues.error && <Loading />}
          {units.data && colleagues.data && (
            <form ref={formRef} class="stack" onSubmit={submit} noValidate data-testid="routine-form">
              <RoutineFields mode="new" form={form} onChange={setForm} units={mine}
                owners={responsibleOptions(colleagues.data, me)} errors={errors} />
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
