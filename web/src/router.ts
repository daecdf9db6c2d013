// History routing. The server serves index.html for every non-API path, so
// every route below can be opened directly or reloaded.
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'login' }
  | { name: 'start' }
  | { name: 'report' }
  | { name: 'incidents' }
  | { name: 'incident'; id: number }
  | { name: 'policeReport'; id: number }
  | { name: 'notifications' }
  | { name: 'inbox' }
  | { name: 'admin' }
  | { name: 'riskAssessments' }
  | { name: 'riskNew' }
  | { name: 'riskAssessment'; id: number }
  | { name: 'riskEdit'; id: number }
  | { name: 'knowledgeBank' }
  | { name: 'plans' }
  | { name: 'planNew' }
  | { name: 'plan'; id: number }
  | { name: 'riskTemplate' }
  | { name: 'statistics' }
  | { name: 'equivalence' }
  | { name: 'quarterlyReport' }
  | { name: 'kpiTrends' }
  | { name: 'routines' }
  | { name: 'routineNew' }
  | { name: 'routine'; id: number }
  | { name: 'exercises' }
  | { name: 'exerciseNew' }
  | { name: 'exercise'; id: number }
  | { name: 'kpiImport' }
  | { name: 'unitProfiles' }
  | { name: 'alarms' }
  | { name: 'alarm'; id: number }
  | { name: 'alarmSites' }
  | { name: 'notFound' };

export const paths = {
  login: '/login',
  start: '/',
  report: '/rapportera',
  incidents: '/handelser',
  incident: (id: number) => `/handelser/${id}`,
  policeReport: (id: number) => `/handelser/${id}/polisanmalan`,
  notifications: '/aviseringar',
  inbox: '/att-hantera',
  admin: '/admin',
  riskAssessments: '/riskbedomningar',
  riskNew: '/riskbedomningar/ny',
  riskAssessment: (id: number) => `/riskbedomningar/${id}`,
  riskEdit: (id: number) => `/riskbedomningar/${id}/andra`,
  knowledgeBank: '/kunskapsbank',
  plans: '/sakerhetsplaner',
  planNew: '/sakerhetsplaner/ny',
  plan: (id: number) => `/sakerhetsplaner/${id}`,
  riskTemplate: '/riskmall',
  statistics: '/statistik',
  equivalence: '/statistik/likvardighet',
  quarterlyReport: '/statistik/rapport',
  kpiTrends: '/statistik/nyckeltal',
  routines: '/rutiner',
  routineNew: '/rutiner/ny',
  routine: (id: number) => `/rutiner/${id}`,
  exercises: '/ovningar',
  exerciseNew: '/ovningar/ny',
  exercise: (id: number) => `/ovningar/${id}`,
  kpiImport: '/statistik/nyckeltal/import',
  unitProfiles: '/enhetsuppgifter',
  alarms: '/larm',
  alarm: (id: number) => `/larm/${id}`,
  alarmSites: '/larm/platser',
};

export function matchRoute(pathname: string): Route {
  const p = pathname.replace(/\/+$/, '') || '/';
  if (p === '/') return { name: 'start' };
  if (p === paths.login) return { name: 'login' };
  if (p === paths.report) return { name: 'report' };
  if (p === paths.incidents) return { name: 'incidents' };
  if (p === paths.inbox) return { name: 'inbox' };
  if (p === paths.admin) return { name: 'admin' };
  if (p === paths.notifications) return { name: 'notifications' };
  if (p === paths.riskAssessments) return { name: 'riskAssessments' };
  if (p === paths.riskNew) return { name: 'riskNew' };
  if (p === paths.knowledgeBank) return { name: 'knowledgeBank' };
  if (p === paths.plans) return { name: 'plans' };
  if (p === paths.planNew) return { name: 'planNew' };
  if (p === paths.riskTemplate) return { name: 'riskTemplate' };
  if (p === paths.statistics) return { name: 'statistics' };
  if (p === paths.equivalence) return { name: 'equivalence' };
  if (p === paths.quarterlyReport) return { name: 'quarterlyReport' };
  if (p === paths.kpiTrends) return { name: 'kpiTrends' };
  if (p === paths.routines) return { name: 'routines' };
  if (p === paths.routineNew) return { name: 'routineNew' };
  if (p === paths.exercises) return { name: 'exercises' };
  if (p === paths.exerciseNew) return { name: 'exerciseNew' };
  if (p === paths.kpiImport) return { name: 'kpiImport' };
  if (p === paths.unitProfiles) return { name: 'unitProfiles' };
  if (p === paths.alarms) return { name: 'alarms' };
  if (p === paths.alarmSites) return { name: 'alarmSites' };
  const al = /^\/larm\/(\d+)$/.exec(p);
  if (al) return { name: 'alarm', id: Number(al[1]) };
  const rt = /^\/rutiner\/(\d+)$/.exec(p);
  if (rt) return { name: 'routine', id: Number(rt[1]) };
  const ex = /^\/ovningar\/(\d+)$/.exec(p);
  if (ex) return { name: 'exercise', id: Number(ex[1]) };
  const sp = /^\/sakerhetsplaner\/(\d+)$/.exec(p);
  if (sp) return { name: 'plan', id: Number(sp[1]) };
  const ra = /^\/riskbedomningar\/(\d+)(\/andra)?$/.exec(p);
  if (ra) return ra[2] ? { name: 'riskEdit', id: Number(ra[1]) } : { name: 'riskAssessment', id: Number(ra[1]) };
  const pr = /^\/handelser\/(\d+)\/polisanmalan$/.exec(p);
  if (pr) return { name: 'policeReport', id: Number(pr[1]) };
  const m = /^\/handelser\/(\d+)$/.exec(p);
  if (m) return { name: 'incident', id: Number(m[1]) };
  return { name: 'notFound' };
}

export interface Location {
  pathname: string;
  search: string;
  /** How many in-app navigations have happened; 0 on first load. */
  count: number;
}

let navCount = 0;
const listeners = new Set<() => void>();

function current(): Location {
  return { pathname: window.location.pathname, search: window.location.search, count: navCount };
}

function notify(): void {
  navCount += 1;
  for (const l of listeners) l();
}

window.addEventListener('popstate', notify);

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const here = window.location.pathname + window.location.search;
  if (to === here && !opts.replace) return;
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  if (!opts.replace) window.scrollTo(0, 0);
  notify();
}

export function useLocation(): Location {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    const l = () => setLoc(current());
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  return loc;
}

/** True for a plain left click that the app should handle itself. */
export function isPlainClick(e: MouseEvent): boolean {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey && !e.defaultPrevented;
}
