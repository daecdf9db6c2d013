// Tabs with the ARIA tabs pattern: arrow keys, Home and End move between
// tabs (automatic activation); only the chosen panel is rendered.
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { useId } from '../hooks';

export interface Tab<K extends string> {
  key: K;
  label: string;
}

interface Props<K extends string> {
  label: string;
  tabs: Tab<K>[];
  current: K;
  onChange: (key: K) => void;
  children: ComponentChildren;
}

export function Tabs<K extends string>({ label, tabs, current, onChange, children }: Props<K>) {
  const id = useId('tabs');
  const list = useRef<HTMLDivElement>(null);

  const onKeyDown = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.key === current);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    e.preventDefault();
    onChange(tabs[next]!.key);
    requestAnimationFrame(() => {
      list.current?.querySelector<HTMLElement>(`#${id}-tab-${tabs[next]!.key}`)?.focus();
    });
  };

  return (
    <div class="tabs">
      <div class="tab-list" role="tablist" aria-label={label} ref={list} onKeyDown={onKeyDown}>
        {tabs.map((t) => {
          const selected = t.key === current;
          return (
            <button
              key={t.key}
              type="button"
              role="tab"
              id={`${id}-tab-${t.key}`}
              class={`tab${selected ? ' tab--selected' : ''}`}
              aria-selected={selected ? 'true' : 'false'}
              aria-controls={`${id}-panel`}
              tabIndex={selected ? 0 : -1}
              onClick={() => onChange(t.key)}
            >
              {t.label}
            </button>
          );
        })}
      </div>
      <div class="tab-panel" role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${current}`}>
        {children}
      </div>
    </div>
  );
}
