import { describe, expect, it } from 'vitest';
import { characterCount, decodeMessage, decodeRoom, messageProblem, seenBy, unreadIn } from './chat';
import { textPieces } from './MessageText';

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
});

describe('textPieces', () => {
  it('makes web addresses links, leaving sentence punctuation and other schemes as text', () => {
    expect(textPieces('see https://example.org/a?b=1, or http://x.test.')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', href: 'https://example.org/a?b=1' },
      { kind: 'text', text: ', or ' },
      { kind: 'link', href: 'http://x.test' },
      { kind: 'text', text: '.' },
    ]);
    expect(textPieces('javascript:alert(1) <b>hi</b>')).toEqual([{ kind: 'text', text: 'javascript:alert(1) <b>hi</b>' }]);
    expect(textPieces('')).toEqual([]);
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
