import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useChatStore } from '../chat/ChatContext';
import { useLiveOpenList, type LiveListKind, type OpenListState } from '../chat/liveCareTeamLists';
import {
  acknowledgeAlert,
  alertEventOf,
  applyAlertEvent,
  fetchSafetyAlerts,
  mergeReread,
  type AlertEvent,
  type CareTeamAlert,
} from './safetyAlerts';

export type OpenAlertsState = OpenListState<CareTeamAlert>;

interface SafetyAlertsValue {
  /** The open alerts of the programs where one is a clinician, newest first, kept live. */
  open: OpenAlertsState;
  /** Reads the list again, showing the loading state (after a failed load). */
  retry: () => void;
  /** Acknowledges for the whole care team; resolves with the alert as the server now has it. */
  acknowledge: (id: string) => Promise<CareTeamAlert>;
}

/** Safety alerts as a live care-team list (liveCareTeamLists.ts). */
export const alertList: LiveListKind<CareTeamAlert, AlertEvent> = {
  fetch: fetchSafetyAlerts,
  eventOf: alertEventOf,
  arrived: (event) => (event.kind === 'raised' ? event.alert : null),
  settles: (event, alert) => event.kind === 'acknowledged' && event.alertId === alert.id,
  apply: applyAlertEvent,
  mergeReread,
};

const SafetyAlertsContext = createContext<SafetyAlertsValue | null>(null);

/**
 * The care team's open safety alerts for the whole app (useLiveOpenList): the navigation's count
 * and the Safety alerts page share them. A new alert's event carries no program or room names;
 * the re-read list does.
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
  const { enabled, open, retry, apply } = useLiveOpenList(alertList, userId);

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
  return value?.open.status === 'ready' ? value.open.items.length : null;
}
