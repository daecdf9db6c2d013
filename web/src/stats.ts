// Statistics (issue 6): the shapes of the stats API, the dashboard's filters
// kept in the URL, periods and quarters, and the table shown on screen — every
// figure as text, protected cells as "..", and the CSV of exactly that table.
// Pure functions only; the pages render what these return.
import { CATEGORIES, PLACE_TYPES, type Category, type PlaceType } from './types';
import { addDays } from './time';

// --- the API's shapes (docs/api-contract.md, issue 6) ------------------------

export const STATS_DIMS = [
  'forvaltning', 'avdelning', 'enhet', 'category', 'place', 'severity', 'year', 'quarter', 'month',
  'outside', 'tied',
] as const;
export type StatsDim = (typeof STATS_DIMS)[number];
export type ColsDim = StatsDim | 'none';

export const COUNT_MEASURES = [
  'count', 'police', 'outside', 'tied', 'notice_applies', 'notice_on_time', 'support_applies',
  'support_on_time',
] as const;
export type CountMeasure = (typeof COUNT_MEASURES)[number];

export interface ProtectedTable {
  cells: (number | null)[][];
  row_totals: (number | null)[];
  col_totals: (number | null)[];
  total: number | null;
}

export interface Figures {
  headcount: number | null;
  per_100: number | null;
  police_rate: number | null;
  outside_share: number | null;
  tied_share: number | null;
  notice_on_time_share: number | null;
  support_on_time_share: number | null;
  median_ack_hours: number | null;
  median_close_days: number | null;
}

export interface StatsKey {
  key: string;
  label: string;
  unit_id?: number;
}

export interface StatsTable {
  rows_dim: StatsDim;
  cols_dim: ColsDim;
  exact: boolean;
  threshold: number;
  rows: StatsKey[];
  cols: StatsKey[];
  measures: Record<CountMeasure, ProtectedTable>;
  row_figures: Figures[];
  total_figures: Figures;
}

export const EQUIVALENCE_COLUMNS = [
  'coordinator_full_time', 'routines_current', 'ack_share', 'exercises_12m', 'secure_rooms',
  'alarm_tested_1m', 'incidents_per_100', 'police_rate', 'support_on_time',
] as const;
export type EquivalenceColumn = (typeof EQUIVALENCE_COLUMNS)[number];

export interface EquivalenceCell {
  column: EquivalenceColumn;
  value: number | null;
  short: boolean;
}

export interface Equivalence {
  as_of: string;
  exact: boolean;
  standard: Partial<Record<EquivalenceColumn, number | boolean>>;
  columns: EquivalenceColumn[];
  rows: { forvaltning_id: number; name: string; cells: EquivalenceCell[] }[];
}

export const KPI_KINDS = ['personalrorlighet', 'konsulter', 'vfu'] as const;
export type KpiKind = (typeof KPI_KINDS)[number];
export const KPI_GROUPS = ['alla', 'socialsekreterare', 'bistandshandlaggare'] as const;
export type KpiGroup = (typeof KPI_GROUPS)[number];
export const KPI_PERIODS = ['ar', 'april', 'november'] as const;
export type KpiPeriod = (typeof KPI_PERIODS)[number];

export interface Kpi {
  forvaltning_id: number;
  forvaltning_name: string;
  kind: KpiKind;
  group: KpiGroup;
  year: number;
  period: KpiPeriod;
  value: number;
}

export interface UnitProfile {
  unit_id: number;
  headcount: number;
  secure_rooms: number;
  coordinator_full_time: boolean;
  alarm_tested_at: string | null;
  updated_at: string;
}

// --- what the dashboard shows ---------------------------------------------------

/** What each cell of the dashboard's table holds. */
export const MEASURES = [
  'count', 'police_rate', 'outside_share', 'notice_on_time', 'support_on_time', 'per_100',
  'median_ack', 'median_close',
] as const;
export type Measure = (typeof MEASURES)[number];

