// Riskbedömning: the meeting, the level and why, the warning about the
// person's earlier incidents, the measures and their decision, and the
// follow-up after the meeting.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { getRiskAssessment } from '../api';
import { ErrorMessage, LiveStatus, Loading } from '../components/Alert';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { AssessmentStatusBadge } from '../components/risk/Badges';
import { Decision } from '../components/risk/Decision';
import { takeFlash } from '../components/risk/flash';
import { FollowUp } from '../components/risk/FollowUp';
import { HistoryWarning, LevelPanel } from '../components/risk/Level';
import { useLoad } from '../hooks';
import { useT } from '../i18n';
import { paths } from '../router';
import { formatDateTime } from '../time';
import type { RiskAssessment } from '../types';

function Row({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div class="facts-row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Meeting({ a }: { a: RiskAssessment }) {
  const t = useT();
  return (
    <section class="panel" aria-labelledby="risk-meeting-heading">
      <h2 id="risk-meeting-heading">{t.risk.meeting}</h2>
      <dl class="facts risk-facts">
        <Row term={t.risk.meetingType}>{t.risk.meetingTypes[a.meeting_type] ?? a.meeting_type}</Row>
        <Row term={t.risk.eventAt}><time dateTime={a.event_at}>{formatDateTime(a.event_at)}</time></Row>
        <Row term={t.risk.unit}>{a.unit_name}</Row>
        <Row term={t.risk.status}><AssessmentStatusBadge status={a.status} /></Row>
        <Row term={t.risk.participants}>
          {a.participants.length === 0 ? t.risk.noParticipants : (
            <ul class="plain-list">{a.participants.map((p) => <li key={p.id}>{p.display_name}</li>)}</ul>
          )}
        </Row>
        <Row term={t.risk.personNamed}>{a.subject_named ? t.risk.personNamedYes : t.risk.personNamedNo}</Row>
        <Row term={t.risk.createdBy}>
          {a.created_by.display_name}, <time dateTime={a.created_at}>{formatDateTime(a.created_at)}</time>
        </Row>
      </dl>
      {a.may_edit && a.status === 'oppen' && (
        <p><Link href={paths.riskEdit(a.id)} class="button button--secondary">{t.risk.edit}</Link></p>
      )}
    </section>
  );
}

export function RiskAssessmentDetail({ id }: { id: number }) {
  const t = useT();
  const assessment = useLoad(() => getRiskAssessment(id), [id]);
  const [message, setMessage] = useState(takeFlash);
  // Remount the forms after every change so they start from the saved state.
  const [round, setRound] = useState(0);

  const changed = (next: RiskAssessment, msg: string) => {
    assessment.setData(next);
    setMessage(msg);
    setRound((n) => n + 1);
  };

  const a = assessment.data;
  return (
    <Page title={t.risk.detailTitle(id)} heading={a ? a.title : t.risk.detailTitle(id)} wide>
      <p class="back-link"><Link href={paths.riskAssessments}>← {t.risk.back}</Link></p>
      <ErrorMessage>{assessment.error}</ErrorMessage>
      {assessment.loading && !a && <Loading />}
      <LiveStatus message={message} />
      {a && (
        <div class="detail-grid detail-grid--single">
          <div class="detail-main">
            {a.history && <HistoryWarning history={a.history} />}
            <LevelPanel a={a} />
            <Meeting a={a} />
            <Decision key={`d-${round}`} a={a} onChanged={changed} />
            {a.status !== 'oppen' && (a.may_follow_up || a.status === 'uppfoljd') && (
              <FollowUp key={`f-${round}`} a={a} onChanged={changed} />
            )}
          </div>
        </div>
      )}
    </Page>
  );
}
