import type { ConnectionStatus } from '../../base/realtime/connection';
import type { ChatMessage, ChatRoom, CrisisResource, PresenceStatus, SafetyAlert } from './chat';
import type { ChatFile } from './chatFiles';

// What the chat store keeps and hands to the components (chatStore.ts), apart from how it keeps it.

/** A message of one's own not yet acknowledged: on its way, waiting for the connection, or refused. */
export interface Outgoing {
  clientMessageId: string;
  roomId: string;
  text: string;
  /** The files it carries, uploaded before it was sent (docs/api.md, "Chat files"). */
  files: readonly ChatFile[];
  state: 'sending' | 'waiting' | 'failed';
  /** Why it was refused (state "failed"). */
  problem: string | null;
  /** The thread it replies in (the id of the thread's first message), or null. */
  threadRootId: string | null;
  /** The people it names with `@` (mentions.ts). */
  mentions: readonly string[];
}

/** What a message carries besides its text. */
export interface SendOptions {
  /** Files one uploaded to the room and has not sent yet (at most 4); the text may then be empty. */
  files?: readonly ChatFile[];
  /** The thread it replies in: the id of the thread's first message. */
  threadRootId?: string;
  /** The user ids it names with `@`, each named in the text (mentions.ts). */
  mentions?: readonly string[];
}

/** What one room's panel shows. */
export interface RoomView {
  /** Oldest first, each number once. */
  messages: ChatMessage[];
  /** The first page has arrived. */
  loaded: boolean;
  hasMore: boolean;
  loadingOlder: boolean;
  loadError: string | null;
  /** The newest change number known (edits, deletions): a reconnect resumes changes after it. */
  lastChangeSeq: number;
}

export interface ChatSnapshot {
  status: ConnectionStatus;
  /** Null until the server has listed them. */
  rooms: ChatRoom[] | null;
  views: Readonly<Record<string, RoomView>>;
  outgoing: Outgoing[];
  /** Shown to the author of a message with crisis language (the safety net). */
  crisis: { messageId: string; resources: CrisisResource[] } | null;
  /** Safety alerts raised while this tab was open, newest first. */
  alerts: SafetyAlert[];
  /** The latest message from someone else, for the polite announcement; `count` tells repeats apart. */
  arrival: { message: ChatMessage; count: number } | null;
  /**
   * {user_id: status} of the people present in one's rooms, as the server told it; someone not in
   * it is unknown here (nothing is shown), except private rooms' members, whom the server's list
   * leaves out only when they are offline.
   */
  presence: Readonly<Record<string, PresenceStatus>>;
  /** {room_id: the user ids typing there now, in the order they started}. */
  typing: Readonly<Record<string, readonly string[]>>;
  /**
   * Rooms a moderator removed one from while this tab was open, so that a page showing one can say
   * why it went; a room leaves this list when rooms.list brings it back.
   */
  removed: readonly ChatRoom[];
}

/** One page of `search` results, newest first. */
export interface SearchPage {
  messages: ChatMessage[];
  /** Null after the last page. */
  nextCursor: string | null;
}
