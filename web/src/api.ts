// The Trygg API client: same-origin JSON over fetch, the CSRF token on every
// state-changing request, the chosen language in Accept-Language, and server
// errors (already localised) turned into ApiError for the user to read.
import { dictionaries, type Lang } from './i18n';
import type {
  AdminUser, Colleague, CreatedIncident, Grant, InboxItem, Incident, IncidentQuery, Measure, Me,
  NewIncident, Note, Page, Role, Severity, TransitionAction, Unit, UnitKind, PerpetratorRelation,
  MeasureStatus, PoliceReport, PoliceReportInput, PoliceDraft, Authority, AuthorityNotice,
  NoticeChannel, RuleBreach, Rule, RuleKind, OrgContact, Notification, SupportType, MeasureKind,
  Category, RiskTemplate, RiskTemplateInput, SubjectInput, SubjectHistory, SecurityPlan, PlanStatus,
  NewSecurityPlan, SecurityPlanPatch, RiskAssessment, RiskAssessmentInput, RiskAssessmentPatch,
  AssessmentStatus, KnowledgeBank,
} from './types';

const BASE = '/api/v1';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  /** The server's whole error object, for errors with more to say (e.g. the KPI import's `lines`). */
  readonly detail: Record<string, unknown> | undefined;

  constructor(status: number, code: string, message: string, field?: string, detail?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.detail = detail;
  }
}

let csrfToken = '';
let lang: Lang = 'sv';
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}
export function setApiLang(l: Lang): void {
  lang = l;
}
/** Called when the server says the session is gone (401), except on login itself. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

/** A message for a failure the server did not explain. */
function fallbackMessage(status: number): string {
  const e = dictionaries[lang].errors;
  if (status === 0) return e.network;
  if (status === 403) return e.forbidden;
  if (status === 404) return e.notFound;
  if (status === 409) return e.conflict;
  if (status === 413) return e.tooLarge;
  if (status === 429) return e.throttled;
  if (status === 503) return e.unavailable;
  if (status >= 400 && status < 500) return e.invalid;
  return e.server;
}

/** Turns any thrown value into a message for the user. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return fallbackMessage(0);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Options {
  /** Send `body` as is with this Content-Type instead of as JSON. */
  contentType?: string;
  /** Do not treat 401 as "session expired" (login). */
  no401Redirect?: boolean;
  /** Internal: already retried after refreshing the CSRF token. */
  retried?: boolean;
}

async function request<T>(method: Method, path: string, body?: unknown, opts: Options = {}):
    Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': lang,
  };
  if (body !== undefined) headers['Content-Type'] = opts.contentType ?? 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(BASE + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : opts.contentType ? String(body) : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', fallbackMessage(0));
  }

  if (res.status === 204) return undefined as T;
  let data: unknown = null;
  const text = await res.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (res.ok) return data as T;

  const errObj = (data as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null)
    ?.error;
  const code = typeof errObj?.code === 'string' ? errObj.code : `http.${res.status}`;
  const message = typeof errObj?.message === 'string' && errObj.message
    ? errObj.message
    : fallbackMessage(res.status);
  const field = typeof errObj?.field === 'string' ? errObj.field : undefined;

  // A stale CSRF token (e.g. after signing in again in another tab): refresh once.
  if (res.status === 403 && code === 'auth.csrf' && !opts.retried && method !== 'GET') {
    try {
      const me = await request<Me>('GET', '/me');
      setCsrfToken(me.csrf_token);
      return await request<T>(method, path, body, { ...opts, retried: true });
    } catch {
      // fall through to the original error
    }
  }
  if (res.status === 401 && !opts.no401Redirect && onUnauthorized) onUnauthorized();
  throw new ApiError(res.status, code, message, field, errObj ?? undefined);
}

/** A GET of any API path ("/stats/incidents?…"), for modules that keep their own wrappers. */
export const apiGet = <T>(path: string): Promise<T> => request<T>('GET', path);
/** Any JSON request of an API path, for modules that keep their own wrappers. */
export const apiSend = <T>(method: Method, path: string, body?: unknown): Promise<T> =>
  request<T>(method, path, body);
/** A POST of plain text (e.g. text/csv) to an API path. */
export const apiPostText = <T>(path: string, text: string, contentType: string): Promise<T> =>
  request<T>('POST', path, text, { contentType });

function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

// --- auth ---------------------------------------------------------------

