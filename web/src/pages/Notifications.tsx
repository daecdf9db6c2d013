// Aviseringar: what has happened in incidents I follow, newest first. Each is
// a sentence built from codes (never a perpetrator or detail), linking to the
// incident; opening one marks it read.
import { useState } from 'preact/hooks';
import { errorMessage, getNotifications, markAllNotificationsRead, markNotificationRead } from '../api';
import { ErrorMessage, LiveStatus, Loading } from '../components/Alert';
import { Page } from '../components/Page';
import { useLoad } from '../hooks';
import { useT } from '../i18n';
import { notificationText } from '../notificationText';
import { isPlainClick, navigate, paths } from '../router';
import { formatDateTime } from '../time';
import type { Notification } from '../types';
import { refreshUnread, setUnread } from '../unread';

const PAGE = 30;

export function Notifications() {
  const t = useT();
  const first = useLoad(() => getNotifications({ limit: PAGE }), []);
  const [older, setOlder] = useState<Notification[]>([]);
  const [more, setMore] = useState<boolean | null>(null);
  const [readIds, setReadIds] = useState<Set<number>>(new Set());
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const items = [...(first.data?.items ?? []), ...older];
  const unreadCount = first.data ? items.filter((n) => !n.read_at && !readIds.has(n.id)).length : 0;
  const hasMore = more ?? (first.data ? first.data.items.length === PAGE : false);

  const open = async (n: Notification, e: MouseEvent) => {
    const href = n.incident_id ? paths.incident(n.incident_id) : null;
    if (!isPlainClick(e)) {
      if (!n.read_at) void markNotificationRead(n.id).then(refreshUnread, () => {});
      return;
    }
    e.preventDefault();
    if (!n.read_at && !readIds.has(n.id)) {
      setReadIds((s) => new Set(s).add(n.id));
      try {
        await markNotificationRead(n.id);
      } catch {
        // Opening the incident matters more than the read mark.
      }
      void refreshUnread();
    }
    if (href) navigate(href);
  };

  const markAll = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await markAllNotificationsRead();
      setReadIds(new Set(items.map((n) => n.id)));
      setUnread(0);
      setMessage(t.notifications.allRead(r?.changed ?? 0));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const loadOlder = async () => {
    const last = items[items.length - 1];
    if (!last || busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await getNotifications({ before: last.id, limit: PAGE });
      setOlder((o) => [...o, ...r.items]);
      setMore(r.items.length === PAGE);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t.notifications.title} wide>
      <p class="lead">{t.notifications.intro}</p>
      <LiveStatus message={message} />
      <ErrorMessage>{first.error ?? error}</ErrorMessage>
      {first.loading && !first.data && <Loading />}
      {first.data && (
        <>
          <div class="page-actions page-actions--split">
            <p class="list-count">
              {t.notifications.unreadCount(unreadCount)}
            </p>
            <button type="button" class="button button--secondary" onClick={markAll}
              aria-disabled={busy || unreadCount === 0 ? 'true' : undefined}>
              {t.notifications.markAll}
            </button>
          </div>
          {items.length === 0
            ? <p class="empty">{t.notifications.empty}</p>
            : (
              <ul class="notification-list" data-testid="notification-list">
                {items.map((n) => {
                  const unread = !n.read_at && !readIds.has(n.id);
                  const text = notificationText(t, n);
                  return (
                    <li key={n.id} class={`notification${unread ? ' notification--unread' : ''}`}
                      data-testid="notification" data-kind={n.kind}>
                      <div class="notification-main">
                        {n.incident_id
                          ? (
                            <a href={paths.incident(n.incident_id)} class="notification-link"
                              onClick={(e) => void open(n, e)}>
                              {unread && <span class="visually-hidden">{t.notifications.unread}: </span>}
                              {text}
                            </a>
                          )
                          : <span class="notification-link">{text}</span>}
                        <p class="notification-meta">
                          <time dateTime={n.created_at}>{formatDateTime(n.created_at)}</time>
                          {n.incident_id && (
                            <>
                              <span aria-hidden="true"> · </span>
                              <span>{t.notifications.incident(n.incident_id)}</span>
                            </>
                          )}
                        </p>
                      </div>
                      {unread && (
                        <span class="badge badge--unread" aria-hidden="true">{t.notifications.unread}</span>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          {hasMore && (
            <button type="button" class="button button--secondary" onClick={loadOlder}
              aria-disabled={busy ? 'true' : undefined}>
              {t.notifications.more}
            </button>
          )}
        </>
      )}
    </Page>
  );
}
