// Ending an alarm: the outcome (choices) and a short optional note (≤ 500).
import { useState } from 'preact/hooks';
import { errorMessage } from '../../api';
import { NOTE_MAX, outcomesFor, type AlarmView, type Outcome } from '../../alarms';
import { useId } from '../../hooks';
import { useT } from '../../i18n';
import { ErrorMessage } from '../Alert';
import { ChoiceGroup } from '../ChoiceGroup';
import { TextArea } from '../Field';

interface Props {
  alarm: AlarmView;
  onEnd: (outcome: Outcome, note?: string) => Promise<void>;
  onCancel: () => void;
}

export function EndAlarmForm({ alarm, onEnd, onCancel }: Props) {
  const t = useT();
  const name = useId('outcome');
  const options = outcomesFor(alarm.kind);
  const [outcome, setOutcome] = useState<Outcome>(options[0]!);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await onEnd(outcome, note.trim() || undefined);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="alarm-end-form stack" onSubmit={submit} data-testid="alarm-end-form">
      <ChoiceGroup legend={t.alarm.outcome} name={name} compact value={outcome}
        options={options.map((o) => ({ value: o, label: t.outcome[o] }))} onChange={setOutcome} />
      <TextArea label={t.alarm.note} optional={t.common.optional} hint={t.alarm.noteHint} value={note}
        onValue={setNote} rows={2} maxLength={NOTE_MAX} />
      <ErrorMessage>{error}</ErrorMessage>
      <div class="actions">
        <button type="submit" class="button button--primary" aria-disabled={busy ? 'true' : undefined}>
          {t.alarm.endConfirm}
        </button>
        <button type="button" class="button button--quiet" onClick={onCancel}>{t.alarm.cancel}</button>
      </div>
    </form>
  );
}
