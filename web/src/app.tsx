// The application: language, session and routing.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { errorMessage, fetchMe, logout, setApiLang, setUnauthorizedHandler } from './api';
import { ErrorMessage } from './components/Alert';
import { Layout } from './components/Layout';
import { AlarmOverlay } from './components/alarm/AlarmOverlay';
import { AlarmProvider } from './components/alarm/AlarmProvider';
import { managesAlarmSites } from './alarms';
import { AlarmDetailPage } from './pages/AlarmDetail';
import { Alarms } from './pages/Alarms';
import { AlarmSites } from './pages/AlarmSites';
import { clearReferenceData } from './data';
import { clearDraft } from './draft';
import { dictionaries, initialLang, LangContext, storeLang, type Lang } from './i18n';
import { Admin } from './pages/Admin';
import { IncidentDetail } from './pages/IncidentDetail';
import { Incidents } from './pages/Incidents';
import { Inbox } from './pages/Inbox';
import { Login } from './pages/Login';
import { NotFound } from './pages/NotFound';
import { Notifications } from './pages/Notifications';
import { PoliceReportPrint } from './pages/PoliceReportPrint';
import { Report } from './pages/Report';
import { KnowledgeBankPage } from './pages/KnowledgeBank';
import { RiskAssessmentDetail } from './pages/RiskAssessmentDetail';
import { RiskAssessmentForm } from './pages/RiskAssessmentForm';
import { RiskAssessments } from './pages/RiskAssessments';
import { RiskTemplatePage } from './pages/RiskTemplatePage';
import { SecurityPlanDetail } from './pages/SecurityPlanDetail';
import { SecurityPlanNew } from './pages/SecurityPlanNew';
import { SecurityPlans } from './pages/SecurityPlans';
import { Start } from './pages/Start';
import { Equivalence } from './pages/Equivalence';
import { QuarterlyReport } from './pages/QuarterlyReport';
import { Statistics } from './pages/Statistics';
import { StatisticsKpi } from './pages/StatisticsKpi';
import { ExerciseDetail } from './pages/ExerciseDetail';
import { ExerciseNew } from './pages/ExerciseNew';
import { Exercises } from './pages/Exercises';
import { KpiImport } from './pages/KpiImport';
import { RoutineDetail } from './pages/RoutineDetail';
import { RoutineNew } from './pages/RoutineNew';
import { Routines } from './pages/Routines';
import { UnitProfilesPage } from './pages/UnitProfiles';
import { editsUnitProfiles, importsKpis } from './routines';
import { readsStats } from './stats';
import { matchRoute, navigate, paths, useLocation } from './router';
import { hasRole, handlesIncidents, SessionContext } from './session';
import type { Me } from './types';
import { resetUnread } from './unread';

type SessionState = { state: 'loading' } | { state: 'error'; message: string } | { state: 'out'; expired: boolean } |
  { state: 'in'; me: Me };

