import { useSignedIn } from '../session/SessionContext';
import type { ChatRoom, PresenceStatus } from './chat';
import { useChat } from './ChatContext';

/**
 * A person's status as a small mark, never by colour alone: online a filled circle, away a
 * half-filled one, offline an empty ring, with the word for screen readers (or shown, with
 * `showText`). Colours come from the theme's tokens, so the high-contrast setting applies, and
 * sizes are in rem, so the text size does.
 */
export function PresenceDot({ status, name, showText = false }: { status: PresenceStatus; name?: string; showText?: boolean }) {
  const words = name === undefined ? status : `${name}: ${status}`;
  return (
    <span className={`presence presence--${status}`}>
      <span className="presence__dot" aria-hidden="true" title={status} />
      <span className={showText ? 'presence__text' : 'visually-hidden'}>{words}</span>
    </span>
  );
}

/** The status of one person, or undefined while nothing is known of it (then nothing is shown). */
export function usePresenceOf(userId: string): PresenceStatus | undefined {
  return useChat()?.presence[userId];
}

/** The other people of a private conversation whose status is known, with it. */
function useOthers(room: ChatRoom): { id: string; name: string; status: PresenceStatus }[] {
  const { user } = useSignedIn();
  const presence = useChat()?.presence ?? {};
  return room.members.flatMap((member) => {
    const status = presence[member.id];
    return member.id === user.id || status === undefined ? [] : [{ id: member.id, name: member.name, status }];
  });
}

/** Beside a private conversation in a list: one mark for one other person, named marks for several. */
export function RoomPresence({ room }: { room: ChatRoom }) {
  const others = useOthers(room);
  if (room.kind !== 'private' || others.length === 0) return null;
  if (room.members.length <= 2) return others[0] ? <PresenceDot status={others[0].status} /> : null;
  return (
    <span className="presence-group">
      {others.map((other) => (
        <PresenceDot key={other.id} status={other.status} name={other.name} />
      ))}
    </span>
  );
}

/** Under a private conversation's heading: each other person and their status, in words. */
export function RoomPeople({ room }: { room: ChatRoom }) {
  const others = useOthers(room);
  if (room.kind !== 'private' || others.length === 0) return null;
  return (
    <ul className="presence-list" aria-label="People in this conversation">
      {others.map((other) => (
        <li key={other.id}>
          <PresenceDot status={other.status} name={other.name} showText />
        </li>
      ))}
    </ul>
  );
}
