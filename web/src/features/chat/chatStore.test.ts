import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeConnection } from '../../base/realtime/connection';
import { fakeSockets, type FakeSocket } from '../../testing/fakeSocket';
import { ChatStore } from './chatStore';

const me = 'usr_me';
const room = { id: 'room_1', kind: 'group', name: 'Skills', program_id: 'prg_1', group_id: 'grp_1', last_seq: 2, last_read_seq: 1 };

function message(seq: number, author = 'usr_other', clientId = `c-${seq}`) {
  return {
    id: `msg_${seq}`,
    room_id: room.id,
    seq,
    author_id: author,
    author_name: author === me ? 'Me' : 'Avery',
    client_message_id: clientId,
    text: `message ${seq}`,
    created_at: '2026-11-24T10:00:00.000Z',
  };
}

/** Lets the store's awaited requests go on. */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('ChatStore', () => {
  let sockets: ReturnType<typeof fakeSockets>;
  let store: ChatStore;
  let socket: () => FakeSocket;

  beforeEach(async () => {
    vi.useFakeTimers();
    sockets = fakeSockets();
    const connection = new RealtimeConnection({ url: 'ws://x/api/v1/ws', createSocket: sockets.create, random: () => 0.5 });
    store = new ChatStore(connection, me);
    connection.start();
    socket = () => sockets.at(-1);
    socket().accept(me);
    await settle();
    socket().ack('rooms.list', { rooms: [room] });
    await settle();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const openRoom = async (messages = [message(2), message(1)], hasMore = false) => {
    const opened = store.openRoom(room.id);
    socket().ack('history', { room_id: room.id, messages, has_more: hasMore });
    await opened;
  };
  const seqs = () => store.getSnapshot().views[room.id]?.messages.map((m) => m.seq);

  it('lists the rooms when the connection opens, with their unread counts', () => {
    const rooms = store.getSnapshot().rooms;
    expect(rooms).toEqual([
      { id: 'room_1', kind: 'group', name: 'Skills', programId: 'prg_1', groupId: 'grp_1', lastSeq: 2, lastReadSeq: 1, canModerate: false, members: [] },
    ]);
  });

  it('loads a room’s newest page, then older pages, and keeps each message once, in order', async () => {
    await openRoom([message(4), message(3)], true);
    expect(socket().lastOf('history')).toMatchObject({ room_id: room.id, limit: 50 });
    expect(seqs()).toEqual([3, 4]);
    socket().frame({ type: 'message_posted', room_id: room.id, seq: 4, message: message(4) });
    socket().frame({ type: 'message_posted', room_id: room.id, seq: 5, message: message(5) });
    expect(seqs()).toEqual([3, 4, 5]);
    expect(store.getSnapshot().rooms?.[0]?.lastSeq).toBe(5);

    const older = store.loadOlder(room.id);
    expect(socket().lastOf('history')).toMatchObject({ before_seq: 3 });
    socket().ack('history', { room_id: room.id, messages: [message(2), message(1)], has_more: false });
    await older;
    expect(seqs()).toEqual([1, 2, 3, 4, 5]);
    expect(store.getSnapshot().views[room.id]?.hasMore).toBe(false);
  });

  it('keeps one’s message as sending until the ack, then shows the stored one', async () => {
    await openRoom();
    store.send(room.id, 'hello');
    const request = socket().lastOf('message.send');
    expect(request).toMatchObject({ room_id: room.id, text: 'hello' });
    expect(store.getSnapshot().outgoing).toMatchObject([{ state: 'sending', text: 'hello' }]);
    socket().ack('message.send', { message: message(3, me, request?.client_message_id as string) });
    await settle();
    expect(store.getSnapshot().outgoing).toEqual([]);
    expect(seqs()).toEqual([1, 2, 3]);
    expect(store.getSnapshot().rooms?.[0]?.lastReadSeq).toBe(3);
  });

  it('says why a refused message was not sent, and sends it again under the same id on request', async () => {
    await openRoom();
    store.send(room.id, 'too fast');
    const first = socket().lastOf('message.send');
    socket().refuse('message.send', 'rate_limited', { retry_after_ms: 2500 });
    await settle();
    expect(store.getSnapshot().outgoing).toMatchObject([
      { state: 'failed', problem: 'You are sending messages quickly. Wait 3 seconds and try again.' },
    ]);
    store.retry(first?.client_message_id as string);
    expect(socket().lastOf('message.send')).not.toBe(first);
    expect(socket().lastOf('message.send')?.client_message_id).toBe(first?.client_message_id);
  });

  it('after a drop, lists the rooms again, resumes the open rooms from the last number seen and resends what had no ack', async () => {
    await openRoom();
    store.send(room.id, 'while the line drops');
    const unanswered = socket().lastOf('message.send');
    socket().drop();
    await settle();
    expect(store.getSnapshot().outgoing).toMatchObject([{ state: 'waiting' }]);
    store.send(room.id, 'written while away');
    expect(store.getSnapshot().outgoing.map((o) => o.state)).toEqual(['waiting', 'waiting']);

    await vi.advanceTimersByTimeAsync(500);
    socket().accept(me);
    await settle();
    socket().ack('rooms.list', { rooms: [{ ...room, last_seq: 5 }] });
    await settle();
    expect(socket().lastOf('resume')).toMatchObject({ rooms: { room_1: 2 } });
    expect(socket().lastOf('message.send')).toBeUndefined();
    socket().frame({ type: 'message_posted', room_id: room.id, seq: 3, message: message(3) });
    socket().ack('resume', { more: [] });
    await settle();
    const resent = socket().sent.filter((frame) => frame.type === 'message.send');
    expect(resent.map((frame) => frame.text)).toEqual(['while the line drops', 'written while away']);
    expect(resent[0]?.client_message_id).toBe(unanswered?.client_message_id);
    expect(seqs()).toEqual([1, 2, 3]);
  });

  it('applies edits and deletions by number, never letting an older copy undo a newer one', async () => {
    const opened = store.openRoom(room.id);
    socket().ack('history', { room_id: room.id, messages: [message(2), message(1)], has_more: false, last_change_seq: 4 });
    await opened;
    socket().frame({
      type: 'message_changed',
      room_id: room.id,
      change_seq: 5,
      message: { ...message(1), text: 'better', edited_at: '2026-11-24T10:01:00.000Z', change_seq: 5 },
    });
    expect(store.getSnapshot().views[room.id]?.messages[0]).toMatchObject({ text: 'better', changeSeq: 5 });
    expect(store.getSnapshot().views[room.id]?.lastChangeSeq).toBe(5);
    // A stale copy (a replayed message_posted) does not bring the old text back.
    socket().frame({ type: 'message_posted', room_id: room.id, seq: 1, message: message(1) });
    expect(store.getSnapshot().views[room.id]?.messages[0]?.text).toBe('better');

    const deleting = store.deleteMessage(room.id, 'msg_2');
    expect(socket().lastOf('message.delete')).toMatchObject({ room_id: room.id, message_id: 'msg_2' });
    socket().ack('message.delete', {
      message: { ...message(2), text: '', deleted: true, deleted_by_author: false, change_seq: 6 },
    });
    await expect(deleting).resolves.toBeNull();
    expect(store.getSnapshot().views[room.id]?.messages[1]).toMatchObject({ deleted: true, text: '' });

    const refused = store.editMessage(room.id, 'msg_2', 'x');
    socket().refuse('message.edit', 'permission_denied');
    await expect(refused).resolves.toBe('You cannot change that message.');

    // After a drop, the changes after the last one seen are asked for too.
    socket().drop();
    await vi.advanceTimersByTimeAsync(500);
    socket().accept(me);
    await settle();
    socket().ack('rooms.list', { rooms: [room] });
    await settle();
    expect(socket().lastOf('resume')).toMatchObject({ rooms: { room_1: 2 }, changes: { room_1: 6 } });
  });

  it('starts a private conversation, hears of ones others start, and follows how far the others have read', async () => {
    const privateRoom = {
      id: 'room_dm',
      kind: 'private',
      name: 'Blake',
      program_id: 'prg_1',
      last_seq: 0,
      last_read_seq: 0,
      members: [
        { id: me, name: 'Me', last_read_seq: 0 },
        { id: 'usr_blake', name: 'Blake', last_read_seq: 0 },
      ],
    };
    const starting = store.startConversation(['usr_blake']);
    expect(socket().lastOf('private.start')).toMatchObject({ user_ids: ['usr_blake'] });
    socket().ack('private.start', { room: privateRoom });
    await expect(starting).resolves.toMatchObject({ id: 'room_dm', kind: 'private' });
    expect(store.getSnapshot().rooms?.map((r) => r.id)).toEqual(['room_1', 'room_dm']);

    socket().frame({ type: 'room_added', room: { ...privateRoom, id: 'room_other', name: 'Casey' } });
    socket().frame({ type: 'room_added', room: privateRoom });
    expect(store.getSnapshot().rooms?.map((r) => r.id)).toEqual(['room_1', 'room_dm', 'room_other']);

    socket().frame({ type: 'read_moved', room_id: 'room_dm', user_id: 'usr_blake', last_read_seq: 3 });
    const dm = store.getSnapshot().rooms?.find((r) => r.id === 'room_dm');
    expect(dm?.members.find((m) => m.id === 'usr_blake')?.lastReadSeq).toBe(3);
    expect(dm?.lastReadSeq).toBe(0);

    const reachable = store.reachable();
    socket().ack('people.reachable', { people: [{ id: 'usr_blake', name: 'Blake' }, { broken: true }] });
    await expect(reachable).resolves.toEqual([{ id: 'usr_blake', name: 'Blake' }]);
  });

  it('marks a room read up to its newest message and follows marks from the person’s other tabs', async () => {
    await openRoom();
    void store.markRead(room.id);
    expect(socket().lastOf('read.mark')).toMatchObject({ room_id: room.id, seq: 2 });
    expect(store.getSnapshot().rooms?.[0]?.lastReadSeq).toBe(2);
    socket().frame({ type: 'message_posted', room_id: room.id, seq: 3, message: message(3) });
    socket().frame({ type: 'message_posted', room_id: room.id, seq: 4, message: message(4) });
    expect(store.getSnapshot().rooms?.[0]?.lastReadSeq).toBe(2);
    socket().frame({ type: 'read_moved', room_id: room.id, last_read_seq: 4 });
    expect(store.getSnapshot().rooms?.[0]?.lastReadSeq).toBe(4);
    socket().frame({ type: 'read_moved', room_id: room.id, last_read_seq: 1 });
    expect(store.getSnapshot().rooms?.[0]?.lastReadSeq).toBe(4);
  });

  it('keeps crisis resources for the author and safety alerts for the care team, and announces others’ messages only', async () => {
    await openRoom();
    socket().frame({
      type: 'crisis_resources',
      message_id: 'msg_9',
      resources: [{ name: '988 Suicide & Crisis Lifeline', contact: 'Call or text 988', url: 'https://988lifeline.org' }, { bad: 1 }],
    });
    expect(store.getSnapshot().crisis).toEqual({
      messageId: 'msg_9',
      resources: [{ name: '988 Suicide & Crisis Lifeline', contact: 'Call or text 988', url: 'https://988lifeline.org' }],
    });
    socket().frame({
      type: 'safety_alert_raised',
      alert: { id: 'al_1', participant_name: 'Avery', room_id: room.id, category: 'self_harm', created_at: 'x' },
    });
    expect(store.getSnapshot().alerts).toMatchObject([{ id: 'al_1', participantName: 'Avery', category: 'self_harm' }]);
    store.dismissAlert('al_1');
    expect(store.getSnapshot().alerts).toEqual([]);

    socket().frame({ type: 'message_posted', room_id: room.id, seq: 3, message: message(3, me) });
    expect(store.getSnapshot().arrival).toBeNull();
    socket().frame({ type: 'message_posted', room_id: room.id, seq: 4, message: message(4) });
    expect(store.getSnapshot().arrival).toMatchObject({ count: 1, message: { seq: 4 } });
  });
});
