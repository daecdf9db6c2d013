// Routines (acknowledged by staff), exercises with findings, the KPI import
// and unit profiles (issue 6): types, API wrappers and the pure helpers the
// pages use (outdated routines, acknowledgement progress, form checks, the
// KPI template).
import { ApiError, apiGet, apiPostText, apiSend } from './api';
import type { Me, PersonRef, Role, Unit } from './types';
import type { UnitProfile } from './stats';
import { coveredUnitIds } from './plans';
import { stockholmDate } from './time';

export const ROUTINE_STATUSES = ['aktiv', 'arkiverad'] as const;
export type RoutineStatus = (typeof ROUTINE_STATUSES)[number];
export const EXERCISE_KINDS = ['utbildning', 'ovning', 'larmovning'] as const;
export type ExerciseKind = (typeof EXERCISE_KINDS)[number];
export type FindingStatus = 'oppen' | 'klar';

export interface Routine {
  id: number;
  unit_id: number;
  unit_name: string;
  title: string;
  summary: string;
  document_url: string;
  owner: PersonRef;
  version: number;
  published_at: string;
  revision_date: string;
  status: RoutineStatus;
  current: boolean;
  in_my_scope: boolean;
  my_ack_at: string | null;
  may_edit: boolean;
  staff_in_scope?: number;
  acknowledged?: number;
  missing?: PersonRef[];
}

export interface NewRoutine {
  unit_id: number;
  title: string;
  summary?: string;
  document_url?: string;
  owner_user_id: number;
  revision_date: string;
}

export interface RoutinePatch {
  title?: string;
  summary?: string;
  document_url?: string;
  owner_user_id?: number;
  revision_date?: string;
  status?: RoutineStatus;
  new_version?: boolean;
}

export interface Finding {
  id: number;
  text: string;
  owner: PersonRef | null;
  due_date: string | null;
  status: FindingStatus;
  done_at: string | null;
}

export interface Exercise {
  id: number;
  unit_id: number;
  unit_name: string;
  kind: ExerciseKind;
  held_on: string;
  scenario: string;
  /** How many took part (0 when not given). */
  participants: number;
  notes: string;
  created_by: PersonRef;
  created_at: string;
  may_edit: boolean;
  findings: Finding[];
}

export interface NewFinding {
  text: string;
  owner_user_id?: number;
  due_date?: string;
}

export interface NewExercise {
  unit_id: number;
  kind: ExerciseKind;
  held_on: string;
  scenario: string;
  participants?: number;
  notes?: string;
  findings?: NewFinding[];
}

export interface ImportLineError {
  line: number;
  code: string;
  column: string;
  message: string;
}

// --- API ------------------------------------------------------------------------

const q = (params: Record<string, string | number | undefined>): string => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') s.set(k, String(v));
  const t = s.toString();
  return t ? `?${t}` : '';
};

export const getRoutines = (status?: RoutineStatus) =>
  apiGet<{ items: Routine[] }>(`/routines${q({ status })}`).then((r) => r.items);
export const getPendingRoutines = () => apiGet<{ items: Routine[] }>('/routines/pending').then((r) => r.items);
export const getRoutine = (id: number) => apiGet<Routine>(`/routines/${id}`);
export const createRoutine = (body: NewRoutine) => apiSend<Routine>('POST', '/routines', body);
export const updateRoutine = (id: number, patch: RoutinePatch) => apiSend<Routine>('PATCH', `/routines/${id}`, patch);
export const acknowledgeRoutine = (id: number) => apiSend<Routine>('POST', `/routines/${id}/acknowledge`);

export const getExercises = (unitId?: number) =>
  apiGet<{ items: Exercise[] }>(`/exercises${q({ unit_id: unitId, limit: 200 })}`).then((r) => r.items);
export const getExercise = (id: number) => apiGet<Exercise>(`/exercises/${id}`);
export const createExercise = (body: NewExercise) => apiSend<Exercise>('POST', '/exercises', body);
export const addFinding = (id: number, f: NewFinding) => apiSend<Exercise>('POST', `/exercises/${id}/findings`, f);
export const updateFinding = (id: number, fid: number,
  patch: { status?: FindingStatus; owner_user_id?: number | null; due_date?: string | null }) =>
  apiSend<Exercise>('PATCH', `/exercises/${id}/findings/${fid}`, patch);

