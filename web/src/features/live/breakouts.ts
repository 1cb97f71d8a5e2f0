/**
 * Breakout rooms and the pull-aside as this tab knows them (docs/protocol/realtime.md, "Breakout
 * rooms and the pull-aside"): every participant has a place (the main room, a breakout room, a
 * facilitator's private word), and only the people in one place see and hear each other. The
 * state's `breakouts` decoded, the events beside it, and the selectors the controller and the
 * screens read: who is here, where everyone is, the countdown on the server's clock, and what
 * changed, in words.
 *
 * Framework-free and pure, like sessionState.ts.
 */
import type { ServerFrame } from '../../base/realtime/connection';
import type { LiveParticipant, RoomView, SessionView } from './sessionState';
import { count, flag, records, text } from './wire';

/** The places of a session (docs/protocol/realtime.md, "Breakout rooms and the pull-aside"). */
export const mainRoom = 0;
export const asidePlace = -1;

export interface BreakoutRoom {
  number: number;
  /** A peer lead's user id, or '' for none. */
  leadUserId: string;
  /** User ids: assignments are by person, so they hold across reconnects and late arrivals. */
  assigned: string[];
  /** Someone there asked for a facilitator, and none has visited since. */
  helpRequested: boolean;
}

export interface Breakouts {
  stage: 'none' | 'prepared' | 'open';
  /** The most people a room holds. */
  cap: number;
  /** Participants may pick their room. */
  choosing: boolean;
  /** When the open rooms end, on the server's clock (0 unless open). */
  endsAtMs: number;
  /** Less than a minute is left. */
  warned: boolean;
  rooms: BreakoutRoom[];
}

const breakoutStages: readonly string[] = ['none', 'prepared', 'open'];

export function breakoutsOf(value: unknown): Breakouts {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const stage = breakoutStages.includes(text(record.stage)) ? (record.stage as Breakouts['stage']) : 'none';
  return {
    stage,
    cap: count(record.cap),
    choosing: flag(record.choosing),
    endsAtMs: count(record.ends_at_ms),
    warned: flag(record.warned),
    rooms: records(record.rooms)
      .map((room) => ({
        number: count(room.number),
        leadUserId: text(room.lead_user_id),
        assigned: Array.isArray(room.assigned)
          ? room.assigned.filter((id): id is string => typeof id === 'string')
          : [],
        helpRequested: flag(room.help_requested),
      }))
      .filter((room) => room.number > 0),
  };
}

/** A `session_broadcast` frame: a facilitator's words to every place; null for any other frame. */
export function broadcastOf(frame: ServerFrame): { participantId: string; name: string; text: string } | null {
  if (frame.type !== 'session_broadcast' || typeof frame.text !== 'string' || frame.text === '') return null;
  return { participantId: text(frame.participant_id), name: text(frame.name), text: frame.text };
}

/** A `session_help_requested` frame (to facilitators): who asked, from which breakout room. */
export function helpRequestOf(frame: ServerFrame): { room: number; participantId: string; name: string } | null {
  if (frame.type !== 'session_help_requested') return null;
  const room = count(frame.room);
  return room > 0 ? { room, participantId: text(frame.participant_id), name: text(frame.name) } : null;
}

/** A `session_room_message` frame: words said in one place. */
export function roomWordOf(
  frame: ServerFrame,
): { participantId: string; name: string; text: string; place: number; sentAtMs: number } | null {
  if (frame.type !== 'session_room_message' || typeof frame.text !== 'string' || frame.text === '') return null;
  return {
    participantId: text(frame.participant_id),
    name: text(frame.name),
    text: frame.text,
    place: count(frame.place),
    sentAtMs: count(frame.sent_at_ms),
  };
}

/** The people in one's own place, oneself included: the only ones one sees and hears. */
export function peopleHere(view: SessionView | null): LiveParticipant[] {
  if (view?.stage !== 'in_room') return [];
  return view.participants.filter((p) => p.place === view.place);
}

/** The others in one's own place: the people this tab keeps a peer connection with. */
export function othersHere(view: SessionView | null): LiveParticipant[] {
  return peopleHere(view).filter((p) => p.participantId !== view?.you);
}

/** One's breakout room as the state describes it; null outside the breakout rooms. */
export function breakoutRoomHere(view: RoomView): BreakoutRoom | null {
  if (view.place <= mainRoom) return null;
  return view.breakouts.rooms.find((room) => room.number === view.place) ?? null;
}

/** The breakout room a person is assigned to (by user id), or `mainRoom` for none. */
export function assignedRoomOf(breakouts: Breakouts, userId: string): number {
  return breakouts.rooms.find((room) => room.assigned.includes(userId))?.number ?? mainRoom;
}

/** A place in words: "Main room", "Breakout room 2 of 3", "Private conversation". */
export function placeName(place: number, rooms: number): string {
  if (place === mainRoom) return 'Main room';
  if (place === asidePlace) return 'Private conversation';
  return `Breakout room ${place} of ${rooms}`;
}

/** Who is where, for facilitators: the main room, each breakout room in order, then any private word. */
export function whereEveryoneIs(view: RoomView): { place: number; people: LiveParticipant[] }[] {
  const places = [mainRoom, ...view.breakouts.rooms.map((room) => room.number)];
  if (view.participants.some((p) => p.place === asidePlace)) places.push(asidePlace);
  for (const p of view.participants) if (!places.includes(p.place)) places.push(p.place);
  return places.map((place) => ({ place, people: view.participants.filter((p) => p.place === place) }));
}

/**
 * The other person in a private word one is part of: for the participant, the facilitator; for
 * the facilitator, the participant. Null when one is not aside.
 */
