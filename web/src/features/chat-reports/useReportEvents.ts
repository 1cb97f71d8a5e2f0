import { useEffect, useRef } from 'react';
import { useRealtimeConnection } from '../chat/ChatContext';
import { reportEventOf, type ReportEvent } from './chatReports';

/**
 * Calls `onEvent` for each chat report filed or decided on the tab's real-time connection, and
 * `onReconnected` when the connection opens again after a drop (events may have been missed:
 * the caller re-reads its list). The latest callbacks are used without re-subscribing.
 */
export function useReportEvents(onEvent: (event: ReportEvent) => void, onReconnected?: () => void): void {
  const connection = useRealtimeConnection();
  const latest = useRef({ onEvent, onReconnected });
  useEffect(() => {
    latest.current = { onEvent, onReconnected };
  });

  useEffect(() => {
    if (connection === null) return;
    let previous = connection.status;
    const stopFrames = connection.onFrame((frame) => {
      const event = reportEventOf(frame);
      if (event) latest.current.onEvent(event);
    });
    const stopStatus = connection.onStatus((status) => {
      // The first open is not a reconnect: the caller's own first load covers it.
      if (status === 'open' && previous === 'reconnecting') latest.current.onReconnected?.();
      previous = status;
    });
    return () => {
      stopFrames();
      stopStatus();
    };
  }, [connection]);
}
