// Person bakom händelsen: whoever manages the incident, or a
// säkerhetssamordnare covering it, names the person by a number (sent once,
// stored only as a keyed hash, never shown back) and sees the person's other
// incidents as a warning. The section hides itself when the server says the
// caller may not (403/404).
import { useState } from 'preact/hooks';
import { ApiError, getIncidentSubjectHistory, putIncidentSubject } from '../../api';
import { useLoad } from '../../hooks';
import { useT } from '../../i18n';
import { subjectErrorText } from '../../plans';
import { SUBJECT_KINDS, type Incident, type SubjectHistory, type SubjectKind } from '../../types';
import { ErrorMessage } from '../Alert';
import { SelectField, TextField } from '../Field';
import { PersonHistory } from '../plans/PersonHistory';
import '../../styles/plans.css';

interface SubjectInfo {
  named: boolean;
  history: SubjectHistory | null;
  /** False when the installation has no pseudonymisation key (503 subject.not_configured). */
  configured: boolean;
}

export function PersonSection({ incident: i, onChanged }: { incident: Incident; onChanged: (m: string) => void }) {
  const t = useT();
  const w = t.personSection;
  const info = useLoad(async (): Promise<SubjectInfo | null> => {
    try {
      return { ...(await getIncidentSubjectHistory(i.id)), configured: true };
    } catch (err) {
      if (err instanceof ApiError && (err.status === 403 || err.status === 404)) return null;
      if (err instanceof ApiError && err.status === 503) return { named: false, history: null, configured: false };
      throw err;
    }
  }, [i.id, i.version]);
  const [kind, setKind] = useState<SubjectKind>('personnummer');
  const [identifier, setIdentifier] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Nothing until the server has said whether this caller may (no flash of a form).
  if (info.data === null || (info.data === undefined && !info.error)) return null;
  const named = info.data?.named ?? false;
  const configured = info.data?.configured ?? true;

  const put = async (value: string, message: string) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setFieldError(null);
    try {
      await putIncidentSubject(i.id, { kind, identifier: value });
      setIdentifier('');
      info.reload();
      onChanged(message);
    } catch (err) {
      const text = subjectErrorText(err, w.notConfigured);
      if (err instanceof ApiError && err.code === 'subject.identifier') setFieldError(text);
      else setError(text);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: Event) => {
    e.preventDefault();
    if (!identifier.trim()) {
      setFieldError(w.missing);
      return;
    }
    void put(identifier.trim(), w.saved);
  };

  return (
    <section class="panel" aria-labelledby="person-heading" data-testid="person-section">
      <h2 id="person-heading">{w.heading}</h2>
      <ErrorMessage>{info.error}</ErrorMessage>
      {info.data && (
        <>
          <p class="state-line" data-testid="person-state">{named ? w.named : w.notNamed}</p>
          {named && info.data.history && (
            <PersonHistory history={info.data.history} heading={w.history} id="person-history" />
          )}
        </>
      )}
      {!configured && <p class="alert alert--info" data-testid="person-not-configured">{w.notConfigured}</p>}
      <p class="section-lead">{w.lead}</p>
      {configured && <form class="subform" onSubmit={submit} noValidate data-testid="person-form">
        <div class="form-row">
          <SelectField id={`person-kind-${i.id}`} label={w.kind} value={kind} onValue={(v) => setKind(v as SubjectKind)}>
            {SUBJECT_KINDS.map((k) => <option key={k} value={k}>{t.risk.subjectKinds[k]}</option>)}
          </SelectField>
          <TextField id={`person-identifier-${i.id}`} label={w.identifier} hint={w.identifierHint} type="password"
            autocomplete="off" spellcheck={false} maxLength={40} value={identifier}
            onValue={(v) => { setIdentifier(v); setFieldError(null); }} error={fieldError} />
        </div>
        <ErrorMessage>{error}</ErrorMessage>
        <div class="actions">
          <button type="submit" class="button button--primary" aria-disabled={busy ? 'true' : undefined}>
            {named ? w.replace : w.save}
          </button>
          {named && (
            <button type="button" class="button button--secondary" aria-disabled={busy ? 'true' : undefined}
              onClick={() => void put('', w.removed)}>
              {w.remove}
            </button>
          )}
        </div>
      </form>}
    </section>
  );
}
