// The alarms this tab knows of, kept from the SSE stream (docs/alarms.md,
// "Delivery"): keyed by alarm id, each message carries the alarm's whole state
// and the newest `seq` wins, so duplicates and out-of-order deliveries (a
// reconnect replays from Last-Event-ID) change nothing. Pure, for tests.
import type { AlarmView } from './alarms';

export type Connection = 'connecting' | 'open' | 'down';

export interface AlarmEntry {
  /** The stream sequence of the newest message applied (0: known from an API answer only). */
  seq: number;
  alarm: AlarmView;
}

export interface AlarmState {
  alarms: Record<number, AlarmEntry>;
  connection: Connection;
  /** The stream has been open at least once (so "down" means it was lost). */
  wasOpen: boolean;
  /** How many times the stream came back after being lost. */
  reconnects: number;
  /** The highest seq seen (what EventSource sends back as Last-Event-ID). */
  lastSeq: number;
}

export type AlarmAction =
  | { type: 'open' }
  | { type: 'hello'; seq: number }
  | { type: 'alarm'; seq: number; alarm: AlarmView }
  | { type: 'error' }
  /** An API answer (raise, respond, end): applied unless the stream already knows more. */
  | { type: 'local'; alarm: AlarmView }
  | { type: 'reset' };

export const initialAlarmState: AlarmState = {
  alarms: {}, connection: 'connecting', wasOpen: false, reconnects: 0, lastSeq: 0,
};

/**
 * How far an alarm has come: ended beats active, then more responders, a
 * later ring, the 112 prompt, more deliveries. States of one alarm only grow.
 */
export function progress(a: AlarmView): number[] {
  return [a.status === 'ended' ? 1 : 0, a.responders.length, a.ring, a.call_112 ? 1 : 0, a.delivered,
    a.incident_id !== null ? 1 : 0];
}

function compare(x: number[], y: number[]): number {
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function alarmReducer(s: AlarmState, a: AlarmAction): AlarmState {
  switch (a.type) {
    case 'open':
      if (s.connection === 'open') return s;
      return { ...s, connection: 'open', wasOpen: true, reconnects: s.wasOpen ? s.reconnects + 1 : s.reconnects };
    case 'hello':
      return alarmReducer({ ...s, lastSeq: Math.max(s.lastSeq, a.seq) }, { type: 'open' });
    case 'error':
      return s.connection === 'down' ? s : { ...s, connection: 'down' };
    case 'alarm': {
      const lastSeq = Math.max(s.lastSeq, a.seq);
      const cur = s.alarms[a.alarm.id];
      if (cur && cur.seq >= a.seq) return lastSeq === s.lastSeq ? s : { ...s, lastSeq };
      return { ...s, lastSeq, alarms: { ...s.alarms, [a.alarm.id]: { seq: a.seq, alarm: a.alarm } } };
    }
    case 'local': {
      const cur = s.alarms[a.alarm.id];
      if (cur && compare(progress(a.alarm), progress(cur.alarm)) < 0) return s;
      return { ...s, alarms: { ...s.alarms, [a.alarm.id]: { seq: cur?.seq ?? 0, alarm: a.alarm } } };
    }
    case 'reset':
      return initialAlarmState;
    default:
      return s;
  }
}

/**
 * One SSE `alarm` message (`id: <seq>`, data `{"kind","alarm"}`) as an action,
 * or null when it is not one (wrong shape, no id).
 */
export function parseAlarmMessage(data: string, lastEventId: string): AlarmAction | null {
  const seq = Number(lastEventId);
  if (!lastEventId || !Number.isFinite(seq)) return null;
  let body: unknown;
  try {
    body = JSON.parse(data);
  } catch {
    return null;
  }
  const alarm = (body as { alarm?: unknown } | null)?.alarm as AlarmView | undefined;
  if (!alarm || typeof alarm !== 'object' || typeof alarm.id !== 'number' || typeof alarm.status !== 'string' ||
      !Array.isArray(alarm.responders)) return null;
  return { type: 'alarm', seq, alarm };
}

/** The `hello` message's seq, or 0. */
export function parseHello(data: string): number {
  try {
    const seq = Number((JSON.parse(data) as { seq?: unknown }).seq);
    return Number.isFinite(seq) ? seq : 0;
  } catch {
    return 0;
  }
}

const newestFirst = (x: AlarmView, y: AlarmView) => (x.raised_at < y.raised_at ? 1 : x.raised_at > y.raised_at ? -1 : y.id - x.id);

/** Active alarms this user receives and did not raise: the full-screen alerts, newest first. */
export function incomingAlarms(s: AlarmState, meId: number): AlarmView[] {
  return Object.values(s.alarms).map((e) => e.alarm)
    .filter((a) => a.status === 'active' && a.raised_by?.id !== meId)
    .sort(newestFirst);
}

/** Alarms this user raised that the tab knows of (active or ended), newest first. */
export function myAlarms(s: AlarmState, meId: number): AlarmView[] {
  return Object.values(s.alarms).map((e) => e.alarm).filter((a) => a.raised_by?.id === meId).sort(newestFirst);
}
