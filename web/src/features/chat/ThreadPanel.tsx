import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { formatRelative } from '../../base/ui/format';
import { useNow } from '../../base/ui/useNow';
import type { ChatMessage, ChatRoom } from './chat';
import { useChat } from './ChatContext';
import type { Outgoing } from './chatStore';
import { newer, useThread } from './threadStore';
import { rootPreview } from './threads';

interface Threads {
  /** The thread shown beside the room, or null. */
  openRootId: string | null;
  /** Shows the thread of `rootId`; closing it returns focus to `opener`. */
  openThread: (rootId: string, opener: HTMLElement | null) => void;
}

const ThreadContext = createContext<Threads | null>(null);

/** The room's threads, or null outside a room's panel (where there is none to open). */
export function useThreads(): Threads | null {
  return useContext(ThreadContext);
}

/**
 * A room's conversation with, beside it on a wide screen (below it otherwise, or at a large text
 * size), the thread one opened: one at a time, as in Mattermost and Slack. The room's panel says
 * how messages and the box to write in are drawn (`renderMessage`, `renderOutgoing`,
 * `renderComposer`), so a thread shows them exactly as the room does.
 */
export function ThreadProvider({
  room,
  headingLevel,
  renderMessage,
  renderOutgoing,
  renderComposer,
  children,
}: {
  room: ChatRoom;
  headingLevel: 3 | 4;
  renderMessage: (message: ChatMessage) => ReactNode;
  renderOutgoing: (item: Outgoing) => ReactNode;
  renderComposer: (rootId: string) => ReactNode;
  children: ReactNode;
}) {
  const [openRootId, setOpenRootId] = useState<string | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const main = useRef<HTMLDivElement>(null);
  const openThread = useCallback((rootId: string, from: HTMLElement | null) => {
    opener.current = from;
    setOpenRootId(rootId);
  }, []);
  const threads = useMemo<Threads>(() => ({ openRootId, openThread }), [openRootId, openThread]);
  const close = () => {
    setOpenRootId(null);
    const back = opener.current?.isConnected ? opener.current : main.current?.querySelector('textarea');
    back?.focus();
  };

  return (
    <ThreadContext.Provider value={threads}>
      <div className="chat__layout">
        <div className={openRootId ? 'chat__columns chat__columns--thread' : 'chat__columns'}>
          <div ref={main} className="chat__main stack">
            {children}
          </div>
          {openRootId && (
            <ThreadPanel
              key={openRootId}
              room={room}
              rootId={openRootId}
              headingLevel={headingLevel}
              onClose={close}
              renderMessage={renderMessage}
              renderOutgoing={renderOutgoing}
              renderComposer={renderComposer}
            />
          )}
        </div>
      </div>
    </ThreadContext.Provider>
  );
}

/**
 * One thread: its first message, its replies oldest first ("Load more replies" while the server
 * has more), one's replies on their way, and a box to reply in, which takes focus when the thread
 * opens. Escape (when nothing inside wants it) or "Close thread" closes it.
 */
