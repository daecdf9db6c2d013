// Myndigheter: Arbetsmiljöverket (allvarligt tillbud, the same day) with a
// clock, and Försäkringskassan (arbetsskadeanmälan) when someone was injured.
// A manager records when, how and the authority's reference.
import { useEffect, useState } from 'preact/hooks';
import { putAuthorityNotice } from '../../api';
import { formatDueAt, instantDeadline } from '../../followup';
import { useAction } from '../../hooks';
import { useT } from '../../i18n';
import { formatDateTime, stockholmLocalToUtcIso, utcMsToStockholmLocalInput } from '../../time';
import {
  NOTICE_CHANNELS, type Authority, type AuthorityNotice, type Incident, type NoticeChannel,
} from '../../types';
import { ErrorMessage } from '../Alert';
import { ChoiceGroup } from '../ChoiceGroup';
import { TextField } from '../Field';

interface Props {
  incident: Incident;
  onChanged: (message: string) => void;
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/** The current time, updated every `everyMs`. */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const h = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(h);
  }, [everyMs]);
  return now;
}

function NoticeView({ notice, dueAt }: { notice: AuthorityNotice; dueAt?: string | null }) {
  const t = useT();
  const late = dueAt ? Date.parse(notice.notified_at) > Date.parse(dueAt) : false;
  return (
    <div class="notice-done" data-testid={`notice-${notice.authority}`}>
      <p class="state-line">
        {dueAt && (
          <span class={`rule-state rule-state--${late ? 'met_late' : 'met'}`}>
            <span aria-hidden="true">{late ? '!' : '✓'}</span> {late ? t.authorities.late : t.authorities.onTime}
          </span>
        )}
        <span>{t.authorities.notified(formatDateTime(notice.notified_at), t.channel[notice.channel] ?? notice.channel)}</span>
      </p>
      {notice.reference && <p class="muted">{t.authorities.reference}: {notice.reference}</p>}
      <p class="field-hint">{t.authorities.recordedBy(notice.recorded_by.display_name, formatDateTime(notice.recorded_at))}</p>
    </div>
  );
}

function NoticeForm({ incident, authority, notice, label, onChanged }: {
  incident: Incident; authority: Authority; notice: AuthorityNotice | null; label: string;
  onChanged: (m: string) => void;
}) {
  const t = useT();
  const [when, setWhen] = useState(() =>
    utcMsToStockholmLocalInput(notice ? Date.parse(notice.notified_at) : Date.now()));
  const [channel, setChannel] = useState<NoticeChannel | null>(notice?.channel ?? 'e_tjanst');
  const [reference, setReference] = useState(notice?.reference ?? '');
  const { busy, error, setError, run } = useAction();
  const id = `${authority}-${incident.id}`;

  const save = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const at = stockholmLocalToUtcIso(when);
    if (!at || !channel) {
      setError(t.authorities.missing);
      return;
    }
    await run(async () => {
      await putAuthorityNotice(incident.id, authority, {
        notified_at: at, channel, ...(reference.trim() ? { reference: reference.trim() } : {}),
      });
      onChanged(t.authorities.saved);
    });
  };

  return (
    <form class="stack" onSubmit={save} noValidate aria-label={label}>
      <div class="form-row">
        <TextField id={`notice-when-${id}`} type="datetime-local" label={t.authorities.notifiedAt} value={when}
          onValue={setWhen} required />
        <TextField id={`notice-ref-${id}`} label={t.authorities.referenceLabel} optional={t.common.optional}
          value={reference} onValue={setReference} maxLength={100} autocomplete="off" />
      </div>
      <ChoiceGroup<NoticeChannel>
        legend={t.authorities.channel}
        name={`notice-channel-${id}`}
        options={NOTICE_CHANNELS.map((c) => ({ value: c, label: t.channel[c] }))}
        value={channel}
        onChange={setChannel}
        compact
      />
      <ErrorMessage>{error}</ErrorMessage>
      <button type="submit" class="button button--primary" aria-disabled={busy ? 'true' : undefined}>
        {label}
      </button>
    </form>
  );
}

export function Authorities({ incident: i, onChanged }: Props) {
  const t = useT();
  const now = useNow();
  const a = i.authorities;
  if (!a) return null;
  const manage = i.access.manage;
  const av = a.arbetsmiljoverket;
  const fk = a.forsakringskassan;
  const clock = av.required && !av.notice && av.due_at ? instantDeadline(t, av.due_at, now) : null;

  return (
    <section class="panel" aria-labelledby="authorities-heading" data-testid="authorities-section">
      <h2 id="authorities-heading">{t.authorities.heading}</h2>

      <div class="authority" data-testid="authority-arbetsmiljoverket">
        <h3>{t.authorities.avTitle}</h3>
        {!av.required && !av.notice && <p class="muted">{t.authorities.avNotRequired}</p>}
        {av.required && !av.notice && (
          <>
            <p>{t.authorities.avRequired}</p>
            {av.due_at && clock && (
              <p class={`clock${clock.overdue ? ' clock--overdue' : ''}`} data-testid="av-clock">
                <span aria-hidden="true" class="clock-icon">{clock.overdue ? '⚠' : '○'}</span>{' '}
                <strong><time dateTime={av.due_at}>{capitalise(clock.text)}</time></strong>
                {' · '}
                <span>{t.authorities.dueBy(formatDueAt(t, av.due_at, now))}</span>
              </p>
            )}
          </>
        )}
        {av.notice && <NoticeView notice={av.notice} dueAt={av.due_at} />}
        {manage && (av.required || av.notice) && (
          av.notice ? (
            <details class="subform-details">
              <summary>{t.authorities.change}</summary>
              <NoticeForm incident={i} authority="arbetsmiljoverket" notice={av.notice}
                label={t.authorities.recordAv} onChanged={onChanged} />
            </details>
          ) : (
            <div class="subform">
              <p class="field-hint">{t.authorities.where}</p>
              <NoticeForm incident={i} authority="arbetsmiljoverket" notice={null}
                label={t.authorities.recordAv} onChanged={onChanged} />
            </div>
          )
        )}
      </div>

      {(fk.required || fk.notice) && (
        <div class="authority" data-testid="authority-forsakringskassan">
          <h3>{t.authorities.fkTitle}</h3>
          {!fk.notice && <p>{t.authorities.fkRequired}</p>}
          {fk.notice && <NoticeView notice={fk.notice} />}
          {manage && (
            fk.notice ? (
              <details class="subform-details">
                <summary>{t.authorities.change}</summary>
                <NoticeForm incident={i} authority="forsakringskassan" notice={fk.notice}
                  label={t.authorities.recordFk} onChanged={onChanged} />
              </details>
            ) : (
              <div class="subform">
                <p class="field-hint">{t.authorities.where}</p>
                <NoticeForm incident={i} authority="forsakringskassan" notice={null}
                  label={t.authorities.recordFk} onChanged={onChanged} />
              </div>
            )
          )}
        </div>
      )}
    </section>
  );
}
