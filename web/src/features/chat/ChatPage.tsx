import { useId } from 'react';
import { Link, useParams } from 'react-router';
import { Loading } from '../../base/ui/Loading';
import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { unreadIn, type ChatRoom } from './chat';
import { useChat } from './ChatContext';
import { ChatPanel } from './ChatPanel';
import { ChatSearch } from './ChatSearch';
import { MentionBadge } from './MentionNotices';
import { RoomPeople, RoomPresence } from './Presence';
import { RemovedNotice } from './RestrictionNotices';

/** Every room one may use, with how many messages are unread in each, and how many name one. */
export function ChatPage() {
  useDocumentTitle('Chat');
  const chat = useChat();
  const rooms = chat?.rooms ?? null;
  const searchHeading = useId();
  return (
    <div className="page-wide">
      <PageHeading>Chat</PageHeading>
      {rooms === null ? (
        <Loading what="your rooms" />
      ) : rooms.length === 0 ? (
        <p className="lead">You are not in any chat room yet. Each group you join has one, and so does your program.</p>
      ) : (
        <>
          <section className="stack" aria-labelledby={searchHeading}>
            <h2 id={searchHeading}>Search</h2>
            <ChatSearch label="Search messages" />
          </section>
          <RoomList heading="Your groups" rooms={rooms.filter((r) => r.kind === 'group')} />
          <RoomList heading="Your program" rooms={rooms.filter((r) => r.kind === 'program')} />
          <section className="stack">
            <h2>Private conversations</h2>
            <p>
              <Link to="/chat/new">Start a conversation</Link>
            </p>
            <RoomList rooms={rooms.filter((r) => r.kind === 'private')} />
          </section>
        </>
      )}
    </div>
  );
}

function RoomList({ heading, rooms }: { heading?: string; rooms: ChatRoom[] }) {
  if (rooms.length === 0) return null;
  const list = (
    <ul className="room-list">
      {rooms.map((room) => {
        const unread = unreadIn(room);
        return (
          <li key={room.id}>
            <Link to={`/chat/${encodeURIComponent(room.id)}`}>{room.name}</Link>
            <RoomPresence room={room} />
            {unread > 0 && <UnreadBadge count={unread} />}
            <MentionBadge count={room.mentions} />
          </li>
        );
      })}
    </ul>
  );
  if (heading === undefined) return list;
  return (
    <section className="stack">
      <h2>{heading}</h2>
      {list}
    </section>
  );
}

/** "3 unread", with the number shown and the words for screen readers. */
export function UnreadBadge({ count }: { count: number }) {
  return (
    <span className="badge">
      {count > 99 ? '99+' : count}
      <span className="visually-hidden"> unread</span>
    </span>
  );
}

/** One room on a page of its own. */
export function ChatRoomPage() {
  const { id = '' } = useParams();
  const chat = useChat();
  const room = chat?.rooms?.find((r) => r.id === id) ?? null;
  const removed = chat?.removed.find((r) => r.id === id) ?? null;
  const name = room?.name ?? removed?.name ?? 'Chat';
  useDocumentTitle(name);
  return (
    <div className="page-wide">
      <PageHeading>{name}</PageHeading>
      {chat?.rooms == null ? (
        <Loading what="this room" />
      ) : room === null && removed !== null ? (
        <>
          <RemovedNotice />
          <p>
            <Link to="/chat">See your rooms</Link>
          </p>
        </>
      ) : room === null ? (
        <p className="lead">
          There is no such room, or it is not open to you. <Link to="/chat">See your rooms</Link>
        </p>
      ) : (
        <>
          {room.kind === 'group' && room.groupId && (
            <p>
              <Link to={`/groups/${encodeURIComponent(room.groupId)}`}>About this group</Link>
            </p>
          )}
          <RoomPeople room={room} />
          <ChatPanel room={room} title="Messages" />
        </>
      )}
    </div>
  );
}

/** The group's room on its page, for its members and facilitators (others have none). */
export function GroupChat({ groupId }: { groupId: string }) {
  const chat = useChat();
  const room = chat?.rooms?.find((r) => r.kind === 'group' && r.groupId === groupId) ?? null;
  if (!room) {
    return chat?.removed.some((r) => r.kind === 'group' && r.groupId === groupId) ? <RemovedNotice /> : null;
  }
  return <ChatPanel room={room} title="Group chat" />;
}

/** The number of unread messages across one's rooms, for the navigation. */
export function useTotalUnread(): number {
  const chat = useChat();
  return (chat?.rooms ?? []).reduce((total, room) => total + unreadIn(room), 0);
}
