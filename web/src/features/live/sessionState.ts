/**
 * A live session as this tab knows it (docs/protocol/realtime.md, "Live sessions (video)"): the
 * server's `session_state` frames decoded, and a reducer over them and the other session events.
 * The server sends the whole room after every change and the client replaces what it showed, so
 * the reducer keeps the newest state rather than merging; the rest (reactions on screen, why the
 * session closed) is what the frames carry beside it. Places (the breakout rooms and the
 * pull-aside) are read and put in words in breakouts.ts.
 *
 * Framework-free and pure, so the rules are tested without React or WebRTC.
 */
import type { ServerFrame } from '../../base/realtime/connection';
import { breakoutsOf, peopleHere, placeChanges, placeWords, type Breakouts } from './breakouts';
import { count, flag, idOrNull, records, text } from './wire';

export type LiveRole = 'facilitator' | 'participant';

export interface LiveParticipant {
  participantId: string;
  userId: string;
  name: string;
  pronouns: string;
  role: LiveRole;
  /** Invited to this one session from outside the group: always waits to be let in, counts towards no attendance. */
  guest: boolean;
  /** Grows with each entry into the room; of two people, the higher one makes the WebRTC offer. */
  joinedSeq: number;
  muted: boolean;
  hardMuted: boolean;
  cameraOn: boolean;
  sharing: boolean;
  handRaised: boolean;
  /** Where their media goes: `mainRoom`, a breakout room's number, or `asidePlace`. */
  place: number;
}

export interface WaitingPerson {
  participantId: string;
  userId: string;
  name: string;
  pronouns: string;
  guest: boolean;
  waitingSinceMs: number;
}

/** Someone on the session's roster, here or not: a seat holder or an invited guest. */
export interface ExpectedPerson {
  userId: string;
  name: string;
  pronouns: string;
  guest: boolean;
}

interface Common {
  occurrenceId: string;
  version: number;
  /** This connection's participant id. */
  you: string;
  role: LiveRole;
  locked: boolean;
}

export interface WaitingView extends Common {
  stage: 'waiting';
  /** 1 for the first in line. */
  place: number;
  waitingMessage: string;
}

export interface RoomView extends Common {
  stage: 'in_room';
  lead: string | null;
  autoAdmit: boolean;
  sharingAllowed: boolean;
  spotlight: string | null;
  /** In the order they entered. */
  participants: LiveParticipant[];
  /** Participant ids, first raised first. */
  hands: string[];
  /** Facilitators only; empty for participants. */
  waiting: WaitingPerson[];
  /** What the waiting room shows now; facilitators only, empty for participants (and for none). */
  waitingMessage: string;
  /**
   * Facilitators only, empty for participants (and from a server that does not say): the seat
   * holders by name, then the guests, whether here or not, so that breakout rooms can be
   * prepared for people who have not arrived yet.
   */
  expected: ExpectedPerson[];
  /** One's own place: only the people in it are seen and heard. */
  place: number;
  breakouts: Breakouts;
  /** The server's clock when it made the state (0 from a server that does not say). */
  serverNowMs: number;
}

export type SessionView = WaitingView | RoomView;

export const reactions = ['thumbs_up', 'heart', 'clap', 'laugh', 'wave'] as const;
export type Reaction = (typeof reactions)[number];

export type ClosedReason = 'left' | 'ended' | 'removed' | 'joined_elsewhere';
/** Why this tab is out of the session: the server's reason, or `lost` when rejoining after a drop failed. */
export type OutReason = ClosedReason | 'lost';

const roleOf = (value: unknown): LiveRole => (value === 'facilitator' ? 'facilitator' : 'participant');

function participantOf(record: Record<string, unknown>): LiveParticipant {
  return {
    participantId: text(record.participant_id),
    userId: text(record.user_id),
    name: text(record.name),
    pronouns: text(record.pronouns),
    role: roleOf(record.role),
    guest: flag(record.guest),
    joinedSeq: count(record.joined_seq),
    muted: flag(record.muted),
    hardMuted: flag(record.hard_muted),
    cameraOn: flag(record.camera_on),
    sharing: flag(record.sharing),
    handRaised: flag(record.hand_raised),
    place: count(record.place),
  };
}

