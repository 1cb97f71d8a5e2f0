import { useNow } from '../../base/ui/useNow';
import { useTimeZone } from '../session/useTimeZone';
import type { ChatRoom } from './chat';
import { mutedNotice } from './restrictions';

/**
 * Says, in place of being able to write, that a moderator has muted one here and until when. The
 * live region is always there, so a mute that arrives while the room is open is read out too.
 */
export function MutedNotice({ room, id }: { room: ChatRoom; id: string }) {
  const timeZone = useTimeZone();
  // Only for the day the end falls on ("4:05 PM" today, with its day otherwise).
  const now = useNow(60_000);
  return (
    <div role="status" id={id}>
      {room.mutedUntil !== null && <p className="notice notice--warning chat__muted">{mutedNotice(room.mutedUntil, timeZone, now)}</p>}
    </div>
  );
}

/** Where an open room was, once a moderator has removed one from it. */
export function RemovedNotice() {
  return (
    <p role="alert" className="notice notice--warning">
      You were removed from this room’s chat by a moderator.
    </p>
  );
}
