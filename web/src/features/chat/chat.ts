/**
 * The chat's shapes as the app uses them, decoded from the real-time protocol's frames
 * (docs/protocol/realtime.md). Decoding is strict about what the app relies on and drops
 * anything malformed rather than showing half a message.
 */

import { decodeReactions, type MessageReaction } from './reactions';
import { decodeFiles, type ChatFile } from './chatFiles';

export type RoomKind = 'group' | 'program' | 'private';

/** One of a private conversation's people, and how far they have read ("seen by"). */
export interface RoomMember {
  id: string;
  name: string;
  lastReadSeq: number;
}

/** Someone one may write to privately. */
export interface Person {
  id: string;
  name: string;
}

export interface ChatRoom {
  id: string;
  kind: RoomKind;
  name: string;
  programId: string;
  /** The group's id for a group's room; null for a program's community room. */
  groupId: string | null;
  lastSeq: number;
  lastReadSeq: number;
  /** One may delete, hide and unhide others' messages here and read their earlier versions. */
  canModerate: boolean;
  /** A private conversation's people, oneself included; empty for other rooms. */
  members: RoomMember[];
  /** Until when a moderator has muted one here (an instant), or null: one may post. */
  mutedUntil: string | null;
  /** Unread messages here that name one with `@`. */
  mentions: number;
}

export interface ChatMessage {
  id: string;
  roomId: string;
  seq: number;
  authorId: string;
  authorName: string;
  clientMessageId: string;
  /** "" once deleted. */
  text: string;
  createdAt: string;
  /** When it was last edited, or null. */
  editedAt: string | null;
  deleted: boolean;
  /** Deleted by its author (true) or by a moderator (false). */
  deletedByAuthor: boolean;
  /** The room's change number of its latest edit or deletion (0: never changed). */
  changeSeq: number;
  /**
   * Why a moderator hid it from the room (a code from the server's list), or null when it is not
   * hidden. Its text is then "" for everyone but its author and the room's moderators.
   */
  hiddenReason: string | null;
  /** Who hid it (a user id): only in the copy a moderator of the room reads. */
  hiddenBy: string | null;
  /** The hiding moderator's note for the other moderators: only in their copy. */
  hiddenNote: string | null;
  /** On a reply: the id of its thread's first message (threads.ts); null otherwise. */
  threadRootId: string | null;
  /** On a thread's first message: how many replies it has, and when the latest came. */
  replyCount: number;
  lastReplyAt: string | null;
  /** The reactions given, in the protocol's order (reactions.ts). */
  reactions: MessageReaction[];
  /** The user ids its author named with `@` (mentions.ts). */
  mentions: string[];
  /** The images and PDFs it carries (chatFiles.ts); none once deleted. */
  files: ChatFile[];
}

/** The reasons a moderator may give for hiding a message, as the server names them. */
export type HideReason = 'triggering' | 'private_information' | 'disrespectful' | 'off_topic' | 'spam' | 'other';

/**
 * The reasons in the order the hide form offers them, each in plain words; `example` says what
 * the protocol means by it (docs/protocol/realtime.md, "Hidden messages") where the label alone
 * might not.
 */
export const hideReasons: readonly { value: HideReason; label: string; example?: string }[] = [
  { value: 'triggering', label: 'Could be upsetting for others', example: 'graphic detail of self-harm, use or trauma' },
  { value: 'private_information', label: 'Shares someone’s private information', example: 'a name, address or phone number' },
  { value: 'disrespectful', label: 'Disrespectful' },
  { value: 'off_topic', label: 'Off topic' },
  { value: 'spam', label: 'Spam' },
  { value: 'other', label: 'Another reason' },
];

/** The form's label of a reason code; a code this app does not know reads as "Another reason". */
export function hideReasonLabel(reason: string): string {
  return (hideReasons.find((r) => r.value === reason) ?? { label: 'Another reason' }).label;
}

/** The most a moderator's note on hiding may hold, in characters, as the server counts. */
export const maxHideNoteCharacters = 280;

