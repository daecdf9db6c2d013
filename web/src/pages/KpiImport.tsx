// Importera nyckeltal: an analytiker or admin reads follow-up KPIs from a CSV
// file (or pasted text). The server takes all of it or nothing; each bad
// line is listed with its column and what is wrong, and focus moves to that
// summary. A template file and the KPIs on record are here too.
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../api';
import { ErrorMessage, Loading, Notice } from '../components/Alert';
import { TextArea } from '../components/Field';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { useLoad } from '../hooks';
import { useLang, useT } from '../i18n';
import { paths } from '../router';
import { importKpis, importLineErrors, kpiTemplateCsv, type ImportLineError } from '../routines';
import { getStatsKpis } from '../statsApi';
import '../styles/routines.css';

const MAX_BYTES = 1024 * 1024;

function CurrentKpis({ tick }: { tick: number }) {
  const t = useT();
  const { lang } = useLang();
  const w = t.kpiImport;
  const k = t.stats.kpi;
  const list = useLoad(() => getStatsKpis(), [tick]);
  const items = [...(list.data ?? [])].sort((a, b) => a.forvaltning_name.localeCompare(b.forvaltning_name, 'sv')
    || b.year - a.year || a.kind.localeCompare(b.kind) || a.group.localeCompare(b.group) || a.period.localeCompare(b.period));
  const num = new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 2 });
  return (
    <section class="panel" aria-labelledby="kpi-current-heading" aria-busy={list.loading ? 'true' : undefined}>
      <h2 id="kpi-current-heading">{w.currentHeading}</h2>
      <ErrorMessage>{list.error}</ErrorMessage>
      {list.loading && !list.data && <Loading />}
      {list.data && (items.length === 0 ? <p class="empty">{w.currentEmpty}</p> : (
        <div class="data-table-wrap" tabIndex={0} role="region" aria-labelledby="kpi-current-heading">
          <table class="data-table" data-testid="kpi-table">
            <thead>
              <tr>
                <th scope="col">{w.forvaltning}</th><th scope="col">{w.kpi}</th><th scope="col">{w.group}</th>
                <th scope="col" class="num">{w.year}</th><th scope="col">{w.period}</th><th scope="col" class="num">{w.value}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((x) => (
                <tr key={`${x.forvaltning_id}/${x.kind}/${x.group}/${x.year}/${x.period}`}>
                  <td>{x.forvaltning_name}</td><td>{k.kinds[x.kind] ?? x.kind}</td><td>{k.groups[x.group] ?? x.group}</td>
                  <td class="num">{x.year}</td><td>{k.periods[x.period] ?? x.period}</td><td class="num">{num.format(x.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

export function KpiImport() {
  const t = useT();
  const w = t.kpiImport;
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [lines, setLines] = useState<ImportLineError[] | null>(null);
  const [imported, setImported] = useState<number | null>(null);
  const [tick, setTick] = useState(0);
  const summary = useRef<HTMLElement>(null);
  const [template, setTemplate] = useState('');

  useEffect(() => {
    const url = URL.createObjectURL(new Blob([`\ufeff${kpiTemplateCsv()}`], { type: 'text/csv;charset=utf-8' }));
    setTemplate(url);
    return () => URL.revokeObjectURL(url);
  }, []);

  useEffect(() => {
    if (lines) summary.current?.focus();
  }, [lines]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    setLines(null);
    setImported(null);
    if (file && file.size > MAX_BYTES) {
      setError(w.tooLarge);
      return;
    }
    const csv = file ? await file.text() : text;
    if (!csv.trim()) {
      setError(w.empty);
      return;
    }
    setBusy(true);
    try {
      const r = await importKpis(csv);
      setImported(r.imported);
      setTick((n) => n + 1);
    } catch (err) {
      const found = importLineErrors(err);
      if (found && found.length) setLines(found);
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={w.title} wide>
      <p class="back-link"><Link href={paths.kpiTrends}>← {t.stats.kpi.title}</Link></p>
      <p class="lead">{w.lead}</p>
      <p><a href={template} download="nyckeltal-mall.csv" class="button button--secondary">{w.template}</a></p>
      {lines && (
        <section ref={summary} tabIndex={-1} class="alert alert--error import-errors" data-testid="kpi-import-errors"
          aria-labelledby="kpi-errors-heading">
          <h2 id="kpi-errors-heading">{w.errorsHeading(lines.length)}</h2>
          <p>{w.nothingImported}</p>
          <div class="data-table-wrap">
            <table class="data-table">
              <thead>
                <tr><th scope="col" class="num">{w.line}</th><th scope="col">{w.column}</th><th scope="col">{w.message}</th></tr>
              </thead>
              <tbody>
                {lines.map((l, i) => (
                  <tr key={i} data-testid="kpi-import-error">
                    <td class="num">{l.line}</td><td>{l.column || '–'}</td><td>{l.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {imported !== null && <Notice>{w.imported(imported)}</Notice>}
      <form class="stack panel" onSubmit={submit} noValidate data-testid="kpi-import-form">
        <div class="field">
          <label for="kpi-file" class="field-label">{w.file}<span class="field-optional"> {t.common.optional}</span></label>
          <p id="kpi-file-hint" class="field-hint">{w.fileHint}</p>
          <input id="kpi-file" type="file" accept=".csv,text/csv,text/plain" class="input"
            aria-describedby="kpi-file-hint" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </div>
        <TextArea id="kpi-text" label={w.text} hint={w.textHint} value={text} onValue={setText} rows={8}
          optional={t.common.optional} spellcheck={false} />
        <ErrorMessage>{error}</ErrorMessage>
        <div class="submit-bar">
          <button type="submit" class="button button--primary" aria-disabled={busy ? 'true' : undefined}>{w.submit}</button>
        </div>
      </form>
      <CurrentKpis tick={tick} />
    </Page>
  );
}
