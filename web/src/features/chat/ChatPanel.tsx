import { useEffect, useId, useRef, useState } from 'react';
import { formatDayAndTime, formatTime, localDate } from '../../base/ui/dates';
import { useNow } from '../../base/ui/useNow';
import { useTimeZone } from '../session/useTimeZone';
import { useSignedIn } from '../session/SessionContext';
import {
  hiddenReasonText,
  messageProblem,
  seenBy,
  typingText,
  typistName,
  type ChatMessage,
  type ChatRoom,
  type MessageVersion,
} from './chat';
import { useChat, useChatStore } from './ChatContext';
import { ChatSearch } from './ChatSearch';
import type { ChatSnapshot, Outgoing } from './chatStore';
import { plainText } from './messageFormat';
import { mayReport, ReportMessageAction } from '../chat-reports/ReportMessageAction';
import { MemberControls } from './MemberModeration';
import { HiddenNotice, ModerationControls } from './MessageModeration';
import { MessageText } from './MessageText';
import { MentionedText } from './MentionedText';
import { Composer } from './Composer';
import { keptMentions } from './mentions';
import { Reactions } from './Reactions';
import { useRoomPeople } from './roomPeople';
import { mayReply, RepliedTo, ReplyButton, ThreadProvider, ThreadSummary } from './ThreadPanel';
import { useLogScroll } from './logScroll';
import { PresenceDot, usePresenceOf } from './Presence';
import { RoomRestrictions } from './RoomRestrictions';
import { withFileNames } from './chatFiles';
import { MessageFiles } from './FileAttachments';

/** How long a room must stay in view before it counts as read. */
const readAfterMs = 400;

/**
 * One room's conversation: its history (older pages on request), live messages, one's own
 * messages still on their way, and the box to write in. New messages from others are read out
 * through a polite live region; the list itself is not live, so loading history stays quiet.
 */
export function ChatPanel({ room, headingLevel = 2, title }: { room: ChatRoom; headingLevel?: 2 | 3; title?: string }) {
  const chat = useChat();
  const store = useChatStore();
  const headingId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const view = chat?.views[room.id];
  const status = chat?.status ?? 'connecting';

  useEffect(() => {
    if (status === 'open') void store?.openRoom(room.id);
  }, [store, status, room.id]);

  useMarkReadWhileVisible(room, view?.loaded === true);

  return (
    <section aria-labelledby={headingId} className="chat stack">
      <Heading id={headingId}>{title ?? `Chat: ${room.name}`}</Heading>
      <ConnectionNotice status={status} />
      <details className="chat__search">
        <summary>Search this room</summary>
        <ChatSearch roomId={room.id} label="Search this room" />
      </details>
      <RoomRestrictions room={room} />
      {chat?.crisis && <CrisisResources crisis={chat.crisis} onClose={() => store?.dismissCrisis()} />}
      <ThreadProvider
        room={room}
        headingLevel={headingLevel === 2 ? 3 : 4}
        renderMessage={(message) => <ThreadMessage key={message.seq} room={room} message={message} />}
        renderOutgoing={(item) => <OutgoingItem key={item.clientMessageId} item={item} />}
        renderComposer={(rootId) => <Composer room={room} threadRootId={rootId} />}
      >
        {view?.loadError && (
          <p role="alert" className="notice notice--error">
            The messages could not be loaded. {view.loadError}
          </p>
        )}
        {view?.loaded ? (
          <MessageLog room={room} chat={chat} />
        ) : (
          status === 'open' && !view?.loadError && <p className="loading">Loading messages…</p>
        )}
        <TypingIndicator room={room} chat={chat} />
        <Composer room={room} />
      </ThreadProvider>
      <Arrivals roomId={room.id} chat={chat} />
    </section>
  );
}

/**
 * "Alex is typing…" under the log. Deliberately not a live region (aria-live="off"): typing comes
 * and goes every few seconds, so announcing it would talk over whatever a screen-reader user is
 * reading or writing, and the message itself is read out when it arrives (Arrivals, below). The
 * line sits between the log and the box to write in, where it can be read on the way.
 */
