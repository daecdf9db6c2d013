// Kvartalsrapport: a printable report for one förvaltning and one quarter
// (/statistik/rapport?forvaltning=12&kvartal=2026-Q3), composed from several
// protected tables: key figures beside the previous quarter and the same
// quarter last year, incidents by type and by place, the förvaltning's
// equivalence row and its follow-up KPIs. "Skriv ut" prints it without the
// navigation.
import { useMemo, useState } from 'preact/hooks';
import { ErrorMessage, Loading } from '../components/Alert';
import { SelectField } from '../components/Field';
import { Page } from '../components/Page';
import { viewLabels } from '../components/stats/labels';
import { StatsNav } from '../components/stats/StatsNav';
import { ViewTable } from '../components/stats/ViewTable';
import { loadUnits } from '../data';
import { useLoad } from '../hooks';
import { useLang } from '../i18n';
import { navigate, paths, useLocation } from '../router';
import { useSession } from '../session';
import {
  buildView, formatDecimal, isQuarter, KPI_GROUPS, KPI_KINDS, KPI_PERIODS, quarterFigures, quarterOf,
  quarterRange, selectColumns, shiftQuarter, statsScope, type Kpi, type StatsTable,
} from '../stats';
import { getEquivalence, getStatsKpis, getStatsTable } from '../statsApi';
import '../styles/risk.css';
import '../styles/stats.css';
import { formatDate, stockholmDate } from '../time';
import { EquivalenceCellView, useEquivalenceText } from './Equivalence';

interface ReportData {
  quarters: StatsTable;
  categories: StatsTable;
  places: StatsTable;
  equivalence: Awaited<ReturnType<typeof getEquivalence>> | null;
  kpis: Kpi[];
}

async function loadReport(forvaltning: number, quarter: string): Promise<ReportData> {
  const from = quarterRange(shiftQuarter(quarter, -4)).from;
  const { to } = quarterRange(quarter);
  const base = (extra: Record<string, string>) => {
    const q = new URLSearchParams({ from, to, unit_id: String(forvaltning), ...extra });
    return q;
  };
  const [quarters, categories, places, equivalence, kpis] = await Promise.all([
    getStatsTable(base({ rows: 'quarter', medians: 'true' })),
    getStatsTable(base({ rows: 'category', cols: 'quarter' })),
    getStatsTable(new URLSearchParams({ rows: 'place', unit_id: String(forvaltning), ...quarterRange(quarter) })),
    getEquivalence().catch(() => null),
    getStatsKpis(forvaltning).catch(() => [] as Kpi[]),
  ]);
  return { quarters, categories, places, equivalence, kpis };
}

function Chooser({ forvaltning, quarter }: { forvaltning: number | null; quarter: string }) {
  const { t } = useLang();
  const { me } = useSession();
  const units = useLoad(loadUnits, []);
  const scope = useMemo(() => (units.data ? statsScope(units.data, me.grants) : new Set<number>()), [units.data, me]);
  const forvaltningar = (units.data ?? []).filter((u) => u.kind === 'forvaltning' && scope.has(u.id))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const current = quarterOf(stockholmDate(Date.now()));
  const quarters = Array.from({ length: 12 }, (_, i) => shiftQuarter(current, -i));
  const [f, setF] = useState(forvaltning === null ? '' : String(forvaltning));
  const [q, setQ] = useState(quarter || shiftQuarter(current, -1));
  const label = (k: string) => t.stats.quarterLabel(k.slice(0, 4), k.slice(6));
  return (
    <form class="stats-shape no-print" onSubmit={(e) => {
      e.preventDefault();
      const fid = f || (forvaltningar[0] ? String(forvaltningar[0].id) : '');
      if (fid) navigate(`${paths.quarterlyReport}?forvaltning=${fid}&kvartal=${q}`);
    }}>
      <SelectField id="qr-forvaltning" label={t.stats.report.forvaltning} value={f} onValue={setF}>
        {forvaltning === null && <option value="">{t.stats.report.choose}</option>}
        {forvaltningar.map((u) => <option key={u.id} value={String(u.id)}>{u.name}</option>)}
      </SelectField>
      <SelectField id="qr-quarter" label={t.stats.report.quarter} value={q} onValue={setQ}>
        {quarters.map((k) => <option key={k} value={k}>{label(k)}</option>)}
      </SelectField>
      <div class="field stats-shape-action">
        <button type="submit" class="button button--primary">{t.stats.report.show}</button>
      </div>
    </form>
  );
}

