// Kunskapsbank: how the decided measures worked out — uses, mean rating, how
// often something happened anyway, the most common meeting types — for the
// whole city or one förvaltning. Small counts are never shown.
import { getKnowledgeBank } from '../api';
import { ErrorMessage, Loading } from '../components/Alert';
import { SelectField } from '../components/Field';
import { Page } from '../components/Page';
import '../styles/risk.css';
import { loadUnits } from '../data';
import { useLoad } from '../hooks';
import { useLang } from '../i18n';
import { formatRating, formatShare, topMeetingTypes } from '../risk';
import { navigate, paths, useLocation } from '../router';
import type { KnowledgeRow } from '../types';

function Hidden({ text }: { text: string }) {
  return (
    <span class="suppressed">
      <span aria-hidden="true">–</span>
      <span class="visually-hidden">{text}</span>
    </span>
  );
}

function Row({ row, minCount }: { row: KnowledgeRow; minCount: number }) {
  const { t, lang } = useLang();
  const locale = t.locale;
  const label = lang === 'en' ? row.label_en : row.label_sv;
  if (row.suppressed || row.uses === null) {
    return (
      <tr data-testid="kb-row" data-code={row.code} data-suppressed="true">
        <th scope="row">{label}</th>
        <td data-label={t.knowledge.uses} class="num suppressed">{t.knowledge.fewerThan(minCount)}</td>
        <td data-label={t.knowledge.meanRating} class="num"><Hidden text={t.knowledge.hidden} /></td>
        <td data-label={t.knowledge.incidentShare} class="num"><Hidden text={t.knowledge.hidden} /></td>
        <td data-label={t.knowledge.meetingTypes}><Hidden text={t.knowledge.hidden} /></td>
      </tr>
    );
  }
  const types = topMeetingTypes(row.by_meeting_type)
    .map((m) => `${t.risk.meetingTypes[m.meeting_type] ?? m.meeting_type} (${m.uses})`);
  if (row.other_meeting_types) types.push(t.knowledge.otherTypes(row.other_meeting_types));
  return (
    <tr data-testid="kb-row" data-code={row.code} data-suppressed="false">
      <th scope="row">{label}</th>
      <td data-label={t.knowledge.uses} class="num" data-testid="kb-uses">{row.uses}</td>
      <td data-label={t.knowledge.meanRating} class="num">
        {row.mean_rating === null ? <Hidden text={t.knowledge.hidden} /> : formatRating(row.mean_rating, locale)}
      </td>
      <td data-label={t.knowledge.incidentShare} class="num">{row.incident_share === null ? <Hidden text={t.knowledge.hidden} /> : formatShare(row.incident_share, locale)}</td>
      <td data-label={t.knowledge.meetingTypes}>{types.length ? types.join(', ') : <Hidden text={t.knowledge.hidden} />}</td>
    </tr>
  );
}

export function KnowledgeBankPage() {
  const { t } = useLang();
  const loc = useLocation();
  const raw = Number(new URLSearchParams(loc.search).get('forvaltning'));
  const forvaltning = Number.isInteger(raw) && raw > 0 ? raw : undefined;
  const units = useLoad(loadUnits, []);
  const bank = useLoad(() => getKnowledgeBank(forvaltning), [forvaltning]);
  const forvaltningar = (units.data ?? []).filter((u) => u.kind === 'forvaltning')
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const scopeName = forvaltning ? forvaltningar.find((u) => u.id === forvaltning)?.name ?? '' : t.knowledge.cityWide;

  return (
    <Page title={t.knowledge.title} wide>
      <p class="lead">{t.knowledge.lead}</p>
      <form class="risk-toolbar" onSubmit={(e) => e.preventDefault()}>
        <SelectField id="kb-scope" label={t.knowledge.scope} value={forvaltning ? String(forvaltning) : ''}
          onValue={(v) => navigate(v ? `${paths.knowledgeBank}?forvaltning=${v}` : paths.knowledgeBank,
            { replace: true })}>
          <option value="">{t.knowledge.cityWide}</option>
          {forvaltningar.map((u) => <option key={u.id} value={String(u.id)}>{u.name}</option>)}
        </SelectField>
      </form>
      <ErrorMessage>{bank.error ?? units.error}</ErrorMessage>
      {bank.loading && !bank.data && <Loading />}
      {bank.data && (
        <section aria-busy={bank.loading ? 'true' : undefined}>
          <p class="field-hint">{t.knowledge.suppressedNote(bank.data.min_count)}</p>
          {bank.data.rows.length === 0 ? <p class="empty">{t.knowledge.none}</p> : (
            <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="kb-caption">
              <table class="data-table data-table--stack" data-testid="kb-table">
                <caption id="kb-caption">{t.knowledge.tableCaption(scopeName)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.knowledge.measure}</th>
                    <th scope="col" class="num">{t.knowledge.uses}</th>
                    <th scope="col" class="num">{t.knowledge.meanRating}</th>
                    <th scope="col" class="num">{t.knowledge.incidentShare}</th>
                    <th scope="col">{t.knowledge.meetingTypes}</th>
                  </tr>
                </thead>
                <tbody>
                  {bank.data.rows.map((r) => <Row key={r.code} row={r} minCount={bank.data!.min_count} />)}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </Page>
  );
}