export async function login(username: string, password: string): Promise<Me> {
  const res = await request<{ user: Me; csrf_token: string }>(
    'POST', '/auth/login', { username, password }, { no401Redirect: true });
  setCsrfToken(res.csrf_token || res.user.csrf_token);
  return { ...res.user, csrf_token: res.csrf_token || res.user.csrf_token };
}

export async function logout(): Promise<void> {
  try {
    await request<void>('POST', '/auth/logout', undefined, { no401Redirect: true });
  } finally {
    setCsrfToken('');
  }
}

/** The signed-in user, or null when there is no session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await request<Me>('GET', '/me', undefined, { no401Redirect: true });
    setCsrfToken(me.csrf_token);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

// --- organisation -------------------------------------------------------

export const getUnits = () => request<{ items: Unit[] }>('GET', '/units').then((r) => r.items);
export const createUnit = (u: { parent_id: number; kind: UnitKind; name: string }) =>
  request<Unit>('POST', '/units', u);
export const renameUnit = (id: number, name: string) =>
  request<Unit>('PATCH', `/units/${id}`, { name });
export const getColleagues = () =>
  request<{ items: Colleague[] }>('GET', '/colleagues').then((r) => r.items);

// --- users (admin) ------------------------------------------------------

export const getUsers = () => request<{ items: AdminUser[] }>('GET', '/users').then((r) => r.items);
export const createUser = (u: {
  username: string; display_name: string; email: string; unit_id: number; password: string;
}) => request<AdminUser>('POST', '/users', u);
export const updateUser = (id: number, patch: {
  display_name?: string; email?: string; unit_id?: number; active?: boolean; password?: string;
}) => request<AdminUser>('PATCH', `/users/${id}`, patch);
export const addGrant = (userId: number, g: { role: Role; unit_id: number }) =>
  request<Grant>('POST', `/users/${userId}/grants`, g);
export const removeGrant = (userId: number, grantId: number) =>
  request<void>('DELETE', `/users/${userId}/grants/${grantId}`);

// --- incidents ----------------------------------------------------------

export const getIncidents = (q: IncidentQuery) =>
  request<Page<Incident>>('GET', `/incidents${query({ ...q })}`);
export const getIncident = (id: number) => request<Incident>('GET', `/incidents/${id}`);
export const createIncident = (body: NewIncident) =>
  request<CreatedIncident>('POST', '/incidents', body);
export const updateIncident = (id: number, patch: {
  severity?: Severity; sensitive?: boolean; perpetrator_relation?: PerpetratorRelation | null;
  perpetrator_note?: string; version?: number; aimed_at_person?: boolean;
  coordinator_consulted?: true;
}) => request<Incident>('PATCH', `/incidents/${id}`, patch);
export const transition = (id: number, action: TransitionAction, version?: number,
  reason?: string) =>
  request<Incident>('POST', `/incidents/${id}/transitions`, { action, reason, version });
export const addNote = (id: number, text: string) =>
  request<Note>('POST', `/incidents/${id}/notes`, { text });
export const addMeasure = (id: number, m: {
  title: string; responsible_user_id: number; due_date: string; kind?: MeasureKind;
  support_type?: SupportType; support_group?: boolean; support_user_id?: number;
  follow_up_date?: string;
}) => request<Measure>('POST', `/incidents/${id}/measures`, m);
export const updateMeasure = (id: number, measureId: number, patch: {
  status?: MeasureStatus; title?: string; responsible_user_id?: number; due_date?: string;
  follow_up_date?: string;
}) => request<Measure>('PATCH', `/incidents/${id}/measures/${measureId}`, patch);
export const getInbox = () => request<{ items: InboxItem[] }>('GET', '/inbox').then((r) => r.items);

// --- after an incident (issue 4) ------------------------------------------

export const putPoliceReport = (id: number, body: PoliceReportInput) =>
  request<PoliceReport>('PUT', `/incidents/${id}/police-report`, body);
export const getPoliceDraft = (id: number) =>
  request<PoliceDraft>('GET', `/incidents/${id}/police-report/draft`);
export const putAuthorityNotice = (id: number, authority: Authority, body: {
  notified_at: string; channel: NoticeChannel; reference?: string;
}) => request<AuthorityNotice>('PUT', `/incidents/${id}/authority-notices/${authority}`, body);
export const getRuleBreaches = (unitId?: number) =>
  request<{ items: RuleBreach[] }>('GET', `/rule-breaches${query({ unit_id: unitId })}`)
    .then((r) => r.items);
export const getRules = (unitId: number) =>
  request<{ unit_id: number; items: Rule[] }>('GET', `/rules${query({ unit_id: unitId })}`)
    .then((r) => r.items);
export const putRule = (unitId: number, kind: RuleKind, body: {
  enabled: boolean; working_days: number; min_severity?: number; categories?: Category[];
}) => request<Rule>('PUT', `/rules/${kind}${query({ unit_id: unitId })}`, body);
export const getOrgContact = (unitId: number) =>
  request<OrgContact>('GET', `/units/${unitId}/contact`);
export const putOrgContact = (unitId: number, c: Omit<OrgContact, 'unit_id'>) =>
  request<OrgContact>('PUT', `/units/${unitId}/contact`, c);
export const getNotifications = (q: { unread?: boolean; before?: string | number; limit?: number } = {}) =>
  request<{ items: Notification[]; unread: number }>('GET', `/notifications${query({
    unread: q.unread ? 'true' : undefined, before: q.before, limit: q.limit,
  })}`);
export const markNotificationRead = (id: number) =>
  request<void>('POST', `/notifications/${id}/read`);
export const markAllNotificationsRead = () =>
  request<{ changed: number }>('POST', '/notifications/read-all');

// --- before a risky meeting (issue 5) --------------------------------------

export const getRiskTemplate = (unitId: number) =>
  request<RiskTemplate>('GET', `/risk-template${query({ unit_id: unitId })}`);
export const putRiskTemplate = (unitId: number, body: RiskTemplateInput) =>
  request<RiskTemplate>('PUT', `/risk-template${query({ unit_id: unitId })}`, body);
/** Names the person behind an incident; an empty identifier removes the link. */
export const putIncidentSubject = (id: number, subject: SubjectInput) =>
  request<void>('PUT', `/incidents/${id}/subject`, subject);
