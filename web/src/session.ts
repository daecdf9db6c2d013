// The signed-in user, shared through context.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Me, Role } from './types';

export interface Session {
  me: Me;
  logout: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in page');
  return s;
}

export const hasRole = (me: Me, role: Role): boolean => me.roles.includes(role);

/** Chef or säkerhetssamordnare: people with an inbox of things to handle. */
export const handlesIncidents = (me: Me): boolean =>
  hasRole(me, 'chef') || hasRole(me, 'sakerhetssamordnare');

/** Sees more than their own reports. */
export const seesOthersIncidents = (me: Me): boolean =>
  handlesIncidents(me) || hasRole(me, 'skyddsombud');
