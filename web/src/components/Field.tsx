// Labelled form fields with hint and error wired up through aria-describedby.
import type { ComponentChildren, JSX } from 'preact';
import { useId } from '../hooks';

interface Common {
  label: string;
  hint?: string;
  error?: string | null;
  optional?: string;
  class?: string;
}

function describedBy(id: string, hint?: string, error?: string | null): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

function Wrapper({ id, label, hint, error, optional, children, class: cls }:
    Common & { id: string; children: ComponentChildren }) {
  return (
    <div class={`field${error ? ' field--error' : ''}${cls ? ` ${cls}` : ''}`}>
      <label for={id} class="field-label">
        {label}
        {optional && <span class="field-optional"> {optional}</span>}
      </label>
      {hint && <p id={`${id}-hint`} class="field-hint">{hint}</p>}
      {error && <p id={`${id}-error`} class="field-error">{error}</p>}
      {children}
    </div>
  );
}

type InputProps = Common & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'class' | 'label' | 'onInput'> & {
  value: string;
  onValue: (v: string) => void;
};

export function TextField({ label, hint, error, optional, class: cls, value, onValue, id: givenId,
  ...rest }: InputProps) {
  const auto = useId('in');
  const id = (givenId as string | undefined) ?? auto;
  return (
    <Wrapper id={id} label={label} hint={hint} error={error} optional={optional} class={cls}>
      <input
        id={id}
        class="input"
        value={value}
        onInput={(e) => onValue(e.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      />
    </Wrapper>
  );
}

type AreaProps = Common & Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, 'class' | 'label' | 'onInput'> & {
  value: string;
  onValue: (v: string) => void;
};

export function TextArea({ label, hint, error, optional, class: cls, value, onValue, id: givenId,
  ...rest }: AreaProps) {
  const auto = useId('ta');
  const id = (givenId as string | undefined) ?? auto;
  return (
    <Wrapper id={id} label={label} hint={hint} error={error} optional={optional} class={cls}>
      <textarea
        id={id}
        class="input textarea"
        value={value}
        onInput={(e) => onValue(e.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      />
    </Wrapper>
  );
}

type SelectProps = Common & Omit<JSX.SelectHTMLAttributes<HTMLSelectElement>, 'class' | 'label' | 'onChange'> & {
  value: string;
  onValue: (v: string) => void;
  children: ComponentChildren;
};

export function SelectField({ label, hint, error, optional, class: cls, value, onValue, children,
  id: givenId, ...rest }: SelectProps) {
  const auto = useId('se');
  const id = (givenId as string | undefined) ?? auto;
  return (
    <Wrapper id={id} label={label} hint={hint} error={error} optional={optional} class={cls}>
      <select
        id={id}
        class="input select"
        value={value}
        onChange={(e) => onValue(e.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      >
        {children}
      </select>
    </Wrapper>
  );
}

export function Checkbox({ label, hint, checked, onChange, id: givenId }: {
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  id?: string;
}) {
  const auto = useId('cb');
  const id = givenId ?? auto;
  return (
    <div class="check">
      <input
        type="checkbox"
        id={id}
        class="check-input"
        checked={checked}
        onChange={(e) => onChange(e.currentTarget.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label for={id} class="check-label">{label}</label>
      {hint && <p id={`${id}-hint`} class="field-hint check-hint">{hint}</p>}
    </div>
  );
}