export const getIncidentSubjectHistory = (id: number) =>
  request<{ named: boolean; history: SubjectHistory | null }>('GET', `/incidents/${id}/subject-history`);
export const getSecurityPlans = (q: { status?: PlanStatus } = {}) =>
  request<{ items: SecurityPlan[] }>('GET', `/security-plans${query({ status: q.status })}`)
    .then((r) => r.items);
export const getSecurityPlan = (id: number) => request<SecurityPlan>('GET', `/security-plans/${id}`);
export const createSecurityPlan = (body: NewSecurityPlan) =>
  request<SecurityPlan>('POST', '/security-plans', body);
export const updateSecurityPlan = (id: number, patch: SecurityPlanPatch) =>
  request<SecurityPlan>('PATCH', `/security-plans/${id}`, patch);
export const addPlanMeasure = (id: number, m: { title: string; owner_user_id: number; due_date: string }) =>
  request<SecurityPlan>('POST', `/security-plans/${id}/measures`, m);
export const setPlanMeasureStatus = (id: number, measureId: number, status: MeasureStatus) =>
  request<SecurityPlan>('PATCH', `/security-plans/${id}/measures/${measureId}`, { status });
export const logPlanDecision = (id: number, text: string) =>
  request<SecurityPlan>('POST', `/security-plans/${id}/decisions`, { text });

// --- risk assessments and the knowledge bank (issue 5) -------------------------

export const getRiskAssessments = (q: { status?: AssessmentStatus; limit?: number; offset?: number } = {}) =>
  request<{ items: RiskAssessment[]; total: number }>('GET', `/risk-assessments${query({ ...q })}`);
export const getRiskAssessment = (id: number) =>
  request<RiskAssessment>('GET', `/risk-assessments/${id}`);
export const createRiskAssessment = (body: RiskAssessmentInput) =>
  request<RiskAssessment>('POST', '/risk-assessments', body);
export const updateRiskAssessment = (id: number, patch: RiskAssessmentPatch) =>
  request<RiskAssessment>('PATCH', `/risk-assessments/${id}`, patch);
export const decideRiskAssessment = (id: number,
  body: { version?: number; measures: string[]; note?: string }) =>
  request<RiskAssessment>('POST', `/risk-assessments/${id}/decision`, body);
export const followUpRiskAssessment = (id: number, body: {
  version?: number; incident_occurred: boolean; outcome_note?: string;
  ratings?: { code: string; rating: number }[];
}) => request<RiskAssessment>('POST', `/risk-assessments/${id}/follow-up`, body);
export const linkRiskIncident = (id: number, incidentId: number) =>
  request<RiskAssessment>('POST', `/risk-assessments/${id}/incident`, { incident_id: incidentId });
export const getKnowledgeBank = (forvaltningId?: number) =>
  request<KnowledgeBank>('GET', `/knowledge-bank${query({ unit_id: forvaltningId })}`);
