/**
 * Naming someone with `@` (docs/protocol/realtime.md, "Threads, reactions and mentions"): finding
 * the `@…` being typed, the room's people it may mean, what choosing one puts in the text, which
 * of the chosen are still named when the message goes, and where a sent message names them.
 *
 * A mention is `@` and the person's name exactly as `room.people` gives it (a pseudonym where a
 * participant chose one), not at the end of a word ("avery@example.org" names nobody) and not
 * running on into one ("@Avery M.x" does not name "Avery M."). The server checks the same.
 */
import type { ChatRoom, Person } from './chat';

/** The most people one message may name (the protocol's limit). */
export const maxMentions = 20;
/** How many suggestions the list shows at once. */
export const maxSuggestions = 8;
/** Beyond this many characters after `@`, one is writing, not naming. */
const maxQueryCharacters = 40;

const isWordy = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}_]/u.test(char);

/** Lower case, without accents, so "ren" finds "Renée". */
function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The `@…` that ends at the caret, if one is being typed: where its `@` is and what follows it.
 * Only on the caret's line, never after an `@` inside a word, and not once the text after it has
 * a line break, two spaces in a row or runs past a name's length.
 */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const lineStart = text.lastIndexOf('\n', caret - 1) + 1;
  const at = text.lastIndexOf('@', caret - 1);
  if (at < lineStart) return null;
  if (isWordy(text[at - 1])) return null;
  const query = text.slice(at + 1, caret);
  if (query.length > maxQueryCharacters || query.startsWith(' ') || query.includes('  ')) return null;
  if (/[@\t]/.test(query)) return null;
  return { start: at, query };
}

/**
 * The people `query` may mean, at most `limit`: those whose name, or a word of it, starts with
 * what was typed ("pri" finds "Dr. Priya Shah"); names that start with it come first.
 */
export function matchingPeople(people: readonly Person[], query: string, limit = maxSuggestions): Person[] {
  const wanted = folded(query);
  const starts: Person[] = [];
  const within: Person[] = [];
  for (const person of people) {
    const name = folded(person.name);
    if (name.startsWith(wanted)) starts.push(person);
    else if (wordStarts(name).some((at) => name.startsWith(wanted, at))) within.push(person);
  }
  return [...starts, ...within].slice(0, limit);
}

function wordStarts(name: string): number[] {
  const starts: number[] = [];
  for (let i = 1; i < name.length; i += 1) {
    if (isWordy(name[i]) && !isWordy(name[i - 1])) starts.push(i);
  }
  return starts;
}

/** The text with the `@…` from `start` to `caret` replaced by `@Name `, and where the caret goes. */
export function insertMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  // A space typed already after the caret is not doubled.
  const rest = text.slice(caret);
  const after = rest.startsWith(' ') ? rest.slice(1) : rest;
  return { text: text.slice(0, start) + inserted + after, caret: start + inserted.length };
}

/** Where `@name` stands in `text` as a mention (not inside or running into a word), from `from`. */
export function findMention(text: string, name: string, from = 0): number {
  if (name === '') return -1;
  const needle = `@${name}`;
  for (let at = text.indexOf(needle, from); at !== -1; at = text.indexOf(needle, at + 1)) {
    if (isWordy(text[at - 1])) continue;
    // A name ending in a letter must not run on into a word; one ending in "." may be followed by anything.
    if (isWordy(name.at(-1)) && isWordy(text[at + needle.length])) continue;
    return at;
  }
  return -1;
}

/** The ids of the chosen people still named in `text`, each once, at most the protocol's 20. */
export function mentionsIn(text: string, chosen: readonly Person[]): string[] {
  const ids: string[] = [];
  for (const person of chosen) {
    if (!ids.includes(person.id) && findMention(text, person.name) !== -1) ids.push(person.id);
  }
  return ids.slice(0, maxMentions);
}

/** A piece of a run of text: plain words, or `@Name` naming one of the message's people. */
export type MentionPiece = string | { mention: Person };

/**
 * `text` cut where it names one of `people` (the message's mentions, with their names); the
 * longest name wins where one is the start of another ("Sam" and "Sam O."), and the rest stays.
 */
export function splitMentions(text: string, people: readonly Person[]): MentionPiece[] {
  if (people.length === 0 || !text.includes('@')) return [text];
  const byLength = [...people].filter((p) => p.name !== '').sort((a, b) => b.name.length - a.name.length);
  const pieces: MentionPiece[] = [];
  let plainFrom = 0;
  let at = text.indexOf('@');
  while (at !== -1) {
    const person = byLength.find((p) => findMention(text, p.name, at) === at);
    if (person) {
      if (at > plainFrom) pieces.push(text.slice(plainFrom, at));
      pieces.push({ mention: person });
      plainFrom = at + 1 + person.name.length;
      at = text.indexOf('@', plainFrom);
    } else at = text.indexOf('@', at + 1);
  }
  if (plainFrom < text.length) pieces.push(text.slice(plainFrom));
  return pieces;
}

/**
 * The people a message names, with their names where `people` knows them; those it does not
 * (say, someone who has since left the room) are not highlighted.
 */
export function mentionedPeople(mentions: readonly string[], people: readonly Person[] | null): Person[] {
  if (!people || mentions.length === 0) return [];
  return people.filter((p) => mentions.includes(p.id));
}

/** A `mentioned` event: someone named one in a message (never its text). */
export interface Mentioned {
  roomId: string;
  messageId: string;
  seq: number;
  authorName: string;
}

export function parseMentioned(frame: { type: string } & Record<string, unknown>): Mentioned | null {
  if (frame.type !== 'mentioned') return null;
  const { room_id: roomId, message_id: messageId, seq, author_name: authorName } = frame;
  if (typeof roomId !== 'string' || typeof messageId !== 'string' || typeof authorName !== 'string') return null;
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0) return null;
  return { roomId, messageId, seq, authorName };
}

/**
 * The rooms after a `mentioned`: one more unread mention in its room, unless one has read that
 * far already (the room is open and read, or an edit named one in an old message). Null when
 * nothing changes.
 */
export function withMention(rooms: readonly ChatRoom[], mentioned: Mentioned): ChatRoom[] | null {
  const room = rooms.find((r) => r.id === mentioned.roomId);
  if (!room || mentioned.seq <= room.lastReadSeq) return null;
  return rooms.map((r) => (r === room ? { ...r, mentions: r.mentions + 1 } : r));
}

/** How many unread messages name one across `rooms`, for the navigation. */
export function totalMentions(rooms: readonly ChatRoom[]): number {
  return rooms.reduce((total, room) => total + room.mentions, 0);
}

/**
 * The people an edited message still names: of those it named, the ones whose `@Name` is still in
 * the new text (`message.edit`'s `mentions` replace its list). Undefined, so the edit leaves the
 * list alone, when it named nobody or their names are not known here yet.
 */
export function keptMentions(mentions: readonly string[], text: string, people: readonly Person[] | null): string[] | undefined {
  if (mentions.length === 0 || people === null) return undefined;
  return mentionsIn(text, mentionedPeople(mentions, people));
}
