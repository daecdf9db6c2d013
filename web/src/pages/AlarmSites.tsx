// /larm/platser (chef, säkerhetssamordnare, admin): sites with their phone
// numbers, rings and test interval; rooms with the last test and "Test
// försenat"; alarm buttons (registered with a token shown once, revoked);
// and a test alarm or drill raised for a room.
import { useState } from 'preact/hooks';
import { errorMessage } from '../api';
import {
  DUTY_FUNCTIONS, ROOM_KINDS, addAlarmRoom, createAlarmSite, emptySiteForm, getAlarmSites, registerDevice,
  revokeDevice, siteFormErrors, siteFormFrom, siteRequest, updateAlarmRoom, updateAlarmSite, type AlarmKind, type AlarmRoom,
  type AlarmSite, type DutyFunction, type RoomKind, type SiteField, type SiteForm,
} from '../alarms';
import { ErrorMessage, Loading, Notice } from '../components/Alert';
import { Dialog } from '../components/Dialog';
import { Checkbox, SelectField, TextField } from '../components/Field';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { UnitOptions } from '../components/UnitOptions';
import { useAlarms } from '../components/alarm/AlarmProvider';
import { loadUnits } from '../data';
import { useId, useLoad } from '../hooks';
import { useT } from '../i18n';
import { editableUnits } from '../routines';
import { paths } from '../router';
import { useSession } from '../session';
import { formatDate, formatDateTime } from '../time';
import '../styles/alarms.css';

function FunctionBoxes({ legend, value, onChange }: { legend: string; value: DutyFunction[]; onChange: (v: DutyFunction[]) => void }) {
  const t = useT();
  return (
    <fieldset class="group">
      <legend class="group-legend">{legend}</legend>
      {DUTY_FUNCTIONS.map((f) => (
        <Checkbox key={f} label={t.dutyFunction[f]} checked={value.includes(f)}
          onChange={(on) => onChange(on ? [...value, f] : value.filter((x) => x !== f))} />
      ))}
    </fieldset>
  );
}

function SiteFormView({ initial, mode, siteId, onSaved, onCancel }: {
  initial: SiteForm; mode: 'new' | 'edit'; siteId?: number; onSaved: (s: AlarmSite) => void; onCancel: () => void;
}) {
  const t = useT();
  const w = t.alarmSites;
  const { me } = useSession();
  const units = useLoad(loadUnits, []);
  const [f, setF] = useState<SiteForm>(initial);
  const [errors, setErrors] = useState<SiteField[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof SiteForm>(k: K, v: SiteForm[K]) => setF((x) => ({ ...x, [k]: v }));
  const err = (k: SiteField) => (errors.includes(k) ? (k === 'name' ? w.nameRequired : t.errors.invalid) : null);
  const mine = editableUnits(units.data ?? [], me, { admin: true }).filter((u) => u.kind !== 'kommun');
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const bad = siteFormErrors(f);
    setErrors(bad);
    if (bad.length > 0) {
      setError(w.fixErrors);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = siteRequest(f, mode);
      onSaved(mode === 'new' ? await createAlarmSite(body) : await updateAlarmSite(siteId!, body));
    } catch (ex) {
      setError(errorMessage(ex));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="stack alarm-site-form" onSubmit={submit} noValidate data-testid="alarm-site-form">
      <ErrorMessage>{error}</ErrorMessage>
      {mode === 'new' && (
        <SelectField label={w.unit} value={f.unitId} onValue={(v) => set('unitId', v)} error={err('unitId')}>
          <option value="">–</option>
          <UnitOptions units={mine} kinds={['forvaltning', 'avdelning', 'enhet']} />
        </SelectField>
      )}
      <TextField label={w.name} value={f.name} onValue={(v) => set('name', v)} error={err('name')} maxLength={200} />
      <TextField label={w.address} optional={t.common.optional} value={f.address} onValue={(v) => set('address', v)} />
      <TextField label={w.phoneReception} optional={t.common.optional} type="tel" value={f.phoneReception}
        onValue={(v) => set('phoneReception', v)} />
      <TextField label={w.phoneGuard} optional={t.common.optional} type="tel" value={f.phoneGuard}
        onValue={(v) => set('phoneGuard', v)} />
      <FunctionBoxes legend={w.ring1} value={f.ring1} onChange={(v) => set('ring1', v)} />
      <FunctionBoxes legend={w.ring2} value={f.ring2} onChange={(v) => set('ring2', v)} />
      <TextField label={w.ring2After} inputMode="numeric" value={f.ring2AfterS} onValue={(v) => set('ring2AfterS', v)}
        error={err('ring2AfterS')} />
      <TextField label={w.call112After} inputMode="numeric" value={f.call112AfterS}
        onValue={(v) => set('call112AfterS', v)} error={err('call112AfterS')} />
      <TextField label={w.testInterval} inputMode="numeric" value={f.testIntervalDays}
        onValue={(v) => set('testIntervalDays', v)} error={err('testIntervalDays')} />
      <div class="actions">
        <button type="submit" class="button button--primary" aria-disabled={busy ? 'true' : undefined}>
          {mode === 'new' ? w.create : w.save}
        </button>
        <button type="button" class="button button--quiet" onClick={onCancel}>{w.cancel}</button>
      </div>
    </form>
  );
}

function RoomForm({ initial, submitLabel, onSubmit, onCancel }: {
  initial: { name: string; kind: RoomKind }; submitLabel: string;
  onSubmit: (name: string, kind: RoomKind) => Promise<void>; onCancel?: () => void;
}) {
  const t = useT();
  const w = t.alarmSites;
  const [name, setName] = useState(initial.name);
  const [kind, setKind] = useState<RoomKind>(initial.kind);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) {
      setError(w.nameRequired);
      return;
    }
    setError(null);
    try {
      await onSubmit(name.trim(), kind);
      setName(initial.name);
    } catch (ex) {
      setError(errorMessage(ex));
    }
  };
  return (
    <form class="alarm-add-room stack" onSubmit={submit} noValidate>
      <ErrorMessage>{error}</ErrorMessage>
      <div class="alarm-add-room-fields">
        <TextField label={w.roomName} value={name} onValue={setName} maxLength={100} />
        <SelectField label={w.roomKind} value={kind} onValue={(v) => setKind(v as RoomKind)}>
          {ROOM_KINDS.map((k) => <option key={k} value={k}>{t.roomKind[k]}</option>)}
        </SelectField>
      </div>
      <div class="actions">
        <button type="submit" class="button button--secondary">{submitLabel}</button>
        {onCancel && <button type="button" class="button button--quiet" onClick={onCancel}>{w.cancel}</button>}
      </div>
    </form>
  );
}

