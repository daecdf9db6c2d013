// What waits on a chef or säkerhetssamordnare, grouped by why.
import { deadlineDay } from '../followup';
import { useT } from '../i18n';
import type { InboxItem, InboxReason } from '../types';
import { Deadline } from './Deadline';
import { IncidentRow } from './IncidentRow';
import { Link } from './Link';
import { paths } from '../router';

/** A count shown as a badge, read as "(3)". */
export function Count({ n }: { n: number }) {
  return (
    <span class="count">
      <span class="visually-hidden">(</span>{n}<span class="visually-hidden">)</span>
    </span>
  );
}

// What is most urgent first: escalations and rule breaches are already late.
const ORDER: InboxReason[] = ['escalation', 'rule_breach', 'new', 'serious', 'overdue_measure', 'my_measure'];

interface Props {
  items: InboxItem[];
  headingLevel?: 2 | 3;
  /** Show at most this many per group, with a link to the full inbox. */
  maxPerGroup?: number;
}

export function InboxView({ items, headingLevel = 2, maxPerGroup }: Props) {
  const t = useT();
  if (items.length === 0) return <p class="empty">{t.inbox.empty}</p>;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const now = Date.now();
  const extra = (item: InboxItem) => {
    if (item.measure) {
      return (
        <p class="incident-row-measure">
          {t.inbox.measure(item.measure.title)}
          {' · '}
          <Deadline due={item.measure.due_date} />
        </p>
      );
    }
    if (item.reason === 'rule_breach' || item.reason === 'escalation') {
      const kind = item.rule?.kind ?? 'authority_notified';
      const missing = t.ruleMissing[kind] ?? kind;
      const text = item.reason === 'escalation' ? t.inbox.escalation(missing) : t.inbox.rule(missing);
      return (
        <p class="incident-row-measure incident-row-breach" data-testid="inbox-rule">
          <span aria-hidden="true">⚠ </span>
          {text}
          {item.rule?.due_at && <> · {t.rulesText.byDate(deadlineDay(t, item.rule.due_at, now))}</>}
        </p>
      );
    }
    return undefined;
  };
  return (
    <div class="inbox">
      {ORDER.map((reason) => {
        const group = items.filter((i) => i.reason === reason);
        if (group.length === 0) return null;
        const id = `inbox-${reason}`;
        return (
          <section key={reason} class={`inbox-group inbox-group--${reason}`} aria-labelledby={id}>
            <H id={id} class="inbox-heading">
              {t.inboxReason[reason]} <Count n={group.length} />
            </H>
            <ul class="incident-list">
              {group.slice(0, maxPerGroup ?? group.length).map((item) => (
                <IncidentRow
                  key={`${reason}-${item.incident.id}-${item.measure?.id ?? item.rule?.kind ?? 0}`}
                  incident={item.incident}
                  extra={extra(item)}
                />
              ))}
            </ul>
            {maxPerGroup !== undefined && group.length > maxPerGroup && (
              <p class="show-all">
                <Link href={paths.inbox}>{t.inbox.showAll(t.inboxReason[reason], group.length)}</Link>
              </p>
            )}
          </section>
        );
      })}
    </div>
  );
}
