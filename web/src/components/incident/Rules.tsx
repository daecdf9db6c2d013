// Regelbrott och rutiner: the förvaltning's rules that apply to the incident,
// each explained in one line; breaches first, marked with text and an icon
// (never colour alone).
import { getRules } from '../../api';
import { loadUnits } from '../../data';
import { breachCount, explainRule, sortRules } from '../../followup';
import { useLoad } from '../../hooks';
import { useT } from '../../i18n';
import { handlesIncidents, hasRole, useSession } from '../../session';
import type { Incident, RuleKind, RuleState } from '../../types';
import { unitPath } from '../../units';
import { useNow } from './Authorities';

const ICON: Record<RuleState, string> = { breached: '⚠', pending: '○', met_late: '!', met: '✓' };

/** The working days of each rule kind, when the viewer may read the förvaltning's rules. */
function useWorkingDays(unitId: number, enabled: boolean): Partial<Record<RuleKind, number>> {
  const rules = useLoad(async () => {
    if (!enabled) return [];
    try {
      const units = await loadUnits();
      const forv = unitPath(units, unitId).find((u) => u.kind === 'forvaltning');
      return forv ? await getRules(forv.id) : [];
    } catch {
      return []; // the explanation then names the last day instead
    }
  }, [unitId, enabled]);
  const out: Partial<Record<RuleKind, number>> = {};
  for (const r of rules.data ?? []) out[r.kind] = r.working_days;
  return out;
}

export function Rules({ incident: i }: { incident: Incident }) {
  const t = useT();
  const { me } = useSession();
  const now = useNow();
  const mayReadRules = handlesIncidents(me) || hasRole(me, 'admin');
  const days = useWorkingDays(i.unit_id, mayReadRules);
  if (!i.rules) return null;
  const rules = sortRules(i.rules);
  const breaches = breachCount(rules);

  return (
    <section class={`panel${breaches > 0 ? ' panel--breach' : ''}`} aria-labelledby="rules-heading"
      data-testid="rules-section">
      <h2 id="rules-heading">
        {t.rules.heading}
        {breaches > 0 && (
          <span class="badge badge--breach rules-count">{t.rules.breachCount(breaches)}</span>
        )}
      </h2>
      <p class="section-lead">{t.rules.lead}</p>
      {rules.length === 0
        ? <p class="muted">{t.rules.none}</p>
        : (
          <ul class="rule-list">
            {rules.map((r) => {
              const x = explainRule(t, r, days[r.kind], now);
              return (
                <li key={r.kind} class={`rule rule--${r.state}`} data-testid="rule" data-kind={r.kind}
                  data-state={r.state}>
                  <span class={`rule-state rule-state--${r.state}`}>
                    <span aria-hidden="true">{ICON[r.state] ?? '•'}</span> {t.ruleState[r.state] ?? r.state}
                  </span>
                  <span class="rule-text">
                    {x.requirement} — <strong>{x.status}</strong>
                  </span>
                </li>
              );
            })}
          </ul>
        )}
    </section>
  );
}
