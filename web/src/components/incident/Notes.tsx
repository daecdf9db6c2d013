// Anteckningar: notes on the incident; those with access.annotate may add.
import { useState } from 'preact/hooks';
import { addNote } from '../../api';
import { useAction } from '../../hooks';
import { useT } from '../../i18n';
import { formatDateTime } from '../../time';
import type { Incident } from '../../types';
import { ErrorMessage } from '../Alert';
import { TextArea } from '../Field';

export function Notes({ incident: i, onChanged }: { incident: Incident; onChanged: (m: string) => void }) {
  const t = useT();
  const notes = i.notes ?? [];
  const [text, setText] = useState('');
  const { busy, error, setError, run } = useAction();

  const add = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!text.trim()) {
      setError(t.detail.missingNote);
      return;
    }
    await run(async () => {
      await addNote(i.id, text.trim());
      setText('');
      onChanged(t.detail.noteAdded);
    });
  };

  return (
    <section class="panel" aria-labelledby="notes-heading">
      <h2 id="notes-heading">{t.detail.notes}</h2>
      {notes.length === 0
        ? <p class="muted">{t.detail.noNotes}</p>
        : (
          <ul class="note-list">
            {notes.map((n) => (
              <li key={n.id} class="note">
                <p class="note-meta">
                  <strong>{n.author.display_name}</strong>
                  <span aria-hidden="true"> · </span>
                  <time dateTime={n.created_at}>{formatDateTime(n.created_at)}</time>
                </p>
                <p class="prewrap">{n.text}</p>
              </li>
            ))}
          </ul>
        )}
      {i.access.annotate && (
        <form class="subform" onSubmit={add} noValidate>
          <ErrorMessage>{error}</ErrorMessage>
          <TextArea id="note-text" label={t.detail.noteText} value={text} onValue={setText} rows={3}
            maxLength={8000} />
          <button type="submit" class="button button--primary" aria-disabled={busy ? 'true' : undefined}>
            {t.detail.addNote}
          </button>
        </form>
      )}
    </section>
  );
}
