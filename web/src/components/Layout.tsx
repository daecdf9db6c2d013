// The frame of every page: skip link, header with language switch and main
// navigation, and the main landmark.
import type { ComponentChildren } from 'preact';
import { useLang } from '../i18n';
import { paths, useLocation } from '../router';
import { handlesIncidents, hasRole, seesOthersIncidents } from '../session';
import type { Me } from '../types';
import { readsStats } from '../stats';
import { useUnread } from '../unread';
import { Link } from './Link';
import { AlarmButton } from './alarm/AlarmButton';

interface Props {
  me: Me | null;
  onLogout: () => void;
  children: ComponentChildren;
}

function Logo() {
  return (
    <svg class="brand-logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M16 2 4 6v9c0 7.5 5.1 13.3 12 15 6.9-1.7 12-7.5 12-15V6L16 2z" />
      <path fill="#fff" d="m14 20.2-4.6-4.6 1.8-1.8 2.8 2.8 6.8-6.8 1.8 1.8z" />
    </svg>
  );
}

/** One button that switches to the other language, named in that language. */
function LanguageSwitch() {
  const { lang, setLang } = useLang();
  const other = lang === 'sv' ? 'en' : 'sv';
  return (
    <button type="button" lang={other} class="button button--secondary button--small lang-switch"
      onClick={() => setLang(other)}>
      {other === 'en' ? 'English' : 'Svenska'}
    </button>
  );
}

function BellIcon() {
  return (
    <svg class="bell-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z" />
    </svg>
  );
}

/** Aviseringar: a bell with the unread count; its name says the count ("Aviseringar, 3 olästa"). */
function NotificationsLink() {
  const { t } = useLang();
  const loc = useLocation();
  const n = useUnread(true, loc.pathname + loc.search);
  const current = loc.pathname === paths.notifications;
  return (
    <Link href={paths.notifications} class={`bell${n > 0 ? ' bell--unread' : ''}`}
      aria-label={t.notifications.linkLabel(n)} aria-current={current ? 'page' : undefined}
      data-testid="notifications-link">
      <BellIcon />
      <span class="bell-text">{t.notifications.link}</span>
      {n > 0 && <span class="bell-count">{n > 99 ? '99+' : n}</span>}
    </Link>
  );
}

function Nav({ me }: { me: Me }) {
  const { t } = useLang();
  const loc = useLocation();
  const items: { href: string; label: string; primary?: boolean; match: (p: string) => boolean }[] = [
    { href: paths.start, label: t.nav.start, match: (p) => p === '/' },
  ];
  if (handlesIncidents(me)) {
    items.push({ href: paths.inbox, label: t.nav.inbox, match: (p) => p === paths.inbox });
  }
  items.push({
    href: paths.incidents,
    label: seesOthersIncidents(me) ? t.nav.incidents : t.nav.myReports,
    match: (p) => p.startsWith(paths.incidents),
  });
  items.push({
    href: paths.riskAssessments, label: t.risk.nav,
    match: (p) => p.startsWith(paths.riskAssessments),
  });
  items.push({ href: paths.knowledgeBank, label: t.knowledge.nav, match: (p) => p === paths.knowledgeBank });
  items.push({
    href: paths.routines, label: t.routines.nav,
    match: (p) => p.startsWith(paths.routines) || p.startsWith(paths.exercises),
  });
  items.push({ href: paths.alarms, label: t.alarmList.nav, match: (p) => p.startsWith(paths.alarms) });
  if (handlesIncidents(me)) {
    items.push({ href: paths.plans, label: t.plans.nav, match: (p) => p.startsWith(paths.plans) });
  }
  if (readsStats(me.roles)) {
    items.push({ href: paths.statistics, label: t.stats.nav, match: (p) => p.startsWith(paths.statistics) });
  }
  if (hasRole(me, 'admin')) {
    items.push({ href: paths.admin, label: t.nav.admin, match: (p) => p === paths.admin });
  }
  items.push({ href: paths.report, label: t.nav.report, primary: true, match: (p) => p === paths.report });
  return (
    <nav class="main-nav" aria-label={t.layout.mainNav}>
      <ul class="main-nav-list">
        {items.map((i) => {
          const current = i.match(loc.pathname);
          return (
            <li key={i.href}>
              <Link
                href={i.href}
                class={`nav-link${i.primary ? ' nav-link--primary' : ''}`}
                aria-current={current ? 'page' : undefined}
              >
                {i.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function Layout({ me, onLogout, children }: Props) {
  const { t } = useLang();
  return (
    <>
      <a class="skip-link" href="#main">{t.layout.skipLink}</a>
      <header class="site-header">
        <div class="header-bar">
          <Link href={paths.start} class="brand">
            <Logo />
            <span class="brand-name">{t.appName}</span>
          </Link>
          <div class="header-tools">
            {me && <AlarmButton />}
            {me && <NotificationsLink />}
            <LanguageSwitch />
            {me && (
              <>
                <span class="header-user">
                  <span class="visually-hidden">{t.layout.loggedInAs(me.display_name)}</span>
                  <span aria-hidden="true">{me.display_name}</span>
                </span>
                <button type="button" class="button button--quiet header-logout" onClick={onLogout}>
                  {t.layout.logout}
                </button>
              </>
            )}
          </div>
        </div>
        {me && <Nav me={me} />}
      </header>
      <main id="main" class="main" tabIndex={-1}>
        {children}
      </main>
      <footer class="site-footer">
        <p>{t.appName} – {t.tagline}</p>
      </footer>
    </>
  );
}
