// Nyckeltal över tid: one follow-up KPI (personalrörlighet by yrkesgrupp,
// socionomkonsulter on the April or November count day, VFU-platser) per
// förvaltning over the years, beside incidents per 100 employees by year.
// Each chart has its table.
import { useState } from 'preact/hooks';
import { ErrorMessage, Loading } from '../components/Alert';
import { SelectField } from '../components/Field';
import { Page } from '../components/Page';
import { StatsChart } from '../components/stats/Chart';
import { viewLabels } from '../components/stats/labels';
import { StatsNav } from '../components/stats/StatsNav';
import { ViewTable } from '../components/stats/ViewTable';
import { loadUnits } from '../data';
import { useLoad } from '../hooks';
import { useLang } from '../i18n';
import {
  buildView, formatDecimal, KPI_GROUPS, KPI_KINDS, kpiSeries, kpiYears, selectColumns, yearsBetween,
  type KpiGroup, type KpiKind, type KpiPeriod, type TableView,
} from '../stats';
import { getStatsKpis, getStatsTable } from '../statsApi';
import '../styles/risk.css';
import '../styles/stats.css';
import { stockholmDate } from '../time';

async function loadAll() {
  const kpis = await getStatsKpis();
  const thisYear = Number(stockholmDate(Date.now()).slice(0, 4));
  const years = kpiYears(kpis);
  const from = Math.min(years[0] ?? thisYear - 4, thisYear - 4);
  const to = Math.max(years[years.length - 1] ?? thisYear, thisYear);
  const incidents = await getStatsTable(new URLSearchParams({
    rows: 'forvaltning', cols: 'year', from: `${from}-01-01`, to: `${to + 1}-01-01`,
  }));
  return { kpis, years: yearsBetween(from, to), incidents };
}

function KpiTableView({ years, series, caption, lang, decimals }: {
  years: number[]; series: { id: number; name: string; values: (number | null)[] }[]; caption: string;
  lang: 'sv' | 'en'; decimals: number;
}) {
  const { t } = useLang();
  const view: TableView = {
    rowHeader: t.stats.kpi.forvaltning,
    colHeaders: years.map(String),
    rows: series.map((s) => ({
      key: String(s.id),
      label: s.name,
      cells: s.values.map((v) => (v === null
        ? { text: '–', value: null, state: 'none' as const }
        : { text: formatDecimal(v, decimals, lang), value: v, state: 'value' as const })),
    })),
    totalLabel: '',
    totals: [],
    twoWay: true,
    dataCols: years.length,
    hasProtected: false,
  };
  return <ViewTable view={view} caption={caption} id="kpi-table" testid="kpi-table" />;
}

export function StatisticsKpi() {
  const { t, lang } = useLang();
  const data = useLoad(loadAll, []);
  const units = useLoad(loadUnits, []);
  const [kind, setKind] = useState<KpiKind>('personalrorlighet');
  const [group, setGroup] = useState<KpiGroup>('alla');
  const [count, setCount] = useState<KpiPeriod>('november');
  const period: KpiPeriod = kind === 'konsulter' ? count : 'ar';
  const kpiGroup: KpiGroup = kind === 'personalrorlighet' ? group : 'alla';

  let body = null;
  if (data.data) {
    const { kpis, years, incidents } = data.data;
    const series = kpiSeries(kpis, kind, kpiGroup, period, years);
    const parts = [t.stats.kpi.kinds[kind]];
    if (kind === 'personalrorlighet') parts.push(t.stats.kpi.groups[kpiGroup]);
    if (kind === 'konsulter') parts.push(t.stats.kpi.periods[period]);
    const what = parts.join(', ');
    const kpiCaption = t.stats.kpi.caption(what);
    const perYear = buildView(incidents, 'per_100', viewLabels(t, lang, units.data));
    const per100 = selectColumns(perYear, years.map((y) => incidents.cols.findIndex((c) => c.key === String(y))),
      years.map(String));
    const incCaption = t.stats.kpi.caption(t.stats.kpi.incidentsHeading);
    body = (
      <div class="stats-pair">
        <section aria-labelledby="kpi-h" class="stats-pair-item">
          <h2 id="kpi-h">{what}</h2>
          {series.length === 0 ? <p class="empty">{t.stats.kpi.empty}</p> : (
            <>
              <StatsChart kind="line" labels={years.map(String)} label={t.stats.chartLabel(kpiCaption)}
                fallback={t.stats.chartFallback} yTitle={t.stats.kpi.kinds[kind]} testid="kpi-chart"
                series={series.map((s) => ({ label: s.name, data: s.values }))} />
              <KpiTableView years={years} series={series} caption={kpiCaption} lang={lang}
                decimals={kind === 'personalrorlighet' ? 1 : 0} />
            </>
          )}
        </section>
        <section aria-labelledby="kpi-inc-h" class="stats-pair-item">
          <h2 id="kpi-inc-h">{t.stats.kpi.incidentsHeading}</h2>
          <StatsChart kind="line" labels={years.map(String)} label={t.stats.chartLabel(incCaption)}
            fallback={t.stats.chartFallback} yTitle={t.stats.measures.per_100} testid="kpi-incidents-chart"
            series={per100.rows.map((r) => ({ label: r.label, data: r.cells.map((c) => c.value) }))} />
          <ViewTable view={per100} caption={incCaption} id="kpi-inc-table" testid="kpi-incidents-table" />
          {per100.hasProtected && (
            <p class="field-hint">{t.stats.protectedHint(incidents.threshold)} {t.stats.protectedLegend}</p>
          )}
        </section>
      </div>
    );
  }

  return (
    <Page title={t.stats.kpi.title} wide>
      <StatsNav />
      <p class="lead">{t.stats.kpi.lead}</p>
      <form class="stats-shape no-print" onSubmit={(e) => e.preventDefault()}>
        <SelectField id="kpi-kind" label={t.stats.kpi.kind} value={kind} onValue={(v) => setKind(v as KpiKind)}>
          {KPI_KINDS.map((k) => <option key={k} value={k}>{t.stats.kpi.kinds[k]}</option>)}
        </SelectField>
        {kind === 'personalrorlighet' && (
          <SelectField id="kpi-group" label={t.stats.kpi.group} value={group} onValue={(v) => setGroup(v as KpiGroup)}>
            {KPI_GROUPS.map((g) => <option key={g} value={g}>{t.stats.kpi.groups[g]}</option>)}
          </SelectField>
        )}
        {kind === 'konsulter' && (
          <SelectField id="kpi-period" label={t.stats.kpi.period} value={count} onValue={(v) => setCount(v as KpiPeriod)}>
            <option value="april">{t.stats.kpi.periods.april}</option>
            <option value="november">{t.stats.kpi.periods.november}</option>
          </SelectField>
        )}
      </form>
      <ErrorMessage>{data.error}</ErrorMessage>
      {data.loading && !data.data && <Loading />}
      {body}
    </Page>
  );
}
