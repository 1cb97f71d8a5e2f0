import type { ChatRoom } from './chat';
import type { ChatSnapshot } from './chatStore';

/**
 * Ends each of one's mutes at its time: the server lets the person post again then without
 * telling anyone (docs/protocol/realtime.md, "Muting and removing"), so the tab keeps the clock.
 */
export class MuteClock {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  /** `onOver` hears the rooms whose mute has run out, to let the person write there again. */
  constructor(private readonly onOver: (roomIds: string[]) => void) {}

  /**
   * Follows the mutes of `rooms` from now on, in place of those it followed before. A mute already
   * over, or with an end that does not parse, is reported at once.
   */
  follow(rooms: readonly ChatRoom[]): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    const now = Date.now();
    const over: string[] = [];
    for (const room of rooms) {
      if (room.mutedUntil === null) continue;
      const left = Date.parse(room.mutedUntil) - now;
      if (!(left > 0)) {
        over.push(room.id);
        continue;
      }
      const timer = setTimeout(
        () => {
          this.timers.delete(room.id);
          this.onOver([room.id]);
        },
        // setTimeout takes at most 2^31 - 1 ms (24.8 days); a mute lasts a week at most.
        Math.min(left, 2 ** 31 - 1),
      );
      this.timers.set(room.id, timer);
    }
    if (over.length > 0) this.onOver(over);
  }
}

/** `rooms` with the mutes of `roomIds` lifted. */
export function unmuted(rooms: readonly ChatRoom[], roomIds: readonly string[]): ChatRoom[] {
  return rooms.map((room) => (roomIds.includes(room.id) && room.mutedUntil !== null ? { ...room, mutedUntil: null } : room));
}

/**
 * The chat without a room a moderator removed one from: it leaves the list with what was loaded of
 * it and the messages still on their way there, which the server would refuse; it is remembered
 * among the `removed`, so that a page showing it can say why it went.
 */
export function withoutRoom(snapshot: ChatSnapshot, roomId: string): Partial<ChatSnapshot> | null {
  const room = snapshot.rooms?.find((r) => r.id === roomId);
  if (!room) return null;
  const others = <T>(entries: Readonly<Record<string, T>>) => Object.fromEntries(Object.entries(entries).filter(([id]) => id !== roomId));
  return {
    rooms: (snapshot.rooms ?? []).filter((r) => r.id !== roomId),
    views: others(snapshot.views),
    typing: others(snapshot.typing),
    outgoing: snapshot.outgoing.filter((o) => o.roomId !== roomId),
    removed: [...snapshot.removed.filter((r) => r.id !== roomId), room],
  };
}
