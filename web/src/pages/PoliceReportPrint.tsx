// Underlag för polisanmälan: a clean, printable page with the förvaltning's
// name, organisation number, address and phone (never a home address), the
// facts of the incident and the injured parties, and a reminder to ask for
// åtkomstskydd. Print CSS hides the site frame.
import type { ComponentChildren } from 'preact';
import { getPoliceDraft } from '../api';
import { ErrorMessage, Loading } from '../components/Alert';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { useLoad } from '../hooks';
import { useT } from '../i18n';
import { paths } from '../router';
import { formatDateTime } from '../time';
import type { OrgContact } from '../types';

function Row({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div class="facts-row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function address(c: OrgContact): string {
  const place = [c.postal_code, c.city].filter(Boolean).join(' ');
  return [c.street_address, place].filter(Boolean).join(', ');
}

export function PoliceReportPrint({ id }: { id: number }) {
  const t = useT();
  const draft = useLoad(() => getPoliceDraft(id), [id]);
  const d = draft.data;
  const w = t.printView;
  const yesNo = (v: boolean | undefined) => (v ? t.common.yes : t.common.no);

  return (
    <Page title={w.title(id)} heading={w.heading}>
      <div class="print-page" data-testid="police-print">
        <div class="print-actions no-print">
          <Link href={paths.incident(id)}>← {w.back}</Link>
          <button type="button" class="button button--primary" onClick={() => window.print()}>
            {w.print}
          </button>
        </div>
        <ErrorMessage>{draft.error}</ErrorMessage>
        {draft.loading && !d && <Loading />}
        {d && (
          <>
            <p class="print-subtitle">{t.detail.title(d.incident.id)} · {d.incident.unit_name}</p>
            <div class="print-reminder" role="note" aria-labelledby="print-reminder-heading">
              <h2 id="print-reminder-heading"><span aria-hidden="true">⚠ </span>{w.reminderTitle}</h2>
              <ul>
                <li><strong>{w.reminder1}</strong></li>
                <li><strong>{w.reminder2}</strong></li>
                <li>{w.reminder3}</li>
              </ul>
            </div>

            <section class="print-section" aria-labelledby="print-org">
              <h2 id="print-org">{w.organisation}</h2>
              {d.organisation ? (
                <dl class="facts" data-testid="print-organisation">
                  <Row term={w.legalName}>{d.organisation.legal_name}</Row>
                  <Row term={w.orgNumber}>{d.organisation.org_number}</Row>
                  <Row term={w.address}>{address(d.organisation)}</Row>
                  <Row term={w.phone}>{d.organisation.phone}</Row>
                  {d.organisation.email && <Row term={w.email}>{d.organisation.email}</Row>}
                </dl>
              ) : (
                <p class="alert alert--error">{w.noOrganisation}</p>
              )}
            </section>

            <section class="print-section" aria-labelledby="print-injured">
              <h2 id="print-injured">{w.injuredParties}</h2>
              {d.injured_parties.length === 0
                ? <p class="muted">{w.noInjured}</p>
                : (
                  <ul class="plain-list" data-testid="print-injured">
                    {d.injured_parties.map((p) => <li key={p.id}>{p.display_name}</li>)}
                  </ul>
                )}
              <p><strong>{w.reporterRole}:</strong> {t.policeReporter[d.reporter_role] ?? d.reporter_role}</p>
            </section>

            <section class="print-section" aria-labelledby="print-incident">
              <h2 id="print-incident">{w.incident}</h2>
              <dl class="facts">
                <Row term={t.detail.category}>{t.category[d.incident.category] ?? d.incident.category}</Row>
                <Row term={t.detail.occurredAt}>
                  <time dateTime={d.incident.occurred_at}>{formatDateTime(d.incident.occurred_at)}</time>
                </Row>
                <Row term={t.detail.unit}>{d.incident.unit_name}</Row>
                {d.incident.place_type && (
                  <Row term={t.detail.place}>{t.place[d.incident.place_type] ?? d.incident.place_type}</Row>
                )}
                <Row term={t.detail.outsideWorkplace}>{yesNo(d.incident.outside_workplace)}</Row>
                <Row term={t.detail.tiedToRole}>{yesNo(d.incident.tied_to_role)}</Row>
                {d.incident.injury && <Row term={t.detail.injury}>{t.injury[d.incident.injury] ?? d.incident.injury}</Row>}
                <Row term={t.detail.weapon}>{yesNo(d.incident.weapon)}</Row>
                <Row term={t.detail.deathThreat}>{yesNo(d.incident.death_threat)}</Row>
              </dl>
              <h3>{t.detail.description}</h3>
              {d.incident.description
                ? <p class="prewrap print-description">{d.incident.description}</p>
                : <p class="muted">{t.detail.noDescription}</p>}
            </section>
            <p class="field-hint">{w.generatedAt(formatDateTime(d.generated_at))}</p>
          </>
        )}
      </div>
    </Page>
  );
}