function TypingIndicator({ room, chat }: { room: ChatRoom; chat: ChatSnapshot | null }) {
  const typists = chat?.typing[room.id] ?? [];
  const messages = chat?.views[room.id]?.messages ?? [];
  const text = typingText(typists.map((userId) => typistName(room, userId, messages)));
  return (
    <p className="chat__typing" aria-live="off">
      {text}
    </p>
  );
}

function ConnectionNotice({ status }: { status: ChatSnapshot['status'] }) {
  const text =
    status === 'connecting'
      ? 'Connecting to chat…'
      : status === 'reconnecting'
        ? 'Reconnecting… Messages you send now go out once the connection is back.'
        : status === 'ended'
          ? 'Your session has ended. Sign in again to chat.'
          : status === 'stopped'
            ? 'Chat is closed.'
            : '';
  return (
    <p role="status" className={text ? 'chat__status' : 'visually-hidden'}>
      {text}
    </p>
  );
}

function MessageLog({ room, chat }: { room: ChatRoom; chat: ChatSnapshot | null }) {
  const store = useChatStore();
  const timeZone = useTimeZone();
  const view = chat?.views[room.id];
  const messages = view?.messages ?? [];
  const outgoing = (chat?.outgoing ?? []).filter((o) => o.roomId === room.id);
  const listId = useId();
  const { scroller, list, onScroll, loadEarlier, announcement } = useLogScroll({
    roomId: room.id,
    view,
    pendingCount: outgoing.length,
    load: () => void store?.loadOlder(room.id),
  });

  const today = localDate(useNow(60_000), timeZone);
  return (
    <>
      <div
        ref={scroller}
        className="chat__scroller"
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be reachable by keyboard (WCAG 2.1.1)
        tabIndex={0}
        role="region"
        aria-labelledby={listId}
        onScroll={onScroll}
      >
        <p id={listId} className="visually-hidden">
          Messages in {room.name}
        </p>
        {view?.hasMore && (
          <button
            type="button"
            className="button button--quiet chat__older"
            // Not `disabled`: a disabled button loses focus, and keyboard users would lose their place.
            aria-disabled={view.loadingOlder || undefined}
            onClick={(event) => {
              loadEarlier(event.currentTarget);
            }}
          >
            {view.loadingOlder ? 'Loading earlier messages…' : 'Load earlier messages'}
          </button>
        )}
        {messages.length === 0 && outgoing.length === 0 ? (
          <p className="meta">No messages yet. Say hello.</p>
        ) : (
          <ol ref={list} className="chat__messages">
            {messages.map((message) => (
              <MessageItem key={message.seq} room={room} message={message} timeZone={timeZone} today={today} />
            ))}
            {outgoing.map((item) => (
              <OutgoingItem key={item.clientMessageId} item={item} />
            ))}
          </ol>
        )}
        <SeenBy room={room} newest={messages.at(-1)} />
      </div>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </>
  );
}

/** In a private conversation: who has read up to the newest message. */
function SeenBy({ room, newest }: { room: ChatRoom; newest: ChatMessage | undefined }) {
  const { user } = useSignedIn();
  const names = seenBy(room, newest, user.id);
  if (names.length === 0) return null;
  return <p className="meta chat__seen">Seen by {names.join(', ')}</p>;
}

/** A message in a thread's panel: as in the room's list, without the links to the thread it is in. */
function ThreadMessage({ room, message }: { room: ChatRoom; message: ChatMessage }) {
  const timeZone = useTimeZone();
  const today = localDate(useNow(60_000), timeZone);
  return <MessageItem room={room} message={message} timeZone={timeZone} today={today} inThread />;
}

