// Pure helpers for security plans, the risk template editor and the person
// behind an incident (issue 5): form state ⇄ request bodies, the checks the
// server makes (so most mistakes show at the field before saving), server
// field errors mapped back to the fields, and the history warning in one
// sentence. No DOM, no fetch: unit-tested.
import { ApiError, errorMessage } from './api';
import {
  RISK_LEVELS, type Me, type NewSecurityPlan, type PlanScope, type RiskLevel, type RiskTemplate,
  type RiskTemplateInput, type Role, type RoutineInput, type SecurityPlan, type SecurityPlanPatch,
  type SubjectKind, type Unit,
} from './types';

// --- who covers what ------------------------------------------------------------

/** The ids of the units in the subtrees of `me`'s grants of `role`. */
export function coveredUnitIds(units: Unit[], me: Pick<Me, 'grants'>, role: Role): Set<number> {
  const children = new Map<number, number[]>();
  for (const u of units) {
    if (u.parent_id === null) continue;
    const list = children.get(u.parent_id) ?? [];
    list.push(u.id);
    children.set(u.parent_id, list);
  }
  const out = new Set<number>();
  const stack = me.grants.filter((g) => g.role === role).map((g) => g.unit_id);
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/** The förvaltningar whose risk template `me` may edit: all for an admin, covered ones for a säkerhetssamordnare. */
export function editableForvaltningar(units: Unit[], me: Pick<Me, 'grants' | 'roles'>): Unit[] {
  const forv = units.filter((u) => u.kind === 'forvaltning');
  const list = me.roles.includes('admin')
    ? forv
    : forv.filter((u) => coveredUnitIds(units, me, 'sakerhetssamordnare').has(u.id));
  return list.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

// --- security plans -------------------------------------------------------------

export interface PlanForm {
  unitId: string;
  scope: PlanScope;
  title: string;
  subjectKind: SubjectKind;
  /** Write-only: sent once, never shown back. */
  identifier: string;
  threats: string;
  threatLevel: RiskLevel;
  reviewDate: string;
  peopleIds: number[];
  protectedCase: boolean;
  handlingUnitId: string;
  handlingGroupIds: number[];
  omitName: boolean;
  secureRoomOnly: boolean;
  twoStaffAlways: boolean;
  noHomeVisits: boolean;
  instructions: string;
}

export function emptyPlanForm(unitId: string, reviewDate: string): PlanForm {
  return {
    unitId, scope: 'arende', title: '', subjectKind: 'personnummer', identifier: '', threats: '',
    threatLevel: 'forhojd', reviewDate, peopleIds: [], protectedCase: false, handlingUnitId: '',
    handlingGroupIds: [], omitName: true, secureRoomOnly: true, twoStaffAlways: true, noHomeVisits: true,
    instructions: '',
  };
}

export function planFormFromPlan(p: SecurityPlan): PlanForm {
  const r = p.routine;
  return {
    unitId: String(p.unit_id), scope: p.scope, title: p.title, subjectKind: 'personnummer', identifier: '',
    threats: p.threats, threatLevel: p.threat_level, reviewDate: p.review_date,
    peopleIds: p.people.map((x) => x.id), protectedCase: p.protected_case,
    handlingUnitId: r?.handling_unit_id ? String(r.handling_unit_id) : '',
    handlingGroupIds: r?.handling_group.map((x) => x.id) ?? [],
    omitName: r?.omit_handlaggare_name ?? true, secureRoomOnly: r?.secure_room_only ?? true,
    twoStaffAlways: r?.two_staff_always ?? true, noHomeVisits: r?.no_home_visits ?? true,
    instructions: r?.instructions ?? '',
  };
}

function routineOf(f: PlanForm): RoutineInput {
  return {
    handling_unit_id: f.handlingUnitId ? Number(f.handlingUnitId) : null,
    handling_group_ids: f.handlingGroupIds,
    omit_handlaggare_name: f.omitName,
    secure_room_only: f.secureRoomOnly,
    two_staff_always: f.twoStaffAlways,
    no_home_visits: f.noHomeVisits,
    instructions: f.instructions.trim(),
  };
}

/** Missing required fields, by form field: unitId, title, reviewDate. */
export function planFormErrors(f: PlanForm): ('unitId' | 'title' | 'reviewDate')[] {
  const out: ('unitId' | 'title' | 'reviewDate')[] = [];
  if (!f.unitId) out.push('unitId');
  if (!f.title.trim()) out.push('title');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.reviewDate)) out.push('reviewDate');
  return out;
}

