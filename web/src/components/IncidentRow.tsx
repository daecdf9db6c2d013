// One incident in a list. Lists never show description or perpetrator.
import type { ComponentChildren } from 'preact';
import { useT } from '../i18n';
import { paths } from '../router';
import { formatDateTime } from '../time';
import type { Incident } from '../types';
import { Link } from './Link';
import { SensitiveBadge, SeverityText, StatusBadge } from './StatusBadge';

export function IncidentRow({ incident, extra }: { incident: Incident; extra?: ComponentChildren }) {
  const t = useT();
  const i = incident;
  return (
    <li class="incident-row" data-testid="incident-row">
      <div class="incident-row-main">
        <Link href={paths.incident(i.id)} class="incident-row-link">
          {t.category[i.category] ?? i.category}
          <span class="row-id">{t.detail.title(i.id)}</span>
        </Link>
        <p class="incident-row-meta">
          <time dateTime={i.occurred_at}>{formatDateTime(i.occurred_at)}</time>
          <span aria-hidden="true"> · </span>
          <span>{i.unit_name}</span>
        </p>
        {extra}
      </div>
      <div class="incident-row-tags">
        <StatusBadge status={i.status} />
        <SeverityText severity={i.severity} />
        {i.sensitive && <SensitiveBadge />}
        {i.open_measures > 0 && <span class="tag">{t.list.openMeasures(i.open_measures)}</span>}
      </div>
    </li>
  );
}
