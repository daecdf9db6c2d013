// Likvärdighet: one row per förvaltning beside the city's standard. A cell
// that falls short is marked by an icon, a frame and the words "under
// standard" (spoken too), never by colour alone; the legend lists the standard.
import { ErrorMessage, Loading } from '../components/Alert';
import { Page } from '../components/Page';
import { StatsNav } from '../components/stats/StatsNav';
import { useLoad } from '../hooks';
import { useLang } from '../i18n';
import { equivalenceText, type Equivalence as EquivalenceData, type EquivalenceCell, type EquivalenceColumn } from '../stats';
import { getEquivalence } from '../statsApi';
import '../styles/risk.css';
import '../styles/stats.css';
import { formatDate } from '../time';

function WarnIcon() {
  return (
    <svg class="eq-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M8 1 15 14H1z" />
      <path fill="#fff" d="M7.2 5.5h1.6v4.5H7.2zM7.2 11h1.6v1.6H7.2z" />
    </svg>
  );
}

/** An equivalence cell as text, the same words the page shows. */
export function useEquivalenceText() {
  const { t, lang } = useLang();
  return (column: EquivalenceColumn, value: number | boolean | null | undefined) =>
    equivalenceText(column, value, { yes: t.stats.eq.yes, no: t.stats.eq.no }, lang);
}

export function EquivalenceCellView({ cell }: { cell: EquivalenceCell }) {
  const { t } = useLang();
  const text = useEquivalenceText();
  const shown = text(cell.column, cell.value);
  if (cell.short) {
    return (
      <td class="num eq-short" data-short="true" data-column={cell.column}>
        <span class="eq-mark">
          <WarnIcon />
          <span>{shown}</span>
          <span class="eq-short-text" aria-hidden="true">{t.stats.eq.short}</span>
          <span class="visually-hidden">, {t.stats.eq.short}</span>
        </span>
      </td>
    );
  }
  return <td class="num" data-short="false" data-column={cell.column}>{shown}</td>;
}

/** The matrix: a row per förvaltning, a column per contract column. */
function EquivalenceTable({ data, id }: { data: EquivalenceData; id: string }) {
  const { t } = useLang();
  const rows = data.rows;
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
      <table class="data-table eq-table" data-testid="eq-table">
        <caption id={`${id}-caption`}>{t.stats.eq.caption(formatDate(data.as_of) || data.as_of)}</caption>
        <thead>
          <tr>
            <th scope="col">{t.stats.eq.forvaltning}</th>
            {data.columns.map((c) => <th key={c} scope="col" class="num">{t.stats.eq.columns[c] ?? c}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.forvaltning_id} data-testid="eq-row">
              <th scope="row">{r.name}</th>
              {data.columns.map((c) => {
                const cell = r.cells.find((x) => x.column === c) ?? { column: c, value: null, short: false };
                return <EquivalenceCellView key={c} cell={cell} />;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Legend({ data }: { data: EquivalenceData }) {
  const { t } = useLang();
  const text = useEquivalenceText();
  return (
    <section class="panel eq-legend" aria-labelledby="eq-legend-h">
      <h2 id="eq-legend-h">{t.stats.eq.legendHeading}</h2>
      <p>
        <span class="eq-mark eq-mark--sample"><WarnIcon /><span>{t.stats.eq.shortMark}</span></span>
        {' '}{t.stats.eq.legendLead}
      </p>
      <dl class="facts facts--compact">
        {data.columns.map((c) => {
          const s = data.standard[c];
          const yesNo = c === 'coordinator_full_time' || c === 'alarm_tested_1m';
          const value = s === undefined ? t.stats.eq.noStandard
            : yesNo ? t.stats.eq.required : t.stats.eq.atLeast(text(c, s));
          return (
            <div class="facts-row" key={c}>
              <dt>{t.stats.eq.columns[c] ?? c}</dt>
              <dd>{value}</dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

export function Equivalence() {
  const { t } = useLang();
  const eq = useLoad(getEquivalence, []);
  const shortCount = eq.data ? eq.data.rows.reduce((n, r) => n + r.cells.filter((c) => c.short).length, 0) : 0;
  return (
    <Page title={t.stats.eq.title} wide>
      <StatsNav />
      <p class="lead">{t.stats.eq.lead}</p>
      <ErrorMessage>{eq.error}</ErrorMessage>
      {eq.loading && !eq.data && <Loading />}
      {eq.data && (
        <>
          <div class="stats-meta">
            {eq.data.exact
              ? <span class="badge badge--exact">{t.stats.exact}</span>
              : <span class="badge badge--protected">{t.stats.protectedBadge}</span>}
            <p class="field-hint" role="status">{t.stats.eq.shortCount(shortCount)}</p>
          </div>
          {eq.data.rows.length === 0 ? <p class="empty">{t.stats.eq.empty}</p>
            : <EquivalenceTable data={eq.data} id="eq-table" />}
          {!eq.data.exact && <p class="field-hint">{t.stats.protectedLegend}</p>}
          <Legend data={eq.data} />
        </>
      )}
    </Page>
  );
}
