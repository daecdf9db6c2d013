// The routine form's fields, shared by "Ny rutin" and the edit form: unit
// (new only), title, summary, document link, owner and revision date.
import { SelectField, TextArea, TextField } from '../Field';
import { UnitOptions } from '../UnitOptions';
import { useT } from '../../i18n';
import type { RoutineField, RoutineForm } from '../../routines';
import type { Colleague, Unit } from '../../types';

export type RoutineFieldErrors = Partial<Record<RoutineField, string>>;

export const ROUTINE_FIELD_IDS: Record<RoutineField, string> = {
  unitId: 'routine-unit', title: 'routine-title', documentUrl: 'routine-url', ownerId: 'routine-owner',
  revisionDate: 'routine-revision',
};

export function RoutineFields({ mode, form, onChange, units, owners, errors }: {
  mode: 'new' | 'edit';
  form: RoutineForm;
  onChange: (f: RoutineForm) => void;
  units: Unit[];
  owners: Colleague[];
  errors: RoutineFieldErrors;
}) {
  const t = useT();
  const w = t.routineForm;
  const set = <K extends keyof RoutineForm>(k: K) => (v: RoutineForm[K]) => onChange({ ...form, [k]: v });
  return (
    <>
      {mode === 'new' && (
        <SelectField id={ROUTINE_FIELD_IDS.unitId} label={w.unit} hint={w.unitHint} value={form.unitId}
          onValue={set('unitId')} error={errors.unitId} required>
          <option value="">{w.chooseUnit}</option>
          <UnitOptions units={units} kinds={['forvaltning', 'avdelning', 'enhet']} />
        </SelectField>
      )}
      <TextField id={ROUTINE_FIELD_IDS.title} label={w.title} value={form.title} onValue={set('title')}
        error={errors.title} maxLength={200} required />
      <TextArea id="routine-summary" label={w.summary} hint={w.summaryHint} value={form.summary}
        onValue={set('summary')} rows={5} maxLength={4000} optional={t.common.optional} />
      <TextField id={ROUTINE_FIELD_IDS.documentUrl} label={w.documentUrl} hint={w.documentUrlHint} type="url"
        value={form.documentUrl} onValue={set('documentUrl')} error={errors.documentUrl} maxLength={500}
        optional={t.common.optional} inputMode="url" />
      <div class="form-row">
        <SelectField id={ROUTINE_FIELD_IDS.ownerId} label={w.owner} value={form.ownerId} onValue={set('ownerId')}
          error={errors.ownerId} required>
          <option value="">{w.chooseOwner}</option>
          {owners.map((c) => <option key={c.id} value={String(c.id)}>{c.display_name}</option>)}
        </SelectField>
        <TextField id={ROUTINE_FIELD_IDS.revisionDate} label={w.revisionDate} type="date" value={form.revisionDate}
          onValue={set('revisionDate')} error={errors.revisionDate} required />
      </div>
    </>
  );
}
