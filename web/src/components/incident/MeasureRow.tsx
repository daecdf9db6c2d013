// One measure or support in a list: its title, the caller's details, the day it
// was done, its status and (for a manager, while open) a "mark as done" button.
import type { ComponentChildren } from 'preact';
import { useT } from '../../i18n';
import { formatDate } from '../../time';
import type { Measure } from '../../types';
import { MeasureBadge } from '../StatusBadge';

export function MeasureRow({ m, title, manage, busy, onDone, doneLabel, doneText, testId, children }: {
  m: Measure;
  title: string;
  manage: boolean;
  busy: boolean;
  onDone: (m: Measure) => void;
  /** The button's accessible name, naming the measure. */
  doneLabel: string;
  doneText: string;
  testId?: string;
  /** The details line before "done on …". */
  children: ComponentChildren;
}) {
  const t = useT();
  const done = m.status === 'klar';
  return (
    <li class={`measure${done ? ' measure--done' : ''}`} data-testid={testId}>
      <div class="measure-main">
        <p class="measure-title">{title}</p>
        <p class="measure-meta">
          {children}
          {done && m.done_at && (
            <>
              <span aria-hidden="true"> · </span>
              <span>{t.deadline.doneOn(formatDate(m.done_at))}</span>
            </>
          )}
        </p>
      </div>
      <div class="measure-side">
        <MeasureBadge status={m.status} />
        {manage && !done && (
          <button type="button" class="button button--secondary button--small"
            aria-label={doneLabel} aria-disabled={busy ? 'true' : undefined}
            onClick={() => onDone(m)}>
            {doneText}
          </button>
        )}
      </div>
    </li>
  );
}
