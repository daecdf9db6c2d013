// What an alarm shows over every page: for a receiver, the full-screen alert
// (role alertdialog, focus moved to it, a repeating tone until "Jag kommer"
// or "Tyst"); for the raiser, the "Larm skickat" panel with who has seen it
// and who is coming, ending, and after a real alarm "Gör en anmälan".
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../../api';
import { hasResponded, mayEnd, reportable, type AlarmView } from '../../alarms';
import { AlarmTone, audioRunning } from '../../alarmAudio';
import { useId } from '../../hooks';
import { useT } from '../../i18n';
import { navigate, paths } from '../../router';
import { formatDateTime } from '../../time';
import { ErrorMessage } from '../Alert';
import { incomingAlarms, myAlarms, useAlarms } from './AlarmProvider';
import { EndAlarmForm } from './EndAlarmForm';

function Responders({ alarm }: { alarm: AlarmView }) {
  const t = useT();
  if (alarm.responders.length === 0) return <p class="alarm-no-responder">{t.alarm.noResponderYet}</p>;
  return (
    <ul class="alarm-responders" data-testid="alarm-responders">
      {alarm.responders.map((r) => <li key={r.user.id}>{t.alarm.responder(r.user.display_name, r.seconds)}</li>)}
    </ul>
  );
}

function kindTitle(t: ReturnType<typeof useT>, a: AlarmView): string {
  return a.kind === 'test' ? t.alarm.alertTitleTest : a.kind === 'drill' ? t.alarm.alertTitleDrill : t.alarm.alertTitle;
}

function Where({ alarm }: { alarm: AlarmView }) {
  const t = useT();
  return (
    <dl class="alarm-facts">
      <div>
        <dt>{t.alarm.where}</dt>
        <dd class="alarm-where">{alarm.room ? alarm.room.name : t.alarm.unknownRoom}, {alarm.site.name}</dd>
      </div>
      <div>
        <dt>{t.alarm.who}</dt>
        <dd>{alarm.raised_by ? alarm.raised_by.display_name : alarm.device ? t.alarm.byDevice(alarm.device.name) : '–'}</dd>
      </div>
    </dl>
  );
}

function IncomingAlert({ alarm, more, onHide }: { alarm: AlarmView; more: number; onHide: () => void }) {
  const t = useT();
  const alarms = useAlarms();
  const titleId = useId('alert-title');
  const descId = useId('alert-desc');
  const ref = useRef<HTMLDialogElement>(null);
  const tone = useRef(new AlarmTone());
  const [muted, setMuted] = useState(false);
  const [blocked, setBlocked] = useState(false);
  const [ending, setEnding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const responded = hasResponded(alarm, alarms.me.id);

  // Open it and move focus into it whenever a new alarm is shown.
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) {
      try {
        d.showModal();
      } catch {
        d.setAttribute('open', '');
      }
    }
    const target = d?.querySelector<HTMLElement>('[data-autofocus]') ?? d?.querySelector<HTMLElement>('button');
    target?.focus();
    setMuted(false);
    setEnding(false);
  }, [alarm.id]);
  useEffect(() => () => ref.current?.close(), []);

  // The tone until acknowledged or muted.
  useEffect(() => {
    if (responded || muted) {
      tone.current.stop();
      setBlocked(false);
      return undefined;
    }
    let live = true;
    void tone.current.start().then((ok) => live && setBlocked(!ok));
    const poll = setInterval(() => setBlocked(!audioRunning()), 1000);
    return () => {
      live = false;
      clearInterval(poll);
      tone.current.stop();
    };
  }, [alarm.id, responded, muted]);

  const respond = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await alarms.respond(alarm.id);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const test = alarm.kind !== 'real';
  return (
    <dialog ref={ref} class={`alarm-alert${test ? ' alarm-alert--test' : ''}`} role="alertdialog" aria-modal="true"
      aria-labelledby={titleId} aria-describedby={descId} data-testid="alarm-alert" data-alarm-id={alarm.id}
      onCancel={(e) => e.preventDefault()}>
      <div class="alarm-alert-body">
        <h2 id={titleId} class="alarm-alert-title">{kindTitle(t, alarm)}</h2>
        {alarm.kind === 'test' && <p class="alarm-test-banner">{t.alarm.testBanner}</p>}
        {alarm.kind === 'drill' && <p class="alarm-test-banner">{t.alarm.drillBanner}</p>}
        <div id={descId}>
          <Where alarm={alarm} />
          <p class="alarm-time">{t.alarm.raisedAt(formatDateTime(alarm.raised_at))}</p>
        </div>
        {alarm.ring === 2 && <p class="alarm-ring2">{t.alarm.ring2}</p>}
        {alarm.call_112 && (
          <p class="alarm-112" data-testid="alarm-112">
            {t.alarm.prompt112} <a class="alarm-phone alarm-phone--112" href="tel:112">{t.alarm.call112}</a>
          </p>
        )}
        <div class="alarm-alert-actions">
          {!responded ? (
            <button type="button" class="button alarm-respond" data-autofocus onClick={respond}
              aria-disabled={busy ? 'true' : undefined}>
              {t.alarm.respond}
            </button>
          ) : <p class="alarm-responded" role="status">{t.alarm.responded}</p>}
          {!responded && !muted && (
            <button type="button" class="button button--secondary" onClick={() => setMuted(true)}>{t.alarm.mute}</button>
          )}
        </div>
        {muted && !responded && <p role="status">{t.alarm.muted}</p>}
        {blocked && !muted && !responded && <p class="alarm-sound-blocked">{t.alarm.soundBlocked}</p>}
        <ErrorMessage>{error}</ErrorMessage>
        <section class="alarm-responders-section" aria-labelledby={`${titleId}-resp`}>
          <h3 id={`${titleId}-resp`}>{t.alarm.respondersHeading}</h3>
          <div aria-live="polite"><Responders alarm={alarm} /></div>
        </section>
        {mayEnd(alarm, alarms.me.id) && (ending
          ? <EndAlarmForm alarm={alarm} onEnd={(o, n) => alarms.end(alarm.id, o, n)} onCancel={() => setEnding(false)} />
          : <button type="button" class="button button--secondary" onClick={() => setEnding(true)}>{t.alarm.end}</button>)}
        {more > 0 && <p class="alarm-more">{t.alarm.more(more)}</p>}
        {(responded || muted) && (
          <p><button type="button" class="button button--quiet alarm-hide" onClick={onHide}>{t.alarm.hide}</button></p>
        )}
      </div>
    </dialog>
  );
}

