// Stöd: support for the exposed or the whole work group (measures of kind
// "stod"): what, for whom, who owns it, by when, when it is followed up, done.
import { useState } from 'preact/hooks';
import { addMeasure, updateMeasure } from '../../api';
import { responsibleOptions, supportItems } from '../../followup';
import { useAction } from '../../hooks';
import { sv } from '../../i18n/sv';
import { useT } from '../../i18n';
import { useSession } from '../../session';
import { addDays, stockholmDate } from '../../time';
import { SUPPORT_TYPES, type Colleague, type Incident, type Measure, type SupportType } from '../../types';
import { ErrorMessage } from '../Alert';
import { ChoiceGroup } from '../ChoiceGroup';
import { Deadline } from '../Deadline';
import { SelectField, TextField } from '../Field';
import { MeasureRow } from './MeasureRow';

interface Props {
  incident: Incident;
  colleagues: Colleague[];
  onChanged: (message: string) => void;
}

const GROUP = 'group';

function SupportItem({ m, manage, busy, onDone }: {
  m: Measure; manage: boolean; busy: boolean; onDone: (m: Measure) => void;
}) {
  const t = useT();
  const done = m.status === 'klar';
  const type = m.support_type ? t.supportType[m.support_type] : m.title;
  const forWhom = m.support_group ? t.support.wholeGroup : m.support_person?.display_name ?? null;
  return (
    <MeasureRow m={m} title={type} manage={manage} busy={busy} onDone={onDone} testId="support-item"
      doneLabel={t.support.markDoneLabel(type)} doneText={t.support.markDone}>
      {forWhom && (
        <>
          <span>{t.support.forWhom}: {forWhom}</span>
          <span aria-hidden="true"> · </span>
        </>
      )}
      <span>{t.support.owner}: {m.responsible.display_name}</span>
      <span aria-hidden="true"> · </span>
      <span>
        {t.support.due}: {done ? <Deadline due={m.due_date} done /> : <Deadline due={m.due_date} />}
      </span>
      <span aria-hidden="true"> · </span>
      <span>
        {m.follow_up_date
          ? <>{t.support.followUp}: <time dateTime={m.follow_up_date}>{m.follow_up_date}</time></>
          : t.support.noFollowUp}
      </span>
    </MeasureRow>
  );
}

export function Support({ incident: i, colleagues, onChanged }: Props) {
  const t = useT();
  const { me } = useSession();
  const manage = i.access.manage;
  const items = supportItems(i.measures);
  const exposed = i.exposed ?? [];
  const [type, setType] = useState<SupportType | null>(null);
  const [person, setPerson] = useState<string | null>(exposed.length === 1 ? String(exposed[0]!.id) : null);
  const [owner, setOwner] = useState(String(me.id));
  const [due, setDue] = useState(() => addDays(stockholmDate(Date.now()), 2));
  const [followUp, setFollowUp] = useState(() => addDays(stockholmDate(Date.now()), 30));
  const { busy, error, setError, run } = useAction();

  const add = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!type || !person || !owner || !due) {
      setError(t.support.missing);
      return;
    }
    await run(async () => {
      await addMeasure(i.id, {
        // The title is stored with the incident: always in Swedish, never a name.
        title: sv.supportType[type],
        responsible_user_id: Number(owner),
        due_date: due,
        kind: 'stod',
        support_type: type,
        support_group: person === GROUP,
        ...(person !== GROUP ? { support_user_id: Number(person) } : {}),
        ...(followUp ? { follow_up_date: followUp } : {}),
      });
      setType(null);
      onChanged(t.support.added);
    });
  };

  const markDone = (m: Measure) => run(async () => {
    await updateMeasure(i.id, m.id, { status: 'klar' });
    onChanged(t.support.done);
  });

  const sorted = responsibleOptions(colleagues, me);
  const showForm = manage && i.status !== 'avslutad';

  return (
    <section class="panel" aria-labelledby="support-heading" data-testid="support-section">
      <h2 id="support-heading">{t.support.heading}</h2>
      <p class="section-lead">{t.support.lead}</p>
      {items.length === 0
        ? <p class="muted">{t.support.none}</p>
        : (
          <ul class="measure-list">
            {items.map((m) => <SupportItem key={m.id} m={m} manage={manage} busy={busy} onDone={markDone} />)}
          </ul>
        )}
      {!showForm && <ErrorMessage>{error}</ErrorMessage>}
      {showForm && (
        <form class="subform" onSubmit={add} noValidate aria-labelledby="support-form-heading">
          <h3 id="support-form-heading">{t.support.addHeading}</h3>
          <div class="wide-choices">
          <ChoiceGroup<SupportType>
            legend={t.support.type}
            name={`support-type-${i.id}`}
            options={SUPPORT_TYPES.map((s) => ({ value: s, label: t.supportType[s] }))}
            value={type}
            onChange={setType}
          />
          <ChoiceGroup<string>
            legend={t.support.person}
            name={`support-person-${i.id}`}
            options={[
              ...exposed.map((p) => ({ value: String(p.id), label: p.display_name })),
              { value: GROUP, label: t.support.wholeGroup },
            ]}
            value={person}
            onChange={setPerson}
          />
          </div>
          <div class="form-row">
            <SelectField id={`support-owner-${i.id}`} label={t.support.owner} value={owner} onValue={setOwner} required>
              <option value="">{t.detail.chooseResponsible}</option>
              {sorted.map((c) => <option key={c.id} value={String(c.id)}>{c.display_name}</option>)}
            </SelectField>
            <TextField id={`support-due-${i.id}`} type="date" label={t.support.due} value={due} onValue={setDue}
              required />
            <TextField id={`support-follow-${i.id}`} type="date" label={t.support.followUp}
              hint={t.support.followUpHint} optional={t.common.optional} value={followUp} onValue={setFollowUp} />
          </div>
          <ErrorMessage>{error}</ErrorMessage>
          <button type="submit" class="button button--primary" aria-disabled={busy ? 'true' : undefined}>
            {t.support.add}
          </button>
        </form>
      )}
    </section>
  );
}
