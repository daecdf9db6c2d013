import { describe, expect, it } from 'vitest';
import { sv } from './i18n/sv';
import {
  buildView, csvField, DEFAULT_FILTERS, equivalenceText, filtersToSearch, formatDecimal, kpiSeries, kpiYears,
  parseFilters, periodRange, quarterFigures, quarterOf, quarterRange, readsStats, selectColumns, shiftQuarter,
  statsQuery, statsScope, tableShows, toCsv, viewToLines, type Figures, type ProtectedTable, type StatsTable, type ViewLabels,
} from './stats';

const L: ViewLabels = {
  lang: 'sv',
  dims: sv.stats.dims,
  measures: sv.stats.measures,
  total: 'Totalt',
  category: sv.category,
  place: sv.place,
  severity: sv.severity,
  outside: sv.stats.outsideWords,
  tied: sv.stats.tiedWords,
  months: sv.months,
  quarter: sv.stats.quarterLabel,
};

const fig = (p: Partial<Figures> = {}): Figures => ({
  headcount: null, per_100: null, police_rate: null, outside_share: null, tied_share: null,
  notice_on_time_share: null, support_on_time_share: null, median_ack_hours: null, median_close_days: null, ...p,
});
const pt = (cells: (number | null)[][], row_totals: (number | null)[], col_totals: (number | null)[],
  total: number | null): ProtectedTable => ({ cells, row_totals, col_totals, total });
const zero = (rows: number, cols: number): ProtectedTable =>
  pt(Array.from({ length: rows }, () => Array(cols).fill(0)), Array(rows).fill(0), Array(cols).fill(0), 0);

/** Two förvaltningar × two categories; Södra's "vald" is protected and so is its complement. */
function twoWay(): StatsTable {
  const count = pt([[40, 12], [7, null]], [52, null], [47, null], 63);
  const police = pt([[10, 6], [null, null]], [16, null], [null, null], 20);
  return {
    rows_dim: 'forvaltning', cols_dim: 'category', exact: false, threshold: 5,
    rows: [{ key: '2', label: 'Norra', unit_id: 2 }, { key: '3', label: 'Södra', unit_id: 3 }],
    cols: [{ key: 'hot', label: 'hot' }, { key: 'vald', label: 'vald' }],
    measures: {
      count, police, outside: zero(2, 2), tied: zero(2, 2), notice_applies: zero(2, 2), notice_on_time: zero(2, 2),
      support_applies: zero(2, 2), support_on_time: zero(2, 2),
    },
    row_figures: [fig({ headcount: 400 }), fig({ headcount: 250 })],
    total_figures: fig({ headcount: 650 }),
  };
}

describe('filters in the URL', () => {
  it('round-trip and leave defaults out', () => {
    expect(filtersToSearch(DEFAULT_FILTERS)).toBe('');
    const f = {
      ...DEFAULT_FILTERS, period: 'egen' as const, from: '2026-01-01', to: '2026-03-31', unit: 12,
      categories: ['vald' as const, 'hot' as const], place: 'hembesok' as const, minSeverity: 3, outside: 'true' as const,
      tied: 'false' as const, rows: 'year' as const, cols: 'category' as const, measure: 'police_rate' as const,
    };
    const back = parseFilters(filtersToSearch(f));
    expect(back).toEqual({ ...f, categories: ['hot', 'vald'] });
  });

  it('ignore what they do not know', () => {
    const f = parseFilters('?rader=nope&matt=x&typ=hot,bogus&allvarlighet=9&enhet=-3&fran=igår&period=zz');
    expect(f).toEqual({ ...DEFAULT_FILTERS, categories: ['hot'] });
  });
});

