// Registrera övning: a chef or säkerhetssamordnare records a training
// session, exercise or alarm drill for a unit they cover, with findings; a
// finding with an owner and a due date is a measure that is followed up.
import { useRef, useState } from 'preact/hooks';
import { errorMessage } from '../api';
import { ErrorMessage, Loading } from '../components/Alert';
import { ChoiceGroup } from '../components/ChoiceGroup';
import { TextArea, TextField, SelectField } from '../components/Field';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { FindingFields } from '../components/routines/FindingFields';
import { UnitOptions } from '../components/UnitOptions';
import { loadColleagues, loadUnits } from '../data';
import { responsibleOptions } from '../followup';
import { useLoad } from '../hooks';
import { useT } from '../i18n';
import { navigate, paths } from '../router';
import {
  createExercise, editableUnits, emptyFinding, EXERCISE_KINDS, exerciseFormErrors, newExerciseRequest,
  recordsExercises, type ExerciseForm, type ExerciseKind, type ExerciseProblem,
} from '../routines';
import { useSession } from '../session';
import { stockholmDate } from '../time';
import '../styles/routines.css';

const fieldId = (p: ExerciseProblem): string => {
  if (p.field === 'findingText') return `finding-${p.index}-text`;
  if (p.field === 'findingDue') return `finding-${p.index}-due`;
  return {
    unitId: 'exercise-unit', kind: 'exercise-kind', heldOn: 'exercise-date', scenario: 'exercise-scenario',
    participants: 'exercise-participants',
  }[p.field];
};

export function ExerciseNew() {
  const t = useT();
  const w = t.exerciseForm;
  const { me } = useSession();
  const units = useLoad(loadUnits, []);
  const colleagues = useLoad(loadColleagues, []);
  const [form, setForm] = useState<ExerciseForm>(() => ({
    unitId: '', kind: '', heldOn: stockholmDate(Date.now()), scenario: '', participants: '', notes: '',
    findings: [emptyFinding()],
  }));
  const [problems, setProblems] = useState<ExerciseProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof ExerciseForm>(k: K) => (v: ExerciseForm[K]) => setForm((f) => ({ ...f, [k]: v }));

  const msg = (p: ExerciseProblem): string => ({
    unitId: w.missingUnit, kind: w.missingKind, heldOn: w.missingHeldOn, scenario: w.missingScenario,
    participants: w.badParticipants, findingText: w.missingFindingText, findingDue: w.missingFindingDue,
  })[p.field];
  const errorFor = (field: ExerciseProblem['field'], index?: number): string | undefined => {
    const p = problems.find((x) => x.field === field && (index === undefined || ('index' in x && x.index === index)));
    return p ? msg(p) : undefined;
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const found = exerciseFormErrors(form);
    setProblems(found);
    if (found.length) {
      setError(w.missing);
      const id = fieldId(found[0]!);
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`#${id}`)?.focus());
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const ex = await createExercise(newExerciseRequest(form));
      navigate(paths.exercise(ex.id));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const owners = colleagues.data ? responsibleOptions(colleagues.data, me) : [];
  const mine = units.data ? editableUnits(units.data, me) : [];
  return (
    <Page title={w.heading}>
      <p class="back-link"><Link href={paths.exercises}>← {t.exerciseDetail.back}</Link></p>
      {!recordsExercises(me.roles) ? <p class="alert alert--info">{w.notRecorder}</p> : (
        <>
          <ErrorMessage>{units.error ?? colleagues.error}</ErrorMessage>
          {(!units.data || !colleagues.data) && !units.error && !colleagues.error && <Loading />}
          {units.data && colleagues.data && (
            <form ref={formRef} class="stack" onSubmit={submit} noValidate data-testid="exercise-form">
              <SelectField id="exercise-unit" label={w.unit} value={form.unitId} onValue={set('unitId')}
                error={errorFor('unitId')} required>
                <option value="">{w.chooseUnit}</option>
                <UnitOptions units={mine} kinds={['forvaltning', 'avdelning', 'enhet']} />
              </SelectField>
              <ChoiceGroup<ExerciseKind> id="exercise-kind" legend={w.kind} name="exercise-kind" compact required
                options={EXERCISE_KINDS.map((k) => ({ value: k, label: t.exerciseKind[k] }))}
                value={form.kind || null} onChange={set('kind')} error={errorFor('kind')} />
              <TextField id="exercise-date" label={w.heldOn} type="date" value={form.heldOn} onValue={set('heldOn')}
                error={errorFor('heldOn')} required />
              <TextArea id="exercise-scenario" label={w.scenario} hint={w.scenarioHint} value={form.scenario}
                onValue={set('scenario')} rows={3} maxLength={2000} error={errorFor('scenario')} required />
              <TextField id="exercise-participants" label={w.participants} hint={w.participantsHint}
                value={form.participants} onValue={set('participants')} inputMode="numeric" maxLength={5}
                error={errorFor('participants')} optional={t.common.optional} />
              <TextArea id="exercise-notes" label={w.notes} value={form.notes} onValue={set('notes')} rows={3}
                maxLength={4000} optional={t.common.optional} />
              <section aria-labelledby="exercise-findings-heading">
                <h2 id="exercise-findings-heading">{w.findingsHeading}</h2>
                <p class="section-lead">{w.findingsLead}</p>
                <div class="finding-rows">
                  {form.findings.map((row, i) => (
                    <fieldset key={i} class="finding-row" data-testid="finding-row">
                      <legend>{w.findingLegend(i + 1)}</legend>
                      <FindingFields idPrefix={`finding-${i}`} row={row} owners={owners}
                        textError={errorFor('findingText', i)} dueError={errorFor('findingDue', i)}
                        onChange={(r) => set('findings')(form.findings.map((x, j) => (j === i ? r : x)))} />
                      {form.findings.length > 1 && (
                        <button type="button" class="button button--quiet button--small"
                          onClick={() => set('findings')(form.findings.filter((_, j) => j !== i))}>
                          {w.removeFinding(i + 1)}
                        </button>
                      )}
                    </fieldset>
                  ))}
                </div>
                <button type="button" class="button button--secondary"
                  onClick={() => {
                    const n = form.findings.length;
                    set('findings')([...form.findings, emptyFinding()]);
                    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`#finding-${n}-text`)?.focus());
                  }}>
                  {w.addFinding}
                </button>
              </section>
              <ErrorMessage>{error}</ErrorMessage>
              <div class="submit-bar">
                <button type="submit" class="button button--primary button--large" aria-disabled={busy ? 'true' : undefined}>
                  {w.create}
                </button>
              </div>
            </form>
          )}
        </>
      )}
    </Page>
  );
}
