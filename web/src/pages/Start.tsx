// The start page, by role: the inbox first for those who handle incidents,
// the area's incidents for a skyddsombud, and the way to report for everyone.
import { getInbox, getIncidents } from '../api';
import { ErrorMessage, Loading } from '../components/Alert';
import { Count, InboxView } from '../components/InboxView';
import { IncidentRow } from '../components/IncidentRow';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { PendingRoutines } from '../components/routines/PendingRoutines';
import { DutyCard } from '../components/alarm/DutyCard';
import { useLoad } from '../hooks';
import { useT } from '../i18n';
import { paths } from '../router';
import { handlesIncidents, hasRole, seesOthersIncidents, useSession } from '../session';

function InboxSection() {
  const t = useT();
  const inbox = useLoad(getInbox, []);
  return (
    <section class="start-section" aria-labelledby="start-inbox">
      <h2 id="start-inbox">
        <Link href={paths.inbox}>{t.start.inboxHeading}</Link>
        {inbox.data && <Count n={inbox.data.length} />}
      </h2>
      <ErrorMessage>{inbox.error}</ErrorMessage>
      {inbox.loading && !inbox.data && <Loading />}
      {inbox.data && <InboxView items={inbox.data} headingLevel={3} maxPerGroup={5} />}
    </section>
  );
}

function AreaSection() {
  const t = useT();
  const list = useLoad(() => getIncidents({ open: true, limit: 10 }), []);
  return (
    <section class="start-section" aria-labelledby="start-area">
      <h2 id="start-area">{t.start.areaHeading}</h2>
      <p class="section-lead">{t.start.areaLead}</p>
      <ErrorMessage>{list.error}</ErrorMessage>
      {list.loading && !list.data && <Loading />}
      {list.data && (list.data.items.length === 0
        ? <p class="empty">{t.list.empty}</p>
        : (
          <ul class="incident-list">
            {list.data.items.map((i) => <IncidentRow key={i.id} incident={i} />)}
          </ul>
        ))}
      <p><Link href={paths.incidents}>{t.start.showAllArea}</Link></p>
    </section>
  );
}

function MyReportsSection() {
  const t = useT();
  const list = useLoad(() => getIncidents({ limit: 5 }), []);
  return (
    <section class="start-section" aria-labelledby="start-mine">
      <h2 id="start-mine"><Link href={paths.incidents}>{t.nav.myReports}</Link></h2>
      <p class="section-lead">{t.start.myReportsLead}</p>
      <ErrorMessage>{list.error}</ErrorMessage>
      {list.loading && !list.data && <Loading />}
      {list.data && (list.data.items.length === 0
        ? <p class="empty">{t.list.empty}</p>
        : (
          <ul class="incident-list">
            {list.data.items.map((i) => <IncidentRow key={i.id} incident={i} />)}
          </ul>
        ))}
    </section>
  );
}

export function Start() {
  const t = useT();
  const { me } = useSession();
  const handles = handlesIncidents(me);
  const skyddsombud = hasRole(me, 'skyddsombud');
  const analyst = hasRole(me, 'analytiker');
  const admin = hasRole(me, 'admin');
  // Whatever the role asks of the person comes first; reporting is always there.
  const roleFirst = handles || skyddsombud || analyst || admin;
  const cta = (
    <div class={roleFirst ? 'report-cta report-cta--quiet' : 'report-cta'}>
      <p>{t.start.reportLead}</p>
      <Link href={paths.report} class="button button--primary button--large">{t.nav.report}</Link>
    </div>
  );
  return (
    <Page title={t.start.title} heading={t.start.greeting(me.display_name)} wide>
      <DutyCard />
      {!roleFirst && cta}
      {!roleFirst && <PendingRoutines />}
      {handles && <InboxSection />}
      {skyddsombud && <AreaSection />}
      {analyst && (
        <section class="start-section" aria-labelledby="start-analyst">
          <h2 id="start-analyst">{t.start.analystHeading}</h2>
          <p>{t.start.analystNote}</p>
          <p><Link href={paths.kpiImport}>{t.kpiImport.link}</Link></p>
        </section>
      )}
      {admin && (
        <section class="start-section" aria-labelledby="start-admin">
          <h2 id="start-admin">{t.start.adminHeading}</h2>
          <p>{t.start.adminLead}</p>
          <p><Link href={paths.admin} class="button button--secondary">{t.start.toAdmin}</Link></p>
        </section>
      )}
      {roleFirst && <PendingRoutines />}
      {roleFirst && cta}
      {!seesOthersIncidents(me) && <MyReportsSection />}
    </Page>
  );
}
