// The facts of an incident. Only fields present in the response are shown:
// the server omits what the caller may not see.
import type { ComponentChildren } from 'preact';
import { useT } from '../../i18n';
import { formatDateTime } from '../../time';
import type { Incident } from '../../types';
import { SensitiveBadge, SeverityText, StatusBadge } from '../StatusBadge';

function Row({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div class="facts-row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function Facts({ incident: i }: { incident: Incident }) {
  const t = useT();
  const yesNo = (v: boolean) => (v ? t.common.yes : t.common.no);
  const has = (k: keyof Incident) => k in i && i[k] !== undefined;
  return (
    <section class="panel" aria-labelledby="facts-heading">
      <h2 id="facts-heading">{t.detail.facts}</h2>
      {!i.access.details && <p class="alert alert--info">{t.detail.limitedView}</p>}
      <dl class="facts">
        <Row term={t.detail.category}>{t.category[i.category] ?? i.category}</Row>
        <Row term={t.detail.occurredAt}>
          <time dateTime={i.occurred_at}>{formatDateTime(i.occurred_at)}</time>
        </Row>
        <Row term={t.detail.unit}>{i.unit_name}</Row>
        <Row term={t.detail.status}><StatusBadge status={i.status} /></Row>
        <Row term={t.detail.severity}><SeverityText severity={i.severity} /></Row>
        {i.sensitive && <Row term={t.detail.sensitive}><SensitiveBadge /></Row>}
        {has('place_type') && i.place_type && (
          <Row term={t.detail.place}>{t.place[i.place_type] ?? i.place_type}</Row>
        )}
        {has('outside_workplace') && (
          <Row term={t.detail.outsideWorkplace}>{yesNo(Boolean(i.outside_workplace))}</Row>
        )}
        {has('tied_to_role') && <Row term={t.detail.tiedToRole}>{yesNo(Boolean(i.tied_to_role))}</Row>}
        {has('injury') && i.injury && <Row term={t.detail.injury}>{t.injury[i.injury] ?? i.injury}</Row>}
        {has('weapon') && <Row term={t.detail.weapon}>{yesNo(Boolean(i.weapon))}</Row>}
        {has('death_threat') && <Row term={t.detail.deathThreat}>{yesNo(Boolean(i.death_threat))}</Row>}
        {i.reporter && <Row term={t.detail.reporter}>{i.reporter.display_name}</Row>}
        {i.exposed && i.exposed.length > 0 && (
          <Row term={t.detail.exposed}>
            <ul class="plain-list">
              {i.exposed.map((p) => <li key={p.id}>{p.display_name}</li>)}
            </ul>
          </Row>
        )}
        {has('perpetrator_relation') && (
          <Row term={t.detail.relation}>
            {i.perpetrator_relation ? t.relation[i.perpetrator_relation] : t.common.notSet}
          </Row>
        )}
        {has('perpetrator_note') && i.perpetrator_note && (
          <Row term={t.detail.perpetratorNote}><span class="prewrap">{i.perpetrator_note}</span></Row>
        )}
        <Row term={t.detail.createdAt}>
          <time dateTime={i.created_at}>{formatDateTime(i.created_at)}</time>
        </Row>
        {i.acknowledged_at && (
          <Row term={t.detail.acknowledgedAt}>
            <time dateTime={i.acknowledged_at}>{formatDateTime(i.acknowledged_at)}</time>
          </Row>
        )}
        {i.closed_at && (
          <Row term={t.detail.closedAt}>
            <time dateTime={i.closed_at}>{formatDateTime(i.closed_at)}</time>
          </Row>
        )}
      </dl>
      {has('description') && (
        <div class="description">
          <h3>{t.detail.description}</h3>
          {i.description
            ? <p class="prewrap">{i.description}</p>
            : <p class="muted">{t.detail.noDescription}</p>}
        </div>
      )}
    </section>
  );
}