export const importKpis = (csv: string) =>
  apiPostText<{ imported: number }>('/kpis/import', csv, 'text/csv; charset=utf-8');
export const putUnitProfile = (unitId: number, body: {
  headcount: number; secure_rooms?: number; coordinator_full_time?: boolean; alarm_tested_at?: string | null;
}) => apiSend<UnitProfile>('PUT', `/unit-profiles/${unitId}`, body);

// --- who may do what ----------------------------------------------------------------

/** Chef, säkerhetssamordnare or admin: may publish routines (the server checks the unit). */
export const publishesRoutines = (roles: readonly Role[]): boolean =>
  roles.includes('chef') || roles.includes('sakerhetssamordnare') || roles.includes('admin');

/** Chef or säkerhetssamordnare: may record exercises for the units they cover. */
export const recordsExercises = (roles: readonly Role[]): boolean =>
  roles.includes('chef') || roles.includes('sakerhetssamordnare');

/** Analytiker or admin: may import KPIs. */
export const importsKpis = (roles: readonly Role[]): boolean => roles.includes('analytiker') || roles.includes('admin');

/** Admin or säkerhetssamordnare: may edit unit profiles. */
export const editsUnitProfiles = (roles: readonly Role[]): boolean =>
  roles.includes('admin') || roles.includes('sakerhetssamordnare');

/** The units `me` may act on as chef or säkerhetssamordnare (every unit for an admin when `admin`). */
export function editableUnits(units: Unit[], me: Pick<Me, 'grants' | 'roles'>, opts: { admin?: boolean } = {}): Unit[] {
  if (opts.admin && me.roles.includes('admin')) return units;
  const ids = new Set([...coveredUnitIds(units, me, 'chef'), ...coveredUnitIds(units, me, 'sakerhetssamordnare')]);
  return units.filter((u) => ids.has(u.id));
}

// --- routines -----------------------------------------------------------------------

/** Past its revision date ("inaktuell"): `today` is a Stockholm day, YYYY-MM-DD. */
export const routineOutdated = (r: Pick<Routine, 'revision_date' | 'status'>, today: string): boolean =>
  r.status === 'aktiv' && r.revision_date < today;

/** What the list shows about my own acknowledgement. */
export type AckState = 'acknowledged' | 'pending' | 'not_mine';
export const ackState = (r: Pick<Routine, 'in_my_scope' | 'my_ack_at' | 'status'>): AckState =>
  !r.in_my_scope || r.status !== 'aktiv' ? (r.my_ack_at ? 'acknowledged' : 'not_mine')
    : r.my_ack_at ? 'acknowledged' : 'pending';

/** Acknowledged of staff in scope, rounded down to a whole percent (0 when nobody is in scope). */
export function ackPercent(r: Pick<Routine, 'acknowledged' | 'staff_in_scope'>): number {
  const n = r.staff_in_scope ?? 0;
  if (n <= 0) return 0;
  return Math.floor(((r.acknowledged ?? 0) * 100) / n);
}

/** Pending first, then by title. */
export function sortRoutines<T extends Pick<Routine, 'title' | 'in_my_scope' | 'my_ack_at' | 'status'>>(list: T[]): T[] {
  const rank = (r: T) => (ackState(r) === 'pending' ? 0 : r.status === 'aktiv' ? 1 : 2);
  return [...list].sort((a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title, 'sv'));
}

export interface RoutineForm {
  unitId: string;
  title: string;
  summary: string;
  documentUrl: string;
  ownerId: string;
  revisionDate: string;
}

export type RoutineField = 'unitId' | 'title' | 'ownerId' | 'revisionDate' | 'documentUrl';

/** Fields the form must fill in before sending (`unitId` only when creating). */
export function routineFormErrors(f: RoutineForm, mode: 'new' | 'edit'): RoutineField[] {
  const out: RoutineField[] = [];
  if (mode === 'new' && !f.unitId) out.push('unitId');
  if (!f.title.trim()) out.push('title');
  if (!f.ownerId) out.push('ownerId');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.revisionDate)) out.push('revisionDate');
  const url = f.documentUrl.trim();
  if (url && !/^https?:\/\/\S+$/i.test(url)) out.push('documentUrl');
  return out;
}

