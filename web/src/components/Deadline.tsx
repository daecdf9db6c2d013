// A due date as "om 2 dagar" / "försenad 3 dagar"; the date itself shows on
// hover and keyboard focus, and is always read by screen readers.
import { useT } from '../i18n';
import { deadlineState, deadlineText, stockholmDate } from '../time';

export function Deadline({ due, done }: { due: string; done?: boolean }) {
  const t = useT();
  const today = stockholmDate(Date.now());
  if (done) {
    return <time dateTime={due} class="deadline deadline--done">{due}</time>;
  }
  const state = deadlineState(due, today);
  const text = deadlineText(due, today, t.deadline);
  const label = t.deadline.dueDate(due);
  return (
    <time dateTime={due} title={label} tabIndex={0} class={`deadline deadline--${state.kind}`}>
      {text}
      <span class="deadline-date"> ({due})</span>
    </time>
  );
}