describe('periods and quarters', () => {
  it('know their days, "to" exclusive', () => {
    const today = '2026-08-14';
    expect(periodRange({ period: 'ar', from: '', to: '' }, today)).toEqual({ from: '2026-01-01', to: '2027-01-01' });
    expect(periodRange({ period: 'forra_aret', from: '', to: '' }, today)).toEqual({ from: '2025-01-01', to: '2026-01-01' });
    expect(periodRange({ period: '5ar', from: '', to: '' }, today)).toEqual({ from: '2022-01-01', to: '2027-01-01' });
    expect(periodRange({ period: '12m', from: '', to: '' }, today)).toEqual({ from: '2025-08-15', to: '2026-08-15' });
    expect(periodRange({ period: 'kvartal', from: '', to: '' }, today)).toEqual({ from: '2026-07-01', to: '2026-10-01' });
    expect(periodRange({ period: 'forra_kvartalet', from: '', to: '' }, today))
      .toEqual({ from: '2026-04-01', to: '2026-07-01' });
    expect(periodRange({ period: 'egen', from: '2026-02-01', to: '2026-02-28' }, today))
      .toEqual({ from: '2026-02-01', to: '2026-03-01' });
    expect(periodRange({ period: 'egen', from: '2026-02-01', to: '' }, today)).toBeNull();
    expect(periodRange({ period: 'egen', from: '2026-03-01', to: '2026-02-01' }, today)).toBeNull();
  });

  it('step across years', () => {
    expect(quarterOf('2026-01-01')).toBe('2026-Q1');
    expect(quarterOf('2026-12-31')).toBe('2026-Q4');
    expect(shiftQuarter('2026-Q1', -1)).toBe('2025-Q4');
    expect(shiftQuarter('2026-Q3', -4)).toBe('2025-Q3');
    expect(shiftQuarter('2025-Q4', 1)).toBe('2026-Q1');
    expect(quarterRange('2026-Q4')).toEqual({ from: '2026-10-01', to: '2027-01-01' });
    expect(quarterRange('bad')).toEqual({ from: '', to: '' });
  });
});

describe('a table fetched for one measure', () => {
  it('is not drawn for a measure it did not count', () => {
    const all = twoWay();
    const countOnly = { ...all, measures: { count: all.measures.count } } as unknown as StatsTable;
    for (const m of ['count', 'per_100', 'median_ack'] as const) expect(tableShows(countOnly, m)).toBe(true);
    expect(tableShows(countOnly, 'police_rate')).toBe(false);
    expect(tableShows(countOnly, 'support_on_time')).toBe(false);
    expect(tableShows(all, 'support_on_time')).toBe(true);
  });
});

describe('the API query', () => {
  it('repeats categories, asks medians with one column, drops cols equal to rows', () => {
    const f = { ...DEFAULT_FILTERS, categories: ['hot' as const, 'vald' as const], cols: 'year' as const, unit: 5 };
    expect(statsQuery(f, '2026-08-14')!.toString())
      .toBe('rows=forvaltning&cols=year&from=2026-01-01&to=2027-01-01&unit_id=5&category=hot&category=vald'
        + '&measures=count');
    expect(statsQuery({ ...f, measure: 'police_rate' }, '2026-08-14')!.get('measures')).toBe('police');
    expect(statsQuery({ ...f, measure: 'support_on_time' }, '2026-08-14')!.get('measures')).toBe('support_on_time');
    const m = statsQuery({ ...f, measure: 'median_ack' }, '2026-08-14')!;
    expect(m.get('cols')).toBeNull();
    expect(m.get('medians')).toBe('true');
    expect(statsQuery({ ...DEFAULT_FILTERS, cols: 'forvaltning' }, '2026-08-14')!.get('cols')).toBeNull();
    expect(statsQuery({ ...DEFAULT_FILTERS, period: 'egen' }, '2026-08-14')).toBeNull();
  });
});

