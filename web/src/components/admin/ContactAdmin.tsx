// Kontaktuppgifter: the förvaltning's legal name, organisation number, address,
// phone and e-mail — used in police reports instead of an employee's address.
// A field the server refuses shows its message at the field.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, errorMessage, getOrgContact, putOrgContact } from '../../api';
import { errorField } from '../../followup';
import { useLoad } from '../../hooks';
import { useT } from '../../i18n';
import type { OrgContact } from '../../types';
import { ErrorMessage, Loading } from '../Alert';
import { TextField } from '../Field';

type Fields = Omit<OrgContact, 'unit_id'>;
const EMPTY: Fields = {
  legal_name: '', org_number: '', street_address: '', postal_code: '', city: '', phone: '', email: '',
};
const FIELDS = Object.keys(EMPTY) as (keyof Fields)[];

export function ContactAdmin({ unitId, onChanged }: { unitId: number; onChanged: (m: string) => void }) {
  const t = useT();
  const w = t.adminContact;
  const contact = useLoad(async () => {
    try {
      return await getOrgContact(unitId);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }, [unitId]);
  const [form, setForm] = useState<Fields>(EMPTY);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<keyof Fields, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (contact.data === undefined) return;
    const c = contact.data;
    setForm(c ? { ...EMPTY, ...Object.fromEntries(FIELDS.map((f) => [f, c[f] ?? ''])) } as Fields : EMPTY);
    setFieldErrors({});
    setError(null);
  }, [contact.data]);

  const set = (k: keyof Fields) => (v: string) => {
    setForm((f) => ({ ...f, [k]: v }));
    setFieldErrors((e) => ({ ...e, [k]: undefined }));
  };

  const save = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const body = Object.fromEntries(FIELDS.map((f) => [f, form[f].trim()])) as Fields;
      const saved = await putOrgContact(unitId, body);
      contact.setData(saved);
      onChanged(w.saved);
    } catch (err) {
      const field = err instanceof ApiError ? errorField(err) : null;
      if (field && (FIELDS as string[]).includes(field)) {
        setFieldErrors({ [field]: errorMessage(err) });
        requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`#contact-${field}`)?.focus());
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  };

  const field = (k: keyof Fields, label: string, extra: Record<string, unknown> = {}) => (
    // autocomplete off: the browser must never offer someone's own (home) address here.
    <TextField id={`contact-${k}`} label={label} value={form[k]} onValue={set(k)} error={fieldErrors[k]}
      autocomplete="off" {...extra} />
  );

  return (
    <section class="panel" aria-labelledby="contact-admin-heading">
      <h2 id="contact-admin-heading">{w.heading}</h2>
      <p class="section-lead">{w.lead}</p>
      <ErrorMessage>{contact.error}</ErrorMessage>
      {contact.loading && contact.data === undefined && <Loading />}
      {contact.data !== undefined && (
        <form ref={formRef} class="stack" onSubmit={save} noValidate data-testid="contact-form">
          {contact.data === null && <p class="alert alert--info">{w.missing}</p>}
          {field('legal_name', w.legalName, { hint: w.legalNameHint, required: true, maxLength: 200 })}
          <div class="form-row">
            {field('org_number', w.orgNumber, { hint: w.orgNumberHint, required: true, maxLength: 20, inputMode: 'numeric' })}
            {field('phone', w.phone, { type: 'tel', required: true, maxLength: 40 })}
          </div>
          {field('street_address', w.streetAddress, { maxLength: 200, optional: t.common.optional })}
          <div class="form-row">
            {field('postal_code', w.postalCode, { maxLength: 20, optional: t.common.optional })}
            {field('city', w.city, { maxLength: 200, optional: t.common.optional })}
          </div>
          {field('email', w.email, { type: 'email', maxLength: 200, optional: t.common.optional })}
          <ErrorMessage>{error}</ErrorMessage>
          <button type="submit" class="button button--primary" aria-disabled={busy ? 'true' : undefined}>
            {w.save}
          </button>
        </form>
      )}
    </section>
  );
}
