// Händelse: one incident — facts, handling, measures, notes and logbook.
import { useState } from 'preact/hooks';
import { getIncident } from '../api';
import { ErrorMessage, LiveStatus, Loading } from '../components/Alert';
import { Assessment } from '../components/incident/Assessment';
import { Authorities } from '../components/incident/Authorities';
import { Coordinator } from '../components/incident/Coordinator';
import { PoliceReportSection } from '../components/incident/PoliceReport';
import { Rules } from '../components/incident/Rules';
import { Support } from '../components/incident/Support';
import { Facts } from '../components/incident/Facts';
import { Logbook } from '../components/incident/Logbook';
import { Measures } from '../components/incident/Measures';
import { Notes } from '../components/incident/Notes';
import { PersonSection } from '../components/incident/Person';
import { Workflow } from '../components/incident/Workflow';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { SensitiveBadge, SeverityText, StatusBadge } from '../components/StatusBadge';
import { loadColleagues } from '../data';
import { useLoad } from '../hooks';
import { useT } from '../i18n';
import { paths } from '../router';
import { hasRole, useSession } from '../session';
import { breachCount } from '../followup';

export function IncidentDetail({ id }: { id: number }) {
  const t = useT();
  const { me } = useSession();
  const incident = useLoad(() => getIncident(id), [id]);
  const [message, setMessage] = useState('');
  const manage = incident.data?.access.manage ?? false;
  const colleagues = useLoad(() => (manage ? loadColleagues() : Promise.resolve([])), [manage]);

  const changed = (msg: string) => {
    setMessage(msg);
    incident.reload();
  };

  const i = incident.data;
  const heading = i ? `${t.detail.title(i.id)}: ${t.category[i.category] ?? i.category}` : t.detail.title(id);

  return (
    <Page title={t.detail.title(id)} heading={heading} wide>
      <p class="back-link"><Link href={paths.incidents}>← {t.detail.back}</Link></p>
      <ErrorMessage>{incident.error}</ErrorMessage>
      {incident.loading && !i && <Loading />}
      <LiveStatus message={message} />
      {i && (
        <>
          <div class="incident-tags">
            <StatusBadge status={i.status} />
            <SeverityText severity={i.severity} />
            {i.sensitive && <SensitiveBadge />}
          </div>
          <div class={i.access.manage ? 'detail-grid' : 'detail-grid detail-grid--single'}>
            {i.access.manage && (
              <div class="detail-workflow"><Workflow incident={i} onChanged={changed} /></div>
            )}
            <div class="detail-main">
              {/* A rule breach is what to act on first; otherwise the facts lead. */}
              {breachCount(i.rules) > 0 && <Rules incident={i} />}
              <Facts incident={i} />
              {/* The person behind it: managers and a covering säkerhetssamordnare (the server decides). */}
              {(i.access.manage || hasRole(me, 'sakerhetssamordnare')) && <PersonSection incident={i} onChanged={changed} />}
              {i.rules && breachCount(i.rules) === 0 && <Rules incident={i} />}
              {'police_report' in i && <PoliceReportSection incident={i} onChanged={changed} />}
              {i.authorities && <Authorities incident={i} onChanged={changed} />}
              {i.measures && (
                <Support incident={i} colleagues={colleagues.data ?? []} onChanged={changed} />
              )}
              {i.measures && (
                <Measures incident={i} colleagues={colleagues.data ?? []} onChanged={changed} />
              )}
              {(i.notes || i.access.annotate) && <Notes incident={i} onChanged={changed} />}
              {i.log && <Logbook log={i.log} measures={i.measures ?? []} />}
            </div>
            {i.access.manage && (
              <div class="detail-assessment">
                <Assessment incident={i} onChanged={changed} />
                <Coordinator incident={i} onChanged={changed} />
              </div>
            )}
          </div>
        </>
      )}
    </Page>
  );
}
