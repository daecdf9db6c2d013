// Choose colleagues: type to filter, tick to add; chosen ones show as
// removable chips. Colleagues in my own unit are offered before any search.
import { useMemo, useState } from 'preact/hooks';
import { useId } from '../hooks';
import { useT } from '../i18n';
import type { Colleague, Unit } from '../types';
import { unitLabel } from '../units';

interface Props {
  colleagues: Colleague[];
  units: Unit[];
  selected: number[];
  onChange: (ids: number[]) => void;
  excludeId: number;
  myUnitId: number;
  /** The fieldset's legend (default: the report form's "colleagues who were also exposed"). */
  legend?: string;
  hint?: string;
}

const MAX_SHOWN = 8;

function normalise(s: string): string {
  return s.toLocaleLowerCase('sv').normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

export function ColleaguePicker({ colleagues, units, selected, onChange, excludeId, myUnitId, legend,
  hint }: Props) {
  const t = useT();
  const id = useId('cp');
  const [q, setQ] = useState('');
  const others = useMemo(
    () => colleagues.filter((c) => c.id !== excludeId)
      .sort((a, b) => a.display_name.localeCompare(b.display_name, 'sv')),
    [colleagues, excludeId]);
  const byId = useMemo(() => new Map(others.map((c) => [c.id, c])), [others]);

  const needle = normalise(q.trim());
  const matches = needle
    ? others.filter((c) => normalise(c.display_name).includes(needle))
    : others.filter((c) => c.unit_id === myUnitId);
  const shown = matches.slice(0, MAX_SHOWN);
  const hidden = matches.length - shown.length;

  const toggle = (cid: number, on: boolean) => {
    const next = on ? [...selected.filter((s) => s !== cid), cid] : selected.filter((s) => s !== cid);
    onChange(next);
  };

  return (
    <fieldset class="picker">
      <legend class="field-label">
        {legend ?? t.report.colleagues}
        <span class="field-optional"> {t.common.optional}</span>
      </legend>
      {hint && <p class="field-hint">{hint}</p>}
      {selected.length > 0 && (
        <div class="picker-selected">
          <p class="visually-hidden" id={`${id}-sel`}>{t.report.selectedColleagues}</p>
          <ul class="chips" aria-labelledby={`${id}-sel`}>
            {selected.map((sid) => {
              const name = byId.get(sid)?.display_name ?? `#${sid}`;
              return (
                <li key={sid} class="chip">
                  <span>{name}</span>
                  <button
                    type="button"
                    class="chip-remove"
                    aria-label={t.report.removeColleague(name)}
                    onClick={() => toggle(sid, false)}
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <div class="field">
        <label for={`${id}-q`} class="field-label field-label--small">{t.report.colleagueSearch}</label>
        <p id={`${id}-hint`} class="field-hint">{t.report.colleagueSearchHint}</p>
        <input
          id={`${id}-q`}
          type="search"
          class="input"
          autocomplete="off"
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
          aria-describedby={`${id}-hint ${id}-count`}
          aria-controls={`${id}-list`}
        />
      </div>
      <div id={`${id}-list`} class="picker-list">
        {shown.map((c) => (
          <div class="check" key={c.id}>
            <input
              type="checkbox"
              class="check-input"
              id={`${id}-c${c.id}`}
              checked={selected.includes(c.id)}
              onChange={(e) => toggle(c.id, e.currentTarget.checked)}
            />
            <label for={`${id}-c${c.id}`} class="check-label">
              {c.display_name}
              <span class="check-sub">{unitLabel(units, c.unit_id)}</span>
            </label>
          </div>
        ))}
      </div>
      <p id={`${id}-count`} class="field-hint" aria-live="polite">
        {needle && matches.length === 0 ? t.report.colleagueNoMatch : ''}
        {hidden > 0 ? t.report.colleagueMore(hidden) : ''}
      </p>
    </fieldset>
  );
}
