// A risk level and an assessment's status as text plus colour.
import '../../styles/risk.css';
import { useT } from '../../i18n';
import type { AssessmentStatus, RiskLevel } from '../../types';

export function LevelBadge({ level }: { level: RiskLevel }) {
  const t = useT();
  const text = t.risk.levels[level] ?? level;
  return (
    <span class={`badge badge--risk-${level}`} data-testid="risk-level-badge" data-level={level}>
      <span class="visually-hidden">{t.risk.levelLabel(text)}</span>
      <span aria-hidden="true">{text}</span>
    </span>
  );
}

export function AssessmentStatusBadge({ status }: { status: AssessmentStatus }) {
  const t = useT();
  return <span class={`badge badge--a-${status}`}>{t.risk.statuses[status] ?? status}</span>;
}

/** The large level on the assessment page. */
export function LevelDisplay({ level }: { level: RiskLevel }) {
  const t = useT();
  return (
    <p class={`risk-level risk-level--${level}`} data-testid="risk-level" data-level={level}>
      <span class="risk-level-caption">{t.risk.levelHeading}:</span>
      <span>{t.risk.levels[level] ?? level}</span>
    </p>
  );
}