function KpiTable({ kpis, year, caption }: { kpis: Kpi[]; year: number; caption: string }) {
  const { t, lang } = useLang();
  const years = [year - 2, year - 1, year];
  const rows: { key: string; label: string; values: (number | null)[] }[] = [];
  for (const kind of KPI_KINDS) {
    for (const group of KPI_GROUPS) {
      for (const period of KPI_PERIODS) {
        const mine = kpis.filter((k) => k.kind === kind && k.group === group && k.period === period);
        if (!mine.length) continue;
        const parts = [t.stats.kpi.kinds[kind]];
        if (group !== 'alla') parts.push(t.stats.kpi.groups[group]);
        if (period !== 'ar') parts.push(t.stats.kpi.periods[period]);
        rows.push({
          key: `${kind}-${group}-${period}`,
          label: parts.join(' – '),
          values: years.map((y) => mine.find((k) => k.year === y)?.value ?? null),
        });
      }
    }
  }
  if (!rows.length) return <p class="empty">{t.stats.report.noKpis}</p>;
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="qr-kpi-caption">
      <table class="data-table stats-table" data-testid="qr-kpis">
        <caption id="qr-kpi-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.stats.report.kpi}</th>
            {years.map((y) => <th key={y} scope="col" class="num">{y}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {r.values.map((v, i) => (
                <td key={i} class="num">{v === null ? '–' : formatDecimal(v, r.key.startsWith('personalrorlighet') ? 1 : 0, lang)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The förvaltning's equivalence row turned on its side: one line per column, beside the standard. */
function EquivalenceRow({ data, forvaltning, name }: {
  data: NonNullable<ReportData['equivalence']>; forvaltning: number; name: string;
}) {
  const { t } = useLang();
  const text = useEquivalenceText();
  const row = data.rows.find((r) => r.forvaltning_id === forvaltning);
  if (!row) return <p class="empty">{t.stats.eq.empty}</p>;
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="qr-eq-caption">
      <table class="data-table stats-table eq-table" data-testid="qr-eq">
        <caption id="qr-eq-caption">{t.stats.eq.caption(`${name}, ${formatDate(data.as_of) || data.as_of}`)}</caption>
        <thead>
          <tr>
            <th scope="col">{t.stats.report.figure}</th>
            <th scope="col" class="num">{name}</th>
            <th scope="col">{t.stats.eq.legendHeading}</th>
          </tr>
        </thead>
        <tbody>
          {data.columns.map((c) => {
            const cell = row.cells.find((x) => x.column === c) ?? { column: c, value: null, short: false };
            const s = data.standard[c];
            const yesNo = c === 'coordinator_full_time' || c === 'alarm_tested_1m';
            return (
              <tr key={c}>
                <th scope="row">{t.stats.eq.columns[c] ?? c}</th>
                <EquivalenceCellView cell={cell} />
                <td>{s === undefined ? t.stats.eq.noStandard : yesNo ? t.stats.eq.required : t.stats.eq.atLeast(text(c, s))}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Report({ data, forvaltning, quarter, name }: {
  data: ReportData; forvaltning: number; quarter: string; name: string;
}) {
  const { t, lang } = useLang();
  const L = viewLabels(t, lang);
  const qLabel = (k: string) => t.stats.quarterLabel(k.slice(0, 4), k.slice(6));
  const compared = [quarter, shiftQuarter(quarter, -1), shiftQuarter(quarter, -4)];
  const headers = [t.stats.report.thisQuarter, t.stats.report.previousQuarter, t.stats.report.lastYear]
    .map((h, i) => `${h} (${qLabel(compared[i]!)})`);
  const figures = quarterFigures(data.quarters, compared, t.stats.report.figures, t.stats.report.figure,
    (k) => headers[compared.indexOf(k)]!, lang);
  const catView = buildView(data.categories, 'count', L);
  const byCategory = selectColumns(catView,
    compared.map((k) => data.categories.cols.findIndex((c) => c.key === k)), headers);
  const byPlace = buildView(data.places, 'count', L);
  const exact = data.quarters.exact && data.categories.exact && data.places.exact;
  const protectedShown = figures.hasProtected || byCategory.hasProtected || byPlace.hasProtected;
  const caption = (what: string) => t.stats.report.caption(what, qLabel(quarter));

  return (
    <article class="stats-report" data-testid="quarterly-report">
      <div class="stats-meta">
        {exact ? <span class="badge badge--exact">{t.stats.exact}</span>
          : <span class="badge badge--protected">{t.stats.protectedBadge}</span>}
        <p class="field-hint">
          {exact ? t.stats.exactHint : t.stats.protectedHint(data.quarters.threshold)}
          {protectedShown ? ` ${t.stats.protectedLegend}` : ''}
        </p>
      </div>
      <section class="print-section" aria-labelledby="qr-key-h">
        <h2 id="qr-key-h">{t.stats.report.keyFigures}</h2>
        <ViewTable view={figures} caption={caption(t.stats.report.keyFigures)} id="qr-key" testid="qr-key" />
      </section>
      <section class="print-section" aria-labelledby="qr-cat-h">
        <h2 id="qr-cat-h">{t.stats.report.byCategory}</h2>
        <ViewTable view={byCategory} caption={caption(t.stats.report.byCategory)} id="qr-cat" testid="qr-cat" />
      </section>
      <section class="print-section" aria-labelledby="qr-place-h">
        <h2 id="qr-place-h">{t.stats.report.byPlace}</h2>
        <ViewTable view={byPlace} caption={caption(t.stats.report.byPlace)} id="qr-place" testid="qr-place" />
      </section>
      {data.equivalence && (
        <section class="print-section" aria-labelledby="qr-eq-h">
          <h2 id="qr-eq-h">{t.stats.report.equivalence}</h2>
          <EquivalenceRow data={data.equivalence} forvaltning={forvaltning} name={name} />
        </section>
      )}
      <section class="print-section" aria-labelledby="qr-kpi-h">
        <h2 id="qr-kpi-h">{t.stats.report.kpis}</h2>
        <KpiTable kpis={data.kpis} year={Number(quarter.slice(0, 4))}
          caption={`${t.stats.report.kpis}, ${name}`} />
      </section>
      <p class="field-hint">{t.stats.report.generated(stockholmDate(Date.now()))}</p>
    </article>
  );
}

export function QuarterlyReport() {
  const { t } = useLang();
  const loc = useLocation();
  const q = new URLSearchParams(loc.search);
  const rawF = Number(q.get('forvaltning'));
  const forvaltning = Number.isInteger(rawF) && rawF > 0 ? rawF : null;
  const rawQ = q.get('kvartal') ?? '';
  const quarter = isQuarter(rawQ) ? rawQ : '';
  const units = useLoad(loadUnits, []);
  const name = forvaltning === null ? '' : units.data?.find((u) => u.id === forvaltning)?.name ?? '';
  const report = useLoad(() => (forvaltning !== null && quarter ? loadReport(forvaltning, quarter) : Promise.resolve(null)),
    [forvaltning, quarter]);
  const qLabel = quarter ? t.stats.quarterLabel(quarter.slice(0, 4), quarter.slice(6)) : '';
  const heading = forvaltning !== null && quarter ? t.stats.report.heading(name, qLabel) : t.stats.report.title;

  return (
    <Page title={heading} wide>
      <StatsNav />
      <p class="lead no-print">{t.stats.report.lead}</p>
      <Chooser key={`${forvaltning}-${quarter}`} forvaltning={forvaltning} quarter={quarter} />
      {(forvaltning === null || !quarter) && <p class="empty">{t.stats.report.choose}</p>}
      <ErrorMessage>{report.error}</ErrorMessage>
      {report.loading && forvaltning !== null && quarter && <Loading />}
      {report.data && forvaltning !== null && (
        <>
          <div class="actions no-print">
            <button type="button" class="button button--secondary" onClick={() => window.print()}>
              {t.stats.report.print}
            </button>
          </div>
          <Report data={report.data} forvaltning={forvaltning} quarter={quarter} name={name} />
        </>
      )}
    </Page>
  );
}