/** Measures the server gives per row only: the table has one column. */
export const isRowOnlyMeasure = (m: Measure): boolean => m === 'median_ack' || m === 'median_close';

export const isUnitDim = (d: ColsDim): boolean =>
  d === 'forvaltning' || d === 'avdelning' || d === 'enhet';
export const isTimeDim = (d: ColsDim): boolean => d === 'year' || d === 'quarter' || d === 'month';

export const PERIODS = ['ar', 'forra_aret', '12m', 'kvartal', 'forra_kvartalet', '5ar', 'egen'] as const;
export type Period = (typeof PERIODS)[number];

export type YesNo = '' | 'true' | 'false';

/** The dashboard's state; kept in the URL so a question can be linked and reloaded. */
export interface StatsFilters {
  period: Period;
  /** Inclusive dates of a custom period ("YYYY-MM-DD"), used when period is 'egen'. */
  from: string;
  to: string;
  unit: number | null;
  categories: Category[];
  place: PlaceType | '';
  minSeverity: number | null;
  outside: YesNo;
  tied: YesNo;
  rows: StatsDim;
  cols: ColsDim;
  measure: Measure;
}

export const DEFAULT_FILTERS: StatsFilters = {
  period: 'ar', from: '', to: '', unit: null, categories: [], place: '', minSeverity: null,
  outside: '', tied: '', rows: 'forvaltning', cols: 'none', measure: 'count',
};

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const oneOf = <T extends string>(list: readonly T[], v: string | null, dflt: T): T =>
  (v !== null && (list as readonly string[]).includes(v) ? (v as T) : dflt);
const yesNo = (v: string | null): YesNo => (v === 'true' || v === 'false' ? v : '');

/** The filters in a URL's query string; anything unknown falls back to the default. */
export function parseFilters(search: string): StatsFilters {
  const q = new URLSearchParams(search);
  const unit = Number(q.get('enhet'));
  const sev = Number(q.get('allvarlighet'));
  const from = q.get('fran') ?? '';
  const to = q.get('till') ?? '';
  const cats = (q.get('typ') ?? '').split(',').filter((c): c is Category =>
    (CATEGORIES as readonly string[]).includes(c));
  return {
    period: oneOf(PERIODS, q.get('period'), DEFAULT_FILTERS.period),
    from: DATE_RE.test(from) ? from : '',
    to: DATE_RE.test(to) ? to : '',
    unit: Number.isInteger(unit) && unit > 0 ? unit : null,
    categories: CATEGORIES.filter((c) => cats.includes(c)),
    place: oneOf(['', ...PLACE_TYPES] as const, q.get('plats'), ''),
    minSeverity: Number.isInteger(sev) && sev >= 1 && sev <= 4 ? sev : null,
    outside: yesNo(q.get('utanfor')),
    tied: yesNo(q.get('tjansten')),
    rows: oneOf(STATS_DIMS, q.get('rader'), DEFAULT_FILTERS.rows),
    cols: oneOf(['none', ...STATS_DIMS] as const, q.get('kolumner'), DEFAULT_FILTERS.cols),
    measure: oneOf(MEASURES, q.get('matt'), DEFAULT_FILTERS.measure),
  };
}

/** The query string ("?…", or "") for `f`; defaults are left out. */
export function filtersToSearch(f: StatsFilters): string {
  const q = new URLSearchParams();
  if (f.period !== DEFAULT_FILTERS.period) q.set('period', f.period);
  if (f.period === 'egen') {
    if (f.from) q.set('fran', f.from);
    if (f.to) q.set('till', f.to);
  }
  if (f.unit !== null) q.set('enhet', String(f.unit));
  if (f.categories.length) q.set('typ', f.categories.join(','));
  if (f.place) q.set('plats', f.place);
  if (f.minSeverity !== null) q.set('allvarlighet', String(f.minSeverity));
  if (f.outside) q.set('utanfor', f.outside);
  if (f.tied) q.set('tjansten', f.tied);
  if (f.rows !== DEFAULT_FILTERS.rows) q.set('rader', f.rows);
  if (f.cols !== DEFAULT_FILTERS.cols) q.set('kolumner', f.cols);
  if (f.measure !== DEFAULT_FILTERS.measure) q.set('matt', f.measure);
  const s = q.toString();
  return s ? `?${s}` : '';
}

