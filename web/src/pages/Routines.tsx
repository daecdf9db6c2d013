// Rutiner: the routines in my scope and those I may edit — version, revision
// date ("Inaktuell" once it has passed) and whether I have acknowledged.
// Chefs, säkerhetssamordnare and admins publish new ones here.
import { ErrorMessage, Loading } from '../components/Alert';
import { SelectField } from '../components/Field';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { RoutineBadges } from '../components/routines/RoutineBadges';
import { useLoad } from '../hooks';
import { useT } from '../i18n';
import { navigate, paths, useLocation } from '../router';
import { editsUnitProfiles, getRoutines, publishesRoutines, ROUTINE_STATUSES, sortRoutines, type RoutineStatus } from '../routines';
import { hasRole, useSession } from '../session';
import { formatDate } from '../time';
import '../styles/plans.css';
import '../styles/routines.css';

export function Routines() {
  const t = useT();
  const w = t.routines;
  const { me } = useSession();
  const loc = useLocation();
  const q = new URLSearchParams(loc.search).get('status') ?? '';
  const status = (ROUTINE_STATUSES as readonly string[]).includes(q) ? (q as RoutineStatus) : undefined;
  const list = useLoad(() => getRoutines(status).then(sortRoutines), [status]);

  return (
    <Page title={w.title} wide>
      <p class="lead">{w.lead}</p>
      <div class="page-actions page-actions--split">
        <SelectField id="routine-status-filter" label={w.statusFilter} value={status ?? ''}
          onValue={(v) => navigate(v ? `${paths.routines}?status=${v}` : paths.routines, { replace: true })}>
          <option value="">{w.statusAll}</option>
          {ROUTINE_STATUSES.map((s) => <option key={s} value={s}>{t.routineStatus[s]}</option>)}
        </SelectField>
        <div class="actions">
          <Link href={paths.exercises} class="button button--secondary">{w.toExercises}</Link>
          {editsUnitProfiles(me.roles) && (
            <Link href={hasRole(me, 'admin') ? `${paths.admin}?flik=enheter` : paths.unitProfiles} class="button button--secondary">
              {t.unitProfiles.title}
            </Link>
          )}
          {publishesRoutines(me.roles) && <Link href={paths.routineNew} class="button button--primary">{w.newRoutine}</Link>}
        </div>
      </div>
      <section aria-labelledby="routines-heading" aria-busy={list.loading ? 'true' : undefined}>
        <h2 id="routines-heading" class="visually-hidden">{w.title}</h2>
        <ErrorMessage>{list.error}</ErrorMessage>
        {list.loading && !list.data && <Loading />}
        {list.data && (
          <>
            <p class="list-count" role="status">{w.count(list.data.length)}</p>
            {list.data.length === 0 ? <p class="empty">{w.empty}</p> : (
              <ul class="plan-list" data-testid="routine-list">
                {list.data.map((r) => (
                  <li key={r.id} class="plan-row" data-testid="routine-row">
                    <div>
                      <Link href={paths.routine(r.id)} class="plan-row-link">{r.title}</Link>
                      <p class="plan-row-meta">
                        {r.unit_name}
                        <span aria-hidden="true"> · </span>{w.version(r.version)}
                        <span aria-hidden="true"> · </span>{w.revisionDate}: {formatDate(r.revision_date)}
                        {r.may_edit && r.staff_in_scope !== undefined && (
                          <><span aria-hidden="true"> · </span>{w.progressShort(r.acknowledged ?? 0, r.staff_in_scope)}</>
                        )}
                      </p>
                    </div>
                    <div class="plan-row-tags"><RoutineBadges r={r} /></div>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>
    </Page>
  );
}