/** Where to go after signing in: a safe in-app path only. */
function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next') ?? '';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith(paths.login) ? next : paths.start;
}

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [session, setSession] = useState<SessionState>({ state: 'loading' });
  const loc = useLocation();
  const route = matchRoute(loc.pathname);

  const langState = useMemo(() => ({
    lang,
    t: dictionaries[lang],
    setLang: (l: Lang) => {
      storeLang(l);
      setApiLang(l);
      setLangState(l);
    },
  }), [lang]);

  useEffect(() => {
    storeLang(lang);
    setApiLang(lang);
  }, []);

  const load = () => {
    setSession({ state: 'loading' });
    fetchMe().then(
      (me) => setSession(me ? { state: 'in', me } : { state: 'out', expired: false }),
      (err: unknown) => setSession({ state: 'error', message: errorMessage(err) }),
    );
  };

  useEffect(() => {
    load();
    setUnauthorizedHandler(() => {
      clearReferenceData();
      resetUnread();
      setSession({ state: 'out', expired: true });
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  // Keep the URL in step with the session.
  useEffect(() => {
    if (session.state === 'out' && route.name !== 'login') {
      const here = loc.pathname + loc.search;
      const next = here === '/' ? '' : `?next=${encodeURIComponent(here)}`;
      navigate(paths.login + next, { replace: true });
    } else if (session.state === 'in' && route.name === 'login') {
      navigate(nextPath(loc.search), { replace: true });
    }
  }, [session.state, route.name]);

  const onLogin = (me: Me) => {
    clearReferenceData();
    setSession({ state: 'in', me });
  };

  const onLogout = async () => {
    const me = session.state === 'in' ? session.me : null;
    try {
      await logout();
    } catch {
      // The session is gone either way.
    }
    if (me) clearDraft(me.id);
    clearReferenceData();
    resetUnread();
    setSession({ state: 'out', expired: false });
    navigate(paths.login, { replace: true });
  };

  const t = dictionaries[lang];
  let content;
  if (session.state === 'loading') {
    content = <p class="page loading" role="status">{t.common.loading}</p>;
  } else if (session.state === 'error') {
    content = (
      <div class="page">
        <h1 class="page-title">{t.common.error}</h1>
        <ErrorMessage>{session.message}</ErrorMessage>
        <button type="button" class="button button--primary" onClick={load}>{t.common.retry}</button>
      </div>
    );
  } else if (session.state === 'out') {
    content = <Login onLogin={onLogin} expired={session.expired} />;
  } else {
    const me = session.me;
    switch (route.name) {
      case 'login':
      case 'start':
        content = <Start />;
        break;
      case 'report':
        content = <Report />;
        break;
      case 'incidents':
        content = <Incidents />;
        break;
      case 'incident':
        content = <IncidentDetail key={route.id} id={route.id} />;
        break;
      case 'policeReport':
        content = <PoliceReportPrint key={route.id} id={route.id} />;
        break;
      case 'notifications':
        content = <Notifications />;
        break;
      case 'inbox':
        content = handlesIncidents(me) ? <Inbox /> : <NotFound />;
        break;
      case 'admin':
        content = hasRole(me, 'admin') ? <Admin /> : <NotFound />;
        break;
      case 'riskAssessments':
        content = <RiskAssessments />;
        break;
      case 'riskNew':
        content = <RiskAssessmentForm key="new" />;
        break;
      case 'riskEdit':
        content = <RiskAssessmentForm key={`edit-${route.id}`} id={route.id} />;
        break;
      case 'riskAssessment':
        content = <RiskAssessmentDetail key={route.id} id={route.id} />;
        break;
      case 'knowledgeBank':
        content = <KnowledgeBankPage />;
        break;
      // Security plans: the list shows what the caller may read (people and the
      // handling group included), so the address works for everyone.
      case 'plans':
        content = <SecurityPlans />;
        break;
      case 'planNew':
        content = <SecurityPlanNew />;
        break;
      case 'plan':
        content = <SecurityPlanDetail key={route.id} id={route.id} />;
        break;
      case 'riskTemplate':
        content = hasRole(me, 'admin') || hasRole(me, 'sakerhetssamordnare') ? <RiskTemplatePage /> : <NotFound />;
        break;
      // Statistics (issue 6): for analytiker, chef, säkerhetssamordnare, skyddsombud and admin.
      case 'statistics':
        content = readsStats(me.roles) ? <Statistics /> : <NotFound />;
        break;
      case 'equivalence':
        content = readsStats(me.roles) ? <Equivalence /> : <NotFound />;
        break;
      case 'quarterlyReport':
        content = readsStats(me.roles) ? <QuarterlyReport /> : <NotFound />;
        break;
      case 'kpiTrends':
        content = readsStats(me.roles) ? <StatisticsKpi /> : <NotFound />;
        break;
      // Routines and exercises (issue 6): the server decides what each may read.
      case 'routines':
        content = <Routines />;
        break;
      case 'routineNew':
        content = <RoutineNew />;
        break;
      case 'routine':
        content = <RoutineDetail key={route.id} id={route.id} />;
        break;
      case 'exercises':
        content = <Exercises />;
        break;
      case 'exerciseNew':
        content = <ExerciseNew />;
        break;
      case 'exercise':
        content = <ExerciseDetail key={route.id} id={route.id} />;
        break;
      case 'kpiImport':
        content = importsKpis(me.roles) ? <KpiImport /> : <NotFound />;
        break;
      case 'unitProfiles':
        content = editsUnitProfiles(me.roles) ? <UnitProfilesPage /> : <NotFound />;
        break;
      // The panic alarm (issue 7): the server decides which alarms each may read.
      case 'alarms':
        content = <Alarms />;
        break;
      case 'alarm':
        content = <AlarmDetailPage key={route.id} id={route.id} />;
        break;
      case 'alarmSites':
        content = managesAlarmSites(me.roles) ? <AlarmSites /> : <NotFound />;
        break;
      default:
        content = <NotFound />;
    }
  }

  const me = session.state === 'in' ? session.me : null;
  return (
    <LangContext.Provider value={langState}>
      <SessionContext.Provider value={me ? { me, logout: onLogout } : null}>
        {me ? (
          <AlarmProvider key={me.id} me={me} overlay={<AlarmOverlay />}>
            <Layout me={me} onLogout={onLogout}>{content}</Layout>
          </AlarmProvider>
        ) : <Layout me={me} onLogout={onLogout}>{content}</Layout>}
      </SessionContext.Provider>
    </LangContext.Provider>
  );
}