/** How a moderator's reason for hiding a message reads (docs/protocol/realtime.md). */
export function hiddenReasonText(reason: string): string {
  switch (reason) {
    case 'triggering':
      return 'it could be upsetting for others';
    case 'private_information':
      return 'it shared someone’s private information';
    case 'disrespectful':
      return 'it was disrespectful';
    case 'off_topic':
      return 'it was off topic';
    case 'spam':
      return 'it was spam';
    default:
      return 'of the group’s guidelines';
  }
}

/** What a message said before an edit or a deletion (moderators only). */
export interface MessageVersion {
  text: string;
  replacedAt: string;
  reason: 'edited' | 'deleted';
}

export interface CrisisResource {
  name: string;
  contact: string;
  url: string;
}

export interface SafetyAlert {
  id: string;
  participantName: string;
  roomId: string;
  category: string;
  createdAt: string;
}

/** The most a message may hold, in characters (Unicode code points), as the server counts. */
export const maxMessageCharacters = 4000;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isString = (value: unknown): value is string => typeof value === 'string';
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

export function decodeRoom(value: unknown): ChatRoom | null {
  if (!isRecord(value)) return null;
  const { id, kind, name, program_id, group_id, last_seq, last_read_seq } = value;
  if (!isString(id) || (kind !== 'group' && kind !== 'program' && kind !== 'private')) return null;
  if (!isString(name) || !isString(program_id)) return null;
  if (!isCount(last_seq)) return null;
  return {
    id,
    kind,
    name,
    programId: program_id,
    groupId: isString(group_id) ? group_id : null,
    lastSeq: last_seq,
    lastReadSeq: isCount(last_read_seq) ? Math.min(last_read_seq, last_seq) : 0,
    canModerate: value.can_moderate === true,
    members: Array.isArray(value.members)
      ? value.members.flatMap((m) =>
          isRecord(m) && isString(m.id) && isString(m.name)
            ? [{ id: m.id, name: m.name, lastReadSeq: isCount(m.last_read_seq) ? m.last_read_seq : 0 }]
            : [],
        )
      : [],
    mutedUntil: isString(value.muted_until) && value.muted_until !== '' ? value.muted_until : null,
    mentions: isCount(value.mentions) ? value.mentions : 0,
  };
}

export function decodeMessage(value: unknown): ChatMessage | null {
  if (!isRecord(value)) return null;
  const { id, room_id, seq, author_id, author_name, client_message_id, text, created_at } = value;
  if (!isString(id) || !isString(room_id) || !isCount(seq) || !isString(author_id)) return null;
  if (!isString(author_name) || !isString(client_message_id) || !isString(text) || !isString(created_at)) return null;
  return {
    id,
    roomId: room_id,
    seq,
    authorId: author_id,
    authorName: author_name,
    clientMessageId: client_message_id,
    text,
    createdAt: created_at,
    editedAt: isString(value.edited_at) ? value.edited_at : null,
    deleted: value.deleted === true,
    deletedByAuthor: value.deleted_by_author === true,
    changeSeq: isCount(value.change_seq) ? value.change_seq : 0,
    hiddenReason: value.hidden === true ? (isString(value.hidden_reason) ? value.hidden_reason : '') : null,
    hiddenBy: value.hidden === true && isString(value.hidden_by) ? value.hidden_by : null,
    hiddenNote: value.hidden === true && isString(value.hidden_note) ? value.hidden_note : null,
    threadRootId: isString(value.thread_root_id) && value.thread_root_id !== '' ? value.thread_root_id : null,
    replyCount: isCount(value.reply_count) ? value.reply_count : 0,
    lastReplyAt: isString(value.last_reply_at) ? value.last_reply_at : null,
    reactions: decodeReactions(value.reactions),
    mentions: Array.isArray(value.mentions) ? value.mentions.filter(isString) : [],
    // A tombstone shows no files, whatever a moderator's copy of it still lists.
    files: value.deleted === true ? [] : decodeFiles(value.files),
  };
}

export function decodePeople(value: unknown): Person[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => (isRecord(item) && isString(item.id) && isString(item.name) ? [{ id: item.id, name: item.name }] : []));
}