export const routineFormFrom = (r: Routine): RoutineForm => ({
  unitId: String(r.unit_id), title: r.title, summary: r.summary, documentUrl: r.document_url,
  ownerId: String(r.owner.id), revisionDate: r.revision_date,
});

export function newRoutineRequest(f: RoutineForm): NewRoutine {
  const body: NewRoutine = {
    unit_id: Number(f.unitId), title: f.title.trim(), owner_user_id: Number(f.ownerId), revision_date: f.revisionDate,
  };
  if (f.summary.trim()) body.summary = f.summary.trim();
  if (f.documentUrl.trim()) body.document_url = f.documentUrl.trim();
  return body;
}

/** Only what changed (null when nothing did); `newVersion` asks everyone to acknowledge again. */
export function routinePatch(r: Routine, f: RoutineForm, newVersion = false): RoutinePatch | null {
  const p: RoutinePatch = {};
  if (f.title.trim() !== r.title) p.title = f.title.trim();
  if (f.summary.trim() !== r.summary) p.summary = f.summary.trim();
  if (f.documentUrl.trim() !== r.document_url) p.document_url = f.documentUrl.trim();
  if (Number(f.ownerId) !== r.owner.id) p.owner_user_id = Number(f.ownerId);
  if (f.revisionDate !== r.revision_date) p.revision_date = f.revisionDate;
  if (newVersion) p.new_version = true;
  return Object.keys(p).length ? p : null;
}

/** The form field a server error belongs to ("routine.title" → title). */
export function routineErrorField(err: unknown): RoutineField | null {
  if (!(err instanceof ApiError)) return null;
  const name = (err.field ?? err.code.split('.').pop() ?? '').split('.').pop() ?? '';
  const map: Record<string, RoutineField> = {
    unit_id: 'unitId', title: 'title', owner_user_id: 'ownerId', revision_date: 'revisionDate',
    document_url: 'documentUrl',
  };
  return map[name] ?? null;
}

// --- exercises ----------------------------------------------------------------------

export interface FindingRow {
  text: string;
  ownerId: string;
  dueDate: string;
}

export interface ExerciseForm {
  unitId: string;
  kind: ExerciseKind | '';
  heldOn: string;
  scenario: string;
  participants: string;
  notes: string;
  findings: FindingRow[];
}

export const emptyFinding = (): FindingRow => ({ text: '', ownerId: '', dueDate: '' });

export type ExerciseProblem =
  | { field: 'unitId' | 'kind' | 'heldOn' | 'scenario' | 'participants' }
  | { field: 'findingText' | 'findingDue'; index: number };

/** What is missing: the exercise's own fields (participants a count when given), then each finding row with an owner or date but no text, or an owner without a due date. */
export function exerciseFormErrors(f: ExerciseForm): ExerciseProblem[] {
  const out: ExerciseProblem[] = [];
  if (!f.unitId) out.push({ field: 'unitId' });
  if (!f.kind) out.push({ field: 'kind' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.heldOn)) out.push({ field: 'heldOn' });
  if (!f.scenario.trim()) out.push({ field: 'scenario' });
  if (f.participants.trim() && !/^\d{1,5}$/.test(f.participants.trim())) out.push({ field: 'participants' });
  f.findings.forEach((row, index) => {
    const used = row.text.trim() || row.ownerId || row.dueDate;
    if (used && !row.text.trim()) out.push({ field: 'findingText', index });
    if (row.ownerId && !row.dueDate) out.push({ field: 'findingDue', index });
  });
  return out;
}

export function findingRequest(row: FindingRow): NewFinding {
  const f: NewFinding = { text: row.text.trim() };
  if (row.ownerId) f.owner_user_id = Number(row.ownerId);
  if (row.dueDate) f.due_date = row.dueDate;
  return f;
}

/** The POST body: empty finding rows are left out. */
export function newExerciseRequest(f: ExerciseForm): NewExercise {
  const body: NewExercise = {
    unit_id: Number(f.unitId), kind: f.kind as ExerciseKind, held_on: f.heldOn, scenario: f.scenario.trim(),
  };
  if (f.participants.trim()) body.participants = Number(f.participants.trim());
  if (f.notes.trim()) body.notes = f.notes.trim();
  const findings = f.findings.filter((r) => r.text.trim()).map(findingRequest);
  if (findings.length) body.findings = findings;
  return body;
}

