// Pure helpers for "after an incident" (issue 4): deadlines given as instants
// (the server's due_at, usually 24:00 Stockholm time), rule explanations in one
// line, and the order rules are shown in. No DOM, no fetch: unit-tested.
import type { Dict } from './i18n/sv';
import { stockholmWallTime } from './time';
import type { Colleague, Measure, RuleCheck, RuleKind, RuleState } from './types';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const pad = (n: number) => String(n).padStart(2, '0');

function toMs(iso: string | number | null | undefined): number | null {
  if (iso === null || iso === undefined || iso === '') return null;
  if (typeof iso === 'number') return iso;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** "25 nov" (Stockholm date of instant `ms`); the year is added when it is not `nowMs`'s year. */
function dayMonth(t: Dict, ms: number, nowMs: number): string {
  const w = stockholmWallTime(ms);
  const base = `${w.day} ${t.months[w.month - 1] ?? w.month}`;
  return w.year === stockholmWallTime(nowMs).year ? base : `${base} ${w.year}`;
}

/** "25 nov": the Stockholm date of an instant. */
export function shortDate(t: Dict, iso: string | number | null | undefined, nowMs: number): string {
  const ms = toMs(iso);
  return ms === null ? '' : dayMonth(t, ms, nowMs);
}

/** True when the instant is exactly 00:00 Stockholm time — the end of the day before. */
function isMidnight(ms: number): boolean {
  const w = stockholmWallTime(ms);
  return w.hour === 0 && w.minute === 0 && w.second === 0;
}

/**
 * The last day on which a deadline can still be met: a due_at of 00:00 is the
 * end (24:00) of the day before, so "senast 25 nov" for 2026-11-25T23:00Z.
 */
export function deadlineDay(t: Dict, dueIso: string | number | null | undefined, nowMs: number): string {
  const ms = toMs(dueIso);
  if (ms === null) return '';
  return dayMonth(t, isMidnight(ms) ? ms - 1 : ms, nowMs);
}

/** "25 nov kl. 24:00" or "25 nov kl. 14:30": a due instant as people read it. */
export function formatDueAt(t: Dict, dueIso: string | number | null | undefined, nowMs: number): string {
  const ms = toMs(dueIso);
  if (ms === null) return '';
  if (isMidnight(ms)) return t.rulesText.at24(dayMonth(t, ms - 1, nowMs));
  const w = stockholmWallTime(ms);
  return t.rulesText.at(dayMonth(t, ms, nowMs), `${pad(w.hour)}:${pad(w.minute)}`);
}

export interface InstantDeadline {
  overdue: boolean;
  /** "om 5 timmar" / "försenad 2 dagar". */
  text: string;
}

/**
 * How far away a due instant is: minutes under an hour, hours under a day,
 * then whole days (rounded down, so "försenad 1 dag" after 24 hours).
 */
export function instantDeadline(t: Dict, dueIso: string | number, nowMs: number): InstantDeadline {
  const due = toMs(dueIso) ?? nowMs;
  const diff = due - nowMs;
  const abs = Math.abs(diff);
  const w = t.rulesText;
  if (diff > 0) {
    if (abs < HOUR) return { overdue: false, text: w.inMinutes(Math.max(1, Math.ceil(abs / MINUTE))) };
    if (abs < DAY) return { overdue: false, text: w.inHours(Math.floor(abs / HOUR)) };
    return { overdue: false, text: w.inDays(Math.floor(abs / DAY)) };
  }
  if (abs < HOUR) return { overdue: true, text: w.lateMinutes(Math.max(1, Math.floor(abs / MINUTE))) };
  if (abs < DAY) return { overdue: true, text: w.lateHours(Math.floor(abs / HOUR)) };
  return { overdue: true, text: w.lateDays(Math.floor(abs / DAY)) };
}

export interface RuleExplanation {
  /** What the rule asks: "Polisanmälan ska göras inom 2 arbetsdagar". */
  requirement: string;
  /** Where it stands, lower case: "försenad sedan 26 nov", "uppfyllt i tid". */
  status: string;
  /** Both in one line: "Polisanmälan ska göras inom 2 arbetsdagar — försenad sedan 26 nov". */
  line: string;
}

/**
 * One rule explained in one line of plain language. `workingDays` comes from
 * the förvaltning's rule configuration when the viewer may read it; without
 * it the requirement names the last day instead ("… senast 25 nov").
 */
export function explainRule(t: Dict, check: RuleCheck, workingDays: number | undefined,
  nowMs: number): RuleExplanation {
  const w = t.rulesText;
  const lastDay = deadlineDay(t, check.due_at, nowMs);
  const when = workingDays !== undefined ? w.withinDays(workingDays) : w.byDate(lastDay);
  const requirement = t.ruleRequirement[check.kind]?.(when) ?? t.ruleKind[check.kind] ?? check.kind;
  let status: string;
  switch (check.state) {
    case 'met':
      status = w.met;
      break;
    case 'met_late':
      status = w.metLate(shortDate(t, check.met_at, nowMs) || lastDay);
      break;
    case 'breached':
      // Overdue from the deadline instant on: a due_at of 26 nov 00:00 is late since 26 nov.
      status = w.breachedSince(shortDate(t, check.due_at, nowMs));
      break;
    default:
      status = workingDays !== undefined ? w.pendingBy(lastDay) : w.pending;
  }
  return { requirement, status, line: `${requirement} — ${status}` };
}

const STATE_ORDER: Record<RuleState, number> = { breached: 0, pending: 1, met_late: 2, met: 3 };

/** Breaches first, then what is still to do, then what was done (late before on time); by deadline. */
export function sortRules(rules: RuleCheck[]): RuleCheck[] {
  return [...rules].sort((a, b) =>
    (STATE_ORDER[a.state] ?? 9) - (STATE_ORDER[b.state] ?? 9) ||
    (toMs(a.due_at) ?? 0) - (toMs(b.due_at) ?? 0));
}

export const breachCount = (rules: RuleCheck[] | undefined): number =>
  (rules ?? []).filter((r) => r.state === 'breached').length;

/** The rule kinds whose configuration uses a category list / a minimum severity. */
export const RULE_USES_CATEGORIES: readonly RuleKind[] = ['police_report', 'support_offered'];
export const RULE_USES_SEVERITY: readonly RuleKind[] = ['authority_notified', 'coordinator_consulted'];

/** Support items (kind "stod") and measures (kind "atgard" or, from before issue 4, none). */
export const isSupport = (m: Measure): boolean => m.kind === 'stod';
export const supportItems = (ms: Measure[] | undefined): Measure[] => (ms ?? []).filter(isSupport);
export const actionItems = (ms: Measure[] | undefined): Measure[] => (ms ?? []).filter((m) => !isSupport(m));

/**
 * Who can be made responsible for a measure or a support: the colleagues plus the
 * manager themself (whether or not /colleagues lists them), by name in Swedish order.
 */
export function responsibleOptions(colleagues: Colleague[], me: Colleague): Colleague[] {
  const people = colleagues.some((c) => c.id === me.id)
    ? colleagues
    : [...colleagues, { id: me.id, display_name: me.display_name, unit_id: me.unit_id }];
  return [...people].sort((a, b) => a.display_name.localeCompare(b.display_name, 'sv'));
}

/** A field name from a server error: `field` when given, else the code's last part ("org_contact.org_number"). */
export function errorField(err: { field?: string | undefined; code?: string } | null | undefined): string | null {
  if (!err) return null;
  if (err.field) return err.field.split('.').pop() ?? err.field;
  const code = err.code ?? '';
  const dot = code.lastIndexOf('.');
  return dot >= 0 ? code.slice(dot + 1) : null;
}
