// Time helpers. The API speaks UTC ISO 8601; people read and type Swedish wall
// time (Europe/Stockholm), whatever the browser's own time zone is.

export const TIME_ZONE = 'Europe/Stockholm';
const DAY_MS = 86_400_000;

interface WallTime {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partsFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The Stockholm wall-clock time of the instant `ms`. */
export function stockholmWallTime(ms: number): WallTime {
  const get: Record<string, number> = {};
  for (const p of partsFormatter.formatToParts(new Date(ms))) {
    if (p.type !== 'literal') get[p.type] = Number(p.value);
  }
  return {
    year: get.year ?? 0,
    month: get.month ?? 1,
    day: get.day ?? 1,
    hour: (get.hour ?? 0) % 24,
    minute: get.minute ?? 0,
    second: get.second ?? 0,
  };
}

function wallAsUtcMs(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** Stockholm's offset from UTC at instant `ms`, in milliseconds (+1 h or +2 h). */
export function stockholmOffsetMs(ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallAsUtcMs(stockholmWallTime(whole)) - whole;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function parseLocal(value: string): WallTime | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  if (!m) return null;
  const w: WallTime = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
  };
  if (w.month < 1 || w.month > 12 || w.day < 1 || w.day > 31 || w.hour > 23 || w.minute > 59 ||
      w.second > 59) {
    return null;
  }
  // Reject dates such as 2026-02-30.
  const check = new Date(Date.UTC(w.year, w.month - 1, w.day));
  if (check.getUTCMonth() !== w.month - 1) return null;
  return w;
}

/**
 * The UTC instant (ms) of a Stockholm wall time "YYYY-MM-DDTHH:mm[:ss]" (the
 * value of an <input type="datetime-local">) or "YYYY-MM-DD" (midnight).
 * When the clocks go back and a wall time happens twice, the first (summer
 * time) instant is chosen; a wall time skipped when the clocks go forward is
 * read with the winter offset, i.e. moved one hour later. Null when invalid.
 */
export function stockholmLocalToUtcMs(value: string): number | null {
  const w = parseLocal(value);
  if (!w) return null;
  const naive = wallAsUtcMs(w);
  const offsets = [stockholmOffsetMs(naive - DAY_MS), stockholmOffsetMs(naive + DAY_MS)];
  const candidates = offsets
    .map((off) => naive - off)
    .filter((t) => wallAsUtcMs(stockholmWallTime(t)) === naive)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0]!;
  // In the spring gap: use the offset in force before the change.
  return naive - offsets[0]!;
}

/** As stockholmLocalToUtcMs, as an ISO string with Z; null when invalid. */
export function stockholmLocalToUtcIso(value: string): string | null {
  const ms = stockholmLocalToUtcMs(value);
  return ms === null ? null : new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** The value for an <input type="datetime-local"> showing instant `ms` in Stockholm. */
export function utcMsToStockholmLocalInput(ms: number): string {
  const w = stockholmWallTime(ms);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** Today's date in Stockholm, "YYYY-MM-DD". */
export function stockholmDate(ms: number): string {
  const w = stockholmWallTime(ms);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** Whole days from date `from` to date `to` (both "YYYY-MM-DD"); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const a = parseLocal(from);
  const b = parseLocal(to);
  if (!a || !b) return 0;
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) /
    DAY_MS);
}

/** Date `date` ("YYYY-MM-DD") plus `days`. */
export function addDays(date: string, days: number): string {
  const w = parseLocal(date);
  if (!w) return date;
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day) + days * DAY_MS);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export type DeadlineState =
  | { kind: 'overdue'; days: number }
  | { kind: 'today' }
  | { kind: 'tomorrow' }
  | { kind: 'future'; days: number };

/** Where due date `due` stands relative to `today` (both "YYYY-MM-DD"). */
export function deadlineState(due: string, today: string): DeadlineState {
  const days = daysBetween(today, due);
  if (days < 0) return { kind: 'overdue', days: -days };
  if (days === 0) return { kind: 'today' };
  if (days === 1) return { kind: 'tomorrow' };
  return { kind: 'future', days };
}

export interface DeadlineWords {
  dueToday: string;
  dueTomorrow: string;
  dueInDays: (n: number) => string;
  overdueDays: (n: number) => string;
}

/** "om 2 dagar", "försenad 3 dagar", … in the words of `words`. */
export function deadlineText(due: string, today: string, words: DeadlineWords): string {
  const s = deadlineState(due, today);
  switch (s.kind) {
    case 'overdue':
      return words.overdueDays(s.days);
    case 'today':
      return words.dueToday;
    case 'tomorrow':
      return words.dueTomorrow;
    case 'future':
      return words.dueInDays(s.days);
  }
}

const dateTimeFormatter = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
const dateFormatter = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

function toMs(iso: string): number | null {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** "2026-11-23 09:30" in Stockholm time for a UTC ISO instant. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = toMs(iso);
  return ms === null ? iso : dateTimeFormatter.format(new Date(ms));
}

/** "2026-11-23" in Stockholm time for a UTC ISO instant. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = toMs(iso);
  return ms === null ? iso : dateFormatter.format(new Date(ms));
}
