// The signed-in user's unread notification count, shared by the header bell
// and the Aviseringar page: polled every minute and on navigation.
import { useEffect, useState } from 'preact/hooks';
import { getNotifications } from './api';

let unread = 0;
const listeners = new Set<(n: number) => void>();
let inFlight: Promise<void> | null = null;

export function setUnread(n: number): void {
  if (n === unread) return;
  unread = n;
  for (const l of listeners) l(n);
}

/** Asks the server for the unread count; concurrent calls share one request. */
export function refreshUnread(): Promise<void> {
  if (!inFlight) {
    inFlight = getNotifications({ unread: true, limit: 1 })
      .then((r) => setUnread(r.unread))
      .catch(() => { /* keep the last count; the next poll tries again */ })
      .finally(() => {
        inFlight = null;
      });
  }
  return inFlight;
}

export function resetUnread(): void {
  setUnread(0);
}

export const POLL_MS = 60_000;

/** The unread count, kept fresh while `active` (signed in): every minute, on `navKey` change and on focus. */
export function useUnread(active: boolean, navKey: unknown): number {
  const [n, setN] = useState(unread);
  useEffect(() => {
    listeners.add(setN);
    return () => {
      listeners.delete(setN);
    };
  }, []);
  useEffect(() => {
    if (!active) return undefined;
    const h = window.setInterval(() => {
      if (document.visibilityState !== 'hidden') void refreshUnread();
    }, POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refreshUnread();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(h);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [active]);
  useEffect(() => {
    if (active) void refreshUnread();
    else resetUnread();
  }, [active, navKey]);
  return n;
}
