import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeConnection } from '../../base/realtime/connection';
import { fakeSockets, type FakeSocket } from '../../testing/fakeSocket';
import { RealtimeError } from '../../base/realtime/connection';
import { ChatStore, typingShownMs } from './chatStore';
import { searchProblem } from './refusals';

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

const streamId = 'c'.repeat(32);

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
    // The server numbers its frames and names the stream, so a drop may resume it.
    socket().numberFrom(1).accept(me, { connection_id: streamId, resumed: false });
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
      { id: 'room_1', kind: 'group', name: 'Skills', programId: 'prg_1', groupId: 'grp_1', lastSeq: 2, lastReadSeq: 1, canModerate: false, members: [], mutedUntil: null, mentions: 0 },
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

  describe('after a drop the server resumed', () => {
    /** Drops the socket; the next one is open, numbered after `after`, and has heard nothing yet. */
    const reconnect = async (after: number, id = streamId) => {
      socket().drop();
      await settle();
      await vi.advanceTimersByTimeAsync(500);
      expect(socket().url).toContain(`resume=${id}&after=${after}`);
      socket().open();
      socket().numberFrom(after + 1);
    };

    it('reads nothing again, shows what was replayed once, and resends what had no ack', async () => {
      await openRoom();
      // Only hello (1) was numbered: answers carry no event_seq.
      store.send(room.id, 'while the line drops');
      const unanswered = socket().lastOf('message.send');
      await reconnect(1);
      socket().frame({ type: 'message_posted', room_id: room.id, seq: 3, message: message(3) });
      socket().frame({ type: 'message_changed', room_id: room.id, message: { ...message(2), text: 'edited', change_seq: 5 } });
      socket().accept(me, { connection_id: streamId, resumed: true });
      await settle();
      expect(socket().lastOf('rooms.list')).toBeUndefined();
      expect(socket().lastOf('resume')).toBeUndefined();
      expect(seqs()).toEqual([1, 2, 3]);
      expect(store.getSnapshot().views[room.id]?.messages[1]?.text).toBe('edited');
      // Its answer was given up at the drop: the message goes again under the same id.
      expect(socket().lastOf('message.send')).toMatchObject({ client_message_id: unanswered?.client_message_id });
      socket().ack('message.send', { message: message(4, me, unanswered?.client_message_id as string) });
      await settle();
      expect(seqs()).toEqual([1, 2, 3, 4]);
      expect(store.getSnapshot().outgoing).toEqual([]);
    });

    it('resends nothing the replay showed stored, and tells the server away again', async () => {
      await openRoom();
      store.setPresence('away');
      socket().ack('presence.set', { status: 'away' });
      store.send(room.id, 'stored before the drop');
      const unanswered = socket().lastOf('message.send');
      // Only hello (1) was numbered: answers carry no event_seq.
      await reconnect(1);
      socket().frame({
        type: 'message_posted',
        room_id: room.id,
        seq: 3,
        message: message(3, me, unanswered?.client_message_id as string),
      });
      socket().accept(me, { connection_id: streamId, resumed: true });
      await settle();
      expect(socket().lastOf('message.send')).toBeUndefined();
      expect(store.getSnapshot().outgoing).toEqual([]);
      expect(seqs()).toEqual([1, 2, 3]);
      expect(socket().lastOf('presence.set')).toMatchObject({ status: 'away' });
    });

    it('still catches up when the drop cut the last catch-up short', async () => {
      await openRoom();
      // hello 1 (answers are not numbered): then the first drop, to a fresh stream whose rooms.list is cut off.
      socket().drop();
      await vi.advanceTimersByTimeAsync(500);
      const freshId = 'd'.repeat(32);
      socket().numberFrom(1).accept(me, { connection_id: freshId, resumed: false });
      await settle();
      expect(socket().lastOf('rooms.list')).toBeDefined();
      await reconnect(1, freshId);
      socket().accept(me, { connection_id: freshId, resumed: true });
      await settle();
      expect(socket().lastOf('rooms.list')).toBeDefined();
    });
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
      type: 'crisis_resources_offered',
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

  describe('typing', () => {
    const typists = () => store.getSnapshot().typing[room.id];

    it('tells the server at once, then at most every 3 s, and after a message as soon as the server would relay it', async () => {
      const typingSent = () => socket().sent.filter((frame) => frame.type === 'typing');
      store.noteTyping(room.id);
      expect(typingSent()).toEqual([{ type: 'typing', room_id: room.id }]);
      for (let key = 0; key < 10; key += 1) {
        await vi.advanceTimersByTimeAsync(250);
        store.noteTyping(room.id);
      }
      expect(typingSent()).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(500);
      store.noteTyping(room.id);
      expect(typingSent()).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(1_000);
      store.send(room.id, 'done');
      store.noteTyping(room.id);
      expect(typingSent()).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(1_000);
      store.noteTyping(room.id);
      expect(typingSent()).toHaveLength(3);
      // No id: the server answers nothing, and nothing waits for an answer.
      expect(typingSent()[0]).not.toHaveProperty('id');
    });

    it('sends nothing while not connected', async () => {
      socket().drop();
      await settle();
      store.noteTyping(room.id);
      expect(socket().lastOf('typing')).toBeUndefined();
    });

    it('shows a typist for 5 s after each typing_started, in the order they started', async () => {
      socket().frame({ type: 'typing_started', room_id: room.id, user_id: 'usr_a' });
      await vi.advanceTimersByTimeAsync(3_000);
      socket().frame({ type: 'typing_started', room_id: room.id, user_id: 'usr_b' });
      socket().frame({ type: 'typing_started', room_id: room.id, user_id: 'usr_a' });
      expect(typists()).toEqual(['usr_a', 'usr_b']);
      await vi.advanceTimersByTimeAsync(typingShownMs - 1);
      expect(typists()).toEqual(['usr_a', 'usr_b']);
      await vi.advanceTimersByTimeAsync(1);
      expect(typists()).toBeUndefined();
    });

    it('ends early when the typist’s message arrives or they go offline, and never shows oneself', async () => {
      await openRoom();
      socket().frame({ type: 'typing_started', room_id: room.id, user_id: 'usr_other' });
      socket().frame({ type: 'typing_started', room_id: room.id, user_id: 'usr_c' });
      socket().frame({ type: 'typing_started', room_id: 'room_2', user_id: 'usr_c' });
      socket().frame({ type: 'typing_started', room_id: room.id, user_id: me });
      socket().frame({ type: 'typing_started', room_id: 7, user_id: 'usr_d' });
      expect(typists()).toEqual(['usr_other', 'usr_c']);
      socket().frame({ type: 'message_posted', room_id: room.id, seq: 3, message: message(3) });
      expect(typists()).toEqual(['usr_c']);
      socket().frame({ type: 'presence_changed', user_id: 'usr_c', status: 'away' });
      expect(typists()).toEqual(['usr_c']);
      socket().frame({ type: 'presence_changed', user_id: 'usr_c', status: 'offline' });
      expect(store.getSnapshot().typing).toEqual({});
      // The timers went with them: nothing comes back later.
      await vi.advanceTimersByTimeAsync(typingShownMs);
      expect(store.getSnapshot().typing).toEqual({});
    });

    it('forgets who was typing when the connection drops', async () => {
      socket().frame({ type: 'typing_started', room_id: room.id, user_id: 'usr_a' });
      socket().drop();
      await settle();
      expect(store.getSnapshot().typing).toEqual({});
    });
  });

  describe('presence', () => {
    const dm = {
      id: 'room_dm',
      kind: 'private',
      name: 'Blake, Casey',
      program_id: 'prg_1',
      last_seq: 0,
      members: [
        { id: me, name: 'Me', last_read_seq: 0 },
        { id: 'usr_blake', name: 'Blake', last_read_seq: 0 },
        { id: 'usr_casey', name: 'Casey', last_read_seq: 0 },
      ],
    };
    const relist = async (presence: unknown, rooms: unknown[] = [room, dm]) => {
      socket().drop();
      await vi.advanceTimersByTimeAsync(500);
      socket().accept(me);
      await settle();
      socket().ack('rooms.list', { rooms, presence });
      await settle();
    };

    it('takes the map of rooms.list, private members left out of it as offline, and follows presence_changed', async () => {
      await relist({ [me]: 'online', usr_blake: 'away', usr_group: 'online', usr_bad: 'sleeping' });
      expect(store.getSnapshot().presence).toEqual({ [me]: 'online', usr_blake: 'away', usr_casey: 'offline', usr_group: 'online' });
      socket().frame({ type: 'presence_changed', user_id: 'usr_casey', status: 'online' });
      socket().frame({ type: 'presence_changed', user_id: 'usr_blake', status: 'offline' });
      socket().frame({ type: 'presence_changed', user_id: 'usr_x', status: 'gone' });
      expect(store.getSnapshot().presence).toEqual({ [me]: 'online', usr_blake: 'offline', usr_casey: 'online', usr_group: 'online' });
      // Each rooms.list answer replaces the map.
      await relist({ [me]: 'online' }, [room]);
      expect(store.getSnapshot().presence).toEqual({ [me]: 'online' });
    });

    it('adds the statuses that come with private.start and room_added', async () => {
      const starting = store.startConversation(['usr_blake', 'usr_casey']);
      socket().ack('private.start', { room: dm, presence: { usr_blake: 'online', [me]: 'online' } });
      await starting;
      expect(store.getSnapshot().presence).toEqual({ usr_blake: 'online', usr_casey: 'offline', [me]: 'online' });
      socket().frame({
        type: 'room_added',
        room: { ...dm, id: 'room_dm2', members: [{ id: me, name: 'Me' }, { id: 'usr_dana', name: 'Dana' }] },
        presence: { usr_dana: 'away' },
      });
      expect(store.getSnapshot().presence).toMatchObject({ usr_blake: 'online', usr_dana: 'away' });
    });

    it('tells the server away and online only when it changes, and again on a new connection', async () => {
      const told = () => socket().sent.filter((frame) => frame.type === 'presence.set').map((frame) => frame.status);
      store.setPresence('online');
      expect(told()).toEqual([]);
      store.setPresence('away');
      store.setPresence('away');
      expect(told()).toEqual(['away']);
      socket().ack('presence.set', { status: 'away' });
      store.setPresence('online');
      expect(told()).toEqual(['away', 'online']);
      socket().refuse('presence.set', 'rate_limited', { retry_after_ms: 1000 });
      await settle();
      // Refused: the next report tries again.
      store.setPresence('online');
      expect(told()).toEqual(['away', 'online', 'online']);

      store.setPresence('away');
      await relist({});
      // A new connection starts online: it is told away once the rooms are listed.
      expect(told()).toEqual(['away']);
    });
  });

  describe('search', () => {
    it('asks with the query, the room and the cursor, and decodes the page', async () => {
      const first = store.search('crav  sleep', { roomId: room.id });
      expect(socket().lastOf('search')).toMatchObject({ query: 'crav  sleep', room_id: room.id, limit: 20 });
      expect(socket().lastOf('search')).not.toHaveProperty('cursor');
      socket().ack('search', { messages: [message(2), { broken: true }, message(1)], next_cursor: 'abc' });
      await expect(first).resolves.toMatchObject({ messages: [{ seq: 2 }, { seq: 1 }], nextCursor: 'abc' });

      const next = store.search('crav sleep', { cursor: 'abc' });
      expect(socket().lastOf('search')).toMatchObject({ cursor: 'abc' });
      expect(socket().lastOf('search')).not.toHaveProperty('room_id');
      socket().ack('search', { messages: [], next_cursor: null });
      await expect(next).resolves.toEqual({ messages: [], nextCursor: null });
    });

    it('rejects with the server’s refusal, said in words', async () => {
      const searching = store.search('   ');
      socket().refuse('search', 'invalid_argument', { field: 'query' });
      const error = await searching.catch((cause: unknown) => cause);
      expect(error).toBeInstanceOf(RealtimeError);
      expect(searchProblem(error as RealtimeError)).toBe('Type at least one word.');
      expect(searchProblem(new RealtimeError('rate_limited', 'x', undefined, 2100))).toBe(
        'You are searching quickly. Wait 3 seconds and try again.',
      );
      expect(searchProblem(new RealtimeError('not_found', 'x', 'room_id'))).toBe('This room is not open to you any more.');
      expect(searchProblem(new RealtimeError('offline', 'x'))).toBe('Not connected. Try again once the connection is back.');
    });
  });

  describe('hidden messages', () => {
    const hidden = (seq: number, author = 'usr_other', changeSeq = 5) => ({
      ...message(seq, author),
      text: '',
      hidden: true,
      hidden_reason: 'off_topic',
      hidden_at: '2026-11-24T10:02:00.000Z',
      change_seq: changeSeq,
    });
    const changed = (value: Record<string, unknown>) => {
      socket().frame({ type: 'message_changed', room_id: room.id, change_seq: value.change_seq, message: value });
    };
    const gets = () => socket().sent.filter((frame) => frame.type === 'message.get');
    const moderate = () => {
      socket().frame({ type: 'room_added', room: { ...room, can_moderate: true }, presence: {} });
    };
    const shown = (seq: number) => store.getSnapshot().views[room.id]?.messages.find((m) => m.seq === seq);

    it('fetches the author’s own view of their hidden message, and keeps it', async () => {
      await openRoom([message(2, me), message(1)]);
      changed(hidden(2, me));
      expect(shown(2)).toMatchObject({ text: '', hiddenReason: 'off_topic' });
      expect(socket().lastOf('message.get')).toMatchObject({ room_id: room.id, message_id: 'msg_2' });
      socket().ack('message.get', { message: { ...hidden(2, me), text: 'message 2' } });
      await settle();
      expect(shown(2)).toMatchObject({ text: 'message 2', hiddenReason: 'off_topic', hiddenBy: null, hiddenNote: null });
    });

    it('fetches nothing for someone who may not read it, nor for a message that is not loaded', async () => {
      await openRoom([message(2), message(1)]);
      changed(hidden(2));
      changed({ ...hidden(9, me), seq: 9, id: 'msg_9' });
      expect(gets()).toEqual([]);
      expect(shown(2)).toMatchObject({ text: '', hiddenReason: 'off_topic' });
      expect(shown(9)).toBeUndefined();
    });

    it('fetches a moderator’s view, and lets an unhide that overtook the answer stand', async () => {
      moderate();
      await openRoom([message(2), message(1)]);
      changed(hidden(1, 'usr_other', 5));
      expect(gets()).toHaveLength(1);
      changed({ ...message(1), change_seq: 6 });
      socket().ack('message.get', { message: { ...hidden(1, 'usr_other', 5), text: 'message 1', hidden_by: 'usr_mod' } });
      await settle();
      expect(shown(1)).toMatchObject({ text: 'message 1', hiddenReason: null, changeSeq: 6 });
      expect(store.getSnapshot().views[room.id]?.lastChangeSeq).toBe(6);
    });

    it('hides with a reason and a trimmed note, takes the moderator’s copy from the ack and asks for no other', async () => {
      moderate();
      await openRoom([message(2), message(1)]);
      const hiding = store.hideMessage(room.id, 'msg_2', 'private_information', '  a phone number \n');
      expect(socket().lastOf('message.hide')).toEqual({
        type: 'message.hide',
        id: expect.anything() as unknown,
        room_id: room.id,
        message_id: 'msg_2',
        reason: 'private_information',
        note: 'a phone number',
      });
      // The room's event comes before the ack (docs/protocol/realtime.md), without the text.
      changed({ ...hidden(2), hidden_reason: 'private_information' });
      socket().ack('message.hide', {
        message: { ...hidden(2), text: 'message 2', hidden_reason: 'private_information', hidden_by: me, hidden_note: 'a phone number' },
      });
      await expect(hiding).resolves.toBeNull();
      expect(gets()).toEqual([]);
      expect(shown(2)).toMatchObject({ text: 'message 2', hiddenReason: 'private_information', hiddenBy: me, hiddenNote: 'a phone number' });

      const blank = store.hideMessage(room.id, 'msg_1', 'spam', '   ');
      expect(socket().lastOf('message.hide')).not.toHaveProperty('note');
      socket().refuse('message.hide', 'invalid_argument', { field: 'message_id', message: 'a deleted message cannot be hidden' });
      await expect(blank).resolves.toBe('A deleted message cannot be hidden.');
    });

    it('unhides, and says why when the server refuses', async () => {
      moderate();
      await openRoom([hidden(2), message(1)]);
      const unhiding = store.unhideMessage(room.id, 'msg_2');
      expect(socket().lastOf('message.unhide')).toMatchObject({ room_id: room.id, message_id: 'msg_2' });
      socket().ack('message.unhide', { message: { ...message(2), change_seq: 6 } });
      await expect(unhiding).resolves.toBeNull();
      expect(shown(2)).toMatchObject({ text: 'message 2', hiddenReason: null });

      const refused = store.unhideMessage(room.id, 'msg_2');
      socket().refuse('message.unhide', 'permission_denied');
      await expect(refused).resolves.toBe('You cannot change that message.');
    });
  });
});
