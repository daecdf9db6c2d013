// Statistik: the dashboard. Filters (period, unit, types, place, severity, at
// or outside the workplace, tied to the role), what the rows and columns are
// and what each cell shows — all in the URL — then a chart and the table
// beside it, protected cells as "..", and "Exportera CSV" of exactly the
// table on screen. Common questions are links to a ready selection.
import { useMemo, useState } from 'preact/hooks';
import { ErrorMessage, Loading } from '../components/Alert';
import { Checkbox, SelectField, TextField } from '../components/Field';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { StatsChart } from '../components/stats/Chart';
import { viewLabels } from '../components/stats/labels';
import { StatsNav } from '../components/stats/StatsNav';
import { ViewTable } from '../components/stats/ViewTable';
import { UnitOptions } from '../components/UnitOptions';
import { loadUnits } from '../data';
import { useLoad } from '../hooks';
import { useLang } from '../i18n';
import { navigate, paths, useLocation } from '../router';
import { useSession } from '../session';
import {
  buildView, csvFileName, DEFAULT_FILTERS, filtersToSearch, isRowOnlyMeasure, isTimeDim, isUnitDim,
  MEASURES, parseFilters, PERIODS, periodRange, STATS_DIMS, statsQuery, statsScope, tableShows, toCsv, viewToLines,
  type ColsDim, type StatsFilters, type StatsTable, type TableView,
} from '../stats';
import { getStatsTable } from '../statsApi';
import '../styles/risk.css';
import '../styles/stats.css';
import { addDays, stockholmDate } from '../time';
import { CATEGORIES, PLACE_TYPES, type Category } from '../types';

/** The ready selections for the politicians' usual questions. */
function questions(): { id: string; f: Partial<StatsFilters> }[] {
  return [
    { id: 'threatsPerDistrict', f: { rows: 'forvaltning', categories: ['hot'] } },
    { id: 'outside', f: { rows: 'forvaltning', cols: 'outside' } },
    { id: 'policeShare', f: { rows: 'forvaltning', measure: 'police_rate' } },
    { id: 'per100', f: { rows: 'forvaltning', measure: 'per_100' } },
    { id: 'supportOnTime', f: { rows: 'forvaltning', measure: 'support_on_time' } },
    { id: 'perYear', f: { period: '5ar', rows: 'year', cols: 'category', categories: ['hot', 'vald'] } },
  ];
}