function MessageItem({
  room,
  message,
  timeZone,
  today,
  inThread = false,
}: {
  room: ChatRoom;
  message: ChatMessage;
  timeZone: string;
  today: string;
  /** Shown in its thread's panel, where "Reply" and the links to the thread would lead nowhere new. */
  inThread?: boolean;
}) {
  const { user } = useSignedIn();
  const store = useChatStore();
  const [mode, setMode] = useState<'reading' | 'editing' | 'confirming-delete'>('reading');
  const [problem, setProblem] = useState<string | null>(null);
  const textId = useId();
  const editButton = useRef<HTMLButtonElement>(null);
  const when = (value: string) =>
    localDate(value, timeZone) === today ? formatTime(value, timeZone) : formatDayAndTime(value, timeZone);
  const own = message.authorId === user.id;
  const presence = usePresenceOf(message.authorId);
  const mayDelete = !message.deleted && (own || room.canModerate);
  // The server refuses to edit a hidden message: an edit would show it to the room again.
  const mayEdit = !message.deleted && own && message.hiddenReason === null;
  const mayHide = !message.deleted && room.canModerate;
  // Anyone may report someone else's message to the program's clinicians, moderators too (a
  // report reaches the clinicians, who may not be in this room).
  const mayReportIt = mayReport(message, user.id);
  const hiddenWithText = !message.deleted && message.hiddenReason !== null && message.text !== '';
  const mayReplyHere = !inThread && mayReply(message);
  const people = useRoomPeople(room.id, message.mentions.length > 0);

  return (
    <li
      className={
        message.deleted ? 'chat-message chat-message--deleted' : hiddenWithText ? 'chat-message chat-message--hidden' : 'chat-message'
      }
    >
      <p className="chat-message__meta">
        <span className="chat-message__author">{message.authorName}</span>{' '}
        {presence && !own && (
          <>
            <PresenceDot status={presence} />{' '}
          </>
        )}
        <time dateTime={message.createdAt}>{when(message.createdAt)}</time>
        {message.editedAt && !message.deleted && (
          <>
            {' '}
            <span className="chat-message__edited">(edited {when(message.editedAt)})</span>
          </>
        )}
      </p>
      {!inThread && <RepliedTo room={room} message={message} />}
      {message.deleted ? (
        <p className="chat-message__text chat-message__tombstone" id={textId}>
          {message.deletedByAuthor ? 'Message deleted.' : 'Message removed by a moderator.'}
        </p>
      ) : message.hiddenReason !== null && message.text === '' ? (
        <p className="chat-message__text chat-message__tombstone" id={textId}>
          Hidden by a moderator because {hiddenReasonText(message.hiddenReason)}.
        </p>
      ) : mode === 'editing' ? (
        <EditForm
          initial={message.text}
          onCancel={() => {
            setMode('reading');
            editButton.current?.focus();
          }}
          onSave={async (text) => {
            const mentions = keptMentions(message.mentions, text, people);
            const refused = store ? await store.editMessage(room.id, message.id, text, mentions) : 'Not connected.';
            if (refused === null) setMode('reading');
            return refused;
          }}
        />
      ) : (
        <>
          <MentionedText roomId={room.id} message={message} id={textId} />
          <MessageFiles files={message.files} />
          <HiddenNotice room={room} message={message} />
          {!inThread && <ThreadSummary message={message} />}
          <Reactions room={room} message={message} describedBy={textId} />
        </>
      )}
      {problem && <p className="field__error">{problem}</p>}
      {mode === 'confirming-delete' ? (
        <ConfirmDelete
          own={own}
          onKeep={() => {
            setMode('reading');
          }}
          onDelete={async () => {
            const refused = store ? await store.deleteMessage(room.id, message.id) : 'Not connected.';
            setProblem(refused);
            setMode('reading');
          }}
        />
      ) : (
        mode === 'reading' &&
        (mayReplyHere ||
          mayEdit ||
          mayDelete ||
          mayHide ||
          mayReportIt ||
          (room.canModerate && (message.editedAt !== null || message.deleted))) && (
          <div className="chat-message__actions">
            {mayReplyHere && <ReplyButton message={message} describedBy={textId} />}
            {mayEdit && (
              <button
                ref={editButton}
                type="button"
                className="button button--quiet button--small"
                aria-describedby={textId}
                onClick={() => {
                  setProblem(null);
                  setMode('editing');
                }}
              >
                Edit
              </button>
            )}
            {mayDelete && (
              <button
                type="button"
                className="button button--quiet button--small"
                aria-describedby={textId}
                onClick={() => {
                  setProblem(null);
                  setMode('confirming-delete');
                }}
              >
                Delete
              </button>
            )}
            {mayHide && <ModerationControls room={room} message={message} describedBy={textId} />}
            {room.canModerate && room.kind !== 'private' && !own && (
              <MemberControls room={room} userId={message.authorId} name={message.authorName} />
            )}
            {mayReportIt && (
              <ReportMessageAction
                roomId={room.id}
                messageId={message.id}
                authorName={message.authorName}
                describedBy={textId}
              />
            )}
            {room.canModerate && (message.editedAt !== null || message.deleted) && (
              <EarlierVersions roomId={room.id} messageId={message.id} timeZone={timeZone} />
            )}
          </div>
        )
      )}
    </li>
  );
}