function MinePanel({ alarm, onClose }: { alarm: AlarmView; onClose: () => void }) {
  const t = useT();
  const alarms = useAlarms();
  const titleId = useId('sent-title');
  const [ending, setEnding] = useState(false);
  const active = alarm.status === 'active';
  const canReport = reportable(alarm, alarms.me.id);
  return (
    <section class={`alarm-sent${alarm.kind !== 'real' ? ' alarm-sent--test' : ''}`} aria-labelledby={titleId}
      data-testid="alarm-sent" data-alarm-id={alarm.id}>
      <h2 id={titleId} class="alarm-sent-title">
        {active ? (alarm.kind === 'real' ? t.alarm.sentTitle : t.alarm.sentTitleTest) : t.alarm.ended}
      </h2>
      <p class="alarm-sent-where">
        {alarm.kind !== 'real' && <strong>{t.alarmKind[alarm.kind]} · </strong>}
        {alarm.room ? alarm.room.name : t.alarm.unknownRoom}, {alarm.site.name}
      </p>
      <div role="status" aria-live="polite">
        <p>{t.alarm.sentLead(alarm.receivers)} {t.alarm.seen(alarm.delivered, alarm.receivers)}</p>
        <Responders alarm={alarm} />
        {!active && alarm.ended_by && <p>{t.alarm.endedBy(alarm.ended_by.display_name)}</p>}
      </div>
      {active && alarm.call_112 && (
        <p class="alarm-112">{t.alarm.prompt112} <a class="alarm-phone alarm-phone--112" href="tel:112">{t.alarm.call112}</a></p>
      )}
      {active && mayEnd(alarm, alarms.me.id) && (ending
        ? <EndAlarmForm alarm={alarm} onEnd={(o, n) => alarms.end(alarm.id, o, n)} onCancel={() => setEnding(false)} />
        : <button type="button" class="button button--secondary" onClick={() => setEnding(true)}>{t.alarm.end}</button>)}
      {canReport && <p>{t.alarm.reportLead}</p>}
      <div class="actions">
        {canReport && (
          <button type="button" class="button button--primary" onClick={() => {
            onClose();
            navigate(`${paths.report}?larm=${alarm.id}`);
          }}>{t.alarm.report}</button>
        )}
        {!active && <button type="button" class="button button--quiet" onClick={onClose}>{t.alarm.close}</button>}
      </div>
    </section>
  );
}

export function AlarmOverlay() {
  const alarms = useAlarms();
  const [closed, setClosed] = useState<number[]>([]);
  const [hidden, setHidden] = useState<number[]>([]);
  const incoming = incomingAlarms(alarms.state, alarms.me.id).filter((a) => !hidden.includes(a.id));
  const mine = myAlarms(alarms.state, alarms.me.id).filter((a) => !closed.includes(a.id));
  const shown = incoming[0];
  return (
    <>
      {mine[0] && <MinePanel key={mine[0].id} alarm={mine[0]} onClose={() => setClosed((c) => [...c, mine[0]!.id])} />}
      {shown && <IncomingAlert key="alert" alarm={shown} more={incoming.length - 1}
        onHide={() => setHidden((h) => [...h, shown.id])} />}
    </>
  );
}
