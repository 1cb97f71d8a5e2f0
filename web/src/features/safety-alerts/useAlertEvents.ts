import { useRealtimeEvents } from '../chat/useRealtimeEvents';
import { alertEventOf, type AlertEvent } from './safetyAlerts';

/** Each safety alert raised or acknowledged on the tab's connection (useRealtimeEvents). */
export function useAlertEvents(onEvent: (event: AlertEvent) => void, onReconnected?: () => void): void {
  useRealtimeEvents(alertEventOf, onEvent, onReconnected);
}
