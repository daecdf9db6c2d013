// The fields of a security plan, for creating one and for editing it. Unit,
// scope and the person are chosen once, on creation (the API cannot change
// them); the person's number is a password-style field that is never filled in
// from the server.
import { useT } from '../../i18n';
import type { PlanForm } from '../../plans';
import { PLAN_SCOPES, RISK_LEVELS, SUBJECT_KINDS, type Colleague, type RiskLevel, type SubjectKind, type Unit } from '../../types';
import { ChoiceGroup } from '../ChoiceGroup';
import { ColleaguePicker } from '../ColleaguePicker';
import { Checkbox, SelectField, TextArea, TextField } from '../Field';
import { UnitOptions } from '../UnitOptions';

export type PlanFieldErrors = Partial<Record<'unitId' | 'title' | 'reviewDate' | 'identifier', string>>;

interface Props {
  mode: 'new' | 'edit';
  form: PlanForm;
  onChange: (f: PlanForm) => void;
  /** Units the plan may be for (new only). */
  planUnits: Unit[];
  /** Every unit, for names and the handling unit. */
  units: Unit[];
  colleagues: Colleague[];
  errors: PlanFieldErrors;
}

export function PlanFields({ mode, form: f, onChange, planUnits, units, colleagues, errors }: Props) {
  const t = useT();
  const w = t.planForm;
  const set = <K extends keyof PlanForm>(k: K) => (v: PlanForm[K]) => onChange({ ...f, [k]: v });
  const unitId = Number(f.unitId) || 0;
  const id = mode === 'new' ? 'plan' : 'plan-edit';

  return (
    <>
      {mode === 'new' && (
        <>
          <SelectField id={`${id}-unit`} label={w.unit} value={f.unitId} onValue={set('unitId')} error={errors.unitId} required>
            <option value="">{w.chooseUnit}</option>
            <UnitOptions units={planUnits} kinds={['forvaltning', 'avdelning', 'enhet']} />
          </SelectField>
          <ChoiceGroup legend={w.scope} name={`${id}-scope`} compact value={f.scope}
            options={PLAN_SCOPES.map((s) => ({ value: s, label: t.planScope[s] ?? s }))}
            onChange={(v) => set('scope')(v)} />
        </>
      )}
      <TextField id={`${id}-title`} label={w.title} hint={w.titleHint} value={f.title} onValue={set('title')}
        error={errors.title} maxLength={200} required autocomplete="off" />
      {mode === 'new' && f.scope === 'arende' && (
        <fieldset class="group" aria-describedby={`${id}-person-hint`}>
          <legend class="field-label">{w.person} <span class="field-optional">{t.common.optional}</span></legend>
          <p id={`${id}-person-hint`} class="field-hint">{w.personHint}</p>
          <div class="form-row">
            <SelectField id={`${id}-kind`} label={w.kind} value={f.subjectKind}
              onValue={(v) => set('subjectKind')(v as SubjectKind)}>
              {SUBJECT_KINDS.map((k) => <option key={k} value={k}>{t.risk.subjectKinds[k]}</option>)}
            </SelectField>
            <TextField id={`${id}-identifier`} label={w.identifier} hint={w.identifierHint} type="password"
              autocomplete="off" spellcheck={false} value={f.identifier} onValue={set('identifier')}
              error={errors.identifier} maxLength={40} />
          </div>
        </fieldset>
      )}
      <TextArea id={`${id}-threats`} label={w.threats} hint={w.threatsHint} value={f.threats} onValue={set('threats')}
        rows={4} maxLength={8000} optional={t.common.optional} />
      <ChoiceGroup legend={w.threatLevel} name={`${id}-level`} compact value={f.threatLevel}
        options={RISK_LEVELS.map((l) => ({ value: l, label: t.risk.levels[l] }))}
        onChange={(v) => set('threatLevel')(v as RiskLevel)} />
      <TextField id={`${id}-review`} label={w.reviewDate} type="date" value={f.reviewDate} onValue={set('reviewDate')}
        error={errors.reviewDate} required />
      <ColleaguePicker legend={w.people} hint={w.peopleHint} colleagues={colleagues} units={units}
        selected={f.peopleIds} onChange={set('peopleIds')} excludeId={-1} myUnitId={unitId} />
      <Checkbox id={`${id}-protected`} label={w.protectedCase} hint={w.protectedHint} checked={f.protectedCase}
        onChange={set('protectedCase')} />
      {f.protectedCase && (
        <fieldset class="routine-box" data-testid="routine-fields">
          <legend>{w.routine}</legend>
          <SelectField id={`${id}-handling-unit`} label={w.handlingUnit} value={f.handlingUnitId}
            onValue={set('handlingUnitId')}>
            <option value="">{w.handlingUnitOwn}</option>
            <UnitOptions units={units} kinds={['enhet']} />
          </SelectField>
          <ColleaguePicker legend={w.handlingGroup} hint={w.handlingGroupHint} colleagues={colleagues} units={units}
            selected={f.handlingGroupIds} onChange={set('handlingGroupIds')} excludeId={-1}
            myUnitId={Number(f.handlingUnitId) || unitId} />
          <div class="stack">
            <Checkbox id={`${id}-omit-name`} label={w.omitName} checked={f.omitName} onChange={set('omitName')} />
            <Checkbox id={`${id}-secure-room`} label={w.secureRoom} checked={f.secureRoomOnly} onChange={set('secureRoomOnly')} />
            <Checkbox id={`${id}-two-staff`} label={w.twoStaff} checked={f.twoStaffAlways} onChange={set('twoStaffAlways')} />
            <Checkbox id={`${id}-no-home`} label={w.noHomeVisits} checked={f.noHomeVisits} onChange={set('noHomeVisits')} />
          </div>
          <TextArea id={`${id}-instructions`} label={w.instructions} value={f.instructions} onValue={set('instructions')}
            rows={3} maxLength={4000} optional={t.common.optional} />
        </fieldset>
      )}
    </>
  );
}
