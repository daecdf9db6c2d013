// Status as text plus colour — never colour alone.
import { useT } from '../i18n';
import type { MeasureStatus, Status } from '../types';

export function StatusBadge({ status }: { status: Status }) {
  const t = useT();
  return <span class={`badge badge--${status}`}>{t.status[status] ?? status}</span>;
}

export function MeasureBadge({ status }: { status: MeasureStatus }) {
  const t = useT();
  return <span class={`badge badge--m-${status}`}>{t.measureStatus[status] ?? status}</span>;
}

export function SeverityText({ severity }: { severity: number }) {
  const t = useT();
  const text = t.severity[severity] ?? String(severity);
  return (
    <span class={`severity severity--${severity}`}>
      <span class="visually-hidden">{t.severityLabel(text)}</span>
      <span aria-hidden="true">{text}</span>
    </span>
  );
}

export function SensitiveBadge() {
  const t = useT();
  return <span class="badge badge--sensitive">{t.list.sensitive}</span>;
}
