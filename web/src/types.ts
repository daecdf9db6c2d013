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
export type InboxReason =
  | 'new' | 'serious' | 'overdue_measure' | 'my_measure' | 'rule_breach' | 'escalation';

// --- After an incident (issue 4) ---------------------------------------------

export const POLICE_REPORTERS = ['medarbetare', 'chef'] as const;
export type PoliceReporter = (typeof POLICE_REPORTERS)[number];

export const CASE_STATUSES = ['anmald', 'forundersokning', 'nedlagd', 'atal', 'dom'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const NOT_REPORTED_REASONS = [
  'medarbetaren_avstar', 'ej_brott', 'underlag_saknas', 'annat',
] as const;
export type NotReportedReason = (typeof NOT_REPORTED_REASONS)[number];

export const MEASURE_KINDS = ['atgard', 'stod'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const SUPPORT_TYPES = [
  'samtal_med_chef', 'avlastningssamtal', 'foretagshalsovard', 'krisstod', 'juridiskt_stod', 'annat',
] as const;
export type SupportType = (typeof SUPPORT_TYPES)[number];

export const AUTHORITIES = ['arbetsmiljoverket', 'forsakringskassan'] as const;
export type Authority = (typeof AUTHORITIES)[number];

export const NOTICE_CHANNELS = ['e_tjanst', 'telefon', 'epost', 'annat'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

export const RULE_KINDS = [
  'acknowledged', 'police_report', 'chef_reports_impersonal', 'support_offered',
  'authority_notified', 'coordinator_consulted',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const RULE_STATES = ['pending', 'met', 'met_late', 'breached'] as const;
export type RuleState = (typeof RULE_STATES)[number];

export const NOTIFICATION_KINDS = [
  'new_incident', 'serious_incident', 'measure_assigned', 'deadline_near', 'deadline_passed',
  'police_status', 'rule_breached', 'escalation',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface PoliceReport {
  reported: boolean;
  reporter: PoliceReporter | null;
  reported_by: PersonRef | null;
  reported_at: string | null;
  case_number: string;
  case_status: CaseStatus;
  not_reported_reason: NotReportedReason | null;
  note: string;
  updated_at: string;
}

export interface PoliceReportInput {
  reported: boolean;
  reporter?: PoliceReporter;
  reported_by_user_id?: number;
  reported_at?: string;
  case_number?: string;
  case_status?: CaseStatus;
  not_reported_reason?: NotReportedReason;
  note?: string;
}

export interface AuthorityNotice {
  authority: Authority;
  notified_at: string;
  channel: NoticeChannel;
  reference: string;
  recorded_by: PersonRef;
  recorded_at: string;
}

export interface Authorities {
  arbetsmiljoverket: { required: boolean; due_at: string | null; notice: AuthorityNotice | null };
  forsakringskassan: { required: boolean; notice: AuthorityNotice | null };
}

/** One of the förvaltning's rules, checked against an incident now. */
export interface RuleCheck {
  kind: RuleKind;
  state: RuleState;
  due_at: string;
  met_at: string | null;
}

/** A förvaltning's configuration of one rule kind. */
export interface Rule {
  kind: RuleKind;
  enabled: boolean;
  working_days: number;
  min_severity: number;
  categories: Category[];
  is_default: boolean;
}

export interface OrgContact {
  unit_id: number;
  legal_name: string;
  org_number: string;
  street_address: string;
  postal_code: string;
  city: string;
  phone: string;
  email: string;
}

export interface Notification {
  id: number;
  kind: NotificationKind;
  incident_id: number | null;
  unit_name: string | null;
  ref: string;
  created_at: string;
  read_at: string | null;
}

export interface PoliceDraft {
  organisation: OrgContact | null;
  incident: {
    id: number;
    category: Category;
    occurred_at: string;
    place_type?: PlaceType | null;
    outside_workplace?: boolean;
    tied_to_role?: boolean;
    unit_name: string;
    description?: string;
    injury?: Injury | null;
    weapon?: boolean;
    death_threat?: boolean;
  };
  injured_parties: PersonRef[];
  reporter_role: PoliceReporter;
  generated_at: string;
}

export interface RuleBreach {
  incident: Incident;
  rule: { kind: RuleKind; state: 'breached'; due_at: string };
}

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
  /** Issue 4: an åtgärd or a support (stöd); missing means åtgärd. */
  kind?: MeasureKind;
  support_type?: SupportType | null;
  support_group?: boolean;
  support_person?: PersonRef | null;
  follow_up_date?: string | null;
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
  // issue 4, all shapes
  aimed_at_person?: boolean;
  serious_since?: string | null;
  coordinator_consulted_at?: string | null;
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
  // full incident with access.details (issue 4)
  police_report?: PoliceReport | null;
  authority_notices?: AuthorityNotice[];
  authorities?: Authorities;
  rules?: RuleCheck[];
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
  /** rule_breach (and perhaps escalation): the rule at fault. */
  rule?: { kind: RuleKind; due_at: string; state?: RuleState };
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
