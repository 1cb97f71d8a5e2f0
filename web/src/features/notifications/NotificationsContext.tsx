import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { arrivalAnnouncement, fetchUnreadCount } from './notifications';

/** docs/api.md: the unread count is meant to be polled; the poll does not keep a session alive. */
export const unreadPollMs = 30_000;

interface NotificationsValue {
  /** Null until the first answer (or when the server could not tell). */
  unread: number | null;
  /** Asks the server again now (after marking some read). */
  refresh: () => Promise<void>;
}

const NotificationsContext = createContext<NotificationsValue | null>(null);

/**
 * The unread count for the signed-in person, polled every 30 s. When it grows, a polite live
 * region says so once (WCAG 4.1.3 Status Messages); it stays quiet on the first load and when
 * the count falls.
 */
export function NotificationsProvider({
  children,
  enabled,
  pollMs = unreadPollMs,
}: {
  children: ReactNode;
  /** Signed in (with any second factor done): only then is there a count to ask for. */
  enabled: boolean;
  pollMs?: number;
}) {
  const client = useHttpClient();
  const [unread, setUnread] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const known = useRef<number | null>(null);
  const enabledRef = useRef(enabled);
  useEffect(() => {
    enabledRef.current = enabled;
  }, [enabled]);

  const refresh = useCallback(async () => {
    if (!enabledRef.current) return;
    try {
      const count = await fetchUnreadCount(client);
      const before = known.current;
      known.current = count;
      setUnread(count);
      if (before !== null && count > before) setAnnouncement(arrivalAnnouncement(count));
    } catch {
      // Offline or restarting: keep the last count and try at the next poll.
    }
  }, [client]);

  useEffect(() => {
    if (!enabled) return;
    // A new sign-in starts afresh: its first count is not news.
    known.current = null;
    const poll = () => {
      void refresh();
    };
    const first = setTimeout(poll, 0);
    const timer = setInterval(poll, pollMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [enabled, refresh, pollMs]);

  const value = useMemo(() => ({ unread: enabled ? unread : null, refresh }), [enabled, unread, refresh]);
  return (
    <NotificationsContext.Provider value={value}>
      {children}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </NotificationsContext.Provider>
  );
}

export function useNotifications(): NotificationsValue {
  const value = useContext(NotificationsContext);
  if (!value) throw new Error('useNotifications must be used inside <NotificationsProvider>');
  return value;
}
