import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSockets } from '../../testing/fakeSocket';
import { RealtimeConnection, RealtimeError, maxReconnectDelayMs, reconnectDelay, realtimeUrl } from './connection';

describe('RealtimeConnection', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const connect = () => {
    const sockets = fakeSockets();
    const connection = new RealtimeConnection({ url: 'ws://site/api/v1/ws', createSocket: sockets.create, random: () => 0.5 });
    const statuses: string[] = [];
    connection.onStatus((status) => statuses.push(status));
    connection.start();
    return { connection, sockets, statuses };
  };

  it('is open only once the server said hello, and answers a request from the ack with its id', async () => {
    const { connection, sockets, statuses } = connect();
    expect(statuses).toEqual(['connecting']);
    await expect(connection.request('ping')).rejects.toMatchObject({ code: 'offline' });
    sockets.at(0).accept();
    expect(connection.status).toBe('open');

    const answer = connection.request('history', { room_id: 'r1' });
    const sent = sockets.at(0).lastOf('history');
    expect(sent).toMatchObject({ type: 'history', room_id: 'r1' });
    expect(typeof sent?.id).toBe('number');
    sockets.at(0).frame({ type: 'ack', id: 999, messages: ['not ours'] });
    sockets.at(0).ack('history', { messages: [] });
    await expect(answer).resolves.toMatchObject({ type: 'ack', messages: [] });
  });

  it('sends a notification without an id, only while open, and waits for nothing', () => {
    const { connection, sockets } = connect();
    expect(connection.notify('typing', { room_id: 'r1' })).toBe(false);
    sockets.at(0).accept();
    expect(connection.notify('typing', { room_id: 'r1' })).toBe(true);
    expect(sockets.at(0).sent).toEqual([{ type: 'typing', room_id: 'r1' }]);
    const heard: string[] = [];
    connection.onFrame((frame) => heard.push(frame.type));
    sockets.at(0).frame({ type: 'error', code: 'not_found', message: 'no such room' });
    expect(heard).toEqual(['error']);
  });

  it('rejects a refused request with the server’s code, field and wait', async () => {
    const { connection, sockets } = connect();
    sockets.at(0).accept();
    const answer = connection.request('message.send', {});
    sockets.at(0).refuse('message.send', 'rate_limited', { retry_after_ms: 1200, field: 'text' });
    const error = (await answer.catch((e: unknown) => e)) as RealtimeError;
    expect(error).toBeInstanceOf(RealtimeError);
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(1200);
    expect(error.field).toBe('text');
  });

  it('hands events to listeners, and ignores frames that are not JSON objects with a type', () => {
    const { connection, sockets } = connect();
    const heard: unknown[] = [];
    connection.onFrame((frame) => heard.push(frame.type));
    sockets.at(0).accept();
    sockets.at(0).onmessage?.({ data: 'not json' });
    sockets.at(0).onmessage?.({ data: '[1,2]' });
    sockets.at(0).onmessage?.({ data: '{"no":"type"}' });
    sockets.at(0).frame({ type: 'message_posted' });
    expect(heard).toEqual(['hello', 'message_posted']);
  });

  it('fails what was pending when the connection drops, and reconnects after a growing wait', async () => {
    const { connection, sockets, statuses } = connect();
    sockets.at(0).accept();
    const pending = connection.request('history');
    sockets.at(0).drop();
    await expect(pending).rejects.toMatchObject({ code: 'offline' });
    expect(connection.status).toBe('reconnecting');
    vi.advanceTimersByTime(499);
    expect(sockets.made).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets.made).toHaveLength(2);
    sockets.at(1).drop();
    vi.advanceTimersByTime(999);
    expect(sockets.made).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets.made).toHaveLength(3);
    sockets.at(2).accept();
    expect(statuses).toEqual(['connecting', 'open', 'reconnecting', 'open']);
    sockets.at(2).drop();
    vi.advanceTimersByTime(500);
    expect(sockets.made).toHaveLength(4);
  });

  it('does not reconnect when the session ended (4001), nor after stop', () => {
    const { connection, sockets } = connect();
    sockets.at(0).accept();
    sockets.at(0).drop(4001);
    expect(connection.status).toBe('ended');
    vi.advanceTimersByTime(60_000);
    expect(sockets.made).toHaveLength(1);

    connection.start();
    sockets.at(1).accept();
    connection.stop();
    expect(sockets.at(1).closedWith).toBe(1000);
    expect(connection.status).toBe('stopped');
    vi.advanceTimersByTime(60_000);
    expect(sockets.made).toHaveLength(2);
  });

  it('gives up on a request the server never answers', async () => {
    const { connection, sockets } = connect();
    sockets.at(0).accept();
    const answer = connection.request('rooms.list');
    vi.advanceTimersByTime(15_000);
    await expect(answer).rejects.toMatchObject({ code: 'timeout' });
  });
});