function waitingPersonOf(record: Record<string, unknown>): WaitingPerson {
  return {
    participantId: text(record.participant_id),
    userId: text(record.user_id),
    name: text(record.name),
    pronouns: text(record.pronouns),
    guest: flag(record.guest),
    waitingSinceMs: count(record.waiting_since_ms),
  };
}

function expectedPersonOf(record: Record<string, unknown>): ExpectedPerson {
  return {
    userId: text(record.user_id),
    name: text(record.name),
    pronouns: text(record.pronouns),
    guest: flag(record.guest),
  };
}

/** A `session_state` frame as a view; null for any other frame or one without its essentials. */
export function sessionViewOf(frame: ServerFrame): SessionView | null {
  if (frame.type !== 'session_state') return null;
  const occurrenceId = text(frame.occurrence_id);
  const you = text(frame.you);
  if (occurrenceId === '' || you === '') return null;
  const common: Common = {
    occurrenceId,
    version: count(frame.version),
    you,
    role: roleOf(frame.role),
    locked: flag(frame.locked),
  };
  if (frame.stage === 'waiting') {
    return { ...common, stage: 'waiting', place: count(frame.place), waitingMessage: text(frame.waiting_message) };
  }
  if (frame.stage !== 'in_room') return null;
  return {
    ...common,
    stage: 'in_room',
    lead: idOrNull(frame.lead),
    autoAdmit: flag(frame.auto_admit),
    sharingAllowed: flag(frame.sharing_allowed),
    spotlight: idOrNull(frame.spotlight),
    participants: records(frame.participants).map(participantOf).filter((p) => p.participantId !== ''),
    hands: Array.isArray(frame.hands) ? frame.hands.filter((id): id is string => typeof id === 'string') : [],
    waiting: records(frame.waiting).map(waitingPersonOf).filter((p) => p.participantId !== ''),
    waitingMessage: text(frame.waiting_message),
    expected: records(frame.expected).map(expectedPersonOf).filter((p) => p.userId !== ''),
    place: count(frame.place),
    breakouts: breakoutsOf(frame.breakouts),
    serverNowMs: count(frame.server_now_ms),
  };
}

/** One reaction on screen: shown on the sender's tile for a few seconds. */
export interface ShownReaction {
  key: number;
  participantId: string;
  reaction: Reaction;
}

/** A facilitator's message to every place (`session_broadcast`), shown until dismissed or the rooms close. */
export interface Broadcast {
  key: number;
  participantId: string;
  name: string;
  text: string;
}

/** Words said in one's place (`session_room_message`): kept here only while one stays there. */
export interface RoomWord {
  key: number;
  participantId: string;
  name: string;
  text: string;
  sentAtMs: number;
}

/** A breakout room's words on screen are the newest this many. */
const roomWordsKept = 200;

export interface LiveState {
  /**
   * `idle` before joining; `joining` while `session.join` is on its way; `joined` once the server
   * acknowledged it (a `session_state` follows at once); `rejoining` after the connection dropped
   * (the server took us out; we join again when it is back); `closed` at the end.
   */
  phase: 'idle' | 'joining' | 'joined' | 'rejoining' | 'closed';
  view: SessionView | null;
  iceServers: RTCIceServer[];
  closedReason: OutReason | null;
  /** Why joining failed (an error code of the protocol, or `offline` / `timeout`). */
  joinError: string | null;
  shownReactions: ShownReaction[];
  nextReactionKey: number;
  /**
   * The server's clock minus this browser's, as of the newest state: a countdown to `ends_at_ms`
   * reads the browser's clock plus this, so a browser whose clock is off still counts right.
   */
  clockOffsetMs: number;
  broadcast: Broadcast | null;
  roomWords: RoomWord[];
  nextWordKey: number;
}

