import { describe, expect, it } from 'vitest';
import {
  addDays, daysBetween, deadlineState, deadlineText, formatDate, formatDateTime,
  stockholmDate, stockholmLocalToUtcIso, stockholmOffsetMs, utcMsToStockholmLocalInput,
} from './time';
import { sv } from './i18n/sv';
import { en } from './i18n/en';

const H = 3_600_000;

describe('stockholmOffsetMs', () => {
  it('is +1 h in winter and +2 h in summer', () => {
    expect(stockholmOffsetMs(Date.parse('2026-01-15T12:00:00Z'))).toBe(H);
    expect(stockholmOffsetMs(Date.parse('2026-07-15T12:00:00Z'))).toBe(2 * H);
  });
});

describe('stockholmLocalToUtcIso', () => {
  it('converts winter wall time (CET, +01:00)', () => {
    expect(stockholmLocalToUtcIso('2026-11-23T09:30')).toBe('2026-11-23T08:30:00Z');
  });
  it('converts summer wall time (CEST, +02:00)', () => {
    expect(stockholmLocalToUtcIso('2026-06-10T14:05')).toBe('2026-06-10T12:05:00Z');
  });
  it('handles midnight and day change', () => {
    expect(stockholmLocalToUtcIso('2026-01-01T00:15')).toBe('2025-12-31T23:15:00Z');
    expect(stockholmLocalToUtcIso('2026-08-01')).toBe('2026-07-31T22:00:00Z');
  });
  it('handles the hours around the spring change (29 March 2026)', () => {
    expect(stockholmLocalToUtcIso('2026-03-29T01:59')).toBe('2026-03-29T00:59:00Z');
    expect(stockholmLocalToUtcIso('2026-03-29T03:00')).toBe('2026-03-29T01:00:00Z');
    // 02:30 does not exist; read with the winter offset = 03:30 summer time.
    expect(stockholmLocalToUtcIso('2026-03-29T02:30')).toBe('2026-03-29T01:30:00Z');
  });
  it('handles the autumn change (25 October 2026)', () => {
    expect(stockholmLocalToUtcIso('2026-10-25T01:30')).toBe('2026-10-24T23:30:00Z');
    // 02:30 happens twice; the first (summer time) is chosen.
    expect(stockholmLocalToUtcIso('2026-10-25T02:30')).toBe('2026-10-25T00:30:00Z');
    expect(stockholmLocalToUtcIso('2026-10-25T03:30')).toBe('2026-10-25T02:30:00Z');
  });
  it('rejects invalid values', () => {
    expect(stockholmLocalToUtcIso('')).toBeNull();
    expect(stockholmLocalToUtcIso('2026-02-30T10:00')).toBeNull();
    expect(stockholmLocalToUtcIso('2026-13-01T10:00')).toBeNull();
    expect(stockholmLocalToUtcIso('igår')).toBeNull();
  });
});

describe('round trip', () => {
  it('datetime-local value of an instant converts back to the same minute', () => {
    for (const iso of ['2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z', '2026-10-25T00:30:00Z',
      '2026-10-25T02:30:00Z', '2026-12-31T23:59:00Z', '2026-07-01T10:00:00Z']) {
      const local = utcMsToStockholmLocalInput(Date.parse(iso));
      expect(stockholmLocalToUtcIso(local)).toBe(iso);
    }
  });
  it('shows instants in Stockholm time', () => {
    expect(utcMsToStockholmLocalInput(Date.parse('2026-11-23T08:30:00Z'))).toBe('2026-11-23T09:30');
    expect(utcMsToStockholmLocalInput(Date.parse('2026-06-30T22:10:00Z'))).toBe('2026-07-01T00:10');
    expect(stockholmDate(Date.parse('2026-06-30T22:10:00Z'))).toBe('2026-07-01');
  });
});

describe('formatting', () => {
  it('formats as sv-SE in Stockholm time', () => {
    expect(formatDateTime('2026-11-23T08:30:00Z')).toBe('2026-11-23 09:30');
    expect(formatDateTime('2026-06-30T22:10:00Z')).toBe('2026-07-01 00:10');
    expect(formatDate('2026-06-30T22:10:00Z')).toBe('2026-07-01');
    expect(formatDateTime(null)).toBe('');
  });
});

describe('dates', () => {
  it('counts days across month, year and DST changes', () => {
    expect(daysBetween('2026-11-23', '2026-11-25')).toBe(2);
    expect(daysBetween('2026-11-25', '2026-11-23')).toBe(-2);
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
});

describe('deadlines', () => {
  const today = '2026-11-23';
  it('classifies due dates', () => {
    expect(deadlineState('2026-11-20', today)).toEqual({ kind: 'overdue', days: 3 });
    expect(deadlineState('2026-11-23', today)).toEqual({ kind: 'today' });
    expect(deadlineState('2026-11-24', today)).toEqual({ kind: 'tomorrow' });
    expect(deadlineState('2026-11-25', today)).toEqual({ kind: 'future', days: 2 });
  });
  it('says it in Swedish', () => {
    expect(deadlineText('2026-11-25', today, sv.deadline)).toBe('om 2 dagar');
    expect(deadlineText('2026-11-24', today, sv.deadline)).toBe('i morgon');
    expect(deadlineText('2026-11-23', today, sv.deadline)).toBe('i dag');
    expect(deadlineText('2026-11-20', today, sv.deadline)).toBe('försenad 3 dagar');
    expect(deadlineText('2026-11-22', today, sv.deadline)).toBe('försenad 1 dag');
  });
  it('says it in English', () => {
    expect(deadlineText('2026-11-25', today, en.deadline)).toBe('in 2 days');
    expect(deadlineText('2026-11-22', today, en.deadline)).toBe('1 day overdue');
    expect(deadlineText('2026-11-20', today, en.deadline)).toBe('3 days overdue');
  });
});
