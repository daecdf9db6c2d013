import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import {
  ackPercent, ackState, editableUnits, exerciseFormErrors, findingOverdue, importLineErrors, isMeasure,
  kpiTemplateCsv, KPI_CSV_HEADER, mayMarkFinding, newExerciseRequest, newRoutineRequest, profileFormFrom,
  profileRequest, routineErrorField, routineFormErrors, routineOutdated, routinePatch, sortRoutines,
  type ExerciseForm, type Routine, type RoutineForm,
} from './routines';
import type { Unit } from './types';

const routine = (over: Partial<Routine> = {}): Routine => ({
  id: 1, unit_id: 10, unit_name: 'Ekonomiskt bistånd', title: 'Hot i receptionen', summary: 'Larma.',
  document_url: '', owner: { id: 5, display_name: 'Chef' }, version: 1, published_at: '2026-01-01T08:00:00Z',
  revision_date: '2026-12-31', status: 'aktiv', current: true, in_my_scope: true, my_ack_at: null, may_edit: false,
  ...over,
});

const form = (over: Partial<RoutineForm> = {}): RoutineForm => ({
  unitId: '10', title: 'Hot i receptionen', summary: 'Larma.', documentUrl: '', ownerId: '5',
  revisionDate: '2026-12-31', ...over,
});

describe('routines', () => {
  it('is out of date only when active and past its revision date', () => {
    expect(routineOutdated(routine(), '2026-12-31')).toBe(false);
    expect(routineOutdated(routine(), '2027-01-01')).toBe(true);
    expect(routineOutdated(routine({ status: 'arkiverad' }), '2027-01-01')).toBe(false);
  });

  it('says whether I have to acknowledge', () => {
    expect(ackState(routine())).toBe('pending');
    expect(ackState(routine({ my_ack_at: '2026-02-01T08:00:00Z' }))).toBe('acknowledged');
    expect(ackState(routine({ in_my_scope: false }))).toBe('not_mine');
    expect(ackState(routine({ status: 'arkiverad' }))).toBe('not_mine');
  });

  it('rounds the acknowledged share down and survives an empty scope', () => {
    expect(ackPercent({ acknowledged: 2, staff_in_scope: 3 })).toBe(66);
    expect(ackPercent({ acknowledged: 3, staff_in_scope: 3 })).toBe(100);
    expect(ackPercent({ acknowledged: 0, staff_in_scope: 0 })).toBe(0);
    expect(ackPercent({})).toBe(0);
  });

  it('sorts pending first, archived last, then by title', () => {
    const list = sortRoutines([
      routine({ id: 1, title: 'B', status: 'arkiverad' }),
      routine({ id: 2, title: 'C', my_ack_at: '2026-02-01T08:00:00Z' }),
      routine({ id: 3, title: 'Ö' }),
      routine({ id: 4, title: 'A', my_ack_at: '2026-02-01T08:00:00Z' }),
    ]);
    expect(list.map((r) => r.id)).toEqual([3, 4, 2, 1]);
  });

  it('checks the form: unit only when new, an owner, a date, an http(s) link', () => {
    expect(routineFormErrors(form(), 'new')).toEqual([]);
    expect(routineFormErrors(form({ unitId: '', title: ' ', ownerId: '', revisionDate: '' }), 'new'))
      .toEqual(['unitId', 'title', 'ownerId', 'revisionDate']);
    expect(routineFormErrors(form({ unitId: '' }), 'edit')).toEqual([]);
    expect(routineFormErrors(form({ documentUrl: 'javascript:alert(1)' }), 'new')).toEqual(['documentUrl']);
    expect(routineFormErrors(form({ documentUrl: 'https://intranat.example/rutin' }), 'new')).toEqual([]);
  });

  it('builds the POST body without empty optional fields', () => {
    expect(newRoutineRequest(form({ summary: '  ' }))).toEqual({
      unit_id: 10, title: 'Hot i receptionen', owner_user_id: 5, revision_date: '2026-12-31',
    });
    expect(newRoutineRequest(form({ documentUrl: ' https://x.example/r ' })).document_url).toBe('https://x.example/r');
  });

  it('patches only what changed, and asks for a new version when told', () => {
    const r = routine();
    expect(routinePatch(r, form())).toBeNull();
    expect(routinePatch(r, form({ title: 'Ny rubrik', ownerId: '7' }))).toEqual({ title: 'Ny rubrik', owner_user_id: 7 });
    expect(routinePatch(r, form(), true)).toEqual({ new_version: true });
  });

  it('maps server errors to fields', () => {
    expect(routineErrorField(new ApiError(400, 'validation.required', 'x', 'revision_date'))).toBe('revisionDate');
    expect(routineErrorField(new ApiError(400, 'routine.title', 'x'))).toBe('title');
    expect(routineErrorField(new ApiError(403, 'routine.forbidden', 'x'))).toBeNull();
    expect(routineErrorField(new Error('x'))).toBeNull();
  });
});