export const initialLiveState: LiveState = {
  phase: 'idle',
  view: null,
  iceServers: [],
  closedReason: null,
  joinError: null,
  shownReactions: [],
  nextReactionKey: 1,
  clockOffsetMs: 0,
  broadcast: null,
  roomWords: [],
  nextWordKey: 1,
};

export type LiveEvent =
  | { type: 'join_sent' }
  | { type: 'join_acked'; iceServers: RTCIceServer[] }
  | { type: 'join_refused'; code: string }
  /** `receivedAtMs`: this browser's clock when the frame arrived (for the clock offset). */
  | { type: 'state'; view: SessionView; receivedAtMs?: number }
  | { type: 'reacted'; participantId: string; reaction: Reaction }
  | { type: 'reaction_faded'; key: number }
  | { type: 'broadcast'; participantId: string; name: string; text: string }
  | { type: 'broadcast_dismissed' }
  | { type: 'room_word'; participantId: string; name: string; text: string; place: number; sentAtMs: number }
  | { type: 'connection_lost' }
  | { type: 'closed'; reason: OutReason };

export function liveReducer(state: LiveState, event: LiveEvent): LiveState {
  switch (event.type) {
    case 'join_sent':
      return {
        ...state,
        phase: state.phase === 'rejoining' ? 'rejoining' : 'joining',
        joinError: null,
        closedReason: null,
      };
    case 'join_acked':
      return { ...state, phase: 'joined', iceServers: event.iceServers };
    case 'join_refused':
      // A refused rejoin means the session is gone for us (ended, removed, over): it is closed.
      return state.phase === 'rejoining'
        ? { ...state, phase: 'closed', view: null, closedReason: 'lost', joinError: event.code }
        : { ...state, phase: 'idle', joinError: event.code };
    case 'state':
      return withState(state, event.view, event.receivedAtMs);
    case 'reacted': {
      if (!isInRoom(state)) return state;
      const shown = { key: state.nextReactionKey, participantId: event.participantId, reaction: event.reaction };
      return { ...state, shownReactions: [...state.shownReactions, shown], nextReactionKey: state.nextReactionKey + 1 };
    }
    case 'reaction_faded':
      return { ...state, shownReactions: state.shownReactions.filter((r) => r.key !== event.key) };
    case 'broadcast': {
      if (!isInRoom(state)) return state;
      const { participantId, name, text } = event;
      const broadcast = { key: state.nextWordKey, participantId, name, text };
      return { ...state, broadcast, nextWordKey: state.nextWordKey + 1 };
    }
    case 'broadcast_dismissed':
      return { ...state, broadcast: null };
    case 'room_word': {
      // Words of the place one just left may still be on their way: they are not this place's.
      if (state.view?.stage !== 'in_room' || state.view.place !== event.place) return state;
      const { participantId, name, text, sentAtMs } = event;
      const word = { key: state.nextWordKey, participantId, name, text, sentAtMs };
      const roomWords = [...state.roomWords, word].slice(-roomWordsKept);
      return { ...state, roomWords, nextWordKey: state.nextWordKey + 1 };
    }
    case 'connection_lost':
      return state.phase === 'joined' || state.phase === 'joining' ? { ...state, phase: 'rejoining' } : state;
    case 'closed':
      return {
        ...state,
        phase: 'closed',
        view: null,
        closedReason: event.reason,
        shownReactions: [],
        broadcast: null,
        roomWords: [],
      };
  }
}

function withState(state: LiveState, view: SessionView, receivedAtMs: number | undefined): LiveState {
  if (state.phase === 'closed' || state.phase === 'idle') return state;
  const previous = state.view;
  // Frames arrive in order on one socket; a lower version of the same join would be stale.
  if (previous && previous.you === view.you && view.version < previous.version) return state;
  const next: LiveState = { ...state, view };
  if (view.stage === 'in_room' && view.serverNowMs > 0 && receivedAtMs !== undefined) {
    next.clockOffsetMs = view.serverNowMs - receivedAtMs;
  }
  // A breakout room's words last as long as one is in it (the server keeps them nowhere).
  const placeBefore = previous?.stage === 'in_room' ? previous.place : null;
  const placeAfter = view.stage === 'in_room' ? view.place : null;
  if (placeBefore !== placeAfter || previous?.you !== view.you) next.roomWords = [];
  // A broadcast is about the round of breakout rooms it was sent in.
  const openBefore = previous?.stage === 'in_room' && previous.breakouts.stage === 'open';
  if (placeAfter === null || (openBefore && view.stage === 'in_room' && view.breakouts.stage !== 'open')) {
    next.broadcast = null;
  }
  return next;
}

