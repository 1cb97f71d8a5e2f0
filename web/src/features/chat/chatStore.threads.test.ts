import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeConnection } from '../../base/realtime/connection';
import { fakeSockets, type FakeSocket } from '../../testing/fakeSocket';
import { ChatStore } from './chatStore';

const me = 'usr_me';
const room = { id: 'room_1', kind: 'group', name: 'Skills', program_id: 'prg_1', group_id: 'grp_1', last_seq: 4, last_read_seq: 2, mentions: 1 };

function message(seq: number, extra: Record<string, unknown> = {}) {
  return {
    id: `msg_${seq}`,
    room_id: room.id,
    seq,
    author_id: 'usr_other',
    author_name: 'Avery',
    client_message_id: `c-${seq}`,
    text: `message ${seq}`,
    created_at: '2026-11-24T10:00:00.000Z',
    ...extra,
  };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

describe('ChatStore: threads, reactions and mentions', () => {
  let sockets: ReturnType<typeof fakeSockets>;
  let store: ChatStore;
  const socket = (): FakeSocket => sockets.at(-1);
  const shown = (seq: number) => store.getSnapshot().views[room.id]?.messages.find((m) => m.seq === seq);
  const listed = () => store.getSnapshot().rooms?.[0];

  beforeEach(async () => {
    vi.useFakeTimers();
    sockets = fakeSockets();
    const connection = new RealtimeConnection({ url: 'ws://x/api/v1/ws', createSocket: sockets.create, random: () => 0.5 });
    store = new ChatStore(connection, me);
    connection.start();
    socket().accept(me);
    await settle();
    socket().ack('rooms.list', { rooms: [room] });
    await settle();
    const opened = store.openRoom(room.id);
    socket().ack('history', { room_id: room.id, messages: [message(2), message(1)], has_more: false, last_change_seq: 3 });
    await opened;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends a reply in its thread with the people it names', () => {
    store.send(room.id, '@Avery me too', { threadRootId: 'msg_1', mentions: ['usr_other'] });
    expect(socket().lastOf('message.send')).toMatchObject({ room_id: room.id, text: '@Avery me too', thread_root_id: 'msg_1', mentions: ['usr_other'] });
    expect(store.getSnapshot().outgoing).toMatchObject([{ threadRootId: 'msg_1', mentions: ['usr_other'] }]);
    store.send(room.id, 'plain');
    expect(socket().lastOf('message.send')).not.toHaveProperty('thread_root_id');
    expect(socket().lastOf('message.send')).not.toHaveProperty('mentions');
  });

  it('shows a reply in the room, then the first message’s new count from its change', () => {
    socket().frame({ type: 'message_posted', room_id: room.id, seq: 5, message: message(5, { thread_root_id: 'msg_1' }) });
    socket().frame({
      type: 'message_changed',
      room_id: room.id,
      change_seq: 4,
      message: message(1, { change_seq: 4, reply_count: 1, last_reply_at: '2026-11-24T11:00:00.000Z' }),
    });
    expect(shown(5)?.threadRootId).toBe('msg_1');
    expect(shown(1)).toMatchObject({ replyCount: 1, lastReplyAt: '2026-11-24T11:00:00.000Z' });
    expect(store.getSnapshot().views[room.id]?.lastChangeSeq).toBe(4);
  });

  it('adds and takes back a reaction, keeping the server’s copy, and says why one was refused', async () => {
    const added = store.react(room.id, 'msg_2', 'heart', true);
    expect(socket().lastOf('reaction.add')).toMatchObject({ room_id: room.id, message_id: 'msg_2', reaction: 'heart' });
    socket().ack('reaction.add', { message: message(2, { change_seq: 5, reactions: [{ reaction: 'heart', user_ids: [me] }] }) });
    expect(await added).toBeNull();
    expect(shown(2)?.reactions).toEqual([{ reaction: 'heart', userIds: [me] }]);

    const removed = store.react(room.id, 'msg_2', 'heart', false);
    expect(socket().lastOf('reaction.remove')).toMatchObject({ message_id: 'msg_2', reaction: 'heart' });
    socket().refuse('reaction.remove', 'muted');
    expect(await removed).toBe('A moderator has muted you in this room.');
  });

  it('edits with the people still named', () => {
    void store.editMessage(room.id, 'msg_2', 'hi @Avery', ['usr_other']);
    expect(socket().lastOf('message.edit')).toMatchObject({ text: 'hi @Avery', mentions: ['usr_other'] });
    void store.editMessage(room.id, 'msg_2', 'hi');
    expect(socket().lastOf('message.edit')).not.toHaveProperty('mentions');
  });

  it('counts a new mention in a room not yet read there, and none once the room is read', async () => {
    expect(listed()?.mentions).toBe(1);
    socket().frame({ type: 'message_posted', room_id: room.id, seq: 5, message: message(5, { mentions: [me] }) });
    socket().frame({ type: 'mentioned', room_id: room.id, message_id: 'msg_5', seq: 5, author_name: 'Avery' });
    expect(listed()?.mentions).toBe(2);
    // An edit naming one in a message read long ago is not a new unread mention.
    socket().frame({ type: 'mentioned', room_id: room.id, message_id: 'msg_1', seq: 1, author_name: 'Avery' });
    expect(listed()?.mentions).toBe(2);

    void store.markRead(room.id);
    expect(listed()).toMatchObject({ lastReadSeq: 5, mentions: 0 });
    socket().ack('read.mark', { room_id: room.id, last_read_seq: 5 });
    await settle();
    expect(listed()?.mentions).toBe(0);
  });

  it('keeps the count when another tab reads only part of the room', () => {
    socket().frame({ type: 'read_moved', room_id: room.id, user_id: me, last_read_seq: 3 });
    expect(listed()).toMatchObject({ lastReadSeq: 3, mentions: 1 });
    socket().frame({ type: 'read_moved', room_id: room.id, user_id: me, last_read_seq: 4 });
    expect(listed()).toMatchObject({ lastReadSeq: 4, mentions: 0 });
  });
});
