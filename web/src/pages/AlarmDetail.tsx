// /larm/{id}: one alarm, its facts and the timeline of its events (reading
// it is audited by the server). Receivers may respond; the raiser, responders
// and covering managers may end it; the raiser of an ended real alarm is
// offered the prefilled report.
import { useState } from 'preact/hooks';
import { errorMessage } from '../api';
import { getAlarm, hasResponded, raisedByMe, reportable, type AlarmDetail, type Outcome } from '../alarms';
import { ErrorMessage, Loading } from '../components/Alert';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { useAlarms } from '../components/alarm/AlarmProvider';
import { EndAlarmForm } from '../components/alarm/EndAlarmForm';
import { useLoad } from '../hooks';
import { useT } from '../i18n';
import { paths } from '../router';
import { formatDateTime } from '../time';
import { AlarmKindBadge, AlarmStatusBadge } from './Alarms';
import '../styles/alarms.css';

export function AlarmDetailPage({ id }: { id: number }) {
  const t = useT();
  const alarms = useAlarms();
  const me = alarms.me;
  const loaded = useLoad(() => getAlarm(id), [id]);
  const [ending, setEnding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const w = t.alarmDetail;
  // The stream's newer state (responders, ended) over the loaded one; the events stay as loaded.
  const live = alarms.state.alarms[id]?.alarm;
  const a: AlarmDetail | undefined = loaded.data ? { ...loaded.data, ...(live ?? {}), events: loaded.data.events } : undefined;

  const respond = async () => {
    setError(null);
    try {
      await alarms.respond(id);
      loaded.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const end = async (o: Outcome, n?: string) => {
    await alarms.end(id, o, n);
    setEnding(false);
    loaded.reload();
  };

  return (
    <Page title={w.title(id)}>
      <p><Link href={paths.alarms}>{w.back}</Link></p>
      <ErrorMessage>{loaded.error}</ErrorMessage>
      {loaded.loading && !a && <Loading />}
      {a && (
        <>
          <section aria-labelledby="alarm-facts" class="card">
            <h2 id="alarm-facts">{w.facts}</h2>
            <dl class="facts" data-testid="alarm-facts">
              <div><dt>{w.kind}</dt><dd>{t.alarmKind[a.kind]} <AlarmKindBadge alarm={a} /></dd></div>
              <div><dt>{w.status}</dt><dd><AlarmStatusBadge alarm={a} /></dd></div>
              <div><dt>{w.site}</dt><dd>{a.site.name}</dd></div>
              <div><dt>{w.room}</dt><dd>{a.room ? `${a.room.name} (${t.roomKind[a.room.kind]})` : t.alarm.unknownRoom}</dd></div>
              <div>
                <dt>{w.raisedBy}</dt>
                <dd>{a.raised_by ? a.raised_by.display_name : a.device ? t.alarm.byDevice(a.device.name) : '–'}</dd>
              </div>
              <div><dt>{w.raisedAt}</dt><dd>{formatDateTime(a.raised_at)}</dd></div>
              <div><dt>{w.receivers}</dt><dd>{a.receivers}</dd></div>
              <div><dt>{w.delivered}</dt><dd>{a.delivered}</dd></div>
              {a.outcome && <div><dt>{w.outcome}</dt><dd>{t.outcome[a.outcome]}</dd></div>}
              {a.outcome_note && <div><dt>{w.note}</dt><dd>{a.outcome_note}</dd></div>}
              {a.incident_id !== null && (
                <div><dt>{w.incident}</dt><dd><Link href={paths.incident(a.incident_id)}>{w.openIncident(a.incident_id)}</Link></dd></div>
              )}
            </dl>
            <ErrorMessage>{error}</ErrorMessage>
            <div class="actions">
              {a.status === 'active' && !raisedByMe(a, me.id) && !hasResponded(a, me.id) && (
                <button type="button" class="button button--primary" onClick={respond}>{w.respond}</button>
              )}
              {a.status === 'active' && !ending && (
                <button type="button" class="button button--secondary" onClick={() => setEnding(true)}>{t.alarm.end}</button>
              )}
              {reportable(a, me.id) && (
                <Link href={`${paths.report}?larm=${a.id}`} class="button button--primary">{t.alarm.report}</Link>
              )}
            </div>
            {ending && a.status === 'active' && <EndAlarmForm alarm={a} onEnd={end} onCancel={() => setEnding(false)} />}
          </section>
          <section aria-labelledby="alarm-timeline">
            <h2 id="alarm-timeline">{w.timeline}</h2>
            <ol class="alarm-timeline" data-testid="alarm-timeline">
              {a.events.map((e) => (
                <li key={e.seq}>
                  <span class="alarm-timeline-time">{formatDateTime(e.at)}</span>{' '}
                  <span class="alarm-timeline-what">{t.alarmEvent[e.kind] ?? e.kind}</span>
                  {e.user && <span> – {e.user.display_name}</span>}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </Page>
  );
}
