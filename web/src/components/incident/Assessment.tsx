// Bedömning: a manager adjusts severity and sensitivity (and, where they may
// see them, the perpetrator fields).
import { useEffect, useState } from 'preact/hooks';
import { updateIncident } from '../../api';
import { useAction } from '../../hooks';
import { useT } from '../../i18n';
import { PERPETRATOR_RELATIONS, SEVERITIES, type Incident, type PerpetratorRelation, type Severity } from '../../types';
import { ErrorMessage } from '../Alert';
import { Checkbox, SelectField, TextArea } from '../Field';

export function Assessment({ incident: i, onChanged }: { incident: Incident; onChanged: (m: string) => void }) {
  const t = useT();
  const [severity, setSeverity] = useState(String(i.severity));
  const [sensitive, setSensitive] = useState(i.sensitive);
  const [relation, setRelation] = useState(i.perpetrator_relation ?? '');
  const [note, setNote] = useState(i.perpetrator_note ?? '');
  const { busy, error, run } = useAction();
  const hasRelation = 'perpetrator_relation' in i;
  const hasNote = 'perpetrator_note' in i;

  useEffect(() => {
    setSeverity(String(i.severity));
    setSensitive(i.sensitive);
    setRelation(i.perpetrator_relation ?? '');
    setNote(i.perpetrator_note ?? '');
  }, [i.version]);

  const save = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const patch: Parameters<typeof updateIncident>[1] = { version: i.version };
    if (Number(severity) !== i.severity) patch.severity = Number(severity) as Severity;
    if (sensitive !== i.sensitive) patch.sensitive = sensitive;
    if (hasRelation && relation !== (i.perpetrator_relation ?? '')) {
      patch.perpetrator_relation = relation ? (relation as PerpetratorRelation) : null;
    }
    if (hasNote && note !== (i.perpetrator_note ?? '')) patch.perpetrator_note = note;
    if (Object.keys(patch).length === 1) {
      onChanged(t.detail.changesSaved);
      return;
    }
    await run(async () => {
      await updateIncident(i.id, patch);
      onChanged(t.detail.changesSaved);
    });
  };

  return (
    <section class="panel" aria-labelledby="assessment-heading">
      <h2 id="assessment-heading">{t.detail.classification}</h2>
      <ErrorMessage>{error}</ErrorMessage>
      <form class="stack" onSubmit={save} noValidate>
        <SelectField id="assess-severity" label={t.detail.editSeverity} value={severity} onValue={setSeverity}>
          {SEVERITIES.map((s) => <option key={s} value={String(s)}>{s} – {t.severity[s]}</option>)}
        </SelectField>
        <Checkbox id="assess-sensitive" label={t.detail.editSensitive} hint={t.report.sensitiveHint}
          checked={sensitive} onChange={setSensitive} />
        {hasRelation && (
          <SelectField id="assess-relation" label={t.detail.editRelation} value={relation}
            onValue={setRelation}>
            <option value="">{t.common.notSet}</option>
            {PERPETRATOR_RELATIONS.map((r) => <option key={r} value={r}>{t.relation[r]}</option>)}
          </SelectField>
        )}
        {hasNote && (
          <TextArea id="assess-note" label={t.detail.editNote} value={note} onValue={setNote} rows={2}
            maxLength={2000} />
        )}
        <button type="submit" class="button button--secondary" aria-disabled={busy ? 'true' : undefined}>
          {t.detail.saveChanges}
        </button>
      </form>
    </section>
  );
}
