// The statistics pages' own navigation: overview, equivalence, quarterly report, KPIs.
import { useT } from '../../i18n';
import { paths, useLocation } from '../../router';
import { Link } from '../Link';

export function StatsNav() {
  const t = useT();
  const loc = useLocation();
  const items = [
    { href: paths.statistics, label: t.stats.dashboardLink },
    { href: paths.equivalence, label: t.stats.equivalenceLink },
    { href: paths.quarterlyReport, label: t.stats.reportLink },
    { href: paths.kpiTrends, label: t.stats.kpiLink },
  ];
  return (
    <nav class="status-filter stats-nav no-print" aria-label={t.stats.subnav}>
      <ul>
        {items.map((i) => (
          <li key={i.href}>
            <Link href={i.href} class="status-filter-link"
              aria-current={loc.pathname.replace(/\/+$/, '') === i.href ? 'page' : undefined}>
              {i.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
