// /larm: the alarms the user may read (the server decides), newest first,
// filtered active/ended; managers also find their sites and devices here.
import { useState } from 'preact/hooks';
import { getAlarms, managesAlarmSites, type AlarmView } from '../alarms';
import { ErrorMessage, Loading } from '../components/Alert';
import { ChoiceGroup } from '../components/ChoiceGroup';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { useLoad } from '../hooks';
import { useT } from '../i18n';
import { paths } from '../router';
import { useSession } from '../session';
import { formatDateTime } from '../time';
import '../styles/alarms.css';

type Filter = 'all' | 'active' | 'ended';

export function AlarmStatusBadge({ alarm }: { alarm: Pick<AlarmView, 'status'> }) {
  const t = useT();
  return alarm.status === 'active'
    ? <span class="badge alarm-badge alarm-badge--active">{t.alarmList.statusActive}</span>
    : <span class="badge alarm-badge">{t.alarmList.statusEnded}</span>;
}

export function AlarmKindBadge({ alarm }: { alarm: Pick<AlarmView, 'kind'> }) {
  const t = useT();
  if (alarm.kind === 'real') return null;
  return <span class="badge alarm-badge alarm-badge--test">{t.alarmKind[alarm.kind]}</span>;
}

export function Alarms() {
  const t = useT();
  const { me } = useSession();
  const [filter, setFilter] = useState<Filter>('all');
  const list = useLoad(() => getAlarms({ status: filter === 'all' ? undefined : filter, limit: 100 }), [filter]);
  return (
    <Page title={t.alarmList.title}>
      <p class="lead">{t.alarmList.lead}</p>
      {managesAlarmSites(me.roles) && (
        <p><Link href={paths.alarmSites} class="button button--secondary">{t.alarmList.toSites}</Link></p>
      )}
      <ChoiceGroup<Filter> legend={t.alarmList.filter} name="alarm-filter" compact value={filter} onChange={setFilter}
        options={[
          { value: 'all', label: t.alarmList.all },
          { value: 'active', label: t.alarmList.active },
          { value: 'ended', label: t.alarmList.endedFilter },
        ]} />
      <ErrorMessage>{list.error}</ErrorMessage>
      {list.loading && !list.data && <Loading />}
      {list.data && (list.data.length === 0 ? <p class="empty">{t.alarmList.empty}</p> : (
        <ul class="alarm-list" data-testid="alarm-list">
          {list.data.map((a) => (
            <li key={a.id} class="alarm-row">
              <Link href={paths.alarm(a.id)} class="alarm-row-link">
                {a.room ? a.room.name : t.alarmList.noRoom}, {a.site.name}
              </Link>
              <p class="alarm-row-meta">
                <AlarmStatusBadge alarm={a} /> <AlarmKindBadge alarm={a} />{' '}
                {formatDateTime(a.raised_at)}
                {a.raised_by && ` · ${a.raised_by.display_name}`}
                {a.device && ` · ${t.alarm.byDevice(a.device.name)}`}
                {` · ${t.alarmList.responders(a.responders.length)}`}
                {a.outcome && ` · ${t.outcome[a.outcome]}`}
              </p>
            </li>
          ))}
        </ul>
      ))}
    </Page>
  );
}