describe('exercises', () => {
  const ex = (over: Partial<ExerciseForm> = {}): ExerciseForm => ({
    unitId: '10', kind: 'larmovning', heldOn: '2026-03-01', scenario: 'Hotfull besökare', participants: '', notes: '',
    findings: [{ text: '', ownerId: '', dueDate: '' }], ...over,
  });

  it('needs unit, kind, date and scenario; an empty finding row is fine', () => {
    expect(exerciseFormErrors(ex())).toEqual([]);
    expect(exerciseFormErrors(ex({ unitId: '', kind: '', heldOn: '', scenario: '' })).map((p) => p.field))
      .toEqual(['unitId', 'kind', 'heldOn', 'scenario']);
    expect(exerciseFormErrors(ex({ participants: 'åtta' }))).toEqual([{ field: 'participants' }]);
  });

  it('a finding row with an owner needs a text and a due date', () => {
    expect(exerciseFormErrors(ex({ findings: [{ text: '', ownerId: '3', dueDate: '' }] }))).toEqual([
      { field: 'findingText', index: 0 }, { field: 'findingDue', index: 0 },
    ]);
    expect(exerciseFormErrors(ex({ findings: [{ text: 'Larmet hördes inte', ownerId: '', dueDate: '' }] }))).toEqual([]);
  });

  it('sends findings with text only, owners and dates when given', () => {
    const body = newExerciseRequest(ex({
      participants: ' 8 ', findings: [
        { text: 'Larmet hördes inte i rum 3', ownerId: '3', dueDate: '2026-04-01' },
        { text: '  ', ownerId: '', dueDate: '' },
        { text: 'Dörren', ownerId: '', dueDate: '' },
      ],
    }));
    expect(body).toEqual({
      unit_id: 10, kind: 'larmovning', held_on: '2026-03-01', scenario: 'Hotfull besökare', participants: 8,
      findings: [{ text: 'Larmet hördes inte i rum 3', owner_user_id: 3, due_date: '2026-04-01' }, { text: 'Dörren' }],
    });
    expect(newExerciseRequest(ex()).findings).toBeUndefined();
  });

  it('knows measures, overdue findings and who may mark them done', () => {
    const f = { owner: { id: 3, display_name: 'A' }, due_date: '2026-04-01', status: 'oppen' as const };
    expect(isMeasure(f)).toBe(true);
    expect(isMeasure({ owner: null, due_date: null })).toBe(false);
    expect(findingOverdue(f, '2026-04-02')).toBe(true);
    expect(findingOverdue(f, '2026-04-01')).toBe(false);
    expect(findingOverdue({ ...f, status: 'klar' }, '2026-05-01')).toBe(false);
    expect(mayMarkFinding({ may_edit: false }, f, 3)).toBe(true);
    expect(mayMarkFinding({ may_edit: false }, f, 4)).toBe(false);
    expect(mayMarkFinding({ may_edit: true }, f, 4)).toBe(true);
    expect(mayMarkFinding({ may_edit: true }, { ...f, status: 'klar' }, 3)).toBe(false);
  });

  it('offers the units a chef or säkerhetssamordnare covers, every unit to an admin', () => {
    const units: Unit[] = [
      { id: 1, parent_id: null, kind: 'kommun', name: 'Kommunen' },
      { id: 2, parent_id: 1, kind: 'forvaltning', name: 'Norra' },
      { id: 3, parent_id: 2, kind: 'enhet', name: 'EB' },
      { id: 4, parent_id: 1, kind: 'forvaltning', name: 'Södra' },
    ] as Unit[];
    const chef = { roles: ['chef' as const], grants: [{ id: 1, role: 'chef' as const, unit_id: 2 }] };
    expect(editableUnits(units, chef as never).map((u) => u.id)).toEqual([2, 3]);
    const admin = { roles: ['admin' as const], grants: [] };
    expect(editableUnits(units, admin as never, { admin: true })).toHaveLength(4);
    expect(editableUnits(units, admin as never)).toHaveLength(0);
  });
});

describe('KPI import and unit profiles', () => {
  it('the template starts with the header the server expects', () => {
    const csv = kpiTemplateCsv('Norra', 2025);
    expect(csv.split('\r\n')[0]).toBe(KPI_CSV_HEADER);
    expect(KPI_CSV_HEADER).toBe('forvaltning;kpi;yrkesgrupp;ar;period;varde');
    expect(csv).toContain('Norra;personalrorlighet;socialsekreterare;2025;ar;18,5');
  });

  it('reads the per-line errors of a failed import, by line', () => {
    const err = new ApiError(400, 'kpi.invalid_csv', 'Filen kunde inte läsas in.', undefined, {
      code: 'kpi.invalid_csv', lines: [
        { line: 4, code: 'kpi.value', column: 'varde', message: 'Värdet måste vara 0–100.' },
        { line: 2, code: 'kpi.unknown_forvaltning', column: 'forvaltning', message: 'Okänd förvaltning.' },
      ],
    });
    expect(importLineErrors(err)?.map((l) => [l.line, l.column])).toEqual([[2, 'forvaltning'], [4, 'varde']]);
    expect(importLineErrors(new ApiError(413, 'http.413', 'för stor'))).toBeNull();
    expect(importLineErrors(new Error('x'))).toBeNull();
  });

  it('checks whole numbers and sends the alarm day at noon in Stockholm', () => {
    expect(profileFormFrom(undefined)).toEqual({ headcount: '', secureRooms: '0', coordinatorFullTime: false, alarmTestedAt: '' });
    const f = profileFormFrom({
      unit_id: 3, headcount: 24, secure_rooms: 2, coordinator_full_time: true, alarm_tested_at: '2026-01-15T09:00:00Z',
      updated_at: '2026-01-15T09:00:00Z',
    });
    expect(f).toEqual({ headcount: '24', secureRooms: '2', coordinatorFullTime: true, alarmTestedAt: '2026-01-15' });
    expect(profileRequest(f)).toEqual({ ok: true, body: {
      headcount: 24, secure_rooms: 2, coordinator_full_time: true, alarm_tested_at: '2026-01-15T10:00:00Z',
    } });
    expect(profileRequest({ ...f, headcount: '-1', secureRooms: '1,5' })).toEqual({ ok: false, fields: ['headcount', 'secureRooms'] });
    expect(profileRequest({ ...f, alarmTestedAt: '' })).toMatchObject({ ok: true, body: { alarm_tested_at: null } });
  });
});
