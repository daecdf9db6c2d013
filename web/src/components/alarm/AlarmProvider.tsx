// The alarm state of a signed-in tab: one EventSource on /alarms/stream
// (EventSource reconnects by itself and sends Last-Event-ID), the reducer of
// alarmState.ts, the user's duty and the sites they may choose, and the
// actions every alarm screen uses. Renders the full-screen alert and the
// "Larm skickat" panel over whatever page is open.
import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import {
  ALARM_STREAM_URL, cachePhones, endAlarm, getAlarmSites, getDuty, markDelivered, phonesOf, raiseAlarm,
  respondAlarm, type AlarmKind, type AlarmSite, type AlarmView, type Duty, type Outcome,
} from '../../alarms';
import { alarmReducer, incomingAlarms, initialAlarmState, myAlarms, parseAlarmMessage, parseHello,
  type AlarmState } from '../../alarmState';
import { unlockAudio } from '../../alarmAudio';
import { useT } from '../../i18n';
import type { Me } from '../../types';

export interface AlarmContextValue {
  me: Me;
  state: AlarmState;
  duty: Duty | null;
  /** undefined while loading. */
  sites: AlarmSite[] | undefined;
  setDuty: (d: Duty | null) => void;
  reloadSites: () => void;
  /** Raises an alarm; where: a room, a site, or (nothing) the duty room. Throws ApiError. */
  raise: (where?: { room_id?: number; site_id?: number }, kind?: AlarmKind) => Promise<AlarmView>;
  respond: (id: number) => Promise<void>;
  end: (id: number, outcome: Outcome, note?: string) => Promise<void>;
  /** Applies an alarm from an API answer. */
  apply: (a: AlarmView) => void;
}

const AlarmContext = createContext<AlarmContextValue | null>(null);

export function useAlarms(): AlarmContextValue {
  const c = useContext(AlarmContext);
  if (!c) throw new Error('useAlarms outside AlarmProvider');
  return c;
}

/** The alarm context, or null outside a signed-in page. */
export const useAlarmsMaybe = (): AlarmContextValue | null => useContext(AlarmContext);

/** Re-creates the EventSource after this long when the browser gave up (e.g. the server answered an error). */
const MANUAL_RETRY_MS = 5000;

export function AlarmProvider({ me, children, overlay }: { me: Me; children: ComponentChildren; overlay: ComponentChildren }) {
  const t = useT();
  const [state, dispatch] = useReducer(alarmReducer, initialAlarmState);
  const [duty, setDutyState] = useState<Duty | null>(null);
  const [sites, setSites] = useState<AlarmSite[] | undefined>(undefined);
  const [sitesTick, setSitesTick] = useState(0);
  const delivered = useRef(new Set<number>());
  const notified = useRef(new Set<number>());
  const lastSeq = useRef(0);
  lastSeq.current = state.lastSeq;

  // The stream.
  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      dispatch({ type: 'error' });
      return undefined;
    }
    let es: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const connect = () => {
      // A new EventSource sends no Last-Event-ID header: the query says where to resume.
      const url = lastSeq.current > 0 ? `${ALARM_STREAM_URL}?last_event_id=${lastSeq.current}` : ALARM_STREAM_URL;
      es = new EventSource(url, { withCredentials: true });
      es.onopen = () => dispatch({ type: 'open' });
      es.addEventListener('hello', (e) => dispatch({ type: 'hello', seq: parseHello((e as MessageEvent).data) }));
      es.addEventListener('alarm', (e) => {
        const m = e as MessageEvent;
        const action = parseAlarmMessage(String(m.data), m.lastEventId);
        if (action) dispatch(action);
      });
      es.onerror = () => {
        dispatch({ type: 'error' });
        // CLOSED: the browser will not retry by itself (e.g. an HTTP error); try again later.
        if (es && es.readyState === EventSource.CLOSED && !stopped) {
          es.close();
          // Ask an ordinary API call first: a lost session (401) then signs the app out as everywhere else.
          retry = setTimeout(() => {
            getDuty().then(setDutyState, () => {}).finally(() => {
              if (!stopped) connect();
            });
          }, MANUAL_RETRY_MS);
        }
      };
    };
    connect();
    // Browsers keep audio off until a gesture: unlock on the first one.
    const unlock = () => unlockAudio();
    document.addEventListener('pointerdown', unlock, true);
    document.addEventListener('keydown', unlock, true);
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      es?.close();
      document.removeEventListener('pointerdown', unlock, true);
      document.removeEventListener('keydown', unlock, true);
    };
  }, [me.id]);

  // Duty and the sites the user may choose.
  useEffect(() => {
    getDuty().then(setDutyState, () => {});
  }, [me.id]);
  useEffect(() => {
    getAlarmSites().then(setSites, () => setSites((s) => s ?? []));
  }, [me.id, sitesTick]);

  // Keep the duty site's numbers for when the server cannot be reached.
  useEffect(() => {
    if (!duty || !sites) return;
    const site = sites.find((s) => s.id === duty.site_id);
    if (site) cachePhones(phonesOf(site));
  }, [duty, sites]);

  const incoming = incomingAlarms(state, me.id);

  // Tell the server each incoming alarm was shown; a notification when the tab is hidden.
  useEffect(() => {
    for (const a of incoming) {
      if (!delivered.current.has(a.id)) {
        delivered.current.add(a.id);
        markDelivered(a.id).then((v) => v && dispatch({ type: 'local', alarm: v }), () => delivered.current.delete(a.id));
      }
      if (!notified.current.has(a.id) && document.hidden && typeof Notification !== 'undefined' &&
          Notification.permission === 'granted') {
        notified.current.add(a.id);
        try {
          const n = new Notification(t.alarm.notificationTitle(a.site.name), {
            body: t.alarm.notificationBody(a.room?.name ?? t.alarm.unknownRoom), tag: `trygg-alarm-${a.id}`,
            requireInteraction: true,
          });
          n.onclick = () => {
            window.focus();
            n.close();
          };
        } catch {
          // Some browsers only allow notifications from a service worker.
        }
      }
    }
  }, [incoming.map((a) => a.id).join(',')]);

  const apply = useCallback((a: AlarmView) => dispatch({ type: 'local', alarm: a }), []);
  const value = useMemo<AlarmContextValue>(() => ({
    me,
    state,
    duty,
    sites,
    setDuty: setDutyState,
    reloadSites: () => setSitesTick((n) => n + 1),
    raise: async (where, kind) => {
      const body: { room_id?: number; site_id?: number; kind?: AlarmKind } = { ...(where ?? {}) };
      if (!where && duty) {
        if (duty.room_id) body.room_id = duty.room_id;
        else body.site_id = duty.site_id;
      }
      if (kind && kind !== 'real') body.kind = kind;
      const a = await raiseAlarm(body);
      dispatch({ type: 'local', alarm: a });
      return a;
    },
    respond: async (id) => {
      const a = await respondAlarm(id);
      if (a) dispatch({ type: 'local', alarm: a });
    },
    end: async (id, outcome, note) => {
      const a = await endAlarm(id, outcome, note);
      if (a) dispatch({ type: 'local', alarm: a });
    },
    apply,
  }), [me, state, duty, sites]);

  return (
    <AlarmContext.Provider value={value}>
      {children}
      {overlay}
    </AlarmContext.Provider>
  );
}

export { incomingAlarms, myAlarms };