// --- periods and quarters ----------------------------------------------------------

/** A range of Stockholm days: `from` inclusive, `to` exclusive (as the API wants it). */
export interface DayRange {
  from: string;
  to: string;
}

const QUARTER_RE = /^(\d{4})-Q([1-4])$/;

/** "2026-Q3" for a date "2026-08-14". */
export function quarterOf(date: string): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

export const isQuarter = (q: string): boolean => QUARTER_RE.test(q);

/** The quarter `n` quarters after `q` (negative: before). */
export function shiftQuarter(q: string, n: number): string {
  const m = QUARTER_RE.exec(q);
  if (!m) return q;
  const index = Number(m[1]) * 4 + Number(m[2]) - 1 + n;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** The days of quarter "2026-Q3": 2026-07-01 up to (not including) 2026-10-01. */
export function quarterRange(q: string): DayRange {
  const m = QUARTER_RE.exec(q);
  if (!m) return { from: '', to: '' };
  const year = Number(m[1]);
  const first = (Number(m[2]) - 1) * 3 + 1;
  const next = shiftQuarter(q, 1);
  const nm = QUARTER_RE.exec(next)!;
  return {
    from: `${year}-${String(first).padStart(2, '0')}-01`,
    to: `${nm[1]}-${String((Number(nm[2]) - 1) * 3 + 1).padStart(2, '0')}-01`,
  };
}

/** The days a period covers, given today's Stockholm date; null when a custom period is incomplete. */
export function periodRange(f: Pick<StatsFilters, 'period' | 'from' | 'to'>, today: string): DayRange | null {
  const year = Number(today.slice(0, 4));
  switch (f.period) {
    case 'ar':
      return { from: `${year}-01-01`, to: `${year + 1}-01-01` };
    case 'forra_aret':
      return { from: `${year - 1}-01-01`, to: `${year}-01-01` };
    case '5ar':
      return { from: `${year - 4}-01-01`, to: `${year + 1}-01-01` };
    case '12m':
      return { from: addDays(`${year - 1}${today.slice(4)}`, 1), to: addDays(today, 1) };
    case 'kvartal':
      return quarterRange(quarterOf(today));
    case 'forra_kvartalet':
      return quarterRange(shiftQuarter(quarterOf(today), -1));
    case 'egen':
      if (!f.from || !f.to || f.to < f.from) return null;
      return { from: f.from, to: addDays(f.to, 1) };
  }
}

/** The API query for the dashboard's table (median measures ask for medians and one column). */
export function statsQuery(f: StatsFilters, today: string): URLSearchParams | null {
  const range = periodRange(f, today);
  if (!range) return null;
  const q = new URLSearchParams();
  q.set('rows', f.rows);
  const cols = isRowOnlyMeasure(f.measure) || f.cols === f.rows ? 'none' : f.cols;
  if (cols !== 'none') q.set('cols', cols);
  q.set('from', range.from);
  q.set('to', range.to);
  if (f.unit !== null) q.set('unit_id', String(f.unit));
  for (const c of f.categories) q.append('category', c);
  if (f.place) q.append('place', f.place);
  if (f.minSeverity !== null) q.set('min_severity', String(f.minSeverity));
  if (f.outside) q.set('outside', f.outside);
  if (f.tied) q.set('tied', f.tied);
  if (isRowOnlyMeasure(f.measure)) q.set('medians', 'true');
  // Only what the measure shown needs (the server adds the count and parents): a faster scan.
  q.set('measures', RATIO[f.measure]?.[0] ?? 'count');
  return q;
}

// --- numbers as text ---------------------------------------------------------------

/** What a protected (suppressed) figure shows, as in SCB's tables. */
export const PROTECTED = '..';
/** What a figure that does not exist shows (a rate of nothing). */
export const NO_VALUE = '–';

/** `x` with `decimals` decimals, Swedish decimal comma unless `lang` is 'en'; no thousands grouping. */
export function formatDecimal(x: number, decimals: number, lang: 'sv' | 'en' = 'sv'): string {
  const s = (Math.round(x * 10 ** decimals) / 10 ** decimals).toFixed(decimals);
  return lang === 'en' ? s : s.replace('.', ',');
}

/** A share 0..1 as a percentage with one decimal ("41,3"). */
export const formatPercent = (share: number, lang: 'sv' | 'en' = 'sv'): string =>
  formatDecimal(share * 100, 1, lang);

// --- the table on screen ---------------------------------------------------------

export type CellState = 'value' | 'protected' | 'none';

export interface ViewCell {
  /** The text on screen and in the CSV. */
  text: string;
  /** The number charted; null for protected or missing figures. */
  value: number | null;
  state: CellState;
}

export interface TableView {
  /** The heading of the row-label column (the rows' dimension). */
  rowHeader: string;
  /** One per data column; two-way tables end with the total column. */
  colHeaders: string[];
  rows: { key: string; label: string; cells: ViewCell[] }[];
  /** The bottom row: "Totalt" and one cell per column. */
  totalLabel: string;
  totals: ViewCell[];
  /** True when a data column per dimension key is shown (a two-way table). */
  twoWay: boolean;
  /** Number of data columns before the total column (for charts). */
  dataCols: number;
  hasProtected: boolean;
}

/** The words a table needs: dimension and key names, measure names. */
export interface ViewLabels {
  lang: 'sv' | 'en';
  dims: Record<StatsDim, string>;
  measures: Record<Measure, string>;
  total: string;
  category: Record<string, string>;
  place: Record<string, string>;
  severity: Record<number, string>;
  outside: { true: string; false: string };
  tied: { true: string; false: string };
  months: string[];
  quarter: (year: string, q: string) => string;
  /** A unit row's or column's name ("Ekonomiskt bistånd (Norra)"); the server's label otherwise. */
  unitName?: (id: number) => string | undefined;
}

/** A row's or column's label: units and years as the server names them, codes in words. */
export function keyLabel(dim: ColsDim, key: StatsKey, L: ViewLabels): string {
  switch (dim) {
    case 'category':
      return L.category[key.key] ?? key.label;
    case 'place':
      return L.place[key.key] ?? key.label;
    case 'severity':
      return L.severity[Number(key.key)] ?? key.label;
    case 'outside':
      return key.key === 'true' ? L.outside.true : key.key === 'false' ? L.outside.false : key.label;
    case 'tied':
      return key.key === 'true' ? L.tied.true : key.key === 'false' ? L.tied.false : key.label;
    case 'quarter': {
      const m = QUARTER_RE.exec(key.key);
      return m ? L.quarter(m[1]!, m[2]!) : key.label;
    }
    case 'month': {
      const m = /^(\d{4})-(\d{2})$/.exec(key.key);
      const name = m ? L.months[Number(m[2]) - 1] : undefined;
      return m && name ? `${name} ${m[1]}` : key.label;
    }
    case 'none':
      return L.total;
    default:
      return (key.unit_id !== undefined ? L.unitName?.(key.unit_id) : undefined) || key.label || key.key;
  }
}

function cellOf(value: number | null, protectedValue: boolean, decimals: number, lang: 'sv' | 'en',
  asPercent = false): ViewCell {
  if (value === null || !Number.isFinite(value)) {
    return protectedValue ? { text: PROTECTED, value: null, state: 'protected' }
      : { text: NO_VALUE, value: null, state: 'none' };
  }
  const shown = asPercent ? value * 100 : value;
  const text = asPercent ? formatPercent(value, lang) : formatDecimal(value, decimals, lang);
  return { text, value: Math.round(shown * 10 ** decimals) / 10 ** decimals, state: 'value' };
}

/** numerator / denominator when both are shown and the denominator is positive. */
function ratioCell(num: number | null, den: number | null, lang: 'sv' | 'en'): ViewCell {
  if (num === null || den === null) return cellOf(null, true, 1, lang);
  if (den <= 0) return cellOf(null, false, 1, lang);
  return cellOf(num / den, false, 1, lang, true);
}

const RATIO: Partial<Record<Measure, [CountMeasure, CountMeasure]>> = {
  police_rate: ['police', 'count'],
  outside_share: ['outside', 'count'],
  notice_on_time: ['notice_on_time', 'notice_applies'],
  support_on_time: ['support_on_time', 'support_applies'],
};

/**
 * True when `table` counted what `measure` shows (a table fetched for another
 * measure lacks it: the server returns only the measures asked for).
 */
export function tableShows(table: StatsTable, measure: Measure): boolean {
  const needed = RATIO[measure] ?? (['count'] as CountMeasure[]);
  return needed.every((m) => table.measures[m] !== undefined);
}

/**
 * The table for `measure` as it is shown: one row per row key and a total
 * row; for a two-way table one column per column key and a total column.
 * Counts come from the protected tables as they are; rates are computed only
 * from shown figures (a hidden part hides the rate); per 100 employees uses
 * each unit row's headcount; medians are per row.
 */
export function buildView(table: StatsTable, measure: Measure, L: ViewLabels): TableView {
  const lang = L.lang;
  const count = table.measures.count;
  const rowOnly = isRowOnlyMeasure(measure);
  const twoWay = !rowOnly && table.cols_dim !== 'none' && table.cols.length > 0;
  const nCols = twoWay ? table.cols.length : 1;
  const headcount = (r: number | null) =>
    (r === null ? table.total_figures.headcount : table.row_figures[r]?.headcount ?? null);

  // The figure at row r (null: the total row) and column c (null: the total column).
  const at = (r: number | null, c: number | null): ViewCell => {
    const pick = (m: CountMeasure): number | null => {
      const t = table.measures[m];
      if (r === null && c === null) return t.total;
      if (r === null) return t.col_totals[c!] ?? null;
      if (c === null) return t.row_totals[r] ?? null;
      return t.cells[r]?.[c] ?? null;
    };
    switch (measure) {
      case 'count': {
        const n = pick('count');
        return cellOf(n, true, 0, lang);
      }
      case 'per_100': {
        const n = pick('count');
        if (n === null) return cellOf(null, true, 1, lang);
        const h = headcount(r);
        return cellOf(h && h > 0 ? (n / h) * 100 : null, false, 1, lang);
      }
      case 'median_ack':
      case 'median_close': {
        const fig = r === null ? table.total_figures : table.row_figures[r];
        const v = (measure === 'median_ack' ? fig?.median_ack_hours : fig?.median_close_days) ?? null;
        const n = r === null ? count.total : count.row_totals[r] ?? null;
        return cellOf(v, n === null, 1, lang);
      }
      default: {
        const [num, den] = RATIO[measure]!;
        return ratioCell(pick(num), pick(den), lang);
      }
    }
  };

  const rows = table.rows.map((k, r) => {
    const cells: ViewCell[] = [];
    if (twoWay) {
      for (let c = 0; c < nCols; c++) cells.push(at(r, c));
      cells.push(at(r, null));
    } else {
      cells.push(rowOnly ? at(r, null) : at(r, 0));
    }
    return { key: k.key, label: keyLabel(table.rows_dim, k, L), cells };
  });
  const totals: ViewCell[] = [];
  if (twoWay) {
    for (let c = 0; c < nCols; c++) totals.push(at(null, c));
  }
  totals.push(at(null, null));

  const colHeaders = twoWay
    ? [...table.cols.map((k) => keyLabel(table.cols_dim, k, L)), L.total]
    : [L.measures[measure]];
  const hasProtected = [...rows.flatMap((r) => r.cells), ...totals].some((c) => c.state === 'protected');
  return {
    rowHeader: L.dims[table.rows_dim],
    colHeaders,
    rows,
    totalLabel: L.total,
    totals,
    twoWay,
    dataCols: nCols,
    hasProtected,
  };
}

// --- CSV -----------------------------------------------------------------------------

/** One CSV field: quoted when it holds the separator, a quote, a line break or edge spaces. */
export function csvField(s: string): string {
  return /[;"\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows of text as CSV for Swedish Excel: UTF-8 BOM, semicolons, CRLF. */
export function toCsv(lines: string[][]): string {
  return `\uFEFF${lines.map((l) => l.map(csvField).join(';')).join('\r\n')}\r\n`;
}

/** The table exactly as on screen, header first, the total row last. */
export function viewToLines(v: TableView): string[][] {
  return [
    [v.rowHeader, ...v.colHeaders],
    ...v.rows.map((r) => [r.label, ...r.cells.map((c) => c.text)]),
    ...(v.totals.length ? [[v.totalLabel, ...v.totals.map((c) => c.text)]] : []),
  ];
}

/** "trygg-statistik-2026-08-14.csv" */
export const csvFileName = (today: string, what = 'statistik'): string => `trygg-${what}-${today}.csv`;

// --- equivalence and KPIs ------------------------------------------------------------

const YES_NO_COLUMNS: EquivalenceColumn[] = ['coordinator_full_time', 'alarm_tested_1m'];
const SHARE_COLUMNS: EquivalenceColumn[] = ['routines_current', 'ack_share', 'police_rate', 'support_on_time'];

/** An equivalence value as text: yes/no, a percentage, a count or a rate per 100. */
export function equivalenceText(column: EquivalenceColumn, value: number | boolean | null | undefined,
  words: { yes: string; no: string }, lang: 'sv' | 'en' = 'sv'): string {
  if (value === null || value === undefined) return PROTECTED;
  const n = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  if (YES_NO_COLUMNS.includes(column)) return n >= 0.5 ? words.yes : words.no;
  if (SHARE_COLUMNS.includes(column)) return `${formatDecimal(n * 100, 0, lang)} %`;
  if (column === 'incidents_per_100') return formatDecimal(n, 1, lang);
  return formatDecimal(n, 0, lang);
}

/** Years from `from` to `to` inclusive. */
export function yearsBetween(from: number, to: number): number[] {
  const out: number[] = [];
  for (let y = from; y <= to; y++) out.push(y);
  return out;
}

/**
 * KPI values as series: one per förvaltning (sorted by name), a value per
 * year (null when missing), for one kind, group and period.
 */
export function kpiSeries(items: Kpi[], kind: KpiKind, group: KpiGroup, period: KpiPeriod,
  years: number[]): { id: number; name: string; values: (number | null)[] }[] {
  const byF = new Map<number, { name: string; byYear: Map<number, number> }>();
  for (const k of items) {
    if (k.kind !== kind || k.group !== group || k.period !== period) continue;
    const e = byF.get(k.forvaltning_id) ?? { name: k.forvaltning_name, byYear: new Map() };
    e.byYear.set(k.year, k.value);
    byF.set(k.forvaltning_id, e);
  }
  return [...byF.entries()]
    .sort(([, a], [, b]) => a.name.localeCompare(b.name, 'sv'))
    .map(([id, e]) => ({ id, name: e.name, values: years.map((y) => e.byYear.get(y) ?? null) }));
}

/** The years KPIs cover (ascending); empty when there are none. */
export function kpiYears(items: Kpi[]): number[] {
  if (!items.length) return [];
  const ys = items.map((k) => k.year);
  return yearsBetween(Math.min(...ys), Math.max(...ys));
}

// --- who reads statistics -------------------------------------------------------------

/** The roles whose grants give statistics over their units (docs/api-contract.md). */
export const STATS_ROLES = ['analytiker', 'chef', 'sakerhetssamordnare', 'skyddsombud', 'admin'] as const;

/** True when `roles` (a user's roles) include a statistics reader's. */
export const readsStats = (roles: readonly string[]): boolean =>
  STATS_ROLES.some((r) => roles.includes(r));

/**
 * The ids of the units a user's stats grants cover: each granted unit and
 * everything under it. `units` are {id, parent_id}; `grants` {role, unit_id}.
 */
export function statsScope(units: { id: number; parent_id: number | null }[],
  grants: { role: string; unit_id: number }[]): Set<number> {
  const roots = new Set(grants.filter((g) => (STATS_ROLES as readonly string[]).includes(g.role))
    .map((g) => g.unit_id));
  const parent = new Map(units.map((u) => [u.id, u.parent_id]));
  const out = new Set<number>();
  for (const u of units) {
    const seen = new Set<number>();
    for (let id: number | null | undefined = u.id; id != null && !seen.has(id); id = parent.get(id)) {
      seen.add(id);
      if (roots.has(id)) {
        out.add(u.id);
        break;
      }
    }
  }
  return out;
}

// --- the quarterly report -----------------------------------------------------------------

/**
 * `view` (a two-way table) narrowed to the data columns `indices` (−1: a
 * column the table did not have, shown as no value), headed `headers`,
 * without the total column.
 */
export function selectColumns(view: TableView, indices: number[], headers: string[]): TableView {
  const none: ViewCell = { text: NO_VALUE, value: null, state: 'none' };
  const pick = (cells: ViewCell[]) => indices.map((i) => (i >= 0 && i < view.dataCols ? cells[i]! : none));
  const rows = view.rows.map((r) => ({ ...r, cells: pick(r.cells) }));
  const totals = pick(view.totals);
  return {
    ...view,
    colHeaders: headers,
    rows,
    totals,
    twoWay: true,
    dataCols: indices.length,
    hasProtected: [...rows.flatMap((r) => r.cells), ...totals].some((c) => c.state === 'protected'),
  };
}

export const REPORT_FIGURES = [
  'count', 'outside_share', 'tied_share', 'police_rate', 'notice_on_time_share', 'support_on_time_share',
  'median_ack_hours', 'median_close_days', 'per_100',
] as const;
export type ReportFigure = (typeof REPORT_FIGURES)[number];

/**
 * Key figures of the quarters `quarters` from a table with rows by quarter
 * (asked with medians): one row per figure, one column per quarter. A
 * quarter's count is its row total; per 100 employees uses the table's
 * headcount. A figure is ".." when the quarter's count is protected.
 */
export function quarterFigures(table: StatsTable, quarters: string[], names: Record<ReportFigure, string>,
  figureHeader: string, quarterHeader: (q: string) => string, lang: 'sv' | 'en'): TableView {
  const idx = quarters.map((q) => table.rows.findIndex((r) => r.key === q));
  const headcount = table.total_figures.headcount;
  const rows = REPORT_FIGURES.map((fig) => ({
    key: fig,
    label: names[fig],
    cells: idx.map((r): ViewCell => {
      if (r < 0) return { text: NO_VALUE, value: null, state: 'none' };
      const n = table.measures.count.row_totals[r] ?? null;
      const f = table.row_figures[r];
      switch (fig) {
        case 'count':
          return cellOf(n, true, 0, lang);
        case 'per_100':
          if (n === null) return cellOf(null, true, 1, lang);
          return cellOf(headcount && headcount > 0 ? (n / headcount) * 100 : null, false, 1, lang);
        case 'median_ack_hours':
        case 'median_close_days':
          return cellOf(f?.[fig] ?? null, n === null, 1, lang);
        default:
          return cellOf(f?.[fig] ?? null, n === null, 1, lang, true);
      }
    }),
  }));
  return {
    rowHeader: figureHeader,
    colHeaders: quarters.map(quarterHeader),
    rows,
    totalLabel: '',
    totals: [],
    twoWay: true,
    dataCols: quarters.length,
    hasProtected: rows.some((r) => r.cells.some((c) => c.state === 'protected')),
  };
}
