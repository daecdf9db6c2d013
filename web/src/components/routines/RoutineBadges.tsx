// A routine's state as badges: archived, out of date, and my acknowledgement.
import { useT } from '../../i18n';
import { ackState, routineOutdated, type Routine } from '../../routines';
import { stockholmDate } from '../../time';

export function RoutineBadges({ r }: { r: Routine }) {
  const t = useT();
  const w = t.routines;
  const ack = ackState(r);
  return (
    <>
      {r.status === 'arkiverad' && <span class="badge badge--inactive">{w.archived}</span>}
      {routineOutdated(r, stockholmDate(Date.now())) && (
        <span class="badge badge--overdue" title={w.outdatedLong}>{w.outdated}</span>
      )}
      {ack === 'pending' && <span class="badge badge--routine-pending" data-testid="routine-pending">{w.pending}</span>}
      {ack === 'acknowledged' && <span class="badge badge--active">{w.acknowledged}</span>}
    </>
  );
}
