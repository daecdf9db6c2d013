// The status buttons a manager sees: what can be done from the current status.
// Reopening asks for a reason in a dialog.
import { useRef, useState } from 'preact/hooks';
import { errorMessage, transition } from '../../api';
import { useT } from '../../i18n';
import type { Incident, TransitionAction } from '../../types';
import { ErrorMessage } from '../Alert';
import { Dialog } from '../Dialog';
import { TextArea } from '../Field';
import { StatusBadge } from '../StatusBadge';

interface Props {
  incident: Incident;
  onChanged: (message: string) => void;
}

export function Workflow({ incident: i, onChanged }: Props) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reopenOpen, setReopenOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const run = async (action: TransitionAction, why?: string): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    setError(null);
    try {
      const updated = await transition(i.id, action, i.version, why);
      onChanged(t.detail.statusChanged(t.status[updated.status] ?? updated.status));
      headingRef.current?.focus();
      return true;
    } catch (err) {
      const msg = errorMessage(err);
      if (action === 'reopen') {
        setReasonError(msg);
      } else {
        setError(msg);
      }
      return false;
    } finally {
      setBusy(false);
    }
  };

  const confirmReopen = async (e: Event) => {
    e.preventDefault();
    if (!reason.trim()) {
      setReasonError(t.detail.reasonRequired);
      return;
    }
    const ok = await run('reopen', reason.trim());
    if (ok) {
      setReopenOpen(false);
      setReason('');
      setReasonError(null);
    }
  };

  const buttons: { action: TransitionAction; label: string; primary?: boolean }[] = [];
  if (i.status === 'ny') {
    buttons.push({ action: 'acknowledge', label: t.detail.acknowledge, primary: true });
    buttons.push({ action: 'investigate', label: t.detail.investigate });
  } else if (i.status === 'mottagen') {
    buttons.push({ action: 'investigate', label: t.detail.investigate, primary: true });
    buttons.push({ action: 'close', label: t.detail.close });
  } else if (i.status === 'utreds') {
    buttons.push({ action: 'close', label: t.detail.close, primary: true });
  }

  return (
    <section class="panel panel--accent" aria-labelledby="workflow-heading">
      <h2 id="workflow-heading" ref={headingRef} tabIndex={-1}>{t.detail.workflow}</h2>
      <p class="workflow-status">
        {t.detail.status}: <StatusBadge status={i.status} />
      </p>
      <ErrorMessage>{error}</ErrorMessage>
      <div class="actions">
        {buttons.map((b) => (
          <button
            key={b.action}
            type="button"
            class={`button ${b.primary ? 'button--primary' : 'button--secondary'}`}
            aria-disabled={busy ? 'true' : undefined}
            onClick={() => void run(b.action)}
          >
            {b.label}
          </button>
        ))}
        {i.status === 'avslutad' && (
          <button type="button" class="button button--secondary" onClick={() => {
            setError(null);
            setReasonError(null);
            setReopenOpen(true);
          }}>
            {t.detail.reopen}
          </button>
        )}
      </div>
      {i.open_measures > 0 && i.status !== 'avslutad' && (
        <p class="field-hint">{t.detail.openMeasuresBlock}</p>
      )}
      <Dialog open={reopenOpen} title={t.detail.reopenTitle} onClose={() => setReopenOpen(false)}>
        <form onSubmit={confirmReopen} noValidate class="stack">
          <TextArea
            id="reopen-reason"
            label={t.detail.reopenReason}
            value={reason}
            onValue={(v) => {
              setReason(v);
              setReasonError(null);
            }}
            error={reasonError}
            rows={3}
            maxLength={2000}
            required
            autofocus
          />
          {reasonError && <p class="visually-hidden" role="alert">{reasonError}</p>}
          <div class="actions">
            <button type="submit" class="button button--primary" aria-disabled={busy ? 'true' : undefined}>
              {t.detail.reopenConfirm}
            </button>
            <button type="button" class="button button--secondary" onClick={() => setReopenOpen(false)}>
              {t.common.cancel}
            </button>
          </div>
        </form>
      </Dialog>
    </section>
  );
}
