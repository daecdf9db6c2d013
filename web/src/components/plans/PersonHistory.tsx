// The named person's other incidents as a warning in one sentence (the same
// sentence as in risk assessments), and whether a protected case names them.
import { useT } from '../../i18n';
import { historyWarning } from '../../risk';
import { formatDate } from '../../time';
import type { SubjectHistory } from '../../types';

export function PersonHistory({ history, heading, id, showProtected = true }: {
  history: SubjectHistory;
  heading: string;
  id: string;
  showProtected?: boolean;
}) {
  const t = useT();
  const text = historyWarning(history, t.risk, formatDate);
  const protectedCase = showProtected && history.protected_case;
  if (!text && !protectedCase) {
    return <p class="alert alert--info" data-testid={id}>{t.risk.historyNone}</p>;
  }
  return (
    <div class="alert alert--warn" role="group" aria-labelledby={`${id}-heading`} data-testid={id}>
      <p id={`${id}-heading`} class="alert-title">{heading}</p>
      {text && <p>{text}</p>}
      {protectedCase && <p>{t.risk.protectedCaseText}</p>}
    </div>
  );
}