function isInRoom(state: LiveState): boolean {
  return state.view?.stage === 'in_room';
}

/** A `session_reacted` frame's sender and reaction; null for any other frame or reaction. */
export function reactionOf(frame: ServerFrame): { participantId: string; reaction: Reaction } | null {
  if (frame.type !== 'session_reacted') return null;
  const reaction = (reactions as readonly unknown[]).includes(frame.reaction) ? (frame.reaction as Reaction) : null;
  const participantId = text(frame.participant_id);
  return reaction && participantId ? { participantId, reaction } : null;
}

const closedReasons: readonly string[] = ['left', 'ended', 'removed', 'joined_elsewhere'];

/** A `session_closed` frame's reason; null for any other frame. An unknown reason reads as `left`. */
export function closedReasonOf(frame: ServerFrame): ClosedReason | null {
  if (frame.type !== 'session_closed') return null;
  return closedReasons.includes(text(frame.reason)) ? (frame.reason as ClosedReason) : 'left';
}

/** The ICE servers of a `session.join` ack: only well-formed RTCIceServer objects go to the browser. */
export function iceServersOf(ack: ServerFrame): RTCIceServer[] {
  return records(ack.ice_servers).flatMap((server): RTCIceServer[] => {
    const urls = server.urls;
    let valid: string | string[] | null = null;
    if (typeof urls === 'string') valid = urls;
    else if (Array.isArray(urls) && urls.length > 0 && urls.every((u): u is string => typeof u === 'string')) {
      valid = urls;
    }
    if (valid === null) return [];
    const result: RTCIceServer = { urls: valid };
    if (typeof server.username === 'string') result.username = server.username;
    if (typeof server.credential === 'string') result.credential = server.credential;
    return [result];
  });
}

/** The signed-in person in the room; null in the waiting room (or if the server left them out). */
export function selfIn(view: SessionView | null): LiveParticipant | null {
  if (view?.stage !== 'in_room') return null;
  return view.participants.find((p) => p.participantId === view.you) ?? null;
}

export function participantById(view: SessionView | null, participantId: string | null): LiveParticipant | null {
  if (view?.stage !== 'in_room' || participantId === null) return null;
  return view.participants.find((p) => p.participantId === participantId) ?? null;
}

/** Everyone else in the room, whatever their place. */
export function othersIn(view: SessionView | null): LiveParticipant[] {
  if (view?.stage !== 'in_room') return [];
  return view.participants.filter((p) => p.participantId !== view.you);
}

/** A person's name with their pronouns, as a tile and the facilitator's list show it. */
export function nameWithPronouns(person: { name: string; pronouns: string }): string {
  return person.pronouns ? `${person.name} (${person.pronouns})` : person.name;
}

/** Who may share a screen: facilitators always, participants when the room allows it. */
export function maySharePresenter(view: SessionView | null): boolean {
  if (view?.stage !== 'in_room') return false;
  return view.role === 'facilitator' || view.sharingAllowed;
}

/**
 * The tile shown large: one's own pin first (someone relying on a sign-language interpreter keeps
 * them large whatever else happens), then the facilitator's spotlight, then a shared screen.
 */
export function featuredTile(view: SessionView | null, pinned: string | null): string | null {
  if (view?.stage !== 'in_room') return null;
  // Only someone in one's own place has a tile; a spotlight in the main room waits for one's return.
  const here = peopleHere(view);
  const present = (id: string | null) => id !== null && here.some((p) => p.participantId === id);
  if (present(pinned)) return pinned;
  if (present(view.spotlight)) return view.spotlight;
  return here.find((p) => p.sharing)?.participantId ?? null;
}

