import { useRealtimeEvents } from '../chat/useRealtimeEvents';
import { reportEventOf, type ReportEvent } from './chatReports';

/** Each chat report filed or decided on the tab's connection (useRealtimeEvents). */
export function useReportEvents(onEvent: (event: ReportEvent) => void, onReconnected?: () => void): void {
  useRealtimeEvents(reportEventOf, onEvent, onReconnected);
}