function RoomRow({ room, site, onChanged }: { room: AlarmRoom; site: AlarmSite; onChanged: () => void }) {
  const t = useT();
  const w = t.alarmSites;
  const alarms = useAlarms();
  const [deviceName, setDeviceName] = useState('');
  const [token, setToken] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const nameId = useId('dev');
  const run = async (fn: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      await fn();
    } catch (ex) {
      setError(errorMessage(ex));
    } finally {
      setBusy(false);
    }
  };
  const raise = (kind: AlarmKind) => run(async () => {
    await alarms.raise({ room_id: room.id }, kind);
    setNotice(kind === 'test' ? w.testSent(room.name) : w.drillSent(room.name));
  });
  const register = (e: Event) => {
    e.preventDefault();
    const name = deviceName.trim();
    if (!name) {
      setError(w.nameRequired);
      return;
    }
    void run(async () => {
      const r = await registerDevice(room.id, name);
      setDeviceName('');
      setCopied(false);
      setToken(r.token);
      onChanged();
    });
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token ?? '');
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <li class="alarm-room" data-testid="alarm-room">
      <h4 class="alarm-room-name">
        {room.name} <span class="alarm-room-kind">({t.roomKind[room.kind]})</span>
        {room.test_overdue && <span class="badge alarm-badge alarm-badge--overdue"> {w.overdue}</span>}
      </h4>
      <p class="alarm-room-meta">{w.lastTest}: {room.last_test_at ? formatDate(room.last_test_at) : w.never}</p>
      {editing && (
        <RoomForm initial={{ name: room.name, kind: room.kind }} submitLabel={w.save} onCancel={() => setEditing(false)}
          onSubmit={async (name, kind) => {
            await updateAlarmRoom(room.id, { name, kind });
            setEditing(false);
            onChanged();
          }} />
      )}
      {site.may_manage && (
        <div class="actions">
          {!editing && (
            <button type="button" class="button button--quiet button--small" aria-label={`${w.edit} ${room.name}`}
              onClick={() => setEditing(true)}>{w.edit}</button>
          )}
          <button type="button" class="button button--secondary button--small" onClick={() => raise('test')}>{w.testAlarm}</button>
          <button type="button" class="button button--secondary button--small" onClick={() => raise('drill')}>{w.drill}</button>
        </div>
      )}
      {notice && <Notice>{notice}</Notice>}
      <ErrorMessage>{error}</ErrorMessage>
      {room.devices && (
        <div class="alarm-devices">
          <h5>{w.devices}</h5>
          {room.devices.length === 0 ? <p class="empty">{w.noDevices}</p> : (
            <ul>
              {room.devices.map((d) => (
                <li key={d.id} class="alarm-device">
                  <span>{d.name}</span>{' '}
                  {d.revoked ? <span class="badge alarm-badge">{w.revoked}</span> : (
                    <>
                      <span class="alarm-device-meta">{d.last_used_at ? w.lastUsed(formatDateTime(d.last_used_at)) : w.neverUsed}</span>{' '}
                      <button type="button" class="button button--quiet button--small" aria-label={`${w.revoke} ${d.name}`}
                        onClick={() => {
                          if (window.confirm(w.revokeConfirm(d.name))) void run(async () => {
                            await revokeDevice(d.id);
                            onChanged();
                          });
                        }}>{w.revoke}</button>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          <form class="inline-form" onSubmit={register}>
            <label for={nameId} class="field-label">{w.deviceName} <span class="visually-hidden">({room.name})</span></label>
            <div class="input-row">
              <input id={nameId} class="input" value={deviceName} maxLength={100}
                onInput={(e) => setDeviceName(e.currentTarget.value)} />
              <button type="submit" class="button button--secondary">{w.register}</button>
            </div>
          </form>
        </div>
      )}
      <Dialog open={token !== null} title={w.tokenTitle} onClose={() => setToken(null)}>
        <p class="alert alert--error" role="alert">{w.tokenWarning}</p>
        <p><code class="alarm-token" data-testid="device-token">{token}</code></p>
        <div class="actions">
          <button type="button" class="button button--primary" onClick={copy}>{w.copy}</button>
          <button type="button" class="button button--quiet" onClick={() => setToken(null)}>{t.alarm.close}</button>
        </div>
        <p role="status">{copied ? w.copied : ''}</p>
      </Dialog>
    </li>
  );
}

function AddRoom({ site, onAdded }: { site: AlarmSite; onAdded: () => void }) {
  const w = useT().alarmSites;
  return (
    <RoomForm initial={{ name: '', kind: 'besoksrum' }} submitLabel={w.addRoom} onSubmit={async (name, kind) => {
      await addAlarmRoom(site.id, { name, kind });
      onAdded();
    }} />
  );
}

function SiteCard({ site, onChanged }: { site: AlarmSite; onChanged: () => void }) {
  const t = useT();
  const w = t.alarmSites;
  const [editing, setEditing] = useState(false);
  const fns = (l: DutyFunction[]) => l.map((f) => t.dutyFunction[f].toLowerCase()).join(', ') || '–';
  const headingId = `alarm-site-${site.id}`;
  return (
    <section class="card alarm-site" aria-labelledby={headingId} data-testid="alarm-site">
      <h2 id={headingId}>{site.name}</h2>
      <p class="alarm-site-meta">
        {site.unit_name}{site.address ? ` · ${site.address}` : ''}
      </p>
      {editing ? (
        <SiteFormView initial={siteFormFrom(site)} mode="edit" siteId={site.id}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }} onCancel={() => setEditing(false)} />
      ) : (
        <>
          <p>{w.ringsSummary(fns(site.ring1), fns(site.ring2), site.ring2_after_s)}</p>
          <p>
            {w.phoneReception}: {site.phone_reception || '–'} · {w.phoneGuard}: {site.phone_guard || '–'} ·{' '}
            {w.testInterval}: {site.test_interval_days}
          </p>
          {site.may_manage && (
            <button type="button" class="button button--secondary button--small" onClick={() => setEditing(true)}>
              {w.edit}
            </button>
          )}
        </>
      )}
      <h3>{w.rooms}</h3>
      {site.rooms.length === 0 ? <p class="empty">{w.noRooms}</p> : (
        <ul class="alarm-rooms">
          {site.rooms.map((r) => <RoomRow key={r.id} room={r} site={site} onChanged={onChanged} />)}
        </ul>
      )}
      {site.may_manage && <AddRoom site={site} onAdded={onChanged} />}
    </section>
  );
}

export function AlarmSites() {
  const t = useT();
  const w = t.alarmSites;
  const alarms = useAlarms();
  const list = useLoad(getAlarmSites, []);
  const [creating, setCreating] = useState(false);
  const [saved, setSaved] = useState('');
  const changed = () => {
    list.reload();
    alarms.reloadSites();
  };
  return (
    <Page title={w.title} wide>
      <p><Link href={paths.alarms}>{t.alarmDetail.back}</Link></p>
      <p class="lead">{w.lead}</p>
      {saved && <Notice>{saved}</Notice>}
      {creating ? (
        <section class="card" aria-labelledby="alarm-new-site">
          <h2 id="alarm-new-site">{w.newSite}</h2>
          <SiteFormView initial={emptySiteForm()} mode="new" onSaved={() => {
            setCreating(false);
            setSaved(w.saved);
            changed();
          }} onCancel={() => setCreating(false)} />
        </section>
      ) : (
        <p><button type="button" class="button button--primary" onClick={() => {
          setSaved('');
          setCreating(true);
        }}>{w.newSite}</button></p>
      )}
      <ErrorMessage>{list.error}</ErrorMessage>
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.length === 0 && <p class="empty">{w.empty}</p>}
      {list.data?.map((s) => <SiteCard key={s.id} site={s} onChanged={changed} />)}
    </Page>
  );
}
