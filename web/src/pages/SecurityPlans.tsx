// Säkerhetsplaner: the plans the caller may read — as säkerhetssamordnare or
// chef covering the unit, or as one of the people or the handling group.
// A säkerhetssamordnare starts new plans here and reaches the risk template.
import { getSecurityPlans } from '../api';
import { ErrorMessage, Loading } from '../components/Alert';
import { SelectField } from '../components/Field';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { PlanStatusBadge, ProtectedBadge, ReviewDate, ThreatLevel } from '../components/plans/PlanBadges';
import { useLoad } from '../hooks';
import { useT } from '../i18n';
import { navigate, paths, useLocation } from '../router';
import { hasRole, useSession } from '../session';
import { PLAN_STATUSES, type PlanStatus } from '../types';
import '../styles/plans.css';

export function SecurityPlans() {
  const t = useT();
  const { me } = useSession();
  const loc = useLocation();
  const q = new URLSearchParams(loc.search).get('status') ?? '';
  const status = (PLAN_STATUSES as readonly string[]).includes(q) ? (q as PlanStatus) : undefined;
  const list = useLoad(() => getSecurityPlans({ status }), [status]);
  const coordinator = hasRole(me, 'sakerhetssamordnare');

  return (
    <Page title={t.plans.title} wide>
      <p class="lead">{t.plans.lead}</p>
      <div class="page-actions page-actions--split">
        <SelectField id="plan-status-filter" label={t.plans.statusFilter} value={status ?? ''}
          onValue={(v) => navigate(v ? `${paths.plans}?status=${v}` : paths.plans, { replace: true })}>
          <option value="">{t.plans.allStatuses}</option>
          {PLAN_STATUSES.map((s) => <option key={s} value={s}>{t.planStatus[s]}</option>)}
        </SelectField>
        {coordinator && (
          <div class="actions">
            <Link href={paths.riskTemplate} class="button button--secondary">{t.plans.templateLink}</Link>
            <Link href={paths.planNew} class="button button--primary">{t.plans.newPlan}</Link>
          </div>
        )}
      </div>
      <section aria-labelledby="plans-heading" aria-busy={list.loading ? 'true' : undefined}>
        <h2 id="plans-heading" class="visually-hidden">{t.plans.title}</h2>
        <ErrorMessage>{list.error}</ErrorMessage>
        {list.loading && !list.data && <Loading />}
        {list.data && (
          <>
            <p class="list-count" role="status">{t.plans.count(list.data.length)}</p>
            {list.data.length === 0 ? <p class="empty">{t.plans.empty}</p> : (
              <ul class="plan-list" data-testid="plan-list">
                {list.data.map((p) => (
                  <li key={p.id} class="plan-row" data-testid="plan-row">
                    <div>
                      <Link href={paths.plan(p.id)} class="plan-row-link">{p.title}</Link>
                      <p class="plan-row-meta">
                        {p.unit_name}
                        <span aria-hidden="true"> · </span>
                        {t.plans.scope}: {t.planScope[p.scope] ?? p.scope}
                      </p>
                    </div>
                    <div class="plan-row-tags">
                      <PlanStatusBadge status={p.status} />
                      {p.protected_case && <ProtectedBadge />}
                      <ThreatLevel level={p.threat_level} />
                      <ReviewDate date={p.review_date} overdue={p.review_overdue} />
                    </div>
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
