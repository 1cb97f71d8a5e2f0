import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeConnection } from '../../base/realtime/connection';
import { fakeSockets, type FakeSocket } from '../../testing/fakeSocket';
import { ThreadStore } from './threadStore';

const roomId = 'room_1';

function message(seq: number, extra: Record<string, unknown> = {}) {
  return {
    id: `m${seq}`,
    room_id: roomId,
    seq,
    author_id: 'u-blake',
    author_name: 'Blake T.',
    client_message_id: `c${seq}`,
    text: `message ${seq}`,
    created_at: '2026-11-24T10:00:00.000Z',
    ...extra,
  };
}
const reply = (seq: number, extra: Record<string, unknown> = {}) => message(seq, { thread_root_id: 'm1', ...extra });

const settle = () => vi.advanceTimersByTimeAsync(0);

describe('ThreadStore', () => {
  let sockets: ReturnType<typeof fakeSockets>;
  let connection: RealtimeConnection;
  let thread: ThreadStore;
  let stop: () => void;
  const socket = (): FakeSocket => sockets.at(-1);
  const seqs = () => thread.getSnapshot().replies.map((r) => r.seq);

  beforeEach(async () => {
    vi.useFakeTimers();
    sockets = fakeSockets();
    connection = new RealtimeConnection({ url: 'ws://x/api/v1/ws', createSocket: sockets.create, random: () => 0.5 });
    connection.start();
    socket().accept();
    await settle();
    thread = new ThreadStore(connection, roomId, 'm1');
    stop = thread.start();
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it('loads the first message and the oldest replies, then the next page after the last one', async () => {
    expect(socket().lastOf('thread.get')).toMatchObject({ room_id: roomId, root_id: 'm1', limit: 50 });
    expect(socket().lastOf('thread.get')).not.toHaveProperty('after_seq');
    socket().ack('thread.get', { root: message(1, { reply_count: 4, change_seq: 3 }), replies: [reply(2), reply(4)], has_more: true });
    await settle();
    expect(thread.getSnapshot()).toMatchObject({ loaded: true, hasMore: true, root: { id: 'm1', replyCount: 4 } });
    expect(seqs()).toEqual([2, 4]);

    void thread.loadMore();
    expect(thread.getSnapshot().loadingMore).toBe(true);
    expect(socket().lastOf('thread.get')).toMatchObject({ after_seq: 4 });
    socket().ack('thread.get', { root: message(1, { reply_count: 4, change_seq: 3 }), replies: [reply(6), reply(9)], has_more: false });
    await settle();
    expect(seqs()).toEqual([2, 4, 6, 9]);
    expect(thread.getSnapshot()).toMatchObject({ hasMore: false, loadingMore: false });
  });

  it('adds this thread’s new replies as they are posted, once each, and leaves other messages out', async () => {
    socket().ack('thread.get', { root: message(1), replies: [reply(2)], has_more: false });
    await settle();
    socket().frame({ type: 'message_posted', room_id: roomId, seq: 5, message: reply(5) });
    socket().frame({ type: 'message_posted', room_id: roomId, seq: 5, message: reply(5) });
    socket().frame({ type: 'message_posted', room_id: roomId, seq: 6, message: message(6) });
    socket().frame({ type: 'message_posted', room_id: roomId, seq: 7, message: message(7, { thread_root_id: 'm3' }) });
    socket().frame({ type: 'message_posted', room_id: 'room_2', seq: 8, message: { ...reply(8), room_id: 'room_2' } });
    expect(seqs()).toEqual([2, 5]);
  });

  it('takes the later-changed copy of the first message and of a reply: a count, a reaction, an edit', async () => {
    socket().ack('thread.get', { root: message(1, { change_seq: 2 }), replies: [reply(2, { change_seq: 1 })], has_more: false });
    await settle();
    socket().frame({
      type: 'message_changed',
      room_id: roomId,
      change_seq: 4,
      message: message(1, { change_seq: 4, reply_count: 2, last_reply_at: '2026-11-24T11:00:00.000Z' }),
    });
    socket().frame({
      type: 'message_changed',
      room_id: roomId,
      change_seq: 5,
      message: reply(2, { change_seq: 5, reactions: [{ reaction: 'heart', user_ids: ['u-me'] }] }),
    });
    // An older copy heard late changes nothing.
    socket().frame({ type: 'message_changed', room_id: roomId, change_seq: 3, message: message(1, { change_seq: 3, reply_count: 1 }) });
    const { root, replies } = thread.getSnapshot();
    expect(root).toMatchObject({ replyCount: 2, lastReplyAt: '2026-11-24T11:00:00.000Z', changeSeq: 4 });
    expect(replies[0]?.reactions).toEqual([{ reaction: 'heart', userIds: ['u-me'] }]);
  });

  it('leaves a change to a reply on a page not read yet to that page', async () => {
    socket().ack('thread.get', { root: message(1), replies: [reply(2)], has_more: true });
    await settle();
    socket().frame({ type: 'message_changed', room_id: roomId, change_seq: 9, message: reply(40, { change_seq: 9 }) });
    expect(seqs()).toEqual([2]);
  });

  it('says when the thread is gone', async () => {
    socket().refuse('thread.get', 'not_found');
    await settle();
    expect(thread.getSnapshot()).toMatchObject({ loaded: false, loadError: 'This thread is no longer here.' });
  });

  it('after a reconnect, asks for the replies after the last one read', async () => {
    socket().ack('thread.get', { root: message(1), replies: [reply(2), reply(3)], has_more: false });
    await settle();
    socket().drop();
    await vi.advanceTimersByTimeAsync(500);
    socket().accept();
    await settle();
    expect(socket().lastOf('thread.get')).toMatchObject({ root_id: 'm1', after_seq: 3 });
    socket().ack('thread.get', { root: message(1), replies: [reply(8)], has_more: false });
    await settle();
    expect(seqs()).toEqual([2, 3, 8]);
  });

  it('asks for nothing again after a drop the server resumed: the replies missed are replayed as events', async () => {
    const streamId = 'e'.repeat(32);
    socket().drop();
    await vi.advanceTimersByTimeAsync(500);
    // A fresh stream: the first page (cut off by the drop) is asked for again.
    socket().numberFrom(1).accept('usr_me', { connection_id: streamId, resumed: false });
    await settle();
    socket().ack('thread.get', { root: message(1), replies: [reply(2)], has_more: false });
    await settle();
    socket().drop();
    await vi.advanceTimersByTimeAsync(500);
    // Only hello (1) was numbered: the thread's page came as an answer, which carries none.
    expect(socket().url).toContain(`resume=${streamId}&after=1`);
    socket().open();
    socket().numberFrom(2).frame({ type: 'message_posted', room_id: roomId, seq: 3, message: reply(3) });
    socket().accept('usr_me', { connection_id: streamId, resumed: true });
    await settle();
    expect(socket().lastOf('thread.get')).toBeUndefined();
    expect(seqs()).toEqual([2, 3]);
  });
});