/**
 * "Seen by" under the newest message of a private conversation: the others (not oneself, not its
 * author) who have read up to it.
 */
export function seenBy(room: ChatRoom, newest: ChatMessage | undefined, me: string): string[] {
  if (room.kind !== 'private' || !newest) return [];
  return room.members
    .filter((m) => m.id !== me && m.id !== newest.authorId && m.lastReadSeq >= newest.seq)
    .map((m) => m.name);
}

export function decodeVersions(value: unknown): MessageVersion[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) =>
    isRecord(item) && isString(item.text) && isString(item.replaced_at) && (item.reason === 'edited' || item.reason === 'deleted')
      ? [{ text: item.text, replacedAt: item.replaced_at, reason: item.reason }]
      : [],
  );
}

export function decodeResources(value: unknown): CrisisResource[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) =>
    isRecord(item) && isString(item.name) && isString(item.contact) && isString(item.url)
      ? [{ name: item.name, contact: item.contact, url: item.url }]
      : [],
  );
}

export function decodeAlert(value: unknown): SafetyAlert | null {
  if (!isRecord(value)) return null;
  const { id, participant_name, room_id, category, created_at } = value;
  if (!isString(id) || !isString(participant_name) || !isString(room_id) || !isString(category)) return null;
  return { id, participantName: participant_name, roomId: room_id, category, createdAt: isString(created_at) ? created_at : '' };
}

/** How many characters the server will count in `text` (code points, not UTF-16 units). */
export function characterCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    // A surrogate pair is one character.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
    }
    count += 1;
  }
  return count;
}

/** Why `text` cannot be sent, or null: the server's rules, checked before sending. */
export function messageProblem(text: string): string | null {
  if (text.trim() === '') return 'Write something first.';
  const count = characterCount(text);
  if (count > maxMessageCharacters) {
    return `A message can be at most ${maxMessageCharacters} characters; this one has ${count}.`;
  }
  return null;
}

export function unreadIn(room: ChatRoom): number {
  return Math.max(0, room.lastSeq - room.lastReadSeq);
}

const categoryLabels: Record<string, string> = {
  suicidal_thoughts: 'suicidal thoughts',
  self_harm: 'self-harm',
  overdose: 'overdose',
  farewell: 'a goodbye message',
};

export function alertCategoryLabel(category: string): string {
  return categoryLabels[category] ?? 'crisis language';
}

/** A fresh id for a message, unique for this sender: the server keeps it to make resends safe. */
export function newClientMessageId(): string {
  return globalThis.crypto.randomUUID();
}

/** How those who share a room with a person see them (docs/protocol/realtime.md, "Typing and presence"). */
export type PresenceStatus = 'online' | 'away' | 'offline';

export function isPresenceStatus(value: unknown): value is PresenceStatus {
  return value === 'online' || value === 'away' || value === 'offline';
}

/** The `presence` map of a `rooms.list` or `private.start` ack or of `room_added`: {user_id: status}. */
export function decodePresence(value: unknown): Record<string, PresenceStatus> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, PresenceStatus] => isPresenceStatus(entry[1])));
}

/**
 * The name a typist is known by here: a private room's member list, else the author name of a
 * message of theirs that is loaded; null when neither knows them.
 */
export function typistName(room: ChatRoom, userId: string, messages: readonly ChatMessage[]): string | null {
  const member = room.members.find((m) => m.id === userId);
  if (member) return member.name;
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i];
    if (message?.authorId === userId) return message.authorName;
  }
  return null;
}

/** "Alex is typing…", "Alex and Sam are typing…", "Several people are typing…"; null names are unknown people. */
export function typingText(names: readonly (string | null)[]): string {
  if (names.length === 0) return '';
  if (names.length > 2) return 'Several people are typing…';
  const [first = null, second = null] = names;
  if (names.length === 1) return `${first ?? 'Someone'} is typing…`;
  if (first !== null && second !== null) return `${first} and ${second} are typing…`;
  if (first === null && second === null) return 'Two people are typing…';
  return `${first ?? second} and someone else are typing…`;
}
