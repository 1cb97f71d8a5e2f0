/**
 * Muting and removing people in a room's chat (docs/protocol/realtime.md, "Muting and removing"):
 * the shapes, the moderator's requests and the words shown for them. A moderator's requests go
 * straight over the tab's connection; what the muted or removed person's own tab keeps lives in
 * the chat store, which hears `member_restricted` and `member_restored`.
 */
import { RealtimeError, type RealtimeConnection } from '../../base/realtime/connection';
import { formatDayAndTime, formatTime, localDate } from '../../base/ui/dates';
import type { HideReason } from './chat';
import { refusalText } from './refusals';

export type RestrictionKind = 'muted' | 'removed';

/** Someone muted or removed in a room, as its moderators read it. */
export interface Restriction {
  roomId: string;
  userId: string;
  userName: string;
  kind: RestrictionKind;
  /** When a mute ends (an instant); null for a removal. */
  until: string | null;
  /** A code from the hiding reasons (chat.ts, `hideReasons`). */
  reason: string;
  /** The moderator's note for the other moderators, or null. */
  note: string | null;
  by: string;
  byName: string;
  at: string;
}

/** What a moderator may do to someone: mute them for a number of minutes, or remove them. */
export type MemberAction = { kind: 'muted'; minutes: number } | { kind: 'removed' };

/** The mutes the form offers (the server takes 1 to 10,080 minutes), then removal. */
export const memberActions: readonly { value: string; label: string; action: MemberAction }[] = [
  { value: 'mute-15', label: 'Mute for 15 minutes', action: { kind: 'muted', minutes: 15 } },
  { value: 'mute-60', label: 'Mute for 1 hour', action: { kind: 'muted', minutes: 60 } },
  { value: 'mute-1440', label: 'Mute for 1 day', action: { kind: 'muted', minutes: 1440 } },
  { value: 'mute-10080', label: 'Mute for 1 week', action: { kind: 'muted', minutes: 10080 } },
  { value: 'remove', label: 'Remove from this room’s chat', action: { kind: 'removed' } },
];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isString = (value: unknown): value is string => typeof value === 'string';

export function decodeRestriction(value: unknown): Restriction | null {
  if (!isRecord(value)) return null;
  const { room_id, user_id, user_name, kind, reason, by, by_name, at } = value;
  if (!isString(room_id) || !isString(user_id) || !isString(user_name) || (kind !== 'muted' && kind !== 'removed')) return null;
  if (!isString(reason) || !isString(by) || !isString(at)) return null;
  // A mute without its end could not say when it ends; better dropped than shown as endless.
  if (kind === 'muted' && !isString(value.until)) return null;
  return {
    roomId: room_id,
    userId: user_id,
    userName: user_name,
    kind,
    until: kind === 'muted' && isString(value.until) ? value.until : null,
    reason,
    note: isString(value.note) && value.note !== '' ? value.note : null,
    by,
    byName: isString(by_name) ? by_name : '',
    at,
  };
}

export function decodeRestrictions(value: unknown): Restriction[] {
  return Array.isArray(value) ? value.flatMap((item) => decodeRestriction(item) ?? []) : [];
}

/** "4:05 PM" when the instant falls on the day `now` does in the zone, else with its day. */
export function untilText(until: string, timeZone: string, now: number): string {
  return localDate(until, timeZone) === localDate(now, timeZone) ? formatTime(until, timeZone) : formatDayAndTime(until, timeZone);
}

/** What the muted person is told in place of the box to write in. */
export function mutedNotice(until: string | null, timeZone: string, now: number): string {
  return until === null
    ? 'A moderator has muted you in this room.'
    : `A moderator has muted you in this room until ${untilText(until, timeZone, now)}.`;
}

/** What the moderator is told once the server has stored a mute or a removal. */
export function restrictedText(restriction: Restriction, timeZone: string, now: number): string {
  return restriction.kind === 'muted' && restriction.until !== null
    ? `${restriction.userName} is muted until ${untilText(restriction.until, timeZone, now)}.`
    : `${restriction.userName} is removed from this room’s chat.`;
}

/** Why the server refused a moderator's mute, removal, restore or list, in words. */
export function memberRefusal(error: RealtimeError, name: string): string {
  switch (error.code) {
    case 'invalid_argument':
      if (error.field === 'user_id') {
        return `${name} cannot be muted or removed here: they may moderate this room, or no longer be one of its people.`;
      }
      return refusalText(error);
    case 'permission_denied':
      return 'Only this room’s moderators can mute, remove or restore people.';
    case 'rate_limited': {
      const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 1000) / 1000));
      return `You are making changes quickly. Wait ${seconds === 1 ? 'a second' : `${seconds} seconds`} and try again.`;
    }
    default:
      return refusalText(error);
  }
}

/** The outcome of a moderator's request: what the server acked, or why it refused, in words. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: string };

async function ask<T>(
  connection: RealtimeConnection | null,
  name: string,
  type: string,
  fields: Record<string, unknown>,
  decode: (ack: Record<string, unknown>) => T,
): Promise<Outcome<T>> {
  if (connection === null) return { ok: false, problem: 'Not connected. Reconnecting…' };
  try {
    return { ok: true, value: decode(await connection.request(type, fields)) };
  } catch (cause) {
    const error = cause instanceof RealtimeError ? cause : new RealtimeError('internal', 'something went wrong');
    return { ok: false, problem: memberRefusal(error, name) };
  }
}

/** Mutes or removes `userId` in the room with a reason and an optional note (trimmed). */
export function restrictMember(
  connection: RealtimeConnection | null,
  command: { roomId: string; userId: string; name: string; action: MemberAction; reason: HideReason; note: string },
): Promise<Outcome<Restriction>> {
  const note = command.note.trim();
  const fields = {
    room_id: command.roomId,
    user_id: command.userId,
    reason: command.reason,
    ...(command.action.kind === 'muted' ? { minutes: command.action.minutes } : {}),
    ...(note === '' ? {} : { note }),
  };
  return ask(connection, command.name, command.action.kind === 'muted' ? 'member.mute' : 'member.remove', fields, (ack) => {
    const restriction = decodeRestriction(ack.restriction);
    if (!restriction) throw new RealtimeError('internal', 'the server answered without the restriction');
    return restriction;
  });
}

/** Lifts a mute or a removal. */
export function restoreMember(
  connection: RealtimeConnection | null,
  roomId: string,
  userId: string,
  name: string,
): Promise<Outcome<null>> {
  return ask(connection, name, 'member.restore', { room_id: roomId, user_id: userId }, () => null);
}

/** Who is muted or removed in the room now, by name. */
export function listRestrictions(connection: RealtimeConnection | null, roomId: string): Promise<Outcome<Restriction[]>> {
  return ask(connection, 'They', 'room.restrictions', { room_id: roomId }, (ack) => decodeRestrictions(ack.restrictions));
}
