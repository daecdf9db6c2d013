// A manager records that the säkerhetssamordnare was consulted, and whether
// the crime is aimed at one person (if not, the chef reports it to the police).
import { useEffect, useState } from 'preact/hooks';
import { updateIncident } from '../../api';
import { useAction } from '../../hooks';
import { useT } from '../../i18n';
import { formatDateTime } from '../../time';
import type { Incident } from '../../types';
import { ErrorMessage } from '../Alert';
import { Checkbox } from '../Field';

export function Coordinator({ incident: i, onChanged }: { incident: Incident; onChanged: (m: string) => void }) {
  const t = useT();
  const [notAimed, setNotAimed] = useState(i.aimed_at_person === false);
  const { busy, error, run } = useAction();

  useEffect(() => setNotAimed(i.aimed_at_person === false), [i.version]);

  const patch = (body: Parameters<typeof updateIncident>[1], message: string) => run(async () => {
    await updateIncident(i.id, { ...body, version: i.version });
    onChanged(message);
  });

  const saveAimed = (e: Event) => {
    e.preventDefault();
    if (notAimed === (i.aimed_at_person === false)) {
      onChanged(t.detail.changesSaved);
      return;
    }
    void patch({ aimed_at_person: !notAimed }, t.detail.changesSaved);
  };

  return (
    <section class="panel" aria-labelledby="coordinator-heading" data-testid="coordinator-section">
      <h2 id="coordinator-heading">{t.coordinator.heading}</h2>
      <ErrorMessage>{error}</ErrorMessage>
      {i.coordinator_consulted_at ? (
        <p class="state-line">
          <span aria-hidden="true" class="ok-icon">✓</span>
          <span>{t.coordinator.consulted(formatDateTime(i.coordinator_consulted_at))}</span>
        </p>
      ) : (
        <>
          <p>{t.coordinator.notConsulted}</p>
          <button type="button" class="button button--secondary" aria-disabled={busy ? 'true' : undefined}
            onClick={() => void patch({ coordinator_consulted: true }, t.coordinator.consultedSaved)}>
            {t.coordinator.markConsulted}
          </button>
        </>
      )}
      <form class="subform" onSubmit={saveAimed} noValidate>
        <Checkbox id={`not-aimed-${i.id}`} label={t.coordinator.notAimed} hint={t.coordinator.notAimedHint}
          checked={notAimed} onChange={setNotAimed} />
        <button type="submit" class="button button--secondary button--small" aria-disabled={busy ? 'true' : undefined}>
          {t.coordinator.saveAimed}
        </button>
      </form>
    </section>
  );
}
