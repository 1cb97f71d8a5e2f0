import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionStatus, ServerFrame } from '../../base/realtime/connection';
import { measureRoundTrip, roundTripText, type PingConnection } from './connectivity';

function fakeConnection(status: ConnectionStatus = 'open') {
  const listeners = new Set<(frame: ServerFrame) => void>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const sent: Record<string, unknown>[] = [];
  const connection = {
    status,
    notify: (type: string, fields: Record<string, unknown> = {}) => {
      if (connection.status !== 'open') return false;
      sent.push({ type, ...fields });
      return true;
    },
    onFrame: (listener: (frame: ServerFrame) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onStatus: (listener: (status: ConnectionStatus) => void) => {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  } satisfies PingConnection;
  const frame = (value: ServerFrame) => {
    for (const listener of [...listeners]) listener(value);
  };
  const open = () => {
    connection.status = 'open';
    for (const listener of [...statusListeners]) listener('open');
  };
  return { connection, sent, frame, open, listeners, statusListeners };
}

describe('measureRoundTrip', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('times a ping to the pong with its id, ignoring other pongs', async () => {
    const { connection, sent, frame, listeners } = fakeConnection();
    let clock = 1000;
    const measured = measureRoundTrip(connection, 5000, () => clock);
    const id = sent[0]?.id;
    expect(sent[0]).toMatchObject({ type: 'ping' });
    clock = 1020;
    frame({ type: 'pong', id: 'someone-else' });
    clock = 1042;
    frame({ type: 'pong', id });
    await expect(measured).resolves.toBe(42);
    expect(listeners.size).toBe(0);
  });

  it('waits for a connection that is still opening, and gives up after the time-out', async () => {
    const opening = fakeConnection('connecting');
    const measured = measureRoundTrip(opening.connection, 5000, () => 7);
    expect(opening.sent).toEqual([]);
    opening.open();
    opening.frame({ type: 'pong', id: opening.sent[0]?.id });
    await expect(measured).resolves.toBe(0);
    expect(opening.statusListeners.size).toBe(0);

    const silent = fakeConnection('reconnecting');
    const unanswered = measureRoundTrip(silent.connection, 5000);
    vi.advanceTimersByTime(5000);
    await expect(unanswered).resolves.toBeNull();
  });

  it('says it in words', () => {
    expect(roundTripText(42)).toBe('Hearth answered in 42 ms (good).');
    expect(roundTripText(250)).toBe('Hearth answered in 250 ms (usable).');
    expect(roundTripText(900)).toBe('Hearth answered in 900 ms (slow: video may stutter).');
    expect(roundTripText(null)).toMatch(/did not answer/);
  });
});
