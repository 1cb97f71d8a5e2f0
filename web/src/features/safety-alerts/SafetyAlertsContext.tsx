import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { asApiError, type ApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useChatStore } from '../chat/ChatContext';
import {
  acknowledgeAlert,
  applyAlertEvent,
  fetchSafetyAlerts,
  mergeReread,
  type AlertEvent,
  type CareTeamAlert,
} from './safetyAlerts';
import { useAlertEvents } from './useAlertEvents';

export type OpenAlertsState =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; alerts: CareTeamAlert[] };

interface SafetyAlertsValue {
  /** The open alerts of the programs where one is a clinician, newest first, kept live. */
  open: OpenAlertsState;
  /** Reads the list again, showing the loading state (after a failed load). */
  retry: () => void;
  /** Acknowledges for the whole care team; resolves with the alert as the server now has it. */
  acknowledge: (id: string) => Promise<CareTeamAlert>;
}

const loadingState: OpenAlertsState = { status: 'loading' };

const SafetyAlertsContext = createContext<SafetyAlertsValue | null>(null);

/**
 * The care team's open safety alerts for the whole app: the navigation's count and the Safety
 * alerts page share them. Read once when signed in, then kept by the live events; read again after
 * a reconnect (events may have been missed) and after a new alert (the event carries no program or
 * room names, the list does).
 */
export function SafetyAlertsProvider({
  children,
  userId,
}: {
  children: ReactNode;
  /** The signed-in member of the care team, or null: no one, or not on the care team. */
  userId: string | null;
}) {
  const client = useHttpClient();
  const chat = useChatStore();
  // Tagged with whose list it is, so a new sign-in in this tab never sees the last person's.
  const [listed, setListed] = useState<{ userId: string | null; open: OpenAlertsState }>({
    userId: null,
    open: { status: 'loading' },
  });
  const enabled = userId !== null;
  const userRef = useRef(userId);
  useEffect(() => {
    userRef.current = userId;
  }, [userId]);
  const setOpen = useCallback((change: (current: OpenAlertsState) => OpenAlertsState) => {
    setListed((current) => {
      const mine = current.userId === userRef.current ? current.open : { status: 'loading' as const };
      return { userId: userRef.current, open: change(mine) };
    });
  }, []);
  const open: OpenAlertsState = listed.userId === userId ? listed.open : loadingState;
  // Alerts heard live, with the number of the read that was current when each arrived, so that
  // a read answered after them does not drop them (its answer may predate them).
  const heardLive = useRef<{ alert: CareTeamAlert; afterRead: number }[]>([]);
  const reads = useRef(0);
  const controller = useRef<AbortController | null>(null);

  const read = useCallback(
    (showLoading: boolean) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      const readNumber = ++reads.current;
      if (showLoading) setOpen(() => ({ status: 'loading' }));
      fetchSafetyAlerts(client, 'open', abort.signal).then(
        (alerts) => {
          if (abort.signal.aborted) return;
          heardLive.current = heardLive.current.filter((heard) => heard.afterRead >= readNumber);
          const since = heardLive.current.map((heard) => heard.alert);
          setOpen(() => ({ status: 'ready', alerts: mergeReread(alerts, since) }));
        },
        (cause: unknown) => {
          if (abort.signal.aborted) return;
          // A failed re-read keeps the list on screen; only a first load shows the error.
          setOpen((current) => (current.status === 'ready' ? current : { status: 'error', error: asApiError(cause) }));
        },
      );
    },
    [client, setOpen],
  );

  useEffect(() => {
    if (!enabled) return;
    heardLive.current = [];
    read(false);
    return () => {
      controller.current?.abort();
    };
  }, [enabled, userId, read]);

  const apply = useCallback(
    (event: AlertEvent) => {
    if (event.kind === 'raised') heardLive.current.push({ alert: event.alert, afterRead: reads.current });
    else heardLive.current = heardLive.current.filter((heard) => heard.alert.id !== event.alertId);
      setOpen((current) =>
        current.status === 'ready' ? { status: 'ready', alerts: applyAlertEvent(current.alerts, event, 'open') } : current,
      );
    },
    [setOpen],
  );

  useAlertEvents(
    (event) => {
      if (!enabled) return;
      apply(event);
      if (event.kind === 'raised') read(false);
    },
    () => {
      if (enabled) read(false);
    },
  );

  const acknowledge = useCallback(
    async (id: string) => {
      const alert = await acknowledgeAlert(client, id);
      if (alert.acknowledgement) apply({ kind: 'acknowledged', alertId: id, acknowledgement: alert.acknowledgement });
      // The server tells this tab too, but the banner need not wait for it.
      chat?.dismissAlert(id);
      return alert;
    },
    [client, apply, chat],
  );

  const retry = useCallback(() => {
    read(true);
  }, [read]);

  const value = useMemo(
    () => (enabled ? { open, retry, acknowledge } : null),
    [enabled, open, retry, acknowledge],
  );
  return <SafetyAlertsContext.Provider value={value}>{children}</SafetyAlertsContext.Provider>;
}

/** The open alerts, or null outside the care team (or signed out). */
export function useSafetyAlerts(): SafetyAlertsValue | null {
  return useContext(SafetyAlertsContext);
}

/** How many alerts are open, or null while unknown. */
export function useOpenAlertCount(): number | null {
  const value = useSafetyAlerts();
  return value?.open.status === 'ready' ? value.open.alerts.length : null;
}
