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
  'police_status', 'rule_breached', 'escalation', 'routine_reminder', 'routine_escalation', 'finding_due',
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
  /** The alarm this report is about (issue 7): links the report to it, once. */
  alarm_id?: number;
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

// --- Before a risky meeting (issue 5) ------------------------------------------

export const RISK_LEVELS = ['lag', 'forhojd', 'hog', 'mycket_hog'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const MEETING_TYPES = [
  'negativt_beslut', 'tvangsatgard', 'klient_med_hotbild', 'hembesok', 'annat',
] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export const ASSESSMENT_STATUSES = ['oppen', 'beslutad', 'uppfoljd'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export const SUBJECT_KINDS = ['personnummer', 'samordningsnummer', 'arendenummer'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export const PLAN_SCOPES = ['enhet', 'arende'] as const;
export type PlanScope = (typeof PLAN_SCOPES)[number];

export const PLAN_STATUSES = ['aktiv', 'avslutad'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** The person behind an incident or a meeting: write-only, never sent back. */
export interface SubjectInput {
  kind: SubjectKind;
  identifier: string;
}

export interface RiskFactor {
  code: string;
  label_sv: string;
  label_en: string;
  help_sv: string;
  help_en: string;
  weight: number;
  floor: RiskLevel | null;
}

export interface RiskMeasureDef {
  code: string;
  label_sv: string;
  label_en: string;
  from_level: RiskLevel;
  factors: string[];
}

export interface RiskThresholds {
  forhojd: number;
  hog: number;
  mycket_hog: number;
}

export interface RiskTemplate {
  forvaltning_id: number;
  version: number;
  is_default: boolean;
  factors: RiskFactor[];
  thresholds: RiskThresholds;
  history: { weight: number; floor_count: number };
  measures: RiskMeasureDef[];
  created_by: PersonRef | null;
  created_at: string | null;
}

/** What PUT /risk-template takes. */
export type RiskTemplateInput = Pick<RiskTemplate, 'factors' | 'thresholds' | 'history' | 'measures'>;

export interface RiskReason {
  kind: 'factor' | 'history' | 'floor';
  factor_code: string | null;
  points: number;
  floor: RiskLevel | null;
  text_sv: string;
  text_en: string;
}

export interface RiskResult {
  score: number;
  level: RiskLevel;
  reasons: RiskReason[];
  proposed: string[];
  explanation_sv: string;
  explanation_en: string;
}

/** A named person's earlier incidents, as far as the caller may know them. */
export interface SubjectHistory {
  in_scope: number;
  latest_at: string | null;
  highest_severity: number;
  unit_names: string[];
  elsewhere: number;
  protected_case: boolean;
}

export interface ProtectedRoutine {
  handling_unit_id: number | null;
  handling_unit_name: string | null;
  handling_group: PersonRef[];
  omit_handlaggare_name: boolean;
  secure_room_only: boolean;
  two_staff_always: boolean;
  no_home_visits: boolean;
  instructions: string;
}

export interface PlanMeasure {
  id: number;
  title: string;
  owner: PersonRef;
  due_date: string;
  status: MeasureStatus;
  done_at: string | null;
}

export interface SecurityPlan {
  id: number;
  unit_id: number;
  unit_name: string;
  scope: PlanScope;
  title: string;
  subject_named: boolean;
  threats: string;
  threat_level: RiskLevel;
  review_date: string;
  review_overdue: boolean;
  people: PersonRef[];
  status: PlanStatus;
  protected_case: boolean;
  routine: ProtectedRoutine | null;
  created_by: PersonRef;
  created_at: string;
  updated_at: string;
  version: number;
  may_edit: boolean;
  may_decide: boolean;
  // GET /security-plans/{id} and every write
  measures?: PlanMeasure[];
  log?: LogEntry[];
  history?: SubjectHistory | null;
}

export interface RoutineInput {
  handling_unit_id?: number | null;
  handling_group_ids?: number[];
  omit_handlaggare_name?: boolean;
  secure_room_only?: boolean;
  two_staff_always?: boolean;
  no_home_visits?: boolean;
  instructions?: string;
}

export interface NewSecurityPlan {
  unit_id: number;
  scope: PlanScope;
  title: string;
  subject?: SubjectInput;
  threats?: string;
  threat_level?: RiskLevel;
  review_date: string;
  people_ids?: number[];
  protected_case?: boolean;
  routine?: RoutineInput;
}

export interface SecurityPlanPatch {
  version?: number;
  title?: string;
  threats?: string;
  threat_level?: RiskLevel;
  review_date?: string;
  people_ids?: number[];
  status?: PlanStatus;
  protected_case?: boolean;
  routine?: RoutineInput;
}

// --- Risk assessments and the knowledge bank (issue 5) ---------------------------

export interface FactorAnswer {
  code: string;
  yes: boolean;
}

export interface AssessmentMeasure {
  code: string;
  label_sv: string;
  label_en: string;
  proposed: boolean;
  decided: boolean;
  rating: number | null;
}

/** A risk assessment; list rows lack answers, result, template and history. */
export interface RiskAssessment {
  id: number;
  unit_id: number;
  unit_name: string;
  forvaltning_id: number;
  template_version: number;
  meeting_type: MeetingType;
  event_at: string;
  title: string;
  participants: PersonRef[];
  answers?: FactorAnswer[];
  subject_named: boolean;
  score: number;
  level: RiskLevel;
  status: AssessmentStatus;
  measures: AssessmentMeasure[];
  created_by: PersonRef;
  created_at: string;
  updated_at: string;
  decided_by: PersonRef | null;
  decided_at: string | null;
  decision_note: string;
  followed_up_by: PersonRef | null;
  followed_up_at: string | null;
  incident_occurred: boolean;
  incident_id: number | null;
  outcome_note: string;
  version: number;
  may_edit: boolean;
  may_decide: boolean;
  may_follow_up: boolean;
  result?: RiskResult;
  template?: RiskTemplate;
  history?: SubjectHistory | null;
}

export interface RiskAssessmentInput {
  unit_id?: number;
  meeting_type: MeetingType;
  event_at: string;
  title: string;
  participant_ids?: number[];
  answers?: FactorAnswer[];
  subject?: SubjectInput;
}

export interface RiskAssessmentPatch {
  version?: number;
  meeting_type?: MeetingType;
  event_at?: string;
  title?: string;
  participant_ids?: number[];
  answers?: FactorAnswer[];
  subject?: SubjectInput | null;
}

export interface KnowledgeRow {
  code: string;
  label_sv: string;
  label_en: string;
  suppressed: boolean;
  uses: number | null;
  mean_rating: number | null;
  incident_share: number | null;
  by_meeting_type: { meeting_type: MeetingType; uses: number }[];
  other_meeting_types: number | null;
}

export interface KnowledgeBank {
  forvaltning_id: number | null;
  min_count: number;
  rows: KnowledgeRow[];
}