/** POST /security-plans: the person only for a case plan with an identifier, the routine only when protected. */
export function newPlanRequest(f: PlanForm): NewSecurityPlan {
  const body: NewSecurityPlan = {
    unit_id: Number(f.unitId),
    scope: f.scope,
    title: f.title.trim(),
    threats: f.threats.trim(),
    threat_level: f.threatLevel,
    review_date: f.reviewDate,
    people_ids: f.peopleIds,
    protected_case: f.protectedCase,
  };
  const identifier = f.identifier.trim();
  if (f.scope === 'arende' && identifier) body.subject = { kind: f.subjectKind, identifier };
  if (f.protectedCase) body.routine = routineOf(f);
  return body;
}

const sameIds = (a: number[], b: number[]) =>
  a.length === b.length && [...a].sort((x, y) => x - y).every((v, i) => v === [...b].sort((x, y) => x - y)[i]);

/** PATCH /security-plans/{id}: only what changed, with the version read; null when nothing did. */
export function planPatchRequest(p: SecurityPlan, f: PlanForm): SecurityPlanPatch | null {
  const was = planFormFromPlan(p);
  const patch: SecurityPlanPatch = {};
  if (f.title.trim() !== was.title) patch.title = f.title.trim();
  if (f.threats.trim() !== was.threats) patch.threats = f.threats.trim();
  if (f.threatLevel !== was.threatLevel) patch.threat_level = f.threatLevel;
  if (f.reviewDate !== was.reviewDate) patch.review_date = f.reviewDate;
  if (!sameIds(f.peopleIds, was.peopleIds)) patch.people_ids = f.peopleIds;
  if (f.protectedCase !== was.protectedCase) patch.protected_case = f.protectedCase;
  if (f.protectedCase) {
    const a = routineOf(f);
    const b = routineOf(was);
    const changed = a.handling_unit_id !== b.handling_unit_id ||
      !sameIds(a.handling_group_ids ?? [], b.handling_group_ids ?? []) ||
      a.omit_handlaggare_name !== b.omit_handlaggare_name || a.secure_room_only !== b.secure_room_only ||
      a.two_staff_always !== b.two_staff_always || a.no_home_visits !== b.no_home_visits ||
      a.instructions !== b.instructions;
    if (changed || patch.protected_case !== undefined) patch.routine = a;
  }
  if (Object.keys(patch).length === 0) return null;
  return { ...patch, version: p.version };
}

/** The plan field a server error names ("plan.title" or field "title") – for showing it at the field. */
export function planErrorField(code: string, field: string | undefined): string | null {
  if (code.startsWith('subject.') && code !== 'subject.not_configured') return 'identifier';
  const f = field || (code.startsWith('plan.') ? code.slice(5) : '');
  if (!f) return null;
  if (f === 'unit_id') return 'unitId';
  if (f === 'title') return 'title';
  if (f === 'review_date') return 'reviewDate';
  if (f.startsWith('subject')) return 'identifier';
  return null;
}

/**
 * The detail of a plan log line as people read it: the scope of a new plan,
 * the title of a measure ("<id>" or "<id>:<status>"), a status code; other
 * details (changed field names, a decision's text) as they are.
 */
export function planLogDetail(action: string, detail: string, measures: { id: number; title: string }[],
  words: { scope: Record<string, string>; status: Record<string, string>; measureStatus: Record<string, string> }): string {
  if (!detail) return '';
  if (action === 'created') return words.scope[detail] ?? detail;
  if (action === 'measure_added' || action === 'measure_updated') {
    const [id, status] = detail.split(':');
    const title = measures.find((m) => String(m.id) === id)?.title ?? detail;
    return status ? `${title} (${(words.measureStatus[status] ?? status).toLocaleLowerCase('sv')})` : title;
  }
  if (action === 'closed' || action === 'reopened') return words.status[detail] ? '' : detail;
  return detail;
}

/** What a failed subject call means for the user: without a pseudonymisation key (503 subject.not_configured) its own words. */
export function subjectErrorText(err: unknown, notConfigured: string): string {
  if (err instanceof ApiError && (err.code === 'subject.not_configured' || err.status === 503)) return notConfigured;
  return errorMessage(err);
}

// --- the risk template editor ---------------------------------------------------

export interface FactorForm {
  /** Stable key for the list (not sent). */
  key: number;
  /** Added in this edit: its code may still be chosen. */
  isNew: boolean;
  code: string;
  label_sv: string;
  label_en: string;
  help_sv: string;
  help_en: string;
  weight: string;
  floor: RiskLevel | '';
}

export interface MeasureForm {
  key: number;
  isNew: boolean;
  code: string;
  label_sv: string;
  label_en: string;
  from_level: RiskLevel;
  factors: string[];
}

export interface TemplateForm {
  factors: FactorForm[];
  forhojd: string;
  hog: string;
  mycketHog: string;
  historyWeight: string;
  historyFloorCount: string;
  measures: MeasureForm[];
}

let nextKey = 1;
const newKey = () => nextKey++;

