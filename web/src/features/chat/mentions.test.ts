import { describe, expect, it } from 'vitest';
import { decodeRoom } from './chat';
import {
  findMention,
  insertMention,
  keptMentions,
  matchingPeople,
  mentionQueryAt,
  mentionsIn,
  parseMentioned,
  splitMentions,
  totalMentions,
  withMention,
} from './mentions';

const blake = { id: 'u-blake', name: 'Blake T.' };
const priya = { id: 'u-priya', name: 'Dr. Priya Shah' };
const sam = { id: 'u-sam', name: 'Sam' };
const samO = { id: 'u-samo', name: 'Sam Okafor' };
const renee = { id: 'u-renee', name: 'Renée' };
const people = [blake, priya, sam, samO, renee];

describe('the @ being typed', () => {
  it('is found from the @ to the caret, at the start of a word only', () => {
    expect(mentionQueryAt('hi @Bl', 6)).toEqual({ start: 3, query: 'Bl' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('write to avery@riverbend', 24)).toBeNull();
    expect(mentionQueryAt('no at sign', 10)).toBeNull();
  });

  it('may hold a space, as names do, but not a line break, two spaces or a second @', () => {
    expect(mentionQueryAt('@Priya S', 8)).toEqual({ start: 0, query: 'Priya S' });
    expect(mentionQueryAt('@Priya\nS', 8)).toBeNull();
    expect(mentionQueryAt('@Priya  S', 9)).toBeNull();
    expect(mentionQueryAt('@ Priya', 7)).toBeNull();
    expect(mentionQueryAt(`@${'a'.repeat(41)}`, 42)).toBeNull();
  });

  it('is read only up to the caret', () => {
    expect(mentionQueryAt('@Bl and more', 3)).toEqual({ start: 0, query: 'Bl' });
  });
});

describe('the people it may mean', () => {
  it('are those whose name or a word of it starts with it, whatever the case or accents', () => {
    expect(matchingPeople(people, 'pri')).toEqual([priya]);
    expect(matchingPeople(people, 'SHA')).toEqual([priya]);
    expect(matchingPeople(people, 'ren')).toEqual([renee]);
    expect(matchingPeople(people, 'sam')).toEqual([sam, samO]);
    expect(matchingPeople(people, 'x')).toEqual([]);
  });

  it('put names that start with it first, everyone for a bare @, at most the limit', () => {
    expect(matchingPeople([priya, { id: 'u-d', name: 'Dana' }], 'd')).toEqual([priya, { id: 'u-d', name: 'Dana' }]);
    expect(matchingPeople([{ id: 'u-p', name: 'Pat Dee' }, { id: 'u-d', name: 'Dee' }], 'dee').map((p) => p.id)).toEqual(['u-d', 'u-p']);
    expect(matchingPeople(people, '')).toHaveLength(5);
    expect(matchingPeople(people, '', 2)).toHaveLength(2);
  });
});

describe('choosing someone', () => {
  it('replaces what was typed after @ with the name and a space, the caret after it', () => {
    expect(insertMention('hi @bl there', 3, 6, 'Blake T.')).toEqual({ text: 'hi @Blake T. there', caret: 13 });
    expect(insertMention('@pri', 0, 4, 'Dr. Priya Shah')).toEqual({ text: '@Dr. Priya Shah ', caret: 16 });
  });
});

describe('which chosen people a message names', () => {
  it('finds @Name only where it stands on its own', () => {
    expect(findMention('hi @Sam!', 'Sam')).toBe(3);
    expect(findMention('hi @Samuel', 'Sam')).toBe(-1);
    expect(findMention('mail x@Sam', 'Sam')).toBe(-1);
    expect(findMention('thanks @Blake T.x', 'Blake T.')).toBe(7);
    expect(findMention('hi Sam', 'Sam')).toBe(-1);
  });

  it('keeps those whose @Name is still in the text, each once', () => {
    expect(mentionsIn('@Blake T. and @Dr. Priya Shah, and @Blake T. again', [blake, priya, sam, blake])).toEqual(['u-blake', 'u-priya']);
    expect(mentionsIn('@Blake and nobody else', [blake])).toEqual([]);
  });

  it('sends at most 20', () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ id: `u${i}`, name: `P${i}` }));
    expect(mentionsIn(many.map((p) => `@${p.name}`).join(' '), many)).toHaveLength(20);
  });

  it('after an edit: those still named, or nothing said when their names are not known', () => {
    expect(keptMentions(['u-blake', 'u-priya'], 'just @Blake T. now', people)).toEqual(['u-blake']);
    expect(keptMentions(['u-blake'], 'text', null)).toBeUndefined();
    expect(keptMentions([], '@Blake T.', people)).toBeUndefined();
  });
});

describe('a sent message’s mentions', () => {
  it('are cut out of its text, the longest name first', () => {
    expect(splitMentions('hi @Sam Okafor and @Sam!', [sam, samO])).toEqual(['hi ', { mention: samO }, ' and ', { mention: sam }, '!']);
    expect(splitMentions('@Blake T.', [blake])).toEqual([{ mention: blake }]);
    expect(splitMentions('a@Blake T. b', [blake])).toEqual(['a@Blake T. b']);
    expect(splitMentions('no one named', [blake])).toEqual(['no one named']);
  });
});

describe('being named', () => {
  const rooms = [
    decodeRoom({ id: 'r1', kind: 'group', name: 'Skills', program_id: 'p', last_seq: 9, last_read_seq: 5, mentions: 1 }),
    decodeRoom({ id: 'r2', kind: 'program', name: 'Evening', program_id: 'p', last_seq: 3, last_read_seq: 3 }),
  ].flatMap((r) => (r ? [r] : []));

  it('reads the count rooms.list gives, none when it gives none', () => {
    expect(rooms.map((r) => r.mentions)).toEqual([1, 0]);
    expect(totalMentions(rooms)).toBe(1);
  });

  it('counts one more in a room not read that far, and nothing where it was read already', () => {
    const event = parseMentioned({ type: 'mentioned', room_id: 'r1', message_id: 'm9', seq: 9, author_name: 'Blake T.' });
    expect(event).toEqual({ roomId: 'r1', messageId: 'm9', seq: 9, authorName: 'Blake T.' });
    if (!event) return;
    expect(withMention(rooms, event)?.map((r) => r.mentions)).toEqual([2, 0]);
    expect(withMention(rooms, { ...event, seq: 4 })).toBeNull();
    expect(withMention(rooms, { ...event, roomId: 'gone' })).toBeNull();
  });

  it('drops a malformed event', () => {
    expect(parseMentioned({ type: 'mentioned', room_id: 'r1', message_id: 'm9', seq: -1, author_name: 'B' })).toBeNull();
    expect(parseMentioned({ type: 'mentioned', room_id: 'r1', seq: 3, author_name: 'B' })).toBeNull();
    expect(parseMentioned({ type: 'message_posted' })).toBeNull();
  });
});