describe('the table on screen', () => {
  it('shows counts with ".." for protected cells and totals', () => {
    const v = buildView(twoWay(), 'count', L);
    expect(v.rowHeader).toBe('Förvaltning');
    expect(v.colHeaders).toEqual(['Hot', 'Våld', 'Totalt']);
    expect(v.rows.map((r) => [r.label, ...r.cells.map((c) => c.text)])).toEqual([
      ['Norra', '40', '12', '52'],
      ['Södra', '7', '..', '..'],
    ]);
    expect(v.totals.map((c) => c.text)).toEqual(['47', '..', '63']);
    expect(v.hasProtected).toBe(true);
    expect(v.rows[1]!.cells[1]).toEqual({ text: '..', value: null, state: 'protected' });
  });

  it('computes rates only from shown figures, with a decimal comma', () => {
    const v = buildView(twoWay(), 'police_rate', L);
    expect(v.rows[0]!.cells.map((c) => c.text)).toEqual(['25,0', '50,0', '30,8']);
    expect(v.rows[0]!.cells[2]!.value).toBe(30.8);
    // Södra: police hidden → the rate is hidden too, never computed from a guess.
    expect(v.rows[1]!.cells.map((c) => c.text)).toEqual(['..', '..', '..']);
    expect(v.totals.map((c) => c.text)).toEqual(['..', '..', '31,7']);
  });

  it('a rate of nothing is "–", not protected', () => {
    const t = twoWay();
    t.measures.count = pt([[0, 12], [7, 9]], [12, 16], [7, 21], 28);
    t.measures.police = pt([[0, 6], [1, 2]], [6, 3], [1, 8], 9);
    const v = buildView(t, 'police_rate', L);
    expect(v.rows[0]!.cells[0]).toEqual({ text: '–', value: null, state: 'none' });
  });

  it('per 100 employees uses each unit row\'s headcount', () => {
    const v = buildView(twoWay(), 'per_100', L);
    expect(v.rows[0]!.cells.map((c) => c.text)).toEqual(['10,0', '3,0', '13,0']);
    expect(v.rows[1]!.cells.map((c) => c.text)).toEqual(['2,8', '..', '..']);
    expect(v.totals.map((c) => c.text)).toEqual(['7,2', '..', '9,7']);
  });

  it('medians are one column per row', () => {
    const t = twoWay();
    t.row_figures = [fig({ median_ack_hours: 5.25 }), fig()];
    t.total_figures = fig({ median_ack_hours: 6 });
    const v = buildView(t, 'median_ack', L);
    expect(v.twoWay).toBe(false);
    expect(v.colHeaders).toEqual(['Mediantid till mottagen (timmar)']);
    expect(v.rows.map((r) => r.cells.map((c) => c.text))).toEqual([['5,3'], ['..']]);
    expect(v.totals.map((c) => c.text)).toEqual(['6,0']);
  });

  it('names codes, quarters and months in words', () => {
    const t = twoWay();
    t.rows_dim = 'quarter';
    t.rows = [{ key: '2026-Q3', label: '2026-Q3' }, { key: '2026-Q4', label: '2026-Q4' }];
    t.cols_dim = 'outside';
    t.cols = [{ key: 'false', label: 'false' }, { key: 'true', label: 'true' }];
    const v = buildView(t, 'count', L);
    expect(v.rows.map((r) => r.label)).toEqual(['2026 kv. 3', '2026 kv. 4']);
    expect(v.colHeaders).toEqual(['På arbetsplatsen', 'Utanför arbetsplatsen', 'Totalt']);
    t.rows_dim = 'month';
    t.rows = [{ key: '2026-07', label: '2026-07' }, { key: '2026-12', label: '2026-12' }];
    expect(buildView(t, 'count', L).rows.map((r) => r.label)).toEqual(['juli 2026', 'dec 2026']);
  });
});

describe('CSV', () => {
  it('is exactly the table: BOM, semicolons, CRLF, ".." kept, decimal comma', () => {
    const csv = toCsv(viewToLines(buildView(twoWay(), 'police_rate', L)));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Förvaltning;Hot;Våld;Totalt',
      'Norra;25,0;50,0;30,8',
      'Södra;..;..;..',
      'Totalt;..;..;31,7',
      '',
    ]);
  });

  it('quotes fields that need it', () => {
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(' x')).toBe('" x"');
    expect(csvField('Norra / IFO')).toBe('Norra / IFO');
  });

  it('formats decimals the Swedish way unless English', () => {
    expect(formatDecimal(1234.56, 1)).toBe('1234,6');
    expect(formatDecimal(1234.56, 1, 'en')).toBe('1234.6');
    expect(formatDecimal(0.05, 0)).toBe('0');
  });
});

