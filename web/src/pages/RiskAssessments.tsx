// Riskbedömningar: the assessments the caller may see, latest meeting first,
// filtered by status (kept in the URL), with "Ny riskbedömning".
import { getRiskAssessments } from '../api';
import { ErrorMessage, Loading } from '../components/Alert';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { Pager } from '../components/Pager';
import { AssessmentStatusBadge, LevelBadge } from '../components/risk/Badges';
import { useLoad } from '../hooks';
import { useT } from '../i18n';
import { navigate, paths, useLocation } from '../router';
import { formatDateTime } from '../time';
import { ASSESSMENT_STATUSES, type AssessmentStatus, type RiskAssessment } from '../types';

const PAGE_SIZE = 20;

function readQuery(search: string): { status: AssessmentStatus | ''; offset: number } {
  const q = new URLSearchParams(search);
  const s = q.get('status') ?? '';
  return {
    status: (ASSESSMENT_STATUSES as readonly string[]).includes(s) ? (s as AssessmentStatus) : '',
    offset: Math.max(0, Number(q.get('offset') ?? 0) || 0),
  };
}

function href(status: string, offset: number): string {
  const q = new URLSearchParams();
  if (status) q.set('status', status);
  if (offset) q.set('offset', String(offset));
  const s = q.toString();
  return paths.riskAssessments + (s ? `?${s}` : '');
}

function Row({ a }: { a: RiskAssessment }) {
  const t = useT();
  return (
    <li class="risk-row" data-testid="risk-row">
      <div>
        <Link href={paths.riskAssessment(a.id)} class="risk-row-link">{a.title}</Link>
        <p class="risk-row-meta">
          <time dateTime={a.event_at}>{formatDateTime(a.event_at)}</time>
          <span aria-hidden="true"> · </span>
          <span>{a.unit_name}</span>
          <span aria-hidden="true"> · </span>
          <span>{t.risk.meetingTypes[a.meeting_type] ?? a.meeting_type}</span>
        </p>
      </div>
      <div class="risk-row-tags">
        <LevelBadge level={a.level} />
        <AssessmentStatusBadge status={a.status} />
      </div>
    </li>
  );
}

export function RiskAssessments() {
  const t = useT();
  const loc = useLocation();
  const { status, offset } = readQuery(loc.search);
  const list = useLoad(() => getRiskAssessments({ status: status || undefined, limit: PAGE_SIZE, offset }),
    [loc.search]);

  return (
    <Page title={t.risk.title} wide>
      <p class="lead">{t.risk.lead}</p>
      <div class="risk-toolbar">
        <nav aria-label={t.risk.status} class="status-filter">
          <ul>
            {(['', ...ASSESSMENT_STATUSES] as const).map((s) => (
              <li key={s || 'all'}>
                <Link href={href(s, 0)} class="status-filter-link" aria-current={s === status ? 'page' : undefined}>
                  {s ? t.risk.statuses[s] : t.common.all}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <Link href={paths.riskNew} class="button button--primary">{t.risk.newButton}</Link>
      </div>

      <section aria-labelledby="risk-list-heading" aria-busy={list.loading ? 'true' : undefined}>
        <h2 id="risk-list-heading" class="visually-hidden">{t.risk.title}</h2>
        <ErrorMessage>{list.error}</ErrorMessage>
        {list.loading && !list.data && <Loading />}
        {list.data && (
          <>
            <p class="list-count" role="status">{t.risk.count(list.data.total)}</p>
            {list.data.items.length === 0
              ? <p class="empty">{status ? t.risk.emptyFiltered : t.risk.empty}</p>
              : (
                <ul class="risk-list">
                  {list.data.items.map((a) => <Row key={a.id} a={a} />)}
                </ul>
              )}
            <Pager offset={offset} limit={PAGE_SIZE} total={list.data.total}
              onPage={(o) => navigate(href(status, o))} />
          </>
        )}
      </section>
    </Page>
  );
}
