import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeConnection, RealtimeError } from '../../base/realtime/connection';
import { fakeSockets, type FakeSocket } from '../../testing/fakeSocket';
import { ChatStore } from './chatStore';
import {
  decodeRestriction,
  listRestrictions,
  memberRefusal,
  mutedNotice,
  restoreMember,
  restrictMember,
  restrictedText,
  untilText,
} from './restrictions';

const me = 'usr_me';
const room = { id: 'room_1', kind: 'group', name: 'Skills', program_id: 'prg_1', group_id: 'grp_1', last_seq: 2, last_read_seq: 2 };
const other = { id: 'room_2', kind: 'program', name: 'Evening IOP', program_id: 'prg_1', last_seq: 0, last_read_seq: 0 };
const wireRestriction = {
  room_id: 'room_1',
  user_id: 'usr_avery',
  user_name: 'Avery M.',
  kind: 'muted',
  until: '2026-11-24T22:05:00Z',
  reason: 'disrespectful',
  note: 'cooling off',
  by: 'usr_priya',
  by_name: 'Dr. Priya Shah',
  at: '2026-11-24T21:50:00Z',
};

/** Lets awaited requests go on. */
const settle = () => vi.advanceTimersByTimeAsync(0);

async function connected() {
  const sockets = fakeSockets();
  const connection = new RealtimeConnection({ url: 'ws://x/api/v1/ws', createSocket: sockets.create, random: () => 0.5 });
  const store = new ChatStore(connection, me);
  connection.start();
  const socket = (): FakeSocket => sockets.at(-1);
  socket().accept(me);
  await settle();
  return { connection, store, socket };
}

