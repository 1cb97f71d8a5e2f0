import { useCallback, useId, useState } from 'react';
import { Link } from 'react-router';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { FormAlert, StatusMessage } from '../../base/ui/FormAlert';
import { formatDateTime } from '../../base/ui/format';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { useTimeZone } from '../session/useTimeZone';
import { fetchNotifications, markAllRead, markRead, type Notification } from './notifications';
import { useNotifications } from './NotificationsContext';

/**
 * Notifications, newest first, each with "Mark read" while unread, and "Mark all read". Used by
 * the header's panel (a few) and the notifications page (more). Marking one read removes its
 * button, so focus moves to the item itself, which now reads without "New".
 */
export function NotificationList({
  limit,
  onNavigate,
}: {
  limit: number;
  /** Called when a link in the list is followed (the panel closes). */
  onNavigate?: () => void;
}) {
  const client = useHttpClient();
  const timeZone = useTimeZone();
  const { refresh, unread } = useNotifications();
  const load = useCallback((signal: AbortSignal) => fetchNotifications(client, limit, signal), [client, limit]);
  const { state, retry } = useResource(load);
  const [readIds, setReadIds] = useState<ReadonlySet<string>>(new Set());
  const [allRead, setAllRead] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idPrefix = useId();
  const itemId = (id: string) => `${idPrefix}-${id}`;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    setMessage(null);
    try {
      await work();
      await refresh();
    } catch (cause) {
      setProblem(asApiError(cause).message);
    } finally {
      setBusy(false);
    }
  };

  const isRead = (item: Notification) => item.read || allRead || readIds.has(item.id);

  if (state.status === 'loading') return <Loading what="notifications" />;
  if (state.status === 'error') return <LoadError what="your notifications" error={state.error} onRetry={retry} />;

  const items = state.data.notifications;
  const anyUnread = items.some((item) => !isRead(item)) || (unread ?? 0) > 0;

  return (
    <div className="stack">
      {problem && (
        <FormAlert title="That did not work.">
          <p>{problem}</p>
        </FormAlert>
      )}
      {message && <StatusMessage>{message}</StatusMessage>}
      {items.length === 0 ? (
        <p>No notifications yet. Reminders before your sessions and changes to them will appear here.</p>
      ) : (
        <ul className="notification-list">
          {items.map((item) => {
            const read = isRead(item);
            return (
              <li
                key={item.id}
                id={itemId(item.id)}
                tabIndex={-1}
                className={read ? 'notification' : 'notification notification--unread'}
              >
                <p className="notification__text">
                  {!read && <span className="tag notification__tag">New</span>} {item.text}
                </p>
                <p className="meta notification__meta">
                  <time dateTime={item.createdAt}>{formatDateTime(item.createdAt, timeZone)}</time>
                  {item.occurrenceId && (
                    <>
                      {' · '}
                      <Link to={`/sessions/${encodeURIComponent(item.occurrenceId)}`} onClick={onNavigate}>
                        Open the session
                      </Link>
                    </>
                  )}
                  {!item.occurrenceId && item.groupId && (
                    <>
                      {' · '}
                      <Link to={`/groups/${encodeURIComponent(item.groupId)}`} onClick={onNavigate}>
                        Open the group
                      </Link>
                    </>
                  )}
                </p>
                {!read && (
                  <button
                    type="button"
                    className="button button--quiet button--small"
                    aria-label={`Mark read: ${item.text}`}
                    disabled={busy}
                    onClick={() =>
                      void run(async () => {
                        await markRead(client, item.id);
                        setReadIds((ids) => new Set([...ids, item.id]));
                        setMessage('Marked as read.');
                        queueMicrotask(() => document.getElementById(itemId(item.id))?.focus());
                      })
                    }
                  >
                    Mark read
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {anyUnread && (
        <div className="actions">
          <button
            type="button"
            className="button button--quiet"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const marked = await markAllRead(client);
                setAllRead(true);
                setMessage(marked === 1 ? '1 notification marked as read.' : `${marked} notifications marked as read.`);
              })
            }
          >
            Mark all read
          </button>
        </div>
      )}
    </div>
  );
}