function ThreadPanel({
  room,
  rootId,
  headingLevel,
  onClose,
  renderMessage,
  renderOutgoing,
  renderComposer,
}: {
  room: ChatRoom;
  rootId: string;
  headingLevel: 3 | 4;
  onClose: () => void;
  renderMessage: (message: ChatMessage) => ReactNode;
  renderOutgoing: (item: Outgoing) => ReactNode;
  renderComposer: (rootId: string) => ReactNode;
}) {
  const chat = useChat();
  const { thread, loadMore } = useThread(room.id, rootId);
  const headingId = useId();
  const repliesId = useId();
  const region = useRef<HTMLElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  useEffect(() => {
    (region.current?.querySelector('textarea') ?? closeButton.current)?.focus();
  }, []);

  // The room's copy of a message is used when it is as new: it may hold what only this reader may
  // see of a hidden message (fetched with message.get), which the room's events never carry.
  const roomMessages = chat?.views[room.id]?.messages ?? [];
  const fresher = (message: ChatMessage) => {
    const copy = roomMessages.find((m) => m.id === message.id);
    return copy ? newer(message, copy) : message;
  };
  const known = thread?.root ?? roomMessages.find((m) => m.id === rootId) ?? null;
  const root = known ? fresher(known) : null;
  const replies = (thread?.replies ?? []).map(fresher);
  const outgoing = (chat?.outgoing ?? []).filter((o) => o.roomId === room.id && o.threadRootId === rootId);
  const count = Math.max(root?.replyCount ?? 0, replies.length);

  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- Escape closes the thread from anywhere in it; "Close thread" is the way for pointers
    <section
      ref={region}
      className="thread-panel stack"
      aria-labelledby={headingId}
      onKeyDown={(event) => {
        // Not when a menu, a suggestion list or an edit inside took the key, nor from a dialog
        // opened from here (its keys reach this through React's tree but not the page's).
        if (event.key !== 'Escape' || event.defaultPrevented) return;
        if (!(event.target instanceof Node) || !region.current?.contains(event.target)) return;
        event.preventDefault();
        onClose();
      }}
    >
      <div className="thread-panel__top">
        <Heading id={headingId}>Thread</Heading>
        <button ref={closeButton} type="button" className="button button--quiet button--small" onClick={onClose}>
          Close thread
        </button>
      </div>
      {thread?.loadError && (
        <p role="alert" className="notice notice--error">
          The thread could not be loaded. {thread.loadError}
        </p>
      )}
      {root && <ol className="chat__messages thread-panel__root">{renderMessage(root)}</ol>}
      <p id={repliesId} className="meta thread-panel__count">
        {thread?.loaded || count > 0 ? (count === 1 ? '1 reply' : `${count} replies`) : 'Loading replies…'}
      </p>
      {(replies.length > 0 || outgoing.length > 0) && (
        <ol className="chat__messages thread-panel__replies" aria-labelledby={repliesId}>
          {replies.map(renderMessage)}
          {outgoing.map(renderOutgoing)}
        </ol>
      )}
      {thread?.hasMore && (
        <button
          type="button"
          className="button button--quiet"
          // Not `disabled`: a disabled button loses focus, and keyboard users would lose their place.
          aria-disabled={thread.loadingMore || undefined}
          onClick={loadMore}
        >
          {thread.loadingMore ? 'Loading more replies…' : 'Load more replies'}
        </button>
      )}
      {root === null || mayReply(root) ? (
        renderComposer(rootId)
      ) : (
        <p className="meta">{root.deleted ? 'This message was deleted' : 'A moderator hid this message'}, so it takes no more replies.</p>
      )}
    </section>
  );
}

/** Above a reply in the room's list: "Replied to Blake T.: How is everyone…", which opens its thread. */
export function RepliedTo({ room, message }: { room: ChatRoom; message: ChatMessage }) {
  const threads = useThreads();
  const messages = useChat()?.views[room.id]?.messages;
  const rootId = message.threadRootId;
  if (!threads || rootId === null || message.deleted) return null;
  return (
    <p className="chat-message__thread-link">
      <button
        type="button"
        className="link-button"
        onClick={(event) => {
          threads.openThread(rootId, event.currentTarget);
        }}
      >
        {rootPreview(messages?.find((m) => m.id === rootId))}
      </button>
    </p>
  );
}

/** Under a thread's first message in the room's list: "3 replies · last 5 minutes ago", which opens it. */
export function ThreadSummary({ message }: { message: ChatMessage }) {
  const threads = useThreads();
  const now = useNow(60_000);
  if (!threads || message.replyCount === 0 || message.threadRootId !== null) return null;
  const replies = message.replyCount === 1 ? '1 reply' : `${message.replyCount} replies`;
  const last = message.lastReplyAt ? formatRelative(message.lastReplyAt, now) : '';
  return (
    <p className="chat-message__thread-link">
      <button
        type="button"
        className="link-button"
        aria-expanded={threads.openRootId === message.id}
        onClick={(event) => {
          threads.openThread(message.id, event.currentTarget);
        }}
      >
        {last ? `${replies} · last ${last}` : replies}
      </button>
    </p>
  );
}

/** "Reply" among a message's actions: opens its thread (a reply's own thread, since threads do not nest). */
export function ReplyButton({ message, describedBy }: { message: ChatMessage; describedBy: string }) {
  const threads = useThreads();
  if (!threads || !mayReply(message)) return null;
  return (
    <button
      type="button"
      className="button button--quiet button--small"
      aria-describedby={describedBy}
      onClick={(event) => {
        threads.openThread(message.threadRootId ?? message.id, event.currentTarget);
      }}
    >
      Reply
    </button>
  );
}

/** One cannot reply to a deleted or hidden message (docs/protocol/realtime.md). */
export function mayReply(message: ChatMessage): boolean {
  return !message.deleted && message.hiddenReason === null;
}