describe('RealtimeConnection resuming its stream', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const streamId = 'a'.repeat(32);
  const otherStreamId = 'b'.repeat(32);

  /** Open on a numbered stream named `streamId`, with `heard` taking every frame's type (and `n`). */
  const connectNumbered = () => {
    const sockets = fakeSockets();
    const connection = new RealtimeConnection({ url: 'ws://site/api/v1/ws', createSocket: sockets.create, random: () => 0.5 });
    const heard: string[] = [];
    connection.onFrame((frame) => heard.push(typeof frame.n === 'number' ? `${frame.type} ${frame.n}` : frame.type));
    const resumedAtOpen: boolean[] = [];
    connection.onStatus((status) => {
      if (status === 'open') resumedAtOpen.push(connection.resumed);
    });
    connection.start();
    sockets.at(0).numberFrom(1).accept('usr_me', { connection_id: streamId, resumed: false });
    return { connection, sockets, heard, resumedAtOpen };
  };

  /** Drops the socket and lets the reconnect timer make the next one. */
  const dropAndWait = (sockets: ReturnType<typeof fakeSockets>) => {
    sockets.at(-1).drop();
    vi.advanceTimersByTime(maxReconnectDelayMs);
    return sockets.at(-1);
  };

  it('opens the first socket plainly, and the next one asking to continue after the last frame handled', () => {
    const { connection, sockets, resumedAtOpen } = connectNumbered();
    expect(sockets.at(0).url).toBe('ws://site/api/v1/ws');
    expect(connection.resumed).toBe(false);
    sockets.at(0).frame({ type: 'message_posted', n: 1 });
    sockets.at(0).frame({ type: 'message_posted', n: 2 });
    const next = dropAndWait(sockets);
    expect(next.url).toBe(`ws://site/api/v1/ws?resume=${streamId}&after=3`);
    expect(resumedAtOpen).toEqual([false]);
  });

  it('hands on each replayed frame once, before the hello that says the stream went on', () => {
    const { connection, sockets, heard, resumedAtOpen } = connectNumbered();
    sockets.at(0).frame({ type: 'message_posted', n: 1 });
    const next = dropAndWait(sockets);
    // The server replays from the number asked for; a frame handled already is dropped if sent again.
    next.open();
    next.frame({ type: 'message_posted', n: 1, event_seq: 2 });
    next.numberFrom(3);
    next.frame({ type: 'message_posted', n: 2 });
    next.frame({ type: 'message_changed', n: 3 });
    expect(connection.status).toBe('reconnecting');
    next.accept('usr_me', { connection_id: streamId, resumed: true });
    next.frame({ type: 'message_posted', n: 4 });
    next.frame({ type: 'message_posted', n: 4, event_seq: 6 });
    expect(heard).toEqual(['hello', 'message_posted 1', 'message_posted 2', 'message_changed 3', 'hello', 'message_posted 4']);
    expect(connection.resumed).toBe(true);
    expect(resumedAtOpen).toEqual([false, true]);
    expect(dropAndWait(sockets).url).toBe(`ws://site/api/v1/ws?resume=${streamId}&after=6`);
  });

  it('takes a fresh hello after a resume the server could not do as a new stream, numbered from 1', () => {
    const { connection, sockets, heard, resumedAtOpen } = connectNumbered();
    sockets.at(0).frame({ type: 'message_posted', n: 1 });
    sockets.at(0).frame({ type: 'message_posted', n: 2 });
    const next = dropAndWait(sockets);
    expect(next.url).toContain('resume=');
    next.numberFrom(1).accept('usr_me', { connection_id: otherStreamId, resumed: false });
    next.frame({ type: 'message_posted', n: 3 });
    expect(heard).toEqual(['hello', 'message_posted 1', 'message_posted 2', 'hello', 'message_posted 3']);
    expect(connection.resumed).toBe(false);
    expect(resumedAtOpen).toEqual([false, false]);
    expect(dropAndWait(sockets).url).toBe(`ws://site/api/v1/ws?resume=${otherStreamId}&after=2`);
  });

  it('closes on a gap in the numbering, and reconnects to a fresh stream', async () => {
    const { connection, sockets, heard } = connectNumbered();
    const pending = connection.request('history');
    sockets.at(0).frame({ type: 'message_posted', n: 1, event_seq: 4 });
    expect(heard).toEqual(['hello']);
    expect(sockets.at(0).closedWith).toBe(1000);
    await expect(pending).rejects.toMatchObject({ code: 'offline' });
    expect(connection.status).toBe('reconnecting');
    vi.advanceTimersByTime(maxReconnectDelayMs);
    expect(sockets.made).toHaveLength(2);
    expect(sockets.at(1).url).toBe('ws://site/api/v1/ws');
  });

  it('starts afresh when a resumed hello skips numbers, and after stop', () => {
    const { connection, sockets } = connectNumbered();
    const next = dropAndWait(sockets);
    next.numberFrom(5).accept('usr_me', { connection_id: streamId, resumed: true });
    expect(next.closedWith).toBe(1000);
    expect(connection.resumed).toBe(false);
    const fresh = dropAndWait(sockets);
    expect(fresh.url).toBe('ws://site/api/v1/ws');
    fresh.numberFrom(1).accept('usr_me', { connection_id: otherStreamId, resumed: false });
    connection.stop();
    connection.start();
    expect(sockets.at(-1).url).toBe('ws://site/api/v1/ws');
  });

  it('drops the answer to a request given up at the drop when the replay brings it', async () => {
    const { connection, sockets, heard } = connectNumbered();
    const pending = connection.request('message.send', { text: 'hi' });
    const given = sockets.at(0).lastOf('message.send');
    const next = dropAndWait(sockets);
    await expect(pending).rejects.toMatchObject({ code: 'offline' });
    next.open();
    next.numberFrom(2);
    next.frame({ type: 'ack', id: given?.id, message: {} });
    next.frame({ type: 'error', id: given?.id, code: 'rate_limited', message: 'slow down' });
    next.accept('usr_me', { connection_id: streamId, resumed: true });
    // An answer with an id this tab never used is still heard.
    next.frame({ type: 'ack', id: 999 });
    expect(heard).toEqual(['hello', 'hello', 'ack']);
  });
});

describe('reconnectDelay', () => {
  it('doubles from half a second to at most fifteen, with a quarter either way of jitter', () => {
    expect([0, 1, 2, 3].map((attempt) => reconnectDelay(attempt, () => 0.5))).toEqual([500, 1000, 2000, 4000]);
    expect(reconnectDelay(30, () => 0.5)).toBe(maxReconnectDelayMs);
    expect(reconnectDelay(0, () => 0)).toBe(375);
    expect(reconnectDelay(0, () => 0.999_999)).toBe(625);
  });
});

describe('realtimeUrl', () => {
  it('uses the page’s own host, over wss on https', () => {
    expect(realtimeUrl({ protocol: 'https:', host: 'care.example:8443' })).toBe('wss://care.example:8443/api/v1/ws');
    expect(realtimeUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/api/v1/ws');
  });
});
