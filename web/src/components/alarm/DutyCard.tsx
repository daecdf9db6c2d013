// Start page card "I tjänst": where the user is (site, room) and in which
// function, so that the site's alarms reach them and their own alarms carry
// the room. Also asks for notification permission (alarms while the tab is
// hidden) and shows the site's phone numbers, which are kept for offline use.
import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../../api';
import { DUTY_FUNCTIONS, cachePhones, deleteDuty, phonesOf, putDuty, type DutyFunction } from '../../alarms';
import { useT } from '../../i18n';
import { formatDateTime } from '../../time';
import { ErrorMessage, Loading, Notice } from '../Alert';
import { ChoiceGroup } from '../ChoiceGroup';
import { SelectField } from '../Field';
import { AlarmPhones } from './AlarmPhones';
import { useAlarms } from './AlarmProvider';

type Perm = 'default' | 'granted' | 'denied' | 'unsupported';
const permission = (): Perm => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

export function DutyCard() {
  const t = useT();
  const alarms = useAlarms();
  const { duty, sites } = alarms;
  const [editing, setEditing] = useState(false);
  const [siteId, setSiteId] = useState('');
  const [roomId, setRoomId] = useState('');
  const [fn, setFn] = useState<DutyFunction>('kollega');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [perm, setPerm] = useState<Perm>(permission);

  // The form starts from the current duty, or the only site there is.
  useEffect(() => {
    if (duty) {
      setSiteId(String(duty.site_id));
      setRoomId(duty.room_id ? String(duty.room_id) : '');
      setFn(duty.function);
    } else if (sites && sites.length === 1 && !siteId) {
      setSiteId(String(sites[0]!.id));
    }
  }, [duty, sites]);

  const site = sites?.find((s) => String(s.id) === siteId);
  const dutySite = sites?.find((s) => s.id === duty?.site_id);
  const dutyRoom = dutySite?.rooms.find((r) => r.id === duty?.room_id);

  const askPermission = async () => {
    if (typeof Notification === 'undefined') return;
    try {
      setPerm(await Notification.requestPermission());
    } catch {
      setPerm(permission());
    }
  };

  const save = async (e: Event) => {
    e.preventDefault();
    if (busy || !site) return;
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      const d = await putDuty({ site_id: site.id, function: fn, ...(roomId ? { room_id: Number(roomId) } : {}) });
      alarms.setDuty(d ?? { site_id: site.id, site_name: site.name, room_id: roomId ? Number(roomId) : null, function: fn, until: '' });
      cachePhones(phonesOf(site));
      setEditing(false);
      setNotice(t.duty.saved);
      if (perm === 'default') void askPermission();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const stop = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      await deleteDuty();
      alarms.setDuty(null);
      setNotice(t.duty.stopped);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const showForm = !duty || editing;
  return (
    <section class="start-section duty-card" aria-labelledby="start-duty" data-testid="duty-card">
      <h2 id="start-duty">{t.duty.heading}</h2>
      {notice && <Notice>{notice}</Notice>}
      <ErrorMessage>{error}</ErrorMessage>
      {duty && (
        <div class="duty-current" data-testid="duty-current">
          <p class="duty-status">
            <span class="duty-dot" aria-hidden="true" />
            {t.duty.current(duty.site_name, t.dutyFunction[duty.function].toLowerCase())}
          </p>
          {dutyRoom && <p>{t.duty.room(dutyRoom.name)}</p>}
          {duty.until && <p>{t.duty.until(formatDateTime(duty.until))}</p>}
          {!editing && (
            <div class="actions">
              <button type="button" class="button button--secondary" onClick={() => setEditing(true)}>{t.duty.change}</button>
              <button type="button" class="button button--quiet" onClick={stop}>{t.duty.stop}</button>
            </div>
          )}
        </div>
      )}
      {!duty && <p>{t.duty.off} {t.duty.lead}</p>}
      {showForm && sites === undefined && <Loading />}
      {showForm && sites && sites.length === 0 && <p class="empty">{t.duty.noSites}</p>}
      {showForm && sites && sites.length > 0 && (
        <form class="stack duty-form" onSubmit={save}>
          <SelectField label={t.duty.site} value={siteId} onValue={(v) => {
            setSiteId(v);
            setRoomId('');
          }}>
            {!site && <option value="">{t.duty.chooseSite}</option>}
            {sites.map((s) => <option key={s.id} value={String(s.id)}>{s.name}</option>)}
          </SelectField>
          {site && (
            <SelectField label={t.duty.roomLabel} value={roomId} onValue={setRoomId}>
              <option value="">{t.duty.noRoom}</option>
              {site.rooms.map((r) => <option key={r.id} value={String(r.id)}>{r.name}</option>)}
            </SelectField>
          )}
          <ChoiceGroup legend={t.duty.function} name="duty-function" compact value={fn}
            options={DUTY_FUNCTIONS.map((f) => ({ value: f, label: t.dutyFunction[f] }))} onChange={setFn} />
          <div class="actions">
            <button type="submit" class="button button--primary" aria-disabled={busy || !site ? 'true' : undefined}>
              {duty ? t.duty.save : t.duty.start}
            </button>
            {duty && <button type="button" class="button button--quiet" onClick={() => setEditing(false)}>{t.alarm.cancel}</button>}
          </div>
        </form>
      )}
      {duty && (
        <details class="duty-phones">
          <summary>{t.duty.phones}</summary>
          <AlarmPhones reception={dutySite?.phone_reception} guard={dutySite?.phone_guard} />
        </details>
      )}
      {perm !== 'unsupported' && (
        <p class="duty-notify">
          {perm === 'granted' ? t.duty.notifyOn : perm === 'denied' ? t.duty.notifyDenied : (
            <>
              {t.duty.notifyLead}{' '}
              <button type="button" class="button button--secondary button--small" onClick={askPermission}>{t.duty.notify}</button>
            </>
          )}
        </p>
      )}
    </section>
  );
}
