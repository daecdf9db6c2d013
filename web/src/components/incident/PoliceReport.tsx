// Polisanmälan: whether the incident was reported to the police, by whom, the
// police's case number and where the case stands — or why it was not reported.
// A manager records it; an exposed employee records their own report as
// målsägande. The förvaltning's address is used, never a home address.
import { useEffect, useState } from 'preact/hooks';
import { putPoliceReport } from '../../api';
import { useAction } from '../../hooks';
import { useT } from '../../i18n';
import { paths } from '../../router';
import { useSession } from '../../session';
import { formatDate, stockholmLocalToUtcIso, utcMsToStockholmLocalInput } from '../../time';
import {
  CASE_STATUSES, NOT_REPORTED_REASONS, type CaseStatus, type Incident, type NotReportedReason,
  type PoliceReport, type PoliceReporter, type PoliceReportInput,
} from '../../types';
import { ErrorMessage } from '../Alert';
import { ChoiceGroup } from '../ChoiceGroup';
import { SelectField, TextArea, TextField } from '../Field';
import { Link } from '../Link';

interface Props {
  incident: Incident;
  onChanged: (message: string) => void;
}

function Current({ report }: { report: PoliceReport | null }) {
  const t = useT();
  if (!report) return <p class="muted" data-testid="police-state">{t.police.notRecorded}</p>;
  if (!report.reported) {
    return (
      <div data-testid="police-state">
        <p class="state-line">
          <span class="badge badge--no-report">{t.police.notReported}</span>
        </p>
        <dl class="facts facts--compact">
          <div class="facts-row">
            <dt>{t.police.reason}</dt>
            <dd>{report.not_reported_reason ? t.notReportedReason[report.not_reported_reason] : t.common.notSet}</dd>
          </div>
          {report.note && (
            <div class="facts-row"><dt>{t.police.note}</dt><dd class="prewrap">{report.note}</dd></div>
          )}
        </dl>
      </div>
    );
  }
  const role = report.reporter ? t.policeReporter[report.reporter] : '';
  return (
    <div data-testid="police-state">
      <p class="state-line">
        <span class="badge badge--reported">{t.police.reported}</span>
        <span class={`badge badge--case-${report.case_status}`}>{t.caseStatus[report.case_status]}</span>
      </p>
      <dl class="facts facts--compact">
        <div class="facts-row">
          <dt>{t.police.reportedBy}</dt>
          <dd>{report.reported_by ? t.police.byRole(role, report.reported_by.display_name) : role || t.common.notSet}</dd>
        </div>
        {report.reported_at && (
          <div class="facts-row">
            <dt>{t.police.reportedAt}</dt>
            <dd><time dateTime={report.reported_at}>{formatDate(report.reported_at)}</time></dd>
          </div>
        )}
        <div class="facts-row">
          <dt>{t.police.caseNumber}</dt>
          <dd>{report.case_number || t.common.notSet}</dd>
        </div>
        <div class="facts-row">
          <dt>{t.police.caseStatus}</dt>
          <dd>{t.caseStatus[report.case_status] ?? report.case_status}</dd>
        </div>
        {report.note && (
          <div class="facts-row"><dt>{t.police.note}</dt><dd class="prewrap">{report.note}</dd></div>
        )}
      </dl>
    </div>
  );
}

interface FormState {
  reported: 'yes' | 'no' | null;
  reporter: PoliceReporter;
  person: string;
  when: string;
  caseNumber: string;
  caseStatus: CaseStatus;
  reason: NotReportedReason | null;
  note: string;
}

function initialForm(i: Incident, meId: number, manage: boolean): FormState {
  const r = i.police_report ?? null;
  const exposed = i.exposed ?? [];
  const defaultReporter: PoliceReporter = !manage ? 'medarbetare'
    : i.aimed_at_person === false || exposed.length === 0 ? 'chef' : 'medarbetare';
  const reporter = manage ? (r?.reporter ?? defaultReporter) : 'medarbetare';
  const person = r?.reported_by?.id ?? (reporter === 'chef' ? meId
    : exposed.some((p) => p.id === meId) ? meId : exposed[0]?.id);
  return {
    // An exposed employee records only their own report: always "reported".
    reported: !manage ? 'yes' : r ? (r.reported ? 'yes' : 'no') : null,
    reporter,
    person: person ? String(person) : '',
    when: utcMsToStockholmLocalInput(r?.reported_at ? Date.parse(r.reported_at) : Date.now()),
    caseNumber: r?.case_number ?? '',
    caseStatus: r?.case_status ?? 'anmald',
    reason: r?.not_reported_reason ?? null,
    note: r?.note ?? '',
  };
}