function download(text: string, name: string): void {
  const blob = new Blob([text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Filters({ f, set }: { f: StatsFilters; set: (p: Partial<StatsFilters>) => void }) {
  const { t } = useLang();
  const { me } = useSession();
  const units = useLoad(loadUnits, []);
  const scope = useMemo(() => (units.data ? statsScope(units.data, me.grants) : new Set<number>()),
    [units.data, me]);
  const pickable = (units.data ?? []).filter((u) => scope.has(u.id) && u.kind !== 'kommun');
  const toggle = (c: Category, on: boolean) =>
    set({ categories: on ? [...f.categories, c] : f.categories.filter((x) => x !== c) });

  return (
    <form class="stats-filters no-print" onSubmit={(e) => e.preventDefault()} aria-labelledby="stats-filters-h">
      <h2 id="stats-filters-h" class="visually-hidden">{t.stats.filtersHeading}</h2>
      <div class="stats-filter-grid">
        <SelectField id="stats-period" label={t.stats.period} value={f.period}
          onValue={(v) => set({ period: v as StatsFilters['period'] })}>
          {PERIODS.map((p) => <option key={p} value={p}>{t.stats.periods[p]}</option>)}
        </SelectField>
        {f.period === 'egen' && (
          <>
            <TextField id="stats-from" type="date" label={t.stats.from} value={f.from}
              onValue={(v) => set({ from: v })} />
            <TextField id="stats-to" type="date" label={t.stats.to} value={f.to}
              onValue={(v) => set({ to: v })} />
          </>
        )}
        <SelectField id="stats-unit" label={t.stats.unit} value={f.unit === null ? '' : String(f.unit)}
          onValue={(v) => set({ unit: v ? Number(v) : null })}>
          <option value="">{t.stats.allUnits}</option>
          <UnitOptions units={pickable} kinds={['forvaltning', 'avdelning', 'enhet']} />
        </SelectField>
        <SelectField id="stats-place" label={t.stats.place} value={f.place}
          onValue={(v) => set({ place: v as StatsFilters['place'] })}>
          <option value="">{t.stats.allPlaces}</option>
          {PLACE_TYPES.map((p) => <option key={p} value={p}>{t.place[p]}</option>)}
        </SelectField>
        <SelectField id="stats-severity" label={t.stats.minSeverity}
          value={f.minSeverity === null ? '' : String(f.minSeverity)}
          onValue={(v) => set({ minSeverity: v ? Number(v) : null })}>
          <option value="">{t.stats.anySeverity}</option>
          {[2, 3, 4].map((s) => <option key={s} value={String(s)}>{t.severity[s]}</option>)}
        </SelectField>
        <SelectField id="stats-outside" label={t.stats.outside} value={f.outside}
          onValue={(v) => set({ outside: v as StatsFilters['outside'] })}>
          <option value="">{t.stats.any}</option>
          <option value="false">{t.stats.outsideWords.false}</option>
          <option value="true">{t.stats.outsideWords.true}</option>
        </SelectField>
        <SelectField id="stats-tied" label={t.stats.tied} value={f.tied}
          onValue={(v) => set({ tied: v as StatsFilters['tied'] })}>
          <option value="">{t.stats.any}</option>
          <option value="true">{t.stats.tiedWords.true}</option>
          <option value="false">{t.stats.tiedWords.false}</option>
        </SelectField>
      </div>
      <fieldset class="group stats-categories" aria-describedby="stats-cat-hint">
        <legend class="field-label">{t.stats.categories}</legend>
        <p id="stats-cat-hint" class="field-hint">{t.stats.categoriesHint}</p>
        <div class="check-grid">
          {CATEGORIES.map((c) => (
            <Checkbox key={c} id={`stats-cat-${c}`} label={t.category[c]} checked={f.categories.includes(c)}
              onChange={(on) => toggle(c, on)} />
          ))}
        </div>
      </fieldset>
      <p class="stats-reset">
        <Link href={paths.statistics}>{t.stats.reset}</Link>
      </p>
    </form>
  );
}

function Shape({ f, set }: { f: StatsFilters; set: (p: Partial<StatsFilters>) => void }) {
  const { t } = useLang();
  const rowOnly = isRowOnlyMeasure(f.measure);
  const hint = rowOnly ? t.stats.colsRowOnly
    : f.measure === 'per_100' && !isUnitDim(f.rows) ? t.stats.per100NeedsUnits : undefined;
  return (
    <form class="stats-shape no-print" onSubmit={(e) => e.preventDefault()}>
      <SelectField id="stats-measure" label={t.stats.measure} value={f.measure}
        onValue={(v) => set({ measure: v as StatsFilters['measure'] })}>
        {MEASURES.map((m) => <option key={m} value={m}>{t.stats.measures[m]}</option>)}
      </SelectField>
      <SelectField id="stats-rows" label={t.stats.rows} value={f.rows}
        onValue={(v) => set({ rows: v as StatsFilters['rows'], cols: v === f.cols ? 'none' : f.cols })}>
        {STATS_DIMS.map((d) => <option key={d} value={d}>{t.stats.dims[d]}</option>)}
      </SelectField>
      <SelectField id="stats-cols" label={t.stats.cols} value={rowOnly ? 'none' : f.cols} hint={hint}
        disabled={rowOnly} onValue={(v) => set({ cols: v as ColsDim })}>
        <option value="none">{t.stats.noCols}</option>
        {STATS_DIMS.filter((d) => d !== f.rows).map((d) => <option key={d} value={d}>{t.stats.dims[d]}</option>)}
      </SelectField>
    </form>
  );
}

function Result({ table, f, caption }: { table: StatsTable; f: StatsFilters; caption: string }) {
  const { t, lang } = useLang();
  const [exported, setExported] = useState('');
  const units = useLoad(loadUnits, []);
  const view: TableView = useMemo(() => buildView(table, f.measure, viewLabels(t, lang, units.data)),
    [table, f.measure, t, lang, units.data]);
  const today = stockholmDate(Date.now());
  const series = view.twoWay
    ? view.colHeaders.slice(0, view.dataCols).map((label, c) => ({ label, data: view.rows.map((r) => r.cells[c]!.value) }))
    : [{ label: view.colHeaders[0]!, data: view.rows.map((r) => r.cells[0]!.value) }];
  const onExport = () => {
    download(toCsv(viewToLines(view)), csvFileName(today));
    setExported(t.stats.exported);
  };

  return (
    <>
      <div class="stats-meta">
        {table.exact
          ? <span class="badge badge--exact" data-testid="stats-badge">{t.stats.exact}</span>
          : <span class="badge badge--protected" data-testid="stats-badge">{t.stats.protectedBadge}</span>}
        <p class="field-hint">
          {table.exact ? t.stats.exactHint : t.stats.protectedHint(table.threshold)}
        </p>
      </div>
      {view.rows.length === 0 ? <p class="empty">{t.stats.empty}</p> : (
        <div class="stats-result">
          <StatsChart kind={isTimeDim(table.rows_dim) ? 'line' : 'bar'} labels={view.rows.map((r) => r.label)}
            series={series} label={t.stats.chartLabel(caption)} fallback={t.stats.chartFallback}
            yTitle={t.stats.measures[f.measure]} testid="stats-chart" />
          <div class="stats-table-box">
            <ViewTable view={view} caption={caption} id="stats-table" testid="stats-table" />
            {view.hasProtected && (
              <p class="field-hint" data-testid="stats-protected-note">
                {t.stats.protectedLegend}
              </p>
            )}
            {view.hasProtected && <p class="field-hint">{t.stats.chartProtectedNote}</p>}
            {[...view.rows.flatMap((r) => r.cells), ...view.totals].some((c) => c.state === 'none') && (
              <p class="field-hint">{t.stats.noValue}</p>
            )}
            <div class="actions no-print">
              <button type="button" class="button button--secondary" onClick={onExport} data-testid="stats-export">
                {t.stats.exportCsv}
              </button>
            </div>
          </div>
        </div>
      )}
      <p class="visually-hidden" role="status">{exported}</p>
    </>
  );
}

export function Statistics() {
  const { t } = useLang();
  const loc = useLocation();
  const f = parseFilters(loc.search);
  const today = stockholmDate(Date.now());
  const q = statsQuery(f, today);
  const key = q ? q.toString() : '';
  const table = useLoad(() => (q ? getStatsTable(q) : Promise.resolve(null)), [key]);
  const set = (patch: Partial<StatsFilters>) =>
    navigate(paths.statistics + filtersToSearch({ ...f, ...patch }), { replace: true });

  const range = periodRange(f, today);
  const periodText = range
    ? `${t.stats.periods[f.period]} (${t.stats.periodText(range.from, addDays(range.to, -1))})`
    : t.stats.periods[f.period];
  const rowOnly = isRowOnlyMeasure(f.measure);
  const cols = rowOnly || f.cols === 'none' ? null : t.stats.dims[f.cols];
  const caption = t.stats.caption(t.stats.measures[f.measure], t.stats.dims[f.rows], cols, periodText);
  // While a table for another measure is still shown, it is not drawn for this one.
  const shown = table.data && tableShows(table.data, f.measure) ? table.data : null;
  const rowCount = shown ? shown.rows.length : null;

  return (
    <Page title={t.stats.title} wide>
      <StatsNav />
      <p class="lead">{t.stats.lead}</p>
      <section class="stats-questions no-print" aria-labelledby="stats-q-h">
        <h2 id="stats-q-h">{t.stats.questionsHeading}</h2>
        <ul class="stats-question-list">
          {questions().map((qq) => {
            const href = paths.statistics + filtersToSearch({ ...DEFAULT_FILTERS, ...qq.f });
            return (
              <li key={qq.id}>
                <Link href={href} class="stats-question"
                  aria-current={href === paths.statistics + loc.search ? 'true' : undefined}>
                  {t.stats.questions[qq.id as keyof typeof t.stats.questions]}
                </Link>
              </li>
            );
          })}
        </ul>
      </section>
      <Filters f={f} set={set} />
      <section class="stats-section" aria-labelledby="stats-table-h" aria-busy={table.loading ? 'true' : undefined}>
        <h2 id="stats-table-h">{t.stats.tableHeading}</h2>
        <Shape f={f} set={set} />
        {!q && <ErrorMessage>{t.stats.badRange}</ErrorMessage>}
        <ErrorMessage>{table.error}</ErrorMessage>
        {table.loading && !shown && <Loading />}
        {shown && <Result table={shown} f={f} caption={caption} />}
        <p class="visually-hidden" role="status">{rowCount === null || table.loading ? '' : t.stats.updated(rowCount)}</p>
      </section>
    </Page>
  );
}
