// Risk assessments (issue 5): the form's state and how it becomes a request,
// which units a user may assess for, the history warning and the knowledge
// bank's figures. Pure, so it can be unit-tested.
import type { Dict } from './i18n';
import { stockholmLocalToUtcIso, stockholmLocalToUtcMs, utcMsToStockholmLocalInput } from './time';
import type {
  FactorAnswer, Me, MeetingType, PlaceType, RiskAssessment, RiskAssessmentInput, RiskAssessmentPatch,
  SubjectHistory, SubjectKind, Unit,
} from './types';
import { unitPath } from './units';

export interface RiskForm {
  meetingType: MeetingType | '';
  when: string; // datetime-local value, Stockholm wall time
  unitId: number;
  title: string;
  participants: number[];
  subjectKind: SubjectKind;
  /** Typed by the user; never filled from the server. */
  identifier: string;
  /** Edit only: remove the named person. */
  removeSubject: boolean;
  /** Factor code → yes/no; absent when not answered. */
  answers: Record<string, boolean>;
}

export type RiskFormError = 'missingMeetingType' | 'missingWhen' | 'invalidWhen' | 'missingTitle' |
  'missingUnit';

export interface RiskFormErrors {
  meetingType?: RiskFormError;
  when?: RiskFormError;
  title?: RiskFormError;
  unitId?: RiskFormError;
}

export function emptyRiskForm(unitId: number): RiskForm {
  return {
    meetingType: '',
    when: '',
    unitId,
    title: '',
    participants: [],
    subjectKind: 'personnummer',
    identifier: '',
    removeSubject: false,
    answers: {},
  };
}

/** The form for editing `a` (the person's number is never sent back, so it starts empty). */
export function formFromAssessment(a: RiskAssessment): RiskForm {
  const answers: Record<string, boolean> = {};
  for (const ans of a.answers ?? []) answers[ans.code] = ans.yes;
  return {
    meetingType: a.meeting_type,
    when: utcMsToStockholmLocalInput(Date.parse(a.event_at)),
    unitId: a.unit_id,
    title: a.title,
    participants: a.participants.map((p) => p.id),
    subjectKind: 'personnummer',
    identifier: '',
    removeSubject: false,
    answers,
  };
}

/** The answers in the template's order (codes the template does not know are left out). */
export function answersFor(form: RiskForm, factorCodes: string[]): FactorAnswer[] {
  return factorCodes.filter((c) => c in form.answers).map((c) => ({ code: c, yes: form.answers[c]! }));
}

function validate(f: RiskForm): { errors: RiskFormErrors; eventAt: string | null } {
  const errors: RiskFormErrors = {};
  if (!f.meetingType) errors.meetingType = 'missingMeetingType';
  let eventAt: string | null = null;
  if (!f.when.trim()) errors.when = 'missingWhen';
  else {
    eventAt = stockholmLocalToUtcIso(f.when);
    if (eventAt === null) errors.when = 'invalidWhen';
  }
  if (!f.title.trim()) errors.title = 'missingTitle';
  if (!f.unitId) errors.unitId = 'missingUnit';
  return { errors, eventAt };
}

const hasErrors = (e: RiskFormErrors) => Object.values(e).some(Boolean);

/** Validates and builds POST /risk-assessments. */
export function toNewAssessment(f: RiskForm, meId: number, factorCodes: string[]):
    { ok: true; body: RiskAssessmentInput } | { ok: false; errors: RiskFormErrors } {
  const { errors, eventAt } = validate(f);
  if (hasErrors(errors) || !eventAt || !f.meetingType) return { ok: false, errors };
  const body: RiskAssessmentInput = {
    unit_id: f.unitId,
    meeting_type: f.meetingType,
    event_at: eventAt,
    title: f.title.trim(),
    participant_ids: f.participants.filter((p) => p !== meId),
    answers: answersFor(f, factorCodes),
  };
  const identifier = f.identifier.trim();
  if (identifier) body.subject = { kind: f.subjectKind, identifier };
  return { ok: true, body };
}

/** Validates and builds PATCH /risk-assessments/{id}: only what changed, plus the version. */
export function toAssessmentPatch(f: RiskForm, a: RiskAssessment, factorCodes: string[]):
    { ok: true; body: RiskAssessmentPatch } | { ok: false; errors: RiskFormErrors } {
  const { errors, eventAt } = validate(f);
  if (hasErrors(errors) || !eventAt || !f.meetingType) return { ok: false, errors };
  const body: RiskAssessmentPatch = { version: a.version };
  if (f.meetingType !== a.meeting_type) body.meeting_type = f.meetingType;
  if (Date.parse(eventAt) !== Date.parse(a.event_at)) body.event_at = eventAt;
  if (f.title.trim() !== a.title) body.title = f.title.trim();
  const before = a.participants.map((p) => p.id).sort((x, y) => x - y).join(',');
  const after = [...f.participants].sort((x, y) => x - y).join(',');
  if (before !== after) body.participant_ids = f.participants;
  const answers = answersFor(f, factorCodes);
  const old = JSON.stringify(answersFor(formFromAssessment(a), factorCodes));
  if (JSON.stringify(answers) !== old) body.answers = answers;
  const identifier = f.identifier.trim();
  if (identifier) body.subject = { kind: f.subjectKind, identifier };
  else if (f.removeSubject && a.subject_named) body.subject = null;
  return { ok: true, body };
}

