// The report form's state and how it becomes a POST /incidents body. Pure, so
// it can be unit-tested.
import { stockholmLocalToUtcMs, utcMsToStockholmLocalInput } from './time';
import type {
  Category, Injury, NewIncident, PerpetratorRelation, PlaceType, Severity,
} from './types';

export interface ReportForm {
  category: Category | '';
  when: string; // datetime-local value, Stockholm wall time
  place: PlaceType | '';
  unitId: number;
  exposedMe: boolean;
  colleagues: number[];
  outside: boolean;
  tiedToRole: boolean;
  weapon: boolean;
  deathThreat: boolean;
  injury: Injury | '';
  severity: Severity | 0;
  description: string;
  relation: PerpetratorRelation | '';
  perpetratorNote: string;
  sensitive: boolean;
}

export function emptyReport(unitId: number, nowMs: number): ReportForm {
  return {
    category: '',
    when: utcMsToStockholmLocalInput(nowMs),
    place: '',
    unitId,
    exposedMe: true,
    colleagues: [],
    outside: false,
    tiedToRole: true,
    weapon: false,
    deathThreat: false,
    injury: '',
    severity: 0,
    description: '',
    relation: '',
    perpetratorNote: '',
    sensitive: false,
  };
}

/** True when the user has entered anything beyond the defaults. */
export function isDirty(f: ReportForm, defaults: ReportForm): boolean {
  const { when: _w, ...a } = f;
  const { when: _d, ...b } = defaults;
  return JSON.stringify(a) !== JSON.stringify(b);
}

export type ReportError = 'missingCategory' | 'missingWhen' | 'invalidWhen' | 'futureWhen';

export interface ReportErrors {
  category?: ReportError;
  when?: ReportError;
}

/** Severity is raised to at least 3 by weapon, death threat or serious injury. */
export function impliesSerious(f: ReportForm): boolean {
  return f.weapon || f.deathThreat || f.injury === 'allvarlig';
}

/** Validates and builds the request body. `nowMs` lets "in the future" allow a little clock skew. */
export function toNewIncident(f: ReportForm, meId: number, nowMs: number):
    { ok: true; body: NewIncident } | { ok: false; errors: ReportErrors } {
  const errors: ReportErrors = {};
  if (!f.category) errors.category = 'missingCategory';
  let occurred: number | null = null;
  if (!f.when.trim()) errors.when = 'missingWhen';
  else {
    occurred = stockholmLocalToUtcMs(f.when);
    if (occurred === null) errors.when = 'invalidWhen';
    else if (occurred > nowMs + 5 * 60_000) errors.when = 'futureWhen';
  }
  if (errors.category || errors.when || occurred === null || !f.category) {
    return { ok: false, errors };
  }
  const body: NewIncident = {
    category: f.category,
    occurred_at: new Date(occurred).toISOString().replace('.000Z', 'Z'),
    unit_id: f.unitId,
    outside_workplace: f.outside,
    tied_to_role: f.tiedToRole,
    exposed_user_ids: [...(f.exposedMe ? [meId] : []), ...f.colleagues.filter((c) => c !== meId)],
    weapon: f.weapon,
    death_threat: f.deathThreat,
    sensitive: f.sensitive,
  };
  if (f.place) body.place_type = f.place;
  if (f.injury) body.injury = f.injury;
  if (f.severity) body.severity = f.severity;
  const description = f.description.trim();
  if (description) body.description = description;
  if (f.relation) body.perpetrator_relation = f.relation;
  const note = f.perpetratorNote.trim();
  if (note) body.perpetrator_note = note;
  return { ok: true, body };
}
