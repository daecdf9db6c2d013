// Åtgärder: who does what by when. Managers add measures and mark them done.
import { useState } from 'preact/hooks';
import { addMeasure, errorMessage, updateMeasure } from '../../api';
import { actionItems } from '../../followup';
import { useT } from '../../i18n';
import { useSession } from '../../session';
import { addDays, formatDate, stockholmDate } from '../../time';
import type { Colleague, Incident, Measure } from '../../types';
import { ErrorMessage } from '../Alert';
import { Deadline } from '../Deadline';
import { SelectField, TextField } from '../Field';
import { MeasureBadge } from '../StatusBadge';

interface Props {
  incident: Incident;
  colleagues: Colleague[];
  onChanged: (message: string) => void;
}

function MeasureItem({ m, manage, onDone, busy }: {
  m: Measure; manage: boolean; onDone: (m: Measure) => void; busy: boolean;
}) {
  const t = useT();
  const done = m.status === 'klar';
  return (
    <li class={`measure${done ? ' measure--done' : ''}`}>
      <div class="measure-main">
        <p class="measure-title">{m.title}</p>
        <p class="measure-meta">
          <span>{t.detail.responsible}: {m.responsible.display_name}</span>
          <span aria-hidden="true"> · </span>
          <span>
            {t.detail.due}:{' '}
            {done ? <Deadline due={m.due_date} done /> : <Deadline due={m.due_date} />}
          </span>
          {done && m.done_at && (
            <>
              <span aria-hidden="true"> · </span>
              <span>{t.deadline.doneOn(formatDate(m.done_at))}</span>
            </>
          )}
        </p>
      </div>
      <div class="measure-side">
        <MeasureBadge status={m.status} />
        {manage && !done && (
          <button
            type="button"
            class="button button--secondary button--small"
            aria-label={t.detail.markDoneLabel(m.title)}
            aria-disabled={busy ? 'true' : undefined}
            onClick={() => onDone(m)}
          >
            {t.detail.markDone}
          </button>
        )}
      </div>
    </li>
  );
}

export function Measures({ incident: i, colleagues, onChanged }: Props) {
  const t = useT();
  const { me } = useSession();
  const manage = i.access.manage;
  const measures = actionItems(i.measures); // support (kind "stod") has its own section
  const [title, setTitle] = useState('');
  const [responsible, setResponsible] = useState('');
  const [due, setDue] = useState(() => addDays(stockholmDate(Date.now()), 14));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!title.trim() || !responsible || !due) {
      setError(t.detail.missingMeasure);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await addMeasure(i.id, {
        title: title.trim(), responsible_user_id: Number(responsible), due_date: due, kind: 'atgard',
      });
      setTitle('');
      setResponsible('');
      onChanged(t.detail.measureAdded);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const markDone = async (m: Measure) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await updateMeasure(i.id, m.id, { status: 'klar' });
      onChanged(t.detail.measureDone);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  // The responsible may be the manager themself, whether or not /colleagues lists them.
  const people = colleagues.some((c) => c.id === me.id)
    ? colleagues
    : [...colleagues, { id: me.id, display_name: me.display_name, unit_id: me.unit_id }];
  const sorted = [...people].sort((a, b) => a.display_name.localeCompare(b.display_name, 'sv'));

  return (
    <section class="panel" aria-labelledby="measures-heading">
      <h2 id="measures-heading">{t.detail.measures}</h2>
      {measures.length === 0
        ? <p class="muted">{t.detail.noMeasures}</p>
        : (
          <ul class="measure-list">
            {measures.map((m) => (
              <MeasureItem key={m.id} m={m} manage={manage} onDone={markDone} busy={busy} />
            ))}
          </ul>
        )}
      <ErrorMessage>{error}</ErrorMessage>
      {manage && i.status !== 'avslutad' && (
        <form class="subform" onSubmit={add} noValidate aria-labelledby="measure-form-heading">
          <h3 id="measure-form-heading">{t.detail.addMeasureHeading}</h3>
          <TextField id="measure-title" label={t.detail.measureTitle} value={title} onValue={setTitle}
            maxLength={500} required />
          <div class="form-row">
            <SelectField id="measure-responsible" label={t.detail.responsible} value={responsible}
              onValue={setResponsible} required>
              <option value="">{t.detail.chooseResponsible}</option>
              {sorted.map((c) => <option key={c.id} value={String(c.id)}>{c.display_name}</option>)}
            </SelectField>
            <TextField id="measure-due" label={t.detail.due} type="date" value={due} onValue={setDue}
              required />
          </div>
          <button type="submit" class="button button--primary" aria-disabled={busy ? 'true' : undefined}>
            {t.detail.addMeasure}
          </button>
        </form>
      )}
    </section>
  );
}
