// The panic alarm (issue 7, docs/alarms.md): the API's shapes and calls,
// the site's phone numbers kept for when the server cannot be reached, and
// small pure helpers the alarm screens share.
import { apiGet, apiSend } from './api';
import type { PersonRef, Role } from './types';

export const DUTY_FUNCTIONS = ['kollega', 'reception', 'vakt', 'chef'] as const;
export type DutyFunction = (typeof DUTY_FUNCTIONS)[number];
export const ROOM_KINDS = ['besoksrum', 'reception', 'samtalsrum', 'kontor', 'annat'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];
export const ALARM_KINDS = ['real', 'test', 'drill'] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];
export const OUTCOMES = ['resolved', 'false_alarm', 'test_ok', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const EVENT_KINDS = ['raised', 'ring2', 'call_112', 'delivered', 'responding', 'ended', 'reported'] as const;
export type AlarmEventKind = (typeof EVENT_KINDS)[number];
/** A note with the outcome is at most this long. */
export const NOTE_MAX = 500;

export interface Device {
  id: number;
  room_id: number;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked: boolean;
}

export interface AlarmRoom {
  id: number;
  site_id: number;
  name: string;
  kind: RoomKind;
  last_test_at: string | null;
  test_overdue: boolean;
  devices?: Device[];
}

export interface AlarmSite {
  id: number;
  unit_id: number;
  unit_name: string;
  name: string;
  address: string;
  phone_reception: string;
  phone_guard: string;
  test_interval_days: number;
  ring1: DutyFunction[];
  ring2: DutyFunction[];
  ring2_after_s: number;
  call_112_after_s: number;
  rooms: AlarmRoom[];
  may_manage: boolean;
}

export interface SiteInput {
  unit_id?: number;
  name?: string;
  address?: string;
  phone_reception?: string;
  phone_guard?: string;
  test_interval_days?: number;
  ring1?: DutyFunction[];
  ring2?: DutyFunction[];
  ring2_after_s?: number;
  call_112_after_s?: number;
}

export interface Duty {
  site_id: number;
  site_name: string;
  room_id: number | null;
  function: DutyFunction;
  until: string;
}

export interface Phones {
  reception: string;
  guard: string;
  emergency: string;
}

export interface Responder {
  user: PersonRef;
  at: string;
  seconds: number;
}

export interface AlarmView {
  id: number;
  kind: AlarmKind;
  status: 'active' | 'ended';
  site: { id: number; name: string };
  room: { id: number; name: string; kind: RoomKind } | null;
  unit_id: number;
  raised_by: PersonRef | null;
  device: { id: number; name: string } | null;
  raised_at: string;
  ring: 1 | 2;
  call_112: boolean;
  receivers: number;
  delivered: number;
  responders: Responder[];
  ended_at: string | null;
  ended_by: PersonRef | null;
  outcome: Outcome | null;
  outcome_note: string | null;
  incident_id: number | null;
  phones: Phones;
}

export interface AlarmEvent {
  seq: number;
  at: string;
  kind: AlarmEventKind;
  user: PersonRef | null;
  detail: string;
}

export interface AlarmDetail extends AlarmView {
  events: AlarmEvent[];
}

export interface ReportDraft {
  unit_id: number;
  occurred_at: string;
  place_type: string;
  category: 'hot';
  outside_workplace: boolean;
  tied_to_role: boolean;
  description: string;
}

// --- calls ----------------------------------------------------------------

export const getAlarmSites = () => apiGet<{ items: AlarmSite[] }>('/alarm-sites').then((r) => r.items);
export const createAlarmSite = (body: SiteInput) => apiSend<AlarmSite>('POST', '/alarm-sites', body);
export const updateAlarmSite = (id: number, body: SiteInput) => apiSend<AlarmSite>('PATCH', `/alarm-sites/${id}`, body);
export const addAlarmRoom = (siteId: number, body: { name: string; kind: RoomKind }) =>
  apiSend<AlarmRoom>('POST', `/alarm-sites/${siteId}/rooms`, body);
export const updateAlarmRoom = (id: number, body: { name?: string; kind?: RoomKind }) =>
  apiSend<AlarmRoom>('PATCH', `/alarm-rooms/${id}`, body);
export const registerDevice = (roomId: number, name: string) =>
  apiSend<{ device: Device; token: string }>('POST', `/alarm-rooms/${roomId}/devices`, { name });
export const revokeDevice = (id: number) => apiSend<unknown>('DELETE', `/devices/${id}`);

export const getDuty = () => apiGet<{ duty: Duty | null }>('/duty').then((r) => r.duty);
export const putDuty = (body: { site_id: number; function: DutyFunction; room_id?: number; until?: string }) =>
  apiSend<Duty | { duty: Duty }>('PUT', '/duty', body).then(unwrapDuty);
export const deleteDuty = () => apiSend<unknown>('DELETE', '/duty');

/** PUT /duty answers the Duty, or `{duty}` like GET: either is accepted. */
export function unwrapDuty(r: Duty | { duty: Duty } | null | undefined): Duty | null {
  if (!r) return null;
  return 'duty' in r ? r.duty : r;
}

export const raiseAlarm = (body: { room_id?: number; site_id?: number; kind?: AlarmKind }) =>
  apiSend<AlarmView>('POST', '/alarms', body);
export const getAlarms = (q: { status?: 'active' | 'ended'; site_id?: number; limit?: number } = {}) => {
  const p = new URLSearchParams();
  if (q.status) p.set('status', q.status);
  if (q.site_id) p.set('site_id', String(q.site_id));
  if (q.limit) p.set('limit', String(q.limit));
  const s = p.toString();
  return apiGet<{ items: AlarmView[] }>(`/alarms${s ? `?${s}` : ''}`).then((r) => r.items);
};
export const getAlarm = (id: number) => apiGet<AlarmDetail>(`/alarms/${id}`);
export const markDelivered = (id: number) => apiSend<AlarmView>('POST', `/alarms/${id}/delivered`);
export const respondAlarm = (id: number) => apiSend<AlarmView>('POST', `/alarms/${id}/respond`);
export const endAlarm = (id: number, outcome: Outcome, note?: string) =>
  apiSend<AlarmView>('POST', `/alarms/${id}/end`, note ? { outcome, note } : { outcome });
export const getReportDraft = (id: number) => apiGet<ReportDraft>(`/alarms/${id}/report-draft`);

export const ALARM_STREAM_URL = '/api/v1/alarms/stream';

// --- who may do what (the server decides; these only choose what to show) ----

/** Chef, säkerhetssamordnare or admin: may manage sites (/larm/platser). */
export const managesAlarmSites = (roles: readonly Role[]): boolean =>
  roles.includes('chef') || roles.includes('sakerhetssamordnare') || roles.includes('admin');

/** The raiser, a responder, or (when `manager`) a chef/säkerhetssamordnare covering the site. */
export function mayEnd(a: AlarmView, meId: number, manager = false): boolean {
  if (a.status !== 'active') return false;
  return manager || a.raised_by?.id === meId || a.responders.some((r) => r.user.id === meId);
}

export const hasResponded = (a: AlarmView, meId: number): boolean => a.responders.some((r) => r.user.id === meId);
export const raisedByMe = (a: AlarmView, meId: number): boolean => a.raised_by?.id === meId;

/** An ended real alarm I raised and have not yet reported: "Gör en anmälan". */
export const reportable = (a: AlarmView, meId: number): boolean =>
  a.kind === 'real' && a.status === 'ended' && raisedByMe(a, meId) && a.incident_id === null;

/** The outcomes offered when ending: test_ok only for tests and drills. */
export const outcomesFor = (kind: AlarmKind): Outcome[] =>
  kind === 'real' ? ['resolved', 'false_alarm', 'other'] : ['test_ok', 'other', 'false_alarm'];

/** Splits a comma/space separated list of functions, keeping the known ones once. */
export function parseFunctions(v: string): DutyFunction[] {
  const out: DutyFunction[] = [];
  for (const part of v.split(/[\s,]+/)) {
    const f = part.trim().toLowerCase();
    if ((DUTY_FUNCTIONS as readonly string[]).includes(f) && !out.includes(f as DutyFunction)) out.push(f as DutyFunction);
  }
  return out;
}

/** A tel: href for a phone number (digits and a leading +). */
export const telHref = (n: string): string => `tel:${n.replace(/[^\d+]/g, '')}`;

// --- the site's phone numbers, kept for when the server cannot answer -------

const PHONES_KEY = 'trygg.alarmPhones.v1';

export interface CachedPhones {
  site_name: string;
  reception: string;
  guard: string;
}

export function cachePhones(p: CachedPhones): void {
  try {
    localStorage.setItem(PHONES_KEY, JSON.stringify(p));
  } catch {
    // Storage disabled: 112 is always shown anyway.
  }
}

export function loadPhones(): CachedPhones | null {
  try {
    const raw = localStorage.getItem(PHONES_KEY);
    if (!raw) return null;
    const p = JSON.parse(raw) as Partial<CachedPhones>;
    return { site_name: String(p.site_name ?? ''), reception: String(p.reception ?? ''), guard: String(p.guard ?? '') };
  } catch {
    return null;
  }
}

export const phonesOf = (site: Pick<AlarmSite, 'name' | 'phone_reception' | 'phone_guard'>): CachedPhones =>
  ({ site_name: site.name, reception: site.phone_reception ?? '', guard: site.phone_guard ?? '' });

// --- the site form (/larm/platser) -----------------------------------------

export interface SiteForm {
  unitId: string;
  name: string;
  address: string;
  phoneReception: string;
  phoneGuard: string;
  testIntervalDays: string;
  ring1: DutyFunction[];
  ring2: DutyFunction[];
  ring2AfterS: string;
  call112AfterS: string;
}

export type SiteField = 'unitId' | 'name' | 'testIntervalDays' | 'ring2AfterS' | 'call112AfterS';

export const emptySiteForm = (unitId = ''): SiteForm => ({
  unitId, name: '', address: '', phoneReception: '', phoneGuard: '', testIntervalDays: '30',
  ring1: ['kollega', 'reception'], ring2: ['vakt', 'chef'], ring2AfterS: '30', call112AfterS: '60',
});

export const siteFormFrom = (s: AlarmSite): SiteForm => ({
  unitId: String(s.unit_id), name: s.name, address: s.address ?? '', phoneReception: s.phone_reception ?? '',
  phoneGuard: s.phone_guard ?? '', testIntervalDays: String(s.test_interval_days), ring1: [...s.ring1],
  ring2: [...s.ring2], ring2AfterS: String(s.ring2_after_s), call112AfterS: String(s.call_112_after_s),
});

const wholeNumber = (v: string, min: number): boolean => /^\d+$/.test(v.trim()) && Number(v) >= min;

/** The fields that are wrong: a unit and a name are needed, the numbers whole and positive. */
export function siteFormErrors(f: SiteForm): SiteField[] {
  const out: SiteField[] = [];
  if (!f.unitId) out.push('unitId');
  if (!f.name.trim()) out.push('name');
  if (!wholeNumber(f.testIntervalDays, 1)) out.push('testIntervalDays');
  if (!wholeNumber(f.ring2AfterS, 0)) out.push('ring2AfterS');
  if (!wholeNumber(f.call112AfterS, 0)) out.push('call112AfterS');
  return out;
}

/** The POST/PATCH /alarm-sites body (the unit only when creating). */
export function siteRequest(f: SiteForm, mode: 'new' | 'edit'): SiteInput {
  const body: SiteInput = {
    name: f.name.trim(), address: f.address.trim(), phone_reception: f.phoneReception.trim(),
    phone_guard: f.phoneGuard.trim(), test_interval_days: Number(f.testIntervalDays),
    ring1: DUTY_FUNCTIONS.filter((x) => f.ring1.includes(x)), ring2: DUTY_FUNCTIONS.filter((x) => f.ring2.includes(x)),
    ring2_after_s: Number(f.ring2AfterS), call_112_after_s: Number(f.call112AfterS),
  };
  if (mode === 'new') body.unit_id = Number(f.unitId);
  return body;
}

/**
 * The report form's fields from an alarm's report draft. Reports belong to an
 * enhet: when the site's unit is not one (a site of a förvaltning or an
 * avdelning), the reporter's own unit is used instead.
 */
export function reportPrefillFromDraft(d: ReportDraft, isEnhet: (unitId: number) => boolean, myUnitId: number):
    { unitId: number; occurredAt: string; place: string; outside: boolean; tiedToRole: boolean; description: string } {
  return {
    unitId: isEnhet(d.unit_id) ? d.unit_id : myUnitId,
    occurredAt: d.occurred_at,
    place: d.place_type,
    outside: d.outside_workplace,
    tiedToRole: d.tied_to_role,
    description: d.description,
  };
}