/** One's message in a box to change it: Enter or Save saves, Escape or Cancel leaves it as it was. */
function EditForm({
  initial,
  onSave,
  onCancel,
}: {
  initial: string;
  onSave: (text: string) => Promise<string | null>;
  onCancel: () => void;
}) {
  const [text, setText] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const fieldId = useId();
  const problemId = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    field.current?.focus();
  }, []);

  const save = async () => {
    const found = messageProblem(text);
    setProblem(found);
    if (found) return;
    setSaving(true);
    const refused = await onSave(text);
    setSaving(false);
    setProblem(refused);
  };

  return (
    <form
      className="chat-message__edit"
      aria-label="Edit message"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label htmlFor={fieldId} className="visually-hidden">
        Edit message
      </label>
      <textarea
        ref={field}
        id={fieldId}
        className="input input--area"
        value={text}
        rows={2}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? problemId : undefined}
        onChange={(event) => {
          setText(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            onCancel();
          } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            void save();
          }
        }}
      />
      {problem && (
        <p id={problemId} className="field__error">
          {problem}
        </p>
      )}
      <div className="chat-message__actions">
        <button type="submit" className="button button--small" disabled={saving}>
          Save
        </button>
        <button type="button" className="button button--quiet button--small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ConfirmDelete({ own, onDelete, onKeep }: { own: boolean; onDelete: () => Promise<void>; onKeep: () => void }) {
  const keep = useRef<HTMLButtonElement>(null);
  const [deleting, setDeleting] = useState(false);
  useEffect(() => {
    keep.current?.focus();
  }, []);
  return (
    <div className="chat-message__actions" role="group" aria-label="Delete this message?">
      <p className="chat-message__confirm">
        {own
          ? 'Delete this message? Everyone will see that a message was deleted.'
          : 'Remove this message? Everyone will see that a moderator removed it; this is recorded.'}
      </p>
      <button
        type="button"
        className="button button--danger button--small"
        disabled={deleting}
        onClick={() => {
          setDeleting(true);
          void onDelete();
        }}
      >
        {own ? 'Delete' : 'Remove'}
      </button>
      <button ref={keep} type="button" className="button button--quiet button--small" onClick={onKeep}>
        Keep it
      </button>
    </div>
  );
}

