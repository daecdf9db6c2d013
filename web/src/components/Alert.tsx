// Messages: errors are announced assertively (role=alert), confirmations politely.
import type { ComponentChildren } from 'preact';
import { useT } from '../i18n';

export function ErrorMessage({ children, id }: { children: ComponentChildren; id?: string }) {
  if (!children) return null;
  return (
    <div class="alert alert--error" role="alert" id={id}>
      {children}
    </div>
  );
}

export function Notice({ children }: { children: ComponentChildren }) {
  return (
    <div class="alert alert--ok" role="status">
      {children}
    </div>
  );
}

/** A polite live region that is always in the DOM, so changes are announced. */
export function LiveStatus({ message }: { message: string }) {
  return (
    <p class={message ? 'live-status' : 'live-status visually-hidden'} role="status" aria-live="polite">
      {message}
    </p>
  );
}

export function Loading() {
  const t = useT();
  return <p class="loading" role="status">{t.common.loading}</p>;
}