const reactionWords: Readonly<Record<Reaction, string>> = {
  thumbs_up: 'thumbs up',
  heart: 'heart',
  clap: 'applause',
  laugh: 'laughter',
  wave: 'a wave',
};

const reactionSymbols: Readonly<Record<Reaction, string>> = {
  thumbs_up: '👍',
  heart: '❤️',
  clap: '👏',
  laugh: '😄',
  wave: '👋',
};

export function reactionWord(reaction: Reaction): string {
  return reactionWords[reaction];
}

export function reactionSymbol(reaction: Reaction): string {
  return reactionSymbols[reaction];
}

/**
 * What changed between two states, in words for a polite live region: entering and leaving the
 * room, the place in line, people arriving, leaving and waiting, hands, and what a facilitator did
 * to oneself. Kept short: a screen-reader user is also listening to the people talking.
 */
export function changesToAnnounce(before: SessionView | null, after: SessionView | null): string[] {
  if (after === null) return [];
  if (before === null || before.stage !== after.stage) {
    if (after.stage === 'waiting') {
      return before?.stage === 'in_room'
        ? [`A facilitator moved you to the waiting room. You are number ${after.place} in line.`]
        : [`You're in the waiting room. You are number ${after.place} in line.`];
    }
    const entered = before?.stage === 'waiting' ? 'You were let in. You are now in the room.' : 'You are in the room.';
    // Let in while the breakout rooms are open, someone assigned to one goes straight there.
    const where = placeWords(after);
    return where ? [entered, where] : [entered];
  }
  if (before.stage === 'waiting' && after.stage === 'waiting') {
    const said: string[] = [];
    if (after.place !== before.place) said.push(`You are now number ${after.place} in line.`);
    if (after.waitingMessage !== before.waitingMessage && after.waitingMessage) {
      said.push(`Message from the facilitator: ${after.waitingMessage}`);
    }
    return said;
  }
  if (before.stage !== 'in_room' || after.stage !== 'in_room') return [];
  const said: string[] = placeChanges(before, after);
  const was = new Map(before.participants.map((p) => [p.participantId, p]));
  const now = new Map(after.participants.map((p) => [p.participantId, p]));
  for (const person of after.participants) {
    if (!was.has(person.participantId) && person.participantId !== after.you) {
      said.push(person.guest ? `${person.name} joined as a guest.` : `${person.name} joined.`);
    }
  }
  for (const person of before.participants) {
    if (!now.has(person.participantId) && person.participantId !== before.you) said.push(`${person.name} left.`);
  }
  for (const person of after.participants) {
    const earlier = was.get(person.participantId);
    if (person.handRaised && earlier && !earlier.handRaised) {
      said.push(person.participantId === after.you ? 'Your hand is raised.' : `${person.name} raised their hand.`);
    }
  }
  const meBefore = was.get(after.you);
  const meAfter = now.get(after.you);
  if (meBefore && meAfter) {
    if (meAfter.hardMuted && !meBefore.hardMuted) said.push('The facilitator muted you. You cannot unmute for now.');
    else if (!meAfter.hardMuted && meBefore.hardMuted) said.push('The facilitator allows you to unmute.');
    else if (meAfter.muted && !meBefore.muted) said.push('You are muted.');
    if (!meAfter.cameraOn && meBefore.cameraOn) said.push('Your camera is off.');
    if (!meAfter.handRaised && meBefore.handRaised) said.push('Your hand is lowered.');
  }
  if (after.spotlight !== before.spotlight && after.spotlight !== null) {
    const who = now.get(after.spotlight);
    if (who) {
      said.push(who.participantId === after.you ? 'You are in the spotlight.' : `${who.name} is in the spotlight.`);
    }
  }
  const waitingBefore = new Set(before.waiting.map((w) => w.participantId));
  for (const person of after.waiting) {
    if (!waitingBefore.has(person.participantId)) {
      said.push(person.guest ? `${person.name}, a guest, is in the waiting room.` : `${person.name} is in the waiting room.`);
    }
  }
  return said;
}

