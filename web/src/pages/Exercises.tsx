// Övningar: training sessions, exercises and alarm drills by unit (filter in
// the address), with how many findings are still open.
import { ErrorMessage, Loading } from '../components/Alert';
import { SelectField } from '../components/Field';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { UnitOptions } from '../components/UnitOptions';
import { loadUnits } from '../data';
import { useLoad } from '../hooks';
import { useT } from '../i18n';
import { navigate, paths, useLocation } from '../router';
import { getExercises, recordsExercises } from '../routines';
import { useSession } from '../session';
import { formatDate } from '../time';
import '../styles/plans.css';
import '../styles/routines.css';

export function Exercises() {
  const t = useT();
  const w = t.exercises;
  const { me } = useSession();
  const loc = useLocation();
  const q = new URLSearchParams(loc.search).get('enhet') ?? '';
  const unitId = /^\d+$/.test(q) ? Number(q) : undefined;
  const units = useLoad(loadUnits, []);
  const list = useLoad(() => getExercises(unitId), [unitId]);

  return (
    <Page title={w.title} wide>
      <p class="back-link"><Link href={paths.routines}>← {t.routineDetail.back}</Link></p>
      <p class="lead">{w.lead}</p>
      <div class="page-actions page-actions--split">
        {units.data && (
          <SelectField id="exercise-unit-filter" label={w.unitFilter} value={unitId ? String(unitId) : ''}
            onValue={(v) => navigate(v ? `${paths.exercises}?enhet=${v}` : paths.exercises, { replace: true })}>
            <option value="">{w.allUnits}</option>
            <UnitOptions units={units.data} kinds={['forvaltning', 'avdelning', 'enhet']} />
          </SelectField>
        )}
        {recordsExercises(me.roles) && (
          <div class="actions">
            <Link href={paths.exerciseNew} class="button button--primary">{w.newExercise}</Link>
          </div>
        )}
      </div>
      <section aria-labelledby="exercises-heading" aria-busy={list.loading ? 'true' : undefined}>
        <h2 id="exercises-heading" class="visually-hidden">{w.title}</h2>
        <ErrorMessage>{list.error ?? units.error}</ErrorMessage>
        {list.loading && !list.data && <Loading />}
        {list.data && (
          <>
            <p class="list-count" role="status">{w.count(list.data.length)}</p>
            {list.data.length === 0 ? <p class="empty">{w.empty}</p> : (
              <ul class="plan-list" data-testid="exercise-list">
                {list.data.map((e) => {
                  const open = e.findings.filter((f) => f.status === 'oppen').length;
                  return (
                    <li key={e.id} class="plan-row" data-testid="exercise-row">
                      <div>
                        <Link href={paths.exercise(e.id)} class="plan-row-link">
                          {t.exerciseKind[e.kind]}: {e.scenario}
                        </Link>
                        <p class="plan-row-meta">
                          {e.unit_name}<span aria-hidden="true"> · </span>{formatDate(e.held_on)}
                        </p>
                      </div>
                      <div class="plan-row-tags">
                        {open > 0 && <span class="badge badge--m-oppen">{w.openFindings(open)}</span>}
                      </div>
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        )}
      </section>
    </Page>
  );
}