/** A finding with an owner and a due date is a measure (åtgärd) that is followed up. */
export const isMeasure = (f: Pick<Finding, 'owner' | 'due_date'>): boolean => f.owner !== null && f.due_date !== null;

/** Open findings past their due date on `today`. */
export const findingOverdue = (f: Pick<Finding, 'status' | 'due_date'>, today: string): boolean =>
  f.status === 'oppen' && f.due_date !== null && f.due_date < today;

/** May `meId` mark the finding done: the exercise's editors, or the finding's owner. */
export const mayMarkFinding = (e: Pick<Exercise, 'may_edit'>, f: Pick<Finding, 'status' | 'owner'>, meId: number):
  boolean => f.status === 'oppen' && (e.may_edit || f.owner?.id === meId);

// --- KPI import --------------------------------------------------------------------

export const KPI_CSV_HEADER = 'forvaltning;kpi;yrkesgrupp;ar;period;varde';

/** The template file: the header and two example lines. */
export function kpiTemplateCsv(forvaltning = 'Norra', year = new Date().getFullYear() - 1): string {
  return `${KPI_CSV_HEADER}\r\n${forvaltning};personalrorlighet;socialsekreterare;${year};ar;18,5\r\n`
    + `${forvaltning};konsulter;socialsekreterare;${year};november;4\r\n`;
}

/** The per-line errors of a failed import (sorted by line), or null when the failure was something else. */
export function importLineErrors(err: unknown): ImportLineError[] | null {
  if (!(err instanceof ApiError) || !err.detail) return null;
  const lines = err.detail['lines'];
  if (!Array.isArray(lines)) return null;
  const out: ImportLineError[] = [];
  for (const l of lines as Record<string, unknown>[]) {
    out.push({
      line: typeof l['line'] === 'number' ? l['line'] : 0,
      code: typeof l['code'] === 'string' ? l['code'] : '',
      column: typeof l['column'] === 'string' ? l['column'] : '',
      message: typeof l['message'] === 'string' ? l['message'] : '',
    });
  }
  return out.sort((a, b) => a.line - b.line);
}

// --- unit profiles ------------------------------------------------------------------

export interface ProfileForm {
  headcount: string;
  secureRooms: string;
  coordinatorFullTime: boolean;
  alarmTestedAt: string;
}

export const profileFormFrom = (p: UnitProfile | undefined): ProfileForm => ({
  headcount: p ? String(p.headcount) : '',
  secureRooms: p ? String(p.secure_rooms) : '0',
  coordinatorFullTime: p?.coordinator_full_time ?? false,
  alarmTestedAt: p?.alarm_tested_at ? stockholmDate(Date.parse(p.alarm_tested_at)) : '',
});

const wholeNumber = (s: string): number | null => (/^\d{1,6}$/.test(s.trim()) ? Number(s.trim()) : null);

/** The PUT body, or the fields that are not whole numbers ≥ 0 / a date. */
export function profileRequest(f: ProfileForm):
  { ok: true; body: { headcount: number; secure_rooms: number; coordinator_full_time: boolean; alarm_tested_at: string | null } }
  | { ok: false; fields: ('headcount' | 'secureRooms' | 'alarmTestedAt')[] } {
  const headcount = wholeNumber(f.headcount);
  const rooms = wholeNumber(f.secureRooms || '0');
  const fields: ('headcount' | 'secureRooms' | 'alarmTestedAt')[] = [];
  if (headcount === null) fields.push('headcount');
  if (rooms === null) fields.push('secureRooms');
  if (f.alarmTestedAt && !/^\d{4}-\d{2}-\d{2}$/.test(f.alarmTestedAt)) fields.push('alarmTestedAt');
  if (fields.length) return { ok: false, fields };
  return {
    ok: true,
    body: {
      headcount: headcount!, secure_rooms: rooms!, coordinator_full_time: f.coordinatorFullTime,
      // A day is all the form asks; noon in Stockholm keeps it on that day.
      alarm_tested_at: f.alarmTestedAt ? `${f.alarmTestedAt}T10:00:00Z` : null,
    },
  };
}
