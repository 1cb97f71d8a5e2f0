/**
 * The device check's connection test. Before joining there are no ICE servers yet (they come with
 * the `session.join` ack), so it cannot try a real media path; it measures what it honestly can:
 * the round trip of a `ping` over the tab's real-time connection (the path every signal takes),
 * and whether the browser can make a peer connection at all.
 */
import type { ConnectionStatus, ServerFrame } from '../../base/realtime/connection';

/** The part of RealtimeConnection a ping needs. */
export interface PingConnection {
  readonly status: ConnectionStatus;
  /** Sends without waiting for an ack: `ping` is answered by `pong`, not `ack`. */
  notify(type: string, fields?: Record<string, unknown>): boolean;
  onFrame(listener: (frame: ServerFrame) => void): () => void;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

let pings = 0;

/**
 * Milliseconds from `ping` to its `pong`; null without an answer within `timeoutMs`. A connection
 * still opening (the page was just loaded) is waited for within the same time.
 */
export function measureRoundTrip(
  connection: PingConnection,
  timeoutMs = 5_000,
  now: () => number = () => performance.now(),
): Promise<number | null> {
  pings += 1;
  const id = `live-check-${pings}`;
  return new Promise((resolve) => {
    let started = 0;
    let stopStatus: () => void = () => undefined;
    const finish = (result: number | null) => {
      clearTimeout(timer);
      stopFrames();
      stopStatus();
      resolve(result);
    };
    const stopFrames = connection.onFrame((frame) => {
      if (frame.type === 'pong' && frame.id === id) finish(Math.round(now() - started));
    });
    const timer = setTimeout(() => {
      finish(null);
    }, timeoutMs);
    const ping = () => {
      started = now();
      if (!connection.notify('ping', { id })) finish(null);
    };
    if (connection.status === 'open') {
      ping();
      return;
    }
    stopStatus = connection.onStatus((status) => {
      if (status === 'open') ping();
    });
  });
}

/**
 * The round trip in words. ITU-T G.114 keeps one-way delay under 150 ms for natural conversation;
 * the whole trip is judged by it here, which errs on the careful side.
 */
export function roundTripText(ms: number | null): string {
  if (ms === null) return 'Hearth did not answer. Check your internet connection, then check again.';
  const judgement = ms < 150 ? 'good' : ms < 400 ? 'usable' : 'slow: video may stutter';
  return `Hearth answered in ${ms} ms (${judgement}).`;
}
