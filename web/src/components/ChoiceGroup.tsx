// A few choices as large tap-friendly tiles with native radio semantics
// (arrow keys move between them, screen readers say "radio, 2 of 8").
import { useId } from '../hooks';

export interface Choice<V> {
  value: V;
  label: string;
}

interface Props<V extends string | number> {
  legend: string;
  name: string;
  options: Choice<V>[];
  value: V | null;
  onChange: (v: V) => void;
  hint?: string;
  error?: string | null;
  optional?: string;
  required?: boolean;
  /** Narrow tiles (two or more per row even on a phone). */
  compact?: boolean;
  id?: string;
}

export function ChoiceGroup<V extends string | number>(p: Props<V>) {
  const auto = useId('cg');
  const id = p.id ?? auto;
  const described = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean)
    .join(' ') || undefined;
  return (
    <fieldset
      class={`choices${p.error ? ' field--error' : ''}`}
      id={id}
      aria-describedby={described}
      tabIndex={-1}
    >
      <legend class="field-label">
        {p.legend}
        {p.optional && <span class="field-optional"> {p.optional}</span>}
      </legend>
      {p.hint && <p id={`${id}-hint`} class="field-hint">{p.hint}</p>}
      {p.error && <p id={`${id}-error`} class="field-error">{p.error}</p>}
      <div class={p.compact ? 'choice-grid choice-grid--compact' : 'choice-grid'}>
        {p.options.map((o) => {
          const checked = p.value === o.value;
          return (
            <label key={String(o.value)} class={checked ? 'choice choice--checked' : 'choice'}>
              <input
                type="radio"
                class="choice-input"
                name={p.name}
                value={String(o.value)}
                checked={checked}
                required={p.required}
                aria-invalid={p.error ? 'true' : undefined}
                onChange={() => p.onChange(o.value)}
              />
              <span class="choice-text">{o.label}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