export function PoliceReportSection({ incident: i, onChanged }: Props) {
  const t = useT();
  const { me } = useSession();
  const manage = i.access.manage;
  const exposed = i.exposed ?? [];
  const isExposed = exposed.some((p) => p.id === me.id);
  const canEdit = manage || isExposed;
  const report = i.police_report ?? null;
  const [form, setForm] = useState<FormState>(() => initialForm(i, me.id, manage));
  const [errors, setErrors] = useState<{ reported?: string; reason?: string; when?: string; person?: string }>({});
  const { busy, error, run } = useAction();

  useEffect(() => {
    setForm(initialForm(i, me.id, manage));
  }, [i.version, report?.updated_at]);

  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  };

  const save = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const errs: typeof errors = {};
    if (!form.reported) errs.reported = t.police.isReported;
    if (form.reported === 'no' && !form.reason) errs.reason = t.police.missingReason;
    let reportedAt: string | null = null;
    if (form.reported === 'yes') {
      reportedAt = stockholmLocalToUtcIso(form.when);
      if (!reportedAt) errs.when = t.police.missingWhen;
      if (form.reporter === 'medarbetare' && manage && !form.person) errs.person = t.police.missingPerson;
    }
    setErrors(errs);
    if (Object.keys(errs).length > 0) return;

    let body: PoliceReportInput;
    if (form.reported === 'yes') {
      const reporter: PoliceReporter = manage ? form.reporter : 'medarbetare';
      const by = !manage ? me.id : reporter === 'chef' ? me.id : Number(form.person);
      body = {
        reported: true,
        reporter,
        reported_by_user_id: by,
        reported_at: reportedAt!,
        case_number: form.caseNumber.trim(),
        case_status: form.caseStatus,
        note: form.note.trim(),
      };
    } else {
      body = { reported: false, not_reported_reason: form.reason!, note: form.note.trim() };
    }
    await run(async () => {
      await putPoliceReport(i.id, body);
      onChanged(t.police.saved);
    });
  };

  const formBody = (
    <form class="stack" onSubmit={save} noValidate aria-labelledby="police-form-heading">
      <h3 id="police-form-heading" class={report ? 'visually-hidden' : ''}>
        {report ? t.police.formUpdate : t.police.formRecord}
      </h3>
      {manage && (
        <ChoiceGroup<'yes' | 'no'>
          legend={t.police.isReported}
          name={`police-reported-${i.id}`}
          options={[{ value: 'yes', label: t.police.yesReported }, { value: 'no', label: t.police.noNotReported }]}
          value={form.reported}
          onChange={(v) => set('reported', v)}
          error={errors.reported}
        />
      )}
      {form.reported === 'yes' && (
        <>
          {manage ? (
            <ChoiceGroup<PoliceReporter>
              legend={t.police.reporter}
              name={`police-reporter-${i.id}`}
              options={[
                ...(exposed.length > 0 ? [{ value: 'medarbetare' as const, label: t.policeReporter.medarbetare }] : []),
                { value: 'chef', label: t.policeReporter.chef },
              ]}
              value={form.reporter}
              onChange={(v) => set('reporter', v)}
              hint={i.aimed_at_person === false ? t.police.impersonalHint : undefined}
              compact
            />
          ) : (
            <p class="field-hint">{t.police.ownReport}</p>
          )}
          {manage && form.reporter === 'medarbetare' && exposed.length > 1 && (
            <SelectField id={`police-person-${i.id}`} label={t.police.reportedPerson} value={form.person}
              onValue={(v) => set('person', v)} error={errors.person}>
              <option value="">{t.common.choose}</option>
              {exposed.map((p) => <option key={p.id} value={String(p.id)}>{p.display_name}</option>)}
            </SelectField>
          )}
          <div class="form-row">
            <TextField id={`police-when-${i.id}`} type="datetime-local" label={t.police.when} value={form.when}
              onValue={(v) => set('when', v)} error={errors.when} required />
            <SelectField id={`police-status-${i.id}`} label={t.police.caseStatus} value={form.caseStatus}
              onValue={(v) => set('caseStatus', v as CaseStatus)}>
              {CASE_STATUSES.map((c) => <option key={c} value={c}>{t.caseStatus[c]}</option>)}
            </SelectField>
          </div>
          <TextField id={`police-case-${i.id}`} label={t.police.caseNumber} hint={t.police.caseNumberHint}
            optional={t.common.optional} value={form.caseNumber} onValue={(v) => set('caseNumber', v)}
            maxLength={40} autocomplete="off" />
        </>
      )}
      {form.reported === 'no' && (
        <ChoiceGroup<NotReportedReason>
          legend={t.police.reasonLegend}
          name={`police-reason-${i.id}`}
          options={NOT_REPORTED_REASONS.map((r) => ({ value: r, label: t.notReportedReason[r] }))}
          value={form.reason}
          onChange={(v) => set('reason', v)}
          error={errors.reason}
          compact
        />
      )}
      {form.reported && (
        <TextArea id={`police-note-${i.id}`} label={t.police.note} optional={t.common.optional} value={form.note}
          onValue={(v) => set('note', v)} rows={2} maxLength={1000} />
      )}
      <ErrorMessage>{error}</ErrorMessage>
      <button type="submit" class="button button--primary" aria-disabled={busy ? 'true' : undefined}>
        {t.police.save}
      </button>
    </form>
  );

  return (
    <section class="panel" aria-labelledby="police-heading" data-testid="police-section">
      <h2 id="police-heading">{t.police.heading}</h2>
      <Current report={report} />
      {canEdit && (
        <>
          <p class="alert alert--info police-hint">{t.police.addressHint}</p>
          <p>
            <Link href={paths.policeReport(i.id)} class="button button--secondary">
              {t.police.printLink}
            </Link>
          </p>
          {report ? (
            <details class="subform-details">
              <summary>{t.police.formUpdate}</summary>
              {formBody}
            </details>
          ) : (
            <div class="subform">{formBody}</div>
          )}
        </>
      )}
    </section>
  );
}