/** The förvaltning a unit belongs to (itself when it is one); null when none. */
export function forvaltningOf(units: Unit[], unitId: number): number | null {
  return unitPath(units, unitId).find((u) => u.kind === 'forvaltning')?.id ?? null;
}

/**
 * The enheter `me` may open an assessment for: their own, and as chef or
 * säkerhetssamordnare every enhet under a unit they hold that role on.
 */
export function assessableUnits(units: Unit[], me: Me): Unit[] {
  const roots = new Set(me.grants.filter((g) => g.role === 'chef' || g.role === 'sakerhetssamordnare')
    .map((g) => g.unit_id));
  return units.filter((u) => u.kind === 'enhet' &&
    (u.id === me.unit_id || unitPath(units, u.id).some((p) => roots.has(p.id))));
}

/**
 * The warning about the named person's earlier incidents, one sentence:
 * "Personen har 3 tidigare händelser, senast 2026-10-02, högsta
 * allvarlighetsgrad 3, i: Ekonomiskt bistånd; 1 på enheter du inte har insyn i."
 * Null when there is nothing to warn about. `formatDate` turns the ISO time into a date.
 */
export function historyWarning(h: SubjectHistory, t: Dict['risk'],
  formatDate: (iso: string) => string): string | null {
  if (h.in_scope > 0) {
    const first = t.historyInScope(h.in_scope, h.latest_at ? formatDate(h.latest_at) : '',
      h.highest_severity, h.unit_names);
    return h.elsewhere > 0 ? `${first}; ${t.historyElsewhere(h.elsewhere)}.` : `${first}.`;
  }
  if (h.elsewhere > 0) return `${t.historyElsewhereOnly(h.elsewhere)}.`;
  return null;
}

/** "3 – Viss nytta": the label of a usefulness rating 1–5. */
export function ratingLabel(t: Dict['risk'], rating: number): string {
  const label = t.ratings[rating - 1];
  return label ? t.ratingText(rating, label) : String(rating);
}

/** Where a meeting of this type took place, for the report form. */
export function placeOfMeeting(type: MeetingType): PlaceType {
  return type === 'hembesok' ? 'hembesok' : 'besoksrum';
}

/**
 * The report page's address, prefilled from an assessment: its unit, its time
 * (now, if the meeting lies in the future: a report is never in the future),
 * the place, and the assessment to link the report to.
 */
export function reportHref(reportPath: string, a: RiskAssessment, nowMs: number): string {
  const event = Date.parse(a.event_at);
  const when = utcMsToStockholmLocalInput(Number.isNaN(event) ? nowMs : Math.min(event, nowMs));
  const q = new URLSearchParams({
    riskbedomning: String(a.id),
    enhet: String(a.unit_id),
    tid: when,
    plats: placeOfMeeting(a.meeting_type),
  });
  return `${reportPath}?${q.toString()}`;
}

export interface ReportPrefill {
  assessmentId: number;
  unitId?: number;
  when?: string;
  place?: PlaceType;
}

/** Reads what reportHref wrote; null without a valid `riskbedomning`. */
export function readReportPrefill(search: string, places: readonly PlaceType[]): ReportPrefill | null {
  const q = new URLSearchParams(search);
  const id = Number(q.get('riskbedomning'));
  if (!Number.isInteger(id) || id <= 0) return null;
  const out: ReportPrefill = { assessmentId: id };
  const unit = Number(q.get('enhet'));
  if (Number.isInteger(unit) && unit > 0) out.unitId = unit;
  const when = q.get('tid') ?? '';
  if (when && stockholmLocalToUtcMs(when) !== null) out.when = when;
  const place = q.get('plats') ?? '';
  if ((places as readonly string[]).includes(place)) out.place = place as PlaceType;
  return out;
}

/** "3,8": a mean rating with one decimal in the language's notation. */
export function formatRating(x: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);
}

/** "20 %": a share 0..1 as a whole percentage. */
export function formatShare(x: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(x);
}

/** The most common meeting types, most used first (ties in the given order), at most `max`. */
export function topMeetingTypes<T extends { uses: number }>(rows: T[], max = 3): T[] {
  return rows.map((r, i) => ({ r, i })).sort((a, b) => b.r.uses - a.r.uses || a.i - b.i)
    .slice(0, max).map((x) => x.r);
}

export interface MeasureOption {
  code: string;
  label: string;
  proposed: boolean;
  decided: boolean;
}

/** The catalogue of the template used, with what was proposed and decided. */
export function measureOptions(a: RiskAssessment, lang: string): MeasureOption[] {
  const byCode = new Map(a.measures.map((m) => [m.code, m]));
  const proposed = new Set(a.result?.proposed ?? a.measures.filter((m) => m.proposed).map((m) => m.code));
  const catalogue = a.template?.measures ?? a.measures;
  const seen = new Set<string>();
  const out: MeasureOption[] = [];
  for (const m of [...catalogue, ...a.measures]) {
    if (seen.has(m.code)) continue;
    seen.add(m.code);
    out.push({
      code: m.code,
      label: lang === 'en' ? m.label_en : m.label_sv,
      proposed: proposed.has(m.code) || Boolean(byCode.get(m.code)?.proposed),
      decided: Boolean(byCode.get(m.code)?.decided),
    });
  }
  return out;
}