describe('one’s own mutes and removals, in the chat store', () => {
  let store: ChatStore;
  let socket: () => FakeSocket;
  const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
  const mutedUntil = (roomId = room.id) => store.getSnapshot().rooms?.find((r) => r.id === roomId)?.mutedUntil;
  const listed = async (rooms: Record<string, unknown>[]) => {
    socket().ack('rooms.list', { rooms });
    await settle();
  };

  beforeEach(async () => {
    vi.useFakeTimers();
    ({ store, socket } = await connected());
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('takes muted_until from rooms.list and lets one write again when it runs out', async () => {
    const until = inMinutes(15);
    await listed([{ ...room, muted_until: until }, other]);
    expect(mutedUntil()).toBe(until);
    expect(mutedUntil(other.id)).toBeNull();
    await vi.advanceTimersByTimeAsync(15 * 60_000 - 1);
    expect(mutedUntil()).toBe(until);
    await vi.advanceTimersByTimeAsync(1);
    expect(mutedUntil()).toBeNull();
  });

  it('counts a mute whose end has passed, or does not parse, as over', async () => {
    await listed([{ ...room, muted_until: inMinutes(-1) }, { ...other, muted_until: 'soon' }]);
    expect(mutedUntil()).toBeNull();
    expect(mutedUntil(other.id)).toBeNull();
  });

  it('follows a live mute, a second one replacing it, and a restore, after which it lists the rooms again', async () => {
    await listed([room]);
    const first = inMinutes(60);
    socket().frame({ type: 'member_restricted', room_id: room.id, kind: 'muted', until: first, reason: 'spam' });
    expect(mutedUntil()).toBe(first);
    const second = inMinutes(15);
    socket().frame({ type: 'member_restricted', room_id: room.id, kind: 'muted', until: second, reason: 'spam' });
    expect(mutedUntil()).toBe(second);
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    expect(mutedUntil()).toBeNull();

    socket().frame({ type: 'member_restricted', room_id: room.id, kind: 'muted', until: inMinutes(60), reason: 'spam' });
    const lists = socket().sent.filter((f) => f.type === 'rooms.list').length;
    socket().frame({ type: 'member_restored', room_id: room.id });
    expect(mutedUntil()).toBeNull();
    expect(socket().sent.filter((f) => f.type === 'rooms.list')).toHaveLength(lists + 1);
  });

  it('drops a room one is removed from, with what was loaded and queued there, then takes it back when listed again', async () => {
    await listed([room, other]);
    const opened = store.openRoom(room.id);
    socket().ack('history', { room_id: room.id, messages: [], has_more: false });
    await opened;
    socket().drop();
    await settle();
    store.send(room.id, 'written while away');
    store.send(other.id, 'to the other room');

    await vi.advanceTimersByTimeAsync(500);
    socket().accept(me);
    await settle();
    await listed([room, other]);
    socket().frame({ type: 'member_restricted', room_id: room.id, kind: 'removed', reason: 'disrespectful' });
    const snapshot = store.getSnapshot();
    expect(snapshot.rooms?.map((r) => r.id)).toEqual([other.id]);
    expect(snapshot.views[room.id]).toBeUndefined();
    expect(snapshot.outgoing.map((o) => o.roomId)).toEqual([other.id]);
    expect(snapshot.removed.map((r) => r.id)).toEqual([room.id]);

    socket().frame({ type: 'member_restored', room_id: room.id });
    // Still gone until the server lists it again: the page keeps saying why.
    expect(store.getSnapshot().removed.map((r) => r.id)).toEqual([room.id]);
    await listed([room, other]);
    expect(store.getSnapshot().rooms?.map((r) => r.id)).toEqual([room.id, other.id]);
    expect(store.getSnapshot().removed).toEqual([]);
  });

  it('ignores a restriction of a room it does not have, or one it cannot read', async () => {
    await listed([room]);
    socket().frame({ type: 'member_restricted', room_id: 'room_x', kind: 'removed', reason: 'spam' });
    socket().frame({ type: 'member_restricted', room_id: room.id, kind: 'muted', reason: 'spam' });
    socket().frame({ type: 'member_restricted', room_id: room.id, kind: 'banned', reason: 'spam' });
    expect(store.getSnapshot().rooms?.map((r) => r.id)).toEqual([room.id]);
    expect(store.getSnapshot().removed).toEqual([]);
    expect(mutedUntil()).toBeNull();
  });

  it('says a refused message was muted, and asks rooms.list until when', async () => {
    await listed([room]);
    store.send(room.id, 'hello');
    socket().refuse('message.send', 'muted');
    await settle();
    expect(store.getSnapshot().outgoing).toMatchObject([{ state: 'failed', problem: 'A moderator has muted you in this room.' }]);
    const until = inMinutes(30);
    await listed([{ ...room, muted_until: until }]);
    expect(mutedUntil()).toBe(until);
  });

  it('asks rooms.list too when an edit is refused as muted', async () => {
    await listed([room]);
    const lists = () => socket().sent.filter((f) => f.type === 'rooms.list').length;
    const before = lists();
    const edited = store.editMessage(room.id, 'msg_1', 'again');
    socket().refuse('message.edit', 'muted');
    expect(await edited).toBe('A moderator has muted you in this room.');
    expect(lists()).toBe(before + 1);
  });
});

describe('a moderator’s requests', () => {
  let socket: () => FakeSocket;
  let connection: RealtimeConnection;
  beforeEach(async () => {
    vi.useFakeTimers();
    ({ socket, connection } = await connected());
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('mutes for the minutes chosen with the reason and a trimmed note, and decodes the ack', async () => {
    const asked = restrictMember(connection, {
      roomId: 'room_1',
      userId: 'usr_avery',
      name: 'Avery M.',
      action: { kind: 'muted', minutes: 15 },
      reason: 'disrespectful',
      note: '  cooling off ',
    });
    expect(socket().lastOf('member.mute')).toMatchObject({
      room_id: 'room_1',
      user_id: 'usr_avery',
      minutes: 15,
      reason: 'disrespectful',
      note: 'cooling off',
    });
    socket().ack('member.mute', { restriction: wireRestriction });
    expect(await asked).toEqual({
      ok: true,
      value: {
        roomId: 'room_1',
        userId: 'usr_avery',
        userName: 'Avery M.',
        kind: 'muted',
        until: '2026-11-24T22:05:00Z',
        reason: 'disrespectful',
        note: 'cooling off',
        by: 'usr_priya',
        byName: 'Dr. Priya Shah',
        at: '2026-11-24T21:50:00Z',
      },
    });
  });

  it('removes without minutes, and sends no empty note', async () => {
    const asked = restrictMember(connection, {
      roomId: 'room_1',
      userId: 'usr_blake',
      name: 'Blake T.',
      action: { kind: 'removed' },
      reason: 'spam',
      note: '   ',
    });
    const sent = socket().lastOf('member.remove');
    expect(sent).toMatchObject({ room_id: 'room_1', user_id: 'usr_blake', reason: 'spam' });
    expect(sent).not.toHaveProperty('minutes');
    expect(sent).not.toHaveProperty('note');
    socket().refuse('member.remove', 'invalid_argument', { field: 'user_id' });
    expect(await asked).toEqual({
      ok: false,
      problem: 'Blake T. cannot be muted or removed here: they may moderate this room, or no longer be one of its people.',
    });
  });

  it('restores and lists who is restricted', async () => {
    const restored = restoreMember(connection, 'room_1', 'usr_avery', 'Avery M.');
    expect(socket().lastOf('member.restore')).toMatchObject({ room_id: 'room_1', user_id: 'usr_avery' });
    socket().ack('member.restore', { restriction: null });
    expect(await restored).toEqual({ ok: true, value: null });

    const listedNow = listRestrictions(connection, 'room_1');
    expect(socket().lastOf('room.restrictions')).toMatchObject({ room_id: 'room_1' });
    socket().ack('room.restrictions', { restrictions: [wireRestriction, { ...wireRestriction, kind: 'muted', until: null }, 7] });
    const outcome = await listedNow;
    expect(outcome.ok && outcome.value.map((r) => r.userName)).toEqual(['Avery M.']);
  });

  it('says it is not connected without a connection', async () => {
    expect(await listRestrictions(null, 'room_1')).toEqual({ ok: false, problem: 'Not connected. Reconnecting…' });
  });
});

describe('restriction words', () => {
  const zone = 'America/Chicago';
  const sameDay = Date.parse('2026-11-24T21:50:00Z');

  it('says the end of a mute as a time that day, with its day otherwise, in the person’s zone', () => {
    expect(untilText('2026-11-24T22:05:00Z', zone, sameDay)).toBe('4:05 PM');
    expect(untilText('2026-11-25T22:05:00Z', zone, sameDay)).toMatch(/^Wednesday\b.*\b25\b.*, 4:05 PM$/);
    expect(mutedNotice('2026-11-24T22:05:00Z', zone, sameDay)).toBe('A moderator has muted you in this room until 4:05 PM.');
    expect(mutedNotice(null, zone, sameDay)).toBe('A moderator has muted you in this room.');
  });

  it('tells the moderator what was done', () => {
    const muted = decodeRestriction(wireRestriction);
    expect(muted && restrictedText(muted, zone, sameDay)).toBe('Avery M. is muted until 4:05 PM.');
    const removed = decodeRestriction({ ...wireRestriction, kind: 'removed', until: undefined, user_name: 'Blake T.' });
    expect(removed?.until).toBeNull();
    expect(removed && restrictedText(removed, zone, sameDay)).toBe('Blake T. is removed from this room’s chat.');
  });

  it('decodes strictly: no kind, no end of a mute, no name is no restriction', () => {
    expect(decodeRestriction({ ...wireRestriction, kind: 'banned' })).toBeNull();
    expect(decodeRestriction({ ...wireRestriction, until: undefined })).toBeNull();
    expect(decodeRestriction({ ...wireRestriction, user_name: undefined })).toBeNull();
    expect(decodeRestriction({ ...wireRestriction, note: '' })?.note).toBeNull();
  });

  it('says why a moderator was refused', () => {
    expect(memberRefusal(new RealtimeError('permission_denied', 'no'), 'Avery M.')).toBe(
      'Only this room’s moderators can mute, remove or restore people.',
    );
    expect(memberRefusal(new RealtimeError('rate_limited', 'slow', undefined, 2500), 'Avery M.')).toBe(
      'You are making changes quickly. Wait 3 seconds and try again.',
    );
    expect(memberRefusal(new RealtimeError('not_found', 'gone'), 'Avery M.')).toBe('This room is not open to you any more.');
  });
});
