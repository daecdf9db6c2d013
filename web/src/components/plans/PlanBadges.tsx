// A plan's status, threat level, review date and protected-case mark: text
// plus colour, never colour alone.
import { useT } from '../../i18n';
import type { PlanStatus, RiskLevel } from '../../types';

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const t = useT();
  return <span class={`badge ${status === 'aktiv' ? 'badge--aktiv' : 'badge--plan-avslutad'}`}>{t.planStatus[status] ?? status}</span>;
}

export function ThreatLevel({ level }: { level: RiskLevel }) {
  const t = useT();
  return (
    <span class={`threat-level threat-level--${level}`}>
      {t.plans.threatLevel}: {t.risk.levels[level] ?? level}
    </span>
  );
}

export function ProtectedBadge() {
  const t = useT();
  return <span class="badge badge--protected" data-testid="protected-badge">{t.plans.protectedCase}</span>;
}

export function ReviewDate({ date, overdue, labelled = true }: { date: string; overdue: boolean; labelled?: boolean }) {
  const t = useT();
  return (
    <span class="plan-review">
      {labelled && `${t.plans.reviewDate}: `}<time dateTime={date}>{date}</time>
      {overdue && <> <span class="badge badge--overdue" data-testid="review-overdue">{t.plans.reviewOverdue}</span></>}
    </span>
  );
}
