// One finding row of an exercise: what was found and, optionally, an owner
// and a due date that make it a measure to follow up.
import { SelectField, TextArea, TextField } from '../Field';
import { useT } from '../../i18n';
import type { FindingRow } from '../../routines';
import type { Colleague } from '../../types';

export function FindingFields({ idPrefix, row, onChange, owners, textError, dueError }: {
  idPrefix: string;
  row: FindingRow;
  onChange: (r: FindingRow) => void;
  owners: Colleague[];
  textError?: string | undefined;
  dueError?: string | undefined;
}) {
  const t = useT();
  const w = t.exerciseForm;
  return (
    <>
      <TextArea id={`${idPrefix}-text`} label={w.findingText} value={row.text} rows={2} maxLength={2000}
        onValue={(v) => onChange({ ...row, text: v })} error={textError} />
      <div class="form-row">
        <SelectField id={`${idPrefix}-owner`} label={w.findingOwner} value={row.ownerId} optional={t.common.optional}
          onValue={(v) => onChange({ ...row, ownerId: v })}>
          <option value="">{w.noOwner}</option>
          {owners.map((c) => <option key={c.id} value={String(c.id)}>{c.display_name}</option>)}
        </SelectField>
        <TextField id={`${idPrefix}-due`} label={w.findingDue} type="date" value={row.dueDate}
          optional={row.ownerId ? undefined : t.common.optional} error={dueError}
          onValue={(v) => onChange({ ...row, dueDate: v })} />
      </div>
    </>
  );
}