/** For moderators: what an edited or deleted message said before, fetched when asked for. */
function EarlierVersions({ roomId, messageId, timeZone }: { roomId: string; messageId: string; timeZone: string }) {
  const store = useChatStore();
  const [versions, setVersions] = useState<MessageVersion[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const listId = useId();
  if (versions !== null) {
    return (
      <div className="chat-message__versions">
        <p id={listId} className="meta">
          Earlier versions (seen only by moderators)
        </p>
        <ol aria-labelledby={listId}>
          {versions.map((version) => (
            <li key={version.replacedAt + version.reason}>
              <span className="meta">
                {version.reason === 'edited' ? 'Before the edit at' : 'Before deletion at'} {formatDayAndTime(version.replacedAt, timeZone)}:
              </span>{' '}
              {version.text}
            </li>
          ))}
        </ol>
      </div>
    );
  }
  return (
    <>
      <button
        type="button"
        className="button button--quiet button--small"
        onClick={() => {
          if (!store) return;
          store.versions(roomId, messageId).then(setVersions, () => {
            setProblem('The earlier versions could not be loaded.');
          });
        }}
      >
        Show earlier versions
      </button>
      {problem && <p className="field__error">{problem}</p>}
    </>
  );
}

function OutgoingItem({ item }: { item: Outgoing }) {
  const store = useChatStore();
  return (
    <li className={`chat-message chat-message--${item.state}`}>
      <p className="chat-message__meta">
        <span className="chat-message__author">You</span>{' '}
        <span>{item.state === 'failed' ? 'Not sent' : item.state === 'waiting' ? 'Waiting for the connection…' : 'Sending…'}</span>
      </p>
      <MessageText text={item.text} />
      <MessageFiles files={item.files} />
      {item.state === 'failed' && (
        <div className="chat-message__actions">
          <p className="field__error">{item.problem}</p>
          <button type="button" className="button button--quiet" onClick={() => store?.retry(item.clientMessageId)}>
            Try again
          </button>
          <button type="button" className="button button--quiet" onClick={() => store?.discard(item.clientMessageId)}>
            Discard
          </button>
        </div>
      )}
    </li>
  );
}

function CrisisResources({ crisis, onClose }: { crisis: NonNullable<ChatSnapshot['crisis']>; onClose: () => void }) {
  const headingId = useId();
  return (
    <aside role="alert" aria-labelledby={headingId} className="notice notice--warning crisis">
      <p id={headingId} className="notice__title">
        You do not have to face this alone.
      </p>
      <p>If you are thinking about harming yourself, or you are in danger, reach out now:</p>
      <ul>
        {crisis.resources.map((resource) => (
          <li key={resource.name}>
            <a href={resource.url} target="_blank" rel="noopener noreferrer">
              {resource.name}
            </a>
            : {resource.contact}
          </li>
        ))}
      </ul>
      <button type="button" className="button button--quiet" onClick={onClose}>
        Close
      </button>
    </aside>
  );
}

/** Reads out messages from others in this room as they arrive, politely. */
function Arrivals({ roomId, chat }: { roomId: string; chat: ChatSnapshot | null }) {
  const arrival = chat?.arrival;
  // Only what arrives while the panel is open: an older arrival is not news to this page.
  const [seenBefore] = useState(() => arrival?.count ?? 0);
  const ours = arrival && arrival.count > seenBefore && arrival.message.roomId === roomId;
  // A new node for each arrival, so that the same words twice are read twice.
  return (
    <p className="visually-hidden" aria-live="polite" aria-atomic="true">
      {ours && <span key={arrival.count}>{`${arrival.message.authorName}: ${withFileNames(plainText(arrival.message.text), arrival.message.files)}`}</span>}
    </p>
  );
}

/** Marks the room read while it is on screen in a visible tab. */
function useMarkReadWhileVisible(room: ChatRoom, loaded: boolean) {
  const store = useChatStore();
  const unread = room.lastSeq > room.lastReadSeq;
  useEffect(() => {
    if (!loaded || !unread || !store) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const consider = () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (document.visibilityState !== 'visible') return;
      timer = setTimeout(() => void store.markRead(room.id), readAfterMs);
    };
    consider();
    document.addEventListener('visibilitychange', consider);
    return () => {
      document.removeEventListener('visibilitychange', consider);
      if (timer !== null) clearTimeout(timer);
    };
  }, [store, room.id, loaded, unread, room.lastSeq]);
}