describe('the quarterly report', () => {
  it('picks the compared quarters\' columns, a missing one as "–"', () => {
    const t = twoWay();
    t.cols_dim = 'quarter';
    t.cols = [{ key: '2026-Q2', label: '' }, { key: '2026-Q3', label: '' }];
    const v = selectColumns(buildView(t, 'count', L), [1, 0, -1], ['Nu', 'Före', 'I fjol']);
    expect(viewToLines(v)).toEqual([
      ['Förvaltning', 'Nu', 'Före', 'I fjol'],
      ['Norra', '12', '40', '–'],
      ['Södra', '..', '7', '–'],
      ['Totalt', '..', '47', '–'],
    ]);
  });

  it('lists key figures per quarter', () => {
    const t = twoWay();
    t.rows_dim = 'quarter';
    t.rows = [{ key: '2026-Q2', label: '' }, { key: '2026-Q3', label: '' }];
    t.cols_dim = 'none';
    t.cols = [{ key: '', label: '' }];
    t.measures.count = pt([[30], [null]], [30], [null], 34);
    t.measures.count.row_totals = [30, null];
    t.row_figures = [fig({ police_rate: 0.4, median_close_days: 12 }), fig()];
    t.total_figures = fig({ headcount: 600 });
    const v = quarterFigures(t, ['2026-Q3', '2026-Q2', '2025-Q3'], sv.stats.report.figures, 'Mått', (q) => q, 'sv');
    const byKey = Object.fromEntries(v.rows.map((r) => [r.key, r.cells.map((c) => c.text)]));
    expect(byKey.count).toEqual(['..', '30', '–']);
    expect(byKey.police_rate).toEqual(['..', '40,0', '–']);
    expect(byKey.median_close_days).toEqual(['..', '12,0', '–']);
    expect(byKey.per_100).toEqual(['..', '5,0', '–']);
    expect(byKey.outside_share).toEqual(['..', '–', '–']);
    expect(v.totals).toEqual([]);
    expect(viewToLines(v)).toHaveLength(1 + v.rows.length);
  });
});

describe('equivalence and KPIs', () => {
  it('word equivalence values', () => {
    const w = { yes: 'Ja', no: 'Nej' };
    expect(equivalenceText('coordinator_full_time', 1, w)).toBe('Ja');
    expect(equivalenceText('alarm_tested_1m', false, w)).toBe('Nej');
    expect(equivalenceText('ack_share', 0.874, w)).toBe('87 %');
    expect(equivalenceText('exercises_12m', 3, w)).toBe('3');
    expect(equivalenceText('incidents_per_100', 4.26, w)).toBe('4,3');
    expect(equivalenceText('police_rate', null, w)).toBe('..');
  });

  it('make one series per förvaltning with gaps for missing years', () => {
    const k = (id: number, name: string, year: number, value: number, kind = 'personalrorlighet' as const) =>
      ({ forvaltning_id: id, forvaltning_name: name, kind, group: 'alla' as const, year, period: 'ar' as const, value });
    const items = [k(3, 'Södra', 2024, 12.5), k(2, 'Norra', 2023, 10), k(2, 'Norra', 2025, 11),
      { ...k(2, 'Norra', 2024, 99), group: 'socialsekreterare' as const }];
    const years = kpiYears(items);
    expect(years).toEqual([2023, 2024, 2025]);
    expect(kpiSeries(items, 'personalrorlighet', 'alla', 'ar', years)).toEqual([
      { id: 2, name: 'Norra', values: [10, null, 11] },
      { id: 3, name: 'Södra', values: [null, 12.5, null] },
    ]);
    expect(kpiYears([])).toEqual([]);
  });
});

describe('who reads statistics', () => {
  it('the five roles, over their grants\' subtrees', () => {
    expect(readsStats(['medarbetare'])).toBe(false);
    expect(readsStats(['medarbetare', 'skyddsombud'])).toBe(true);
    const units = [
      { id: 1, parent_id: null }, { id: 2, parent_id: 1 }, { id: 3, parent_id: 1 }, { id: 4, parent_id: 2 },
    ];
    expect([...statsScope(units, [{ role: 'chef', unit_id: 2 }, { role: 'medarbetare', unit_id: 3 }])].sort())
      .toEqual([2, 4]);
    expect(statsScope(units, [{ role: 'analytiker', unit_id: 1 }]).size).toBe(4);
  });
});

describe('unit names', () => {
  it('come from the caller when it knows the unit', () => {
    const v = buildView(twoWay(), 'count', { ...L, unitName: (id) => (id === 2 ? 'Norra (kommunen)' : undefined) });
    expect(v.rows.map((r) => r.label)).toEqual(['Norra (kommunen)', 'Södra']);
  });
});
