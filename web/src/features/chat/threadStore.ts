import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { RealtimeError, type RealtimeConnection, type ServerFrame } from '../../base/realtime/connection';
import { decodeMessage, type ChatMessage } from './chat';
import { useRealtimeConnection } from './ChatContext';
import { refusalText } from './refusals';

/** What a thread's panel shows. */
export interface ThreadSnapshot {
  /** The thread's first message, once known. */
  root: ChatMessage | null;
  /** Oldest first, each once. */
  replies: ChatMessage[];
  /** The first page has arrived. */
  loaded: boolean;
  /** Newer replies than the pages read so far wait on the server ("Load more replies"). */
  hasMore: boolean;
  loadingMore: boolean;
  loadError: string | null;
}

/** How many replies a page of `thread.get` asks for. */
export const threadPage = 50;

/**
 * One open thread (docs/protocol/realtime.md, `thread.get` and "Threads, reactions and
 * mentions"): its first message and its replies, oldest first, a page at a time, kept up to date
 * from the room's events: a `message_posted` whose `thread_root_id` is this thread's adds a reply,
 * a `message_changed` replaces the copy it is newer than (by change number, as the room's list
 * does). After a reconnect to a fresh stream it asks for the replies after the last one it has,
 * since the room's `resume` covers only rooms whose list is open; a resumed stream replayed them.
 */
export class ThreadStore {
  private snapshot: ThreadSnapshot = { root: null, replies: [], loaded: false, hasMore: false, loadingMore: false, loadError: null };
  private readonly listeners = new Set<() => void>();
  /** The highest reply number read page by page: the next page starts after it. */
  private pagedTo = 0;

  constructor(
    private readonly connection: RealtimeConnection,
    readonly roomId: string,
    readonly rootId: string,
  ) {}

  getSnapshot = (): ThreadSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Listens to the room's events and loads the first page; the function returned stops both. */
  start(): () => void {
    let previous = this.connection.status;
    const stopFrames = this.connection.onFrame((frame) => {
      this.receive(frame);
    });
    const stopStatus = this.connection.onStatus((status) => {
      if (status === 'open' && previous !== 'open' && this.mayHaveMissed()) {
        void this.load(this.snapshot.loaded ? this.pagedTo : 0);
      }
      previous = status;
    });
    if (this.connection.status === 'open') void this.load(0);
    return () => {
      stopFrames();
      stopStatus();
    };
  }

  /**
   * After a fresh stream, replies may have come while away. A resumed one replayed them, unless a
   * page was on its way when the connection dropped (its answer is given up, its error shown).
   */
  private mayHaveMissed(): boolean {
    return !this.connection.resumed || !this.snapshot.loaded || this.snapshot.loadError !== null;
  }

  /** The next page of replies, when the server has more. */
  async loadMore(): Promise<void> {
    if (!this.snapshot.loaded || !this.snapshot.hasMore || this.snapshot.loadingMore) return;
    await this.load(this.pagedTo);
  }

  private async load(afterSeq: number): Promise<void> {
    this.update({ loadingMore: afterSeq > 0, loadError: null });
    try {
      const ack = await this.connection.request('thread.get', {
        room_id: this.roomId,
        root_id: this.rootId,
        limit: threadPage,
        ...(afterSeq > 0 ? { after_seq: afterSeq } : {}),
      });
      const root = decodeMessage(ack.root);
      const replies = Array.isArray(ack.replies)
        ? ack.replies.flatMap((m) => {
            const reply = decodeMessage(m);
            return reply && reply.threadRootId === this.rootId ? [reply] : [];
          })
        : [];
      this.pagedTo = Math.max(this.pagedTo, ...replies.map((r) => r.seq));
      this.update({
        root: root ? newer(this.snapshot.root, root) : this.snapshot.root,
        replies: mergedReplies(this.snapshot.replies, replies),
        loaded: true,
        hasMore: ack.has_more === true,
        loadingMore: false,
      });
    } catch (cause) {
      const error = cause instanceof RealtimeError ? cause : new RealtimeError('internal', 'something went wrong');
      this.update({ loadingMore: false, loadError: threadProblem(error) });
    }
  }

  private receive(frame: ServerFrame): void {
    if (frame.type !== 'message_posted' && frame.type !== 'message_changed') return;
    const message = decodeMessage(frame.message);
    if (!message || message.roomId !== this.roomId) return;
    if (message.id === this.rootId) {
      this.update({ root: newer(this.snapshot.root, message) });
      return;
    }
    if (message.threadRootId !== this.rootId) return;
    const known = this.snapshot.replies.some((r) => r.seq === message.seq);
    // A change to a reply on a page not read yet waits for that page; a new reply joins at once.
    if (frame.type === 'message_changed' && !known && this.snapshot.hasMore) return;
    this.update({ replies: mergedReplies(this.snapshot.replies, [message]) });
  }

  private update(change: Partial<ThreadSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of [...this.listeners]) listener();
  }
}

/** Of two copies of a message, the later-changed (the room's rule: docs/protocol/realtime.md). */
export function newer(current: ChatMessage | null | undefined, incoming: ChatMessage): ChatMessage {
  return current && current.changeSeq > incoming.changeSeq ? current : incoming;
}

/** `current` and `incoming` by number, each once, oldest first, the later-changed copy kept. */
export function mergedReplies(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const bySeq = new Map<number, ChatMessage>();
  for (const message of [...current, ...incoming]) bySeq.set(message.seq, newer(bySeq.get(message.seq), message));
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Why a thread could not be shown. */
export function threadProblem(error: RealtimeError): string {
  if (error.code === 'not_found' || (error.code === 'invalid_argument' && error.field === 'root_id')) {
    return 'This thread is no longer here.';
  }
  return refusalText(error);
}

/** The thread of `rootId` in `roomId`, loaded while the calling component is mounted. */
export function useThread(roomId: string, rootId: string): { thread: ThreadSnapshot | null; loadMore: () => void } {
  const connection = useRealtimeConnection();
  const store = useMemo(() => (connection ? new ThreadStore(connection, roomId, rootId) : null), [connection, roomId, rootId]);
  useEffect(() => store?.start(), [store]);
  const thread = useSyncExternalStore(store?.subscribe ?? noSubscription, store?.getSnapshot ?? noSnapshot);
  return { thread, loadMore: () => void store?.loadMore() };
}

const noSnapshot = () => null;
const noSubscription = () => () => undefined;
