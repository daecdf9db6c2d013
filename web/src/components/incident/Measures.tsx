// Åtgärder: who does what by when. Managers add measures and mark them done.
import { useState } from 'preact/hooks';
import { addMeasure, updateMeasure } from '../../api';
import { actionItems, responsibleOptions } from '../../followup';
import { useAction } from '../../hooks';
import { useT } from '../../i18n';
import { useSession } from '../../session';
import { addDays, stockholmDate } from '../../time';
import type { Colleague, Incident, Measure } from '../../types';
import { ErrorMessage } from '../Alert';
import { Deadline } from '../Deadline';
import { SelectField, TextField } from '../Field';
import { MeasureRow } from './MeasureRow';

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
    <MeasureRow m={m} title={m.title} manage={manage} busy={busy} onDone={onDone}
      doneLabel={t.detail.markDoneLabel(m.title)} doneText={t.detail.markDone}>
      <span>{t.detail.responsible}: {m.responsible.display_name}</span>
      <span aria-hidden="true"> · </span>
      <span>
        {t.detail.due}:{' '}
        {done ? <Deadline due={m.due_date} done /> : <Deadline due={m.due_date} />}
      </span>
    </MeasureRow>
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
  const { busy, error, setError, run } = useAction();

  const add = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!title.trim() || !responsible || !due) {
      setError(t.detail.missingMeasure);
      return;
    }
    await run(async () => {
      await addMeasure(i.id, {
        title: title.trim(), responsible_user_id: Number(responsible), due_date: due, kind: 'atgard',
      });
      setTitle('');
      setResponsible('');
      onChanged(t.detail.measureAdded);
    });
  };

  const markDone = (m: Measure) => run(async () => {
    await updateMeasure(i.id, m.id, { status: 'klar' });
    onChanged(t.detail.measureDone);
  });

  // The responsible may be the manager themself, whether or not /colleagues lists them.
  const sorted = responsibleOptions(colleagues, me);

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