export function templateToForm(t: RiskTemplate): TemplateForm {
  return {
    factors: t.factors.map((f) => ({
      key: newKey(), isNew: false, code: f.code, label_sv: f.label_sv, label_en: f.label_en,
      help_sv: f.help_sv ?? '', help_en: f.help_en ?? '', weight: String(f.weight), floor: f.floor ?? '',
    })),
    forhojd: String(t.thresholds.forhojd),
    hog: String(t.thresholds.hog),
    mycketHog: String(t.thresholds.mycket_hog),
    historyWeight: String(t.history.weight),
    historyFloorCount: String(t.history.floor_count),
    measures: t.measures.map((m) => ({
      key: newKey(), isNew: false, code: m.code, label_sv: m.label_sv, label_en: m.label_en,
      from_level: m.from_level, factors: [...m.factors],
    })),
  };
}

export function newFactor(): FactorForm {
  return { key: newKey(), isNew: true, code: '', label_sv: '', label_en: '', help_sv: '', help_en: '', weight: '1', floor: '' };
}

export function newMeasure(): MeasureForm {
  return { key: newKey(), isNew: true, code: '', label_sv: '', label_en: '', from_level: 'hog', factors: [] };
}

/** Removes factor `index`; measures that named it no longer do. */
export function removeFactor(f: TemplateForm, index: number): TemplateForm {
  const gone = f.factors[index];
  if (!gone) return f;
  return {
    ...f,
    factors: f.factors.filter((_, i) => i !== index),
    measures: f.measures.map((m) => ({ ...m, factors: m.factors.filter((c) => c !== gone.code) })),
  };
}

/** Changes factor `index`'s code, and the measures that name it with it. */
export function renameFactor(f: TemplateForm, index: number, code: string): TemplateForm {
  const old = f.factors[index];
  if (!old) return f;
  return {
    ...f,
    factors: f.factors.map((x, i) => (i === index ? { ...x, code } : x)),
    measures: old.code
      ? f.measures.map((m) => ({ ...m, factors: m.factors.map((c) => (c === old.code ? code : c)) }))
      : f.measures,
  };
}

/** A code from a label: "Hot via telefon" → "hot_via_telefon" ([a-z0-9_], at most 40). */
export function slugCode(label: string): string {
  return label.toLowerCase()
    .replace(/[åä]/g, 'a').replace(/ö/g, 'o').replace(/é/g, 'e')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '')
    .slice(0, 40).replace(/_+$/, '');
}

const int = (s: string): number | null => (/^-?\d+$/.test(s.trim()) ? Number(s.trim()) : null);

/** The body of PUT /risk-template. Numbers that are not numbers become NaN (validate first). */
export function formToTemplate(f: TemplateForm): RiskTemplateInput {
  const num = (s: string) => int(s) ?? Number.NaN;
  return {
    factors: f.factors.map((x) => ({
      code: x.code.trim(), label_sv: x.label_sv.trim(), label_en: x.label_en.trim(),
      help_sv: x.help_sv.trim(), help_en: x.help_en.trim(), weight: num(x.weight), floor: x.floor || null,
    })),
    thresholds: { forhojd: num(f.forhojd), hog: num(f.hog), mycket_hog: num(f.mycketHog) },
    history: { weight: num(f.historyWeight), floor_count: num(f.historyFloorCount) },
    measures: f.measures.map((m) => ({
      code: m.code.trim(), label_sv: m.label_sv.trim(), label_en: m.label_en.trim(), from_level: m.from_level,
      factors: [...m.factors],
    })),
  };
}

/** Why a template field is refused; the editor words each. */
export type TemplateProblem =
  | 'required' | 'code' | 'duplicate' | 'tooLong' | 'weight' | 'floor' | 'thresholds' | 'historyWeight'
  | 'floorCount' | 'tooFew' | 'tooMany' | 'unknownFactor';

/** Field paths: "factors.2.weight", "measures.0.code", "thresholds", "history.weight", "factors" … */
export type TemplateErrors = Record<string, TemplateProblem>;

export const TEMPLATE_LIMITS = {
  items: 40, code: 40, label: 200, help: 1000, weight: 10, threshold: 1000, historyWeight: 10, floorCount: 100,
};
const CODE_RE = /^[a-z0-9_]{1,40}$/;
const chars = (s: string) => [...s].length;

