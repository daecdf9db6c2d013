// Start page card "Rutiner att bekräfta": the routines I have yet to
// acknowledge, each linking to the routine.
import { ErrorMessage, Loading } from '../Alert';
import { Count } from '../InboxView';
import { Link } from '../Link';
import { useLoad } from '../../hooks';
import { useT } from '../../i18n';
import { paths } from '../../router';
import { getPendingRoutines } from '../../routines';
import { formatDate } from '../../time';
import '../../styles/routines.css';

export function PendingRoutines() {
  const t = useT();
  const w = t.pendingRoutines;
  const list = useLoad(getPendingRoutines, []);
  return (
    <section class="start-section" aria-labelledby="start-routines" data-testid="pending-routines">
      <h2 id="start-routines">
        <Link href={paths.routines}>{w.heading}</Link>
        {list.data && <Count n={list.data.length} />}
      </h2>
      <ErrorMessage>{list.error}</ErrorMessage>
      {list.loading && !list.data && <Loading />}
      {list.data && (list.data.length === 0 ? <p class="empty">{w.none}</p> : (
        <>
          <p class="section-lead">{w.lead}</p>
          <ul class="pending-routines">
            {list.data.map((r) => (
              <li key={r.id} class="pending-routine" data-testid="pending-routine">
                <Link href={paths.routine(r.id)}>{r.title}</Link>
                <p>{r.unit_name} · {t.routines.version(r.version)} · {w.since(formatDate(r.published_at))}</p>
              </li>
            ))}
          </ul>
        </>
      ))}
    </section>
  );
}
