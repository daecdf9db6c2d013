import { describe, expect, it } from 'vitest';
import {
  alarmReducer, incomingAlarms, initialAlarmState, myAlarms, parseAlarmMessage, parseHello, type AlarmAction,
  type AlarmState,
} from './alarmState';
import type { AlarmView } from './alarms';

function alarm(over: Partial<AlarmView> = {}): AlarmView {
  return {
    id: 1, kind: 'real', status: 'active', site: { id: 5, name: 'Storgatan 1' },
    room: { id: 7, name: 'Besöksrum 2', kind: 'besoksrum' }, unit_id: 3,
    raised_by: { id: 10, display_name: 'Eva' }, device: null, raised_at: '2026-12-07T08:00:00Z', ring: 1,
    call_112: false, receivers: 3, delivered: 0, responders: [], ended_at: null, ended_by: null, outcome: null,
    outcome_note: null, incident_id: null, phones: { reception: '08-1', guard: '08-2', emergency: '112' },
    ...over,
  };
}

const run = (actions: AlarmAction[], s: AlarmState = initialAlarmState) => actions.reduce(alarmReducer, s);
const responder = { user: { id: 20, display_name: 'Rita' }, at: '2026-12-07T08:00:12Z', seconds: 12 };

describe('alarmReducer', () => {
  it('keeps one entry per alarm, the newest seq winning', () => {
    const s = run([
      { type: 'alarm', seq: 3, alarm: alarm() },
      { type: 'alarm', seq: 5, alarm: alarm({ responders: [responder] }) },
    ]);
    expect(Object.keys(s.alarms)).toEqual(['1']);
    expect(s.alarms[1]!.seq).toBe(5);
    expect(s.alarms[1]!.alarm.responders).toHaveLength(1);
    expect(s.lastSeq).toBe(5);
  });

  it('ignores a duplicate message (same seq) and returns the same state', () => {
    const a: AlarmAction = { type: 'alarm', seq: 4, alarm: alarm() };
    const s1 = run([a]);
    expect(alarmReducer(s1, a)).toBe(s1);
  });

  it('ignores an older message arriving after a newer one (out of order)', () => {
    const s = run([
      { type: 'alarm', seq: 9, alarm: alarm({ status: 'ended', outcome: 'resolved', ended_at: '2026-12-07T08:05:00Z' }) },
      { type: 'alarm', seq: 6, alarm: alarm({ responders: [responder] }) },
    ]);
    expect(s.alarms[1]!.alarm.status).toBe('ended');
    expect(s.alarms[1]!.seq).toBe(9);
    expect(s.lastSeq).toBe(9);
  });

  it('an ended alarm leaves the incoming alerts but stays among mine', () => {
    const other = alarm({ id: 2, raised_by: { id: 30, display_name: 'Olle' } });
    let s = run([{ type: 'alarm', seq: 1, alarm: alarm() }, { type: 'alarm', seq: 2, alarm: other }]);
    expect(incomingAlarms(s, 10).map((a) => a.id)).toEqual([2]);
    expect(myAlarms(s, 10).map((a) => a.id)).toEqual([1]);
    s = run([
      { type: 'alarm', seq: 3, alarm: { ...other, status: 'ended' } },
      { type: 'alarm', seq: 4, alarm: alarm({ status: 'ended' }) },
    ], s);
    expect(incomingAlarms(s, 10)).toEqual([]);
    expect(myAlarms(s, 10).map((a) => a.status)).toEqual(['ended']);
  });

  it('a device alarm (no raiser) is incoming for everyone', () => {
    const s = run([{ type: 'alarm', seq: 1, alarm: alarm({ raised_by: null, device: { id: 1, name: 'Knapp' } }) }]);
    expect(incomingAlarms(s, 10)).toHaveLength(1);
  });

  it('an API answer does not undo what the stream already knows', () => {
    const ended = alarm({ status: 'ended', responders: [responder] });
    const s1 = run([{ type: 'alarm', seq: 8, alarm: ended }]);
    expect(alarmReducer(s1, { type: 'local', alarm: alarm({ responders: [responder] }) })).toBe(s1);
    const s2 = run([{ type: 'alarm', seq: 8, alarm: alarm() }, { type: 'local', alarm: alarm({ responders: [responder] }) }]);
    expect(s2.alarms[1]!.alarm.responders).toHaveLength(1);
    expect(s2.alarms[1]!.seq).toBe(8);
    // …and the next stream message still applies.
    const s3 = alarmReducer(s2, { type: 'alarm', seq: 9, alarm: ended });
    expect(s3.alarms[1]!.alarm.status).toBe('ended');
  });

  it('tracks the connection: down on error, a reconnect counted when it opens again', () => {
    let s = run([{ type: 'hello', seq: 12 }]);
    expect(s.connection).toBe('open');
    expect(s.lastSeq).toBe(12);
    expect(s.reconnects).toBe(0);
    s = run([{ type: 'error' }], s);
    expect(s.connection).toBe('down');
    s = run([{ type: 'open' }, { type: 'hello', seq: 14 }], s);
    expect(s.connection).toBe('open');
    expect(s.reconnects).toBe(1);
  });
});

describe('parsing stream messages', () => {
  it('reads the seq from the event id and the alarm from the data', () => {
    const a = parseAlarmMessage(JSON.stringify({ kind: 'raised', alarm: alarm() }), '17');
    expect(a).toEqual({ type: 'alarm', seq: 17, alarm: alarm() });
  });

  it('refuses messages without an id or with a broken body', () => {
    expect(parseAlarmMessage(JSON.stringify({ kind: 'raised', alarm: alarm() }), '')).toBeNull();
    expect(parseAlarmMessage('{not json', '3')).toBeNull();
    expect(parseAlarmMessage(JSON.stringify({ kind: 'raised' }), '3')).toBeNull();
    expect(parseAlarmMessage(JSON.stringify({ alarm: { id: 'x' } }), '3')).toBeNull();
  });

  it('reads the hello seq', () => {
    expect(parseHello('{"server_time":"2026-12-07T08:00:00Z","seq":42}')).toBe(42);
    expect(parseHello('nonsense')).toBe(0);
  });
});