/** The server's checks (domain/risk.cc ValidateRiskTemplate), every problem at once. */
export function validateTemplate(f: TemplateForm): TemplateErrors {
  const e: TemplateErrors = {};
  const L = TEMPLATE_LIMITS;
  if (f.factors.length === 0) e.factors = 'tooFew';
  if (f.factors.length > L.items) e.factors = 'tooMany';
  const codes = new Set<string>();
  f.factors.forEach((x, i) => {
    const p = `factors.${i}`;
    const code = x.code.trim();
    if (!CODE_RE.test(code)) e[`${p}.code`] = code ? 'code' : 'required';
    else if (codes.has(code)) e[`${p}.code`] = 'duplicate';
    codes.add(code);
    for (const k of ['label_sv', 'label_en'] as const) {
      if (!x[k].trim()) e[`${p}.${k}`] = 'required';
      else if (chars(x[k].trim()) > L.label) e[`${p}.${k}`] = 'tooLong';
    }
    for (const k of ['help_sv', 'help_en'] as const) {
      if (chars(x[k].trim()) > L.help) e[`${p}.${k}`] = 'tooLong';
    }
    const w = int(x.weight);
    if (w === null || w === 0 || Math.abs(w) > L.weight) e[`${p}.weight`] = 'weight';
    else if (x.floor && (x.floor === 'lag' || w < 0)) e[`${p}.floor`] = 'floor';
  });
  const a = int(f.forhojd);
  const b = int(f.hog);
  const c = int(f.mycketHog);
  if (a === null || b === null || c === null || a < 1 || b <= a || c <= b || c > L.threshold) e.thresholds = 'thresholds';
  const hw = int(f.historyWeight);
  if (hw === null || hw < 0 || hw > L.historyWeight) e['history.weight'] = 'historyWeight';
  const hc = int(f.historyFloorCount);
  if (hc === null || hc < 1 || hc > L.floorCount) e['history.floor_count'] = 'floorCount';
  if (f.measures.length === 0) e.measures = 'tooFew';
  if (f.measures.length > L.items) e.measures = 'tooMany';
  const mcodes = new Set<string>();
  f.measures.forEach((m, i) => {
    const p = `measures.${i}`;
    const code = m.code.trim();
    if (!CODE_RE.test(code)) e[`${p}.code`] = code ? 'code' : 'required';
    else if (mcodes.has(code)) e[`${p}.code`] = 'duplicate';
    mcodes.add(code);
    for (const k of ['label_sv', 'label_en'] as const) {
      if (!m[k].trim()) e[`${p}.${k}`] = 'required';
      else if (chars(m[k].trim()) > L.label) e[`${p}.${k}`] = 'tooLong';
    }
    if (!(RISK_LEVELS as readonly string[]).includes(m.from_level)) e[`${p}.from_level`] = 'required';
    if (m.factors.some((code) => !codes.has(code))) e[`${p}.factors`] = 'unknownFactor';
  });
  return e;
}

/**
 * Where a refused PUT /risk-template points: the server's field
 * ("factors[2].weight") or, without one, its code ("risk_template.thresholds"),
 * as an editor path ("factors.2.weight"). A label or help problem is shown at
 * the Swedish text. Null when it names no field.
 */
export function templateErrorPath(code: string, field: string | undefined): string | null {
  if (field) {
    const m = /^(factors|measures)\[(\d+)\](?:\.([a-z_]+))?/.exec(field);
    if (m) {
      const [, list, i, member] = m;
      if (!member) return `${list}.${i}`;
      const k = member === 'label' || member === 'help' ? `${member}_sv` : member;
      return `${list}.${i}.${k}`;
    }
    if (/^(thresholds)(\.|$)/.test(field)) return 'thresholds';
    if (/^history\.(weight|floor_count)$/.test(field)) return field;
    if (field === 'history') return 'history.weight';
    if (field === 'factors' || field === 'measures') return field;
  }
  const reason = code.startsWith('risk_template.') ? code.slice('risk_template.'.length) : '';
  switch (reason) {
    case 'thresholds': return 'thresholds';
    case 'history_weight': return 'history.weight';
    case 'history_floor_count': return 'history.floor_count';
    case 'factors': return 'factors';
    case 'measures': return 'measures';
    default: return null;
  }
}

/** The first error path in the order the editor shows fields (for focus). */
export function firstErrorPath(e: TemplateErrors, f: TemplateForm): string | null {
  const order: string[] = ['factors'];
  f.factors.forEach((_, i) => {
    for (const k of ['code', 'label_sv', 'label_en', 'help_sv', 'help_en', 'weight', 'floor']) order.push(`factors.${i}.${k}`);
  });
  order.push('thresholds', 'history.weight', 'history.floor_count', 'measures');
  f.measures.forEach((_, i) => {
    for (const k of ['code', 'label_sv', 'label_en', 'from_level', 'factors']) order.push(`measures.${i}.${k}`);
  });
  return order.find((p) => e[p]) ?? Object.keys(e)[0] ?? null;
}

/** A DOM id for an editor path ("factors.2.weight" → "tpl-factors-2-weight"). */
export const templateFieldId = (path: string) => `tpl-${path.replace(/[._]/g, '-')}`;
