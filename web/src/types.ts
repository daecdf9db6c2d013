// The shapes of the Trygg HTTP API (docs/api-contract.md). Fields the caller
// may not see are omitted by the server, hence the optional properties.

export const CATEGORIES = [
  'hot', 'vald', 'trakasserier', 'otillaten_paverkan', 'forolampning', 'skadegorelse',
  'stold_inbrott', 'annat',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const PLACE_TYPES = [
  'reception', 'besoksrum', 'hembesok', 'telefon', 'digitalt', 'utanfor_arbetsplatsen', 'annat',
] as const;
export type PlaceType = (typeof PLACE_TYPES)[number];

export const PERPETRATOR_RELATIONS = ['brukare', 'anhorig', 'okand', 'annan'] as const;
export type PerpetratorRelation = (typeof PERPETRATOR_RELATIONS)[number];

export const INJURIES = ['ingen', 'lindrig', 'allvarlig'] as const;
export type Injury = (typeof INJURIES)[number];

export const STATUSES = ['ny', 'mottagen', 'utreds', 'avslutad'] as const;
export type Status = (typeof STATUSES)[number];

export const MEASURE_STATUSES = ['oppen', 'klar'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export const ROLES = [
  'medarbetare', 'chef', 'skyddsombud', 'sakerhetssamordnare', 'analytiker', 'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const UNIT_KINDS = ['kommun', 'forvaltning', 'avdelning', 'enhet'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const SEVERITIES = [1, 2, 3, 4] as const;
export type Severity = (typeof SEVERITIES)[number];

export type TransitionAction = 'acknowledge' | 'investigate' | 'close' | 'reopen';
export type InboxReason = 'new' | 'serious' | 'overdue_measure' | 'my_measure';

export interface PersonRef {
  id: number;
  display_name: string;
}

export interface Unit {
  id: number;
  parent_id: number | null;
  kind: UnitKind;
  name: string;
}

export interface Grant {
  id: number;
  role: Role;
  unit_id: number;
}

export interface Me {
  id: number;
  username: string;
  display_name: string;
  email: string;
  unit_id: number;
  grants: Grant[];
  roles: Role[];
  csrf_token: string;
}

export interface Access {
  details: boolean;
  perpetrator: boolean;
  perpetrator_note: boolean;
  annotate: boolean;
  manage: boolean;
}

export interface Measure {
  id: number;
  incident_id: number;
  title: string;
  responsible: PersonRef;
  due_date: string;
  status: MeasureStatus;
  created_at: string;
  done_at: string | null;
}

export interface Note {
  id: number;
  author: PersonRef;
  text: string;
  created_at: string;
}

export interface LogEntry {
  id: number;
  at: string;
  actor: PersonRef;
  action: string;
  detail: string;
}

export interface Incident {
  id: number;
  unit_id: number;
  unit_name: string;
  category: Category;
  occurred_at: string;
  severity: Severity;
  status: Status;
  sensitive: boolean;
  created_at: string;
  updated_at: string;
  acknowledged_at: string | null;
  closed_at: string | null;
  version: number;
  open_measures: number;
  access: Access;
  // with access.details
  place_type?: PlaceType;
  outside_workplace?: boolean;
  tied_to_role?: boolean;
  description?: string;
  injury?: Injury;
  weapon?: boolean;
  death_threat?: boolean;
  reporter?: PersonRef;
  exposed?: PersonRef[];
  // with access.perpetrator / access.perpetrator_note
  perpetrator_relation?: PerpetratorRelation | null;
  perpetrator_note?: string;
  // GET /incidents/{id} only
  measures?: Measure[];
  notes?: Note[];
  log?: LogEntry[];
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Colleague {
  id: number;
  display_name: string;
  unit_id: number;
}

export interface Informed {
  role: Role | string;
  user_id: number;
  display_name: string;
}

export interface NewIncident {
  category: Category;
  occurred_at: string;
  unit_id?: number;
  place_type?: PlaceType;
  outside_workplace?: boolean;
  tied_to_role?: boolean;
  exposed_user_ids?: number[];
  description?: string;
  injury?: Injury;
  weapon?: boolean;
  death_threat?: boolean;
  severity?: Severity;
  perpetrator_relation?: PerpetratorRelation;
  perpetrator_note?: string;
  sensitive?: boolean;
}

export interface CreatedIncident {
  incident: Incident;
  informed: Informed[];
}

export interface InboxItem {
  reason: InboxReason;
  incident: Incident;
  measure?: Measure;
}

export interface AdminUser {
  id: number;
  username: string;
  display_name: string;
  email: string;
  unit_id: number;
  active: boolean;
  grants: Grant[];
}

export interface IncidentQuery {
  status?: Status;
  open?: boolean;
  category?: Category;
  unit_id?: number;
  from?: string;
  to?: string;
  min_severity?: number;
  limit?: number;
  offset?: number;
}