export function asidePartner(view: RoomView): LiveParticipant | null {
  if (view.place !== asidePlace) return null;
  return view.participants.find((p) => p.place === asidePlace && p.participantId !== view.you) ?? null;
}

/** The facilitator away for a private word, as seen by everyone not in it; null if none is. */
export function facilitatorAside(view: RoomView): LiveParticipant | null {
  if (view.place === asidePlace) return null;
  return view.participants.find((p) => p.place === asidePlace && p.role === 'facilitator') ?? null;
}

/** "You are in a private conversation with Avery M." (a name's own full stop ends the sentence). */
export function asideWords(partner: LiveParticipant | null): string {
  if (!partner) return 'You are in a private conversation.';
  const sentence = `You are in a private conversation with ${partner.name}`;
  return sentence.endsWith('.') ? sentence : `${sentence}.`;
}

/** Where one is, in a sentence: a breakout room, a private word; null in the main room. */
export function placeWords(view: RoomView): string | null {
  if (view.place === mainRoom) return null;
  if (view.place === asidePlace) return asideWords(asidePartner(view));
  return `You are in breakout room ${view.place} of ${view.breakouts.rooms.length}.`;
}

/**
 * What is left of the open breakout rooms, in ms, at `nowMs` on this browser's clock, corrected
 * by the server's (`clockOffsetMs`); null unless the rooms are open. Never more than was left
 * when the server made the state: a clock redrawn once a second may read a moment before the
 * state arrived.
 */
export function breakoutMsLeft(view: RoomView, clockOffsetMs: number, nowMs: number): number | null {
  const { breakouts, serverNowMs } = view;
  if (breakouts.stage !== 'open') return null;
  const left = breakouts.endsAtMs - (nowMs + clockOffsetMs);
  const atState = serverNowMs > 0 ? breakouts.endsAtMs - serverNowMs : left;
  return Math.max(0, Math.min(left, atState));
}

/** A countdown as a clock shows it: "4:05", "0:09"; whole seconds, rounded up (0:01 until the end). */
export function countdownText(ms: number): string {
  const seconds = Math.ceil(Math.max(0, ms) / 1000);
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

/** A countdown in words, as a screen reader should say it: "4 minutes 5 seconds", "9 seconds". */
export function countdownWords(ms: number): string {
  const seconds = Math.ceil(Math.max(0, ms) / 1000);
  const minutes = Math.floor(seconds / 60);
  const parts = [];
  if (minutes > 0) parts.push(minutes === 1 ? '1 minute' : `${minutes} minutes`);
  if (seconds % 60 > 0 || minutes === 0) parts.push(seconds % 60 === 1 ? '1 second' : `${seconds % 60} seconds`);
  return parts.join(' ');
}

/** About how long is left, in words for a screen reader: "about 6 minutes", "less than a minute". */
export function timeLeftWords(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (ms < 60_000) return 'less than a minute';
  return minutes === 1 ? 'about 1 minute' : `about ${minutes} minutes`;
}

/**
 * The breakout rooms and the pull-aside in words: where one went, who came into or left one's
 * breakout room, the rooms opening and closing, the warning, a changed end, choosing. Who went
 * aside with a facilitator is not said to the others (their privacy): only that the facilitator
 * is speaking with someone.
 */
export function placeChanges(before: RoomView, after: RoomView): string[] {
  const said: string[] = [];
  if (after.place !== before.place) {
    said.push(placeWords(after) ?? 'You are back in the main room.');
  } else {
    said.push(...arrivalsHere(before, after));
  }
  const was = before.breakouts;
  const now = after.breakouts;
  const stayedMain = after.place === mainRoom && before.place === mainRoom;
  if (now.stage === 'open' && was.stage !== 'open' && stayedMain) said.push('The breakout rooms are open.');
  if (now.stage !== 'open' && was.stage === 'open' && stayedMain) {
    said.push('The breakout rooms are closed. Everyone is back in the main room.');
  }
  if (now.stage === 'open' && was.stage === 'open') {
    const left = now.endsAtMs - after.serverNowMs;
    if (now.warned && !was.warned) said.push('One minute left in the breakout rooms.');
    else if (now.endsAtMs !== was.endsAtMs && after.serverNowMs > 0) {
      said.push(`The time of the breakout rooms changed: ${timeLeftWords(left)} left.`);
    }
  }
  if (now.choosing && !was.choosing && after.role === 'participant' && now.stage !== 'none') {
    said.push('You can choose a breakout room.');
  }
  const awayBefore = facilitatorAside(before);
  const awayNow = facilitatorAside(after);
  if (awayNow && !awayBefore && after.place === mainRoom) {
    said.push(`${awayNow.name} is speaking with someone privately.`);
  }
  if (awayBefore && !awayNow && after.place === mainRoom && before.place === mainRoom) {
    said.push(`${awayBefore.name} is back.`);
  }
  return said;
}

/** People coming into one's breakout room and leaving it, oneself staying (a facilitator's visit). */
function arrivalsHere(before: RoomView, after: RoomView): string[] {
  if (after.place <= mainRoom) return [];
  const said: string[] = [];
  const was = new Map(before.participants.map((p) => [p.participantId, p]));
  const now = new Map(after.participants.map((p) => [p.participantId, p]));
  for (const person of after.participants) {
    const earlier = was.get(person.participantId);
    if (person.place === after.place && earlier && earlier.place !== after.place) {
      said.push(`${person.name} joined this room.`);
    }
  }
  for (const person of before.participants) {
    const later = now.get(person.participantId);
    // Someone taken aside is not named: that they went for a private word is theirs to tell.
    if (person.place === after.place && later && later.place !== after.place && later.place !== asidePlace) {
      said.push(`${person.name} left this room.`);
    }
  }
  return said;
}
