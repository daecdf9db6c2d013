// The red Larm button in the header of every signed-in page (docs/alarms.md,
// "Raising from the app"). Pointer or touch: hold 1 s while a ring fills;
// letting go earlier raises nothing. Keyboard: hold Enter or Space on the
// button, or press F9 anywhere for a 3-second countdown with Avbryt (Esc).
// Not on duty: one more step, choosing the room. When the stream is down the
// button says so at once and lists the numbers to call.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../../api';
import type { AlarmSite } from '../../alarms';
import { useId } from '../../hooks';
import { useT } from '../../i18n';
import { Dialog } from '../Dialog';
import { AlarmPhones } from './AlarmPhones';
import { useAlarms } from './AlarmProvider';
import '../../styles/alarms.css';

export const HOLD_MS = 1000;
export const COUNTDOWN_S = 3;

function ChooseRoom({ sites, onChoose }: { sites: AlarmSite[]; onChoose: (w: { room_id?: number; site_id?: number }) => void }) {
  const t = useT();
  if (sites.length === 0) {
    return (
      <>
        <p>{t.alarm.noSites}</p>
        <AlarmPhones />
      </>
    );
  }
  return (
    <>
      <p>{t.alarm.chooseRoomLead}</p>
      {sites.map((s) => (
        <section key={s.id} class="alarm-choose-site" aria-label={s.name}>
          <h3>{s.name}</h3>
          <ul class="alarm-choose-rooms">
            {s.rooms.length === 0 && (
              <li>
                <button type="button" class="button alarm-room-button" onClick={() => onChoose({ site_id: s.id })}>
                  {s.name}
                </button>
              </li>
            )}
            {s.rooms.map((r) => (
              <li key={r.id}>
                <button type="button" class="button alarm-room-button" onClick={() => onChoose({ room_id: r.id })}>
                  {r.name}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

export function AlarmButton() {
  const t = useT();
  const alarms = useAlarms();
  const hintId = useId('alarm-hint');
  const [holding, setHolding] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [countdown, setCountdown] = useState<number | null>(null);
  const holdTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const connection = alarms.state.connection;
  const [backNotice, setBackNotice] = useState(false);

  const send = async (where?: { room_id?: number; site_id?: number }) => {
    setChoosing(false);
    setSending(true);
    setError(null);
    try {
      await alarms.raise(where);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'alarm.not_on_duty' && !where) {
        setChoosing(true);
      } else {
        setError(t.alarm.raiseFailed(errorMessage(err)));
      }
    } finally {
      setSending(false);
    }
  };

  const fire = () => {
    if (!alarms.duty) {
      setChoosing(true);
      return;
    }
    void send();
  };

  // Hold to raise.
  const startHold = () => {
    if (holdTimer.current) return;
    setHolding(true);
    holdTimer.current = setTimeout(() => {
      holdTimer.current = null;
      setHolding(false);
      fire();
    }, HOLD_MS);
  };
  const stopHold = () => {
    if (holdTimer.current) clearTimeout(holdTimer.current);
    holdTimer.current = null;
    setHolding(false);
  };
  useEffect(() => stopHold, []);

  // F9 anywhere: the countdown.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F9' || e.repeat) return;
      e.preventDefault();
      setCountdown((c) => (c === null ? COUNTDOWN_S : c));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (countdown === null) return undefined;
    if (countdown <= 0) {
      setCountdown(null);
      fire();
      return undefined;
    }
    const timer = setTimeout(() => setCountdown((c) => (c === null ? null : c - 1)), 1000);
    return () => clearTimeout(timer);
  }, [countdown]);

  // "Kontakten är tillbaka" for a few seconds after a reconnect.
  useEffect(() => {
    if (alarms.state.reconnects === 0 || connection !== 'open') return undefined;
    setBackNotice(true);
    const timer = setTimeout(() => setBackNotice(false), 5000);
    return () => clearTimeout(timer);
  }, [alarms.state.reconnects, connection]);

  const down = connection === 'down';
  const dutySite = alarms.sites?.find((s) => s.id === alarms.duty?.site_id);
  return (
    <div class="alarm-tool">
      <button
        type="button"
        class={`alarm-button${holding ? ' alarm-button--holding' : ''}${down ? ' alarm-button--down' : ''}`}
        aria-describedby={`${hintId}${down ? ` ${hintId}-down` : ''}`}
        data-testid="alarm-button"
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          (e.currentTarget as HTMLElement).setPointerCapture?.(e.pointerId);
          startHold();
        }}
        onPointerUp={stopHold}
        onPointerCancel={stopHold}
        onLostPointerCapture={stopHold}
        onContextMenu={(e) => e.preventDefault()}
        onKeyDown={(e) => {
          if ((e.key === 'Enter' || e.key === ' ') && !e.repeat) {
            e.preventDefault();
            startHold();
          } else if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
          }
        }}
        onKeyUp={(e) => {
          if (e.key === 'Enter' || e.key === ' ') stopHold();
        }}
        onBlur={stopHold}
        onClick={(e) => e.preventDefault()}
      >
        <svg class="alarm-ring" viewBox="0 0 40 40" aria-hidden="true" focusable="false">
          <circle class="alarm-ring-track" cx="20" cy="20" r="17" />
          <circle class="alarm-ring-fill" cx="20" cy="20" r="17" />
        </svg>
        <span class="alarm-button-text">{sending ? t.alarm.sending : t.alarm.button}</span>
      </button>
      <span id={hintId} class="visually-hidden">{t.alarm.holdHint}</span>
      <div class="alarm-status" role="status" aria-live="polite">
        {backNotice && !down && <p class="alarm-back">{t.alarm.reconnected}</p>}
      </div>
      {(down || error) && (
        <div class="alarm-offline" role="alert" data-testid="alarm-offline">
          {down && <p id={`${hintId}-down`} class="alarm-offline-title">{t.alarm.offline}</p>}
          {error && <p class="alarm-offline-title">{error}</p>}
          <p>{t.alarm.offlineLead}</p>
          <AlarmPhones reception={dutySite?.phone_reception} guard={dutySite?.phone_guard} />
          {down && <p class="alarm-offline-retry">{t.alarm.reconnecting}</p>}
        </div>
      )}
      <Dialog open={countdown !== null} title={t.alarm.countdownTitle} onClose={() => setCountdown(null)}>
        <p class="alarm-countdown" data-testid="alarm-countdown" aria-live="assertive">
          {t.alarm.countdown(countdown ?? 0)}
        </p>
        <p>{t.alarm.countdownLead}</p>
        <div class="actions">
          <button type="button" class="button button--secondary button--large" onClick={() => setCountdown(null)}>
            {t.alarm.cancel}
          </button>
        </div>
      </Dialog>
      <Dialog open={choosing} title={t.alarm.chooseRoomTitle} onClose={() => setChoosing(false)}>
        <ChooseRoom sites={alarms.sites ?? []} onChoose={(w) => void send(w)} />
        <div class="actions">
          <button type="button" class="button button--quiet" onClick={() => setChoosing(false)}>{t.alarm.cancel}</button>
        </div>
      </Dialog>
    </div>
  );
}
