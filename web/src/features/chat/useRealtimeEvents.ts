import { useEffect, useRef } from 'react';
import type { ServerFrame } from '../../base/realtime/connection';
import { useRealtimeConnection } from './ChatContext';

/**
 * Calls `onEvent` for each frame on the tab's real-time connection that `parse` makes an event
 * of, and `onReconnected` when the connection opens again on a fresh stream after a drop (events
 * may have been missed: the caller re-reads what it shows; a resumed stream misses none). The latest callbacks are used without
 * re-subscribing; `parse` should be a module-level function.
 */
export function useRealtimeEvents<E>(
  parse: (frame: ServerFrame) => E | null,
  onEvent: (event: E) => void,
  onReconnected?: () => void,
): void {
  const connection = useRealtimeConnection();
  const latest = useRef({ onEvent, onReconnected });
  useEffect(() => {
    latest.current = { onEvent, onReconnected };
  });

  useEffect(() => {
    if (connection === null) return;
    let previous = connection.status;
    const stopFrames = connection.onFrame((frame) => {
      const event = parse(frame);
      if (event) latest.current.onEvent(event);
    });
    const stopStatus = connection.onStatus((status) => {
      // The first open is not a reconnect: the caller's own first load covers it. A resumed stream
      // replayed the events missed, and they came through onEvent.
      if (status === 'open' && previous === 'reconnecting' && !connection.resumed) latest.current.onReconnected?.();
      previous = status;
    });
    return () => {
      stopFrames();
      stopStatus();
    };
  }, [connection, parse]);
}
