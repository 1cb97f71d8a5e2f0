import { describe, expect, it } from 'vitest';
import {
  characterCount,
  decodeMessage,
  decodePresence,
  decodeRoom,
  hideReasonLabel,
  messageProblem,
  seenBy,
  typingText,
  typistName,
  unreadIn,
} from './chat';

describe('messages', () => {
  it('counts characters as the server does: code points, an emoji once', () => {
    expect(characterCount('héllo')).toBe(5);
    expect(characterCount('👋🏽')).toBe(2);
    expect(characterCount('a\u{1F600}b')).toBe(3);
  });

  it('refuses blank and too long messages before sending', () => {
    expect(messageProblem(' \n\t')).toBe('Write something first.');
    expect(messageProblem('x'.repeat(4000))).toBeNull();
    expect(messageProblem('😀'.repeat(4001))).toBe('A message can be at most 4000 characters; this one has 4001.');
  });

  it('drops malformed rooms and messages, and never counts read past the newest', () => {
    expect(decodeRoom({ id: 'r', kind: 'dm', name: 'x', program_id: 'p', last_seq: 1 })).toBeNull();
    expect(decodeRoom({ id: 'r', kind: 'group', name: 'x', program_id: 'p', last_seq: -1 })).toBeNull();
    const room = decodeRoom({ id: 'r', kind: 'program', name: 'x', program_id: 'p', last_seq: 3, last_read_seq: 9 });
    expect(room).toMatchObject({ groupId: null, lastReadSeq: 3 });
    expect(room && unreadIn(room)).toBe(0);
    expect(decodeMessage({ id: 'm', room_id: 'r', seq: 1, author_id: 'u' })).toBeNull();
  });

  it('keeps who hid a message and their note only on a hidden message, and names every reason', () => {
    const base = { id: 'm', room_id: 'r', seq: 1, author_id: 'u', author_name: 'A', client_message_id: 'c', text: 't', created_at: 'x' };
    expect(decodeMessage({ ...base, hidden: true, hidden_reason: 'spam', hidden_by: 'mod', hidden_note: 'n' })).toMatchObject({
      hiddenReason: 'spam',
      hiddenBy: 'mod',
      hiddenNote: 'n',
    });
    expect(decodeMessage({ ...base, hidden_by: 'mod', hidden_note: 'n' })).toMatchObject({ hiddenReason: null, hiddenBy: null, hiddenNote: null });
    expect(hideReasonLabel('off_topic')).toBe('Off topic');
    expect(hideReasonLabel('something_new')).toBe('Another reason');
  });
});

describe('seenBy', () => {
  it('names the others who read up to the newest message, never oneself or its author', () => {
    const room = decodeRoom({
      id: 'r',
      kind: 'private',
      name: 'x',
      program_id: 'p',
      last_seq: 5,
      members: [
        { id: 'me', name: 'Me', last_read_seq: 5 },
        { id: 'a', name: 'Avery', last_read_seq: 5 },
        { id: 'b', name: 'Blake', last_read_seq: 4 },
        { id: 'c', name: 'Casey', last_read_seq: 5 },
      ],
    });
    const newest = decodeMessage({
      id: 'm', room_id: 'r', seq: 5, author_id: 'c', author_name: 'Casey', client_message_id: 'x', text: 'hi', created_at: 't',
    });
    if (!room || !newest) throw new Error('decoding failed');
    expect(seenBy(room, newest, 'me')).toEqual(['Avery']);
    expect(seenBy({ ...room, kind: 'group' }, newest, 'me')).toEqual([]);
  });
});

describe('typing and presence', () => {
  it('says who is typing: one, two, several, or someone not known here', () => {
    expect(typingText([])).toBe('');
    expect(typingText(['Alex'])).toBe('Alex is typing…');
    expect(typingText([null])).toBe('Someone is typing…');
    expect(typingText(['Alex', 'Sam'])).toBe('Alex and Sam are typing…');
    expect(typingText([null, 'Sam'])).toBe('Sam and someone else are typing…');
    expect(typingText([null, null])).toBe('Two people are typing…');
    expect(typingText(['Alex', 'Sam', null])).toBe('Several people are typing…');
  });

  it('names a typist from a private room’s members, else from the newest loaded message of theirs', () => {
    const room = decodeRoom({
      id: 'r',
      kind: 'private',
      name: 'Sam',
      program_id: 'p',
      last_seq: 2,
      members: [{ id: 'u-sam', name: 'Sam' }],
    });
    if (!room) throw new Error('no room');
    const said = (seq: number, authorId: string, authorName: string) =>
      decodeMessage({ id: `m${seq}`, room_id: 'r', seq, author_id: authorId, author_name: authorName, client_message_id: 'c', text: 'x', created_at: 't' });
    const messages = [said(1, 'u-alex', 'Alex (old name)'), said(2, 'u-alex', 'Alex')].flatMap((m) => m ?? []);
    expect(typistName(room, 'u-sam', messages)).toBe('Sam');
    expect(typistName(room, 'u-alex', messages)).toBe('Alex');
    expect(typistName(room, 'u-nobody', messages)).toBeNull();
  });

  it('keeps only the statuses the protocol knows', () => {
    expect(decodePresence({ a: 'online', b: 'away', c: 'offline', d: 'busy', e: 1 })).toEqual({ a: 'online', b: 'away', c: 'offline' });
    expect(decodePresence(null)).toEqual({});
    expect(decodePresence(['online'])).toEqual({ 0: 'online' });
  });
});
