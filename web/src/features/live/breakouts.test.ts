import { describe, expect, it } from 'vitest';
import { blakeInRoom, priyaInRoom, roomState, wireBreakoutRoom, wireBreakouts, wireLiveParticipant } from '../../testing/liveFrames';
import {
  asidePartner,
  assignedRoomOf,
  breakoutMsLeft,
  broadcastOf,
  countdownText,
  countdownWords,
  facilitatorAside,
  helpRequestOf,
  othersHere,
  peopleHere,
  placeName,
  roomWordOf,
  whereEveryoneIs,
} from './breakouts';
import { changesToAnnounce, initialLiveState, liveReducer, sessionViewOf, type LiveState, type RoomView } from './sessionState';

const now = 1_764_000_000_000;
const caseyInRoom = wireLiveParticipant({ participant_id: 'p-casey', user_id: 'u-casey', name: 'Casey R.', joined_seq: 4 });

/** Two rooms open until `now` + 2 minutes: Avery and Casey in room 1, Blake in room 2, Priya in the main room. */
function openRooms(overrides: Record<string, unknown> = {}, breakouts: Record<string, unknown> = {}): RoomView {
  return roomView({
    place: 1,
    server_now_ms: now,
    participants: [
      priyaInRoom,
      wireLiveParticipant({ place: 1 }),
      { ...blakeInRoom, place: 2 },
      { ...caseyInRoom, place: 1 },
    ],
    breakouts: wireBreakouts({
      stage: 'open',
      ends_at_ms: now + 120_000,
      rooms: [wireBreakoutRoom(1, ['u-avery', 'u-casey'], { lead_user_id: 'u-casey' }), wireBreakoutRoom(2, ['u-blake'])],
      ...breakouts,
    }),
    ...overrides,
  });
}

function roomView(overrides: Record<string, unknown>): RoomView {
  const view = sessionViewOf(roomState(overrides));
  if (view?.stage !== 'in_room') throw new Error('a room view');
  return view;
}

const joined: LiveState = { ...initialLiveState, phase: 'joined' };

describe('the state’s breakout rooms', () => {
  it('reads each person’s place, one’s own, the rooms and the server’s clock', () => {
    const view = openRooms();
    expect(view.place).toBe(1);
    expect(view.serverNowMs).toBe(now);
    expect(view.participants.map((p) => [p.name, p.place])).toEqual([
      ['Dr. Priya Shah', 0],
      ['Avery M.', 1],
      ['Blake T.', 2],
      ['Casey R.', 1],
    ]);
    expect(view.breakouts).toEqual({
      stage: 'open',
      cap: 4,
      choosing: false,
      endsAtMs: now + 120_000,
      warned: false,
      rooms: [
        { number: 1, leadUserId: 'u-casey', assigned: ['u-avery', 'u-casey'], helpRequested: false },
        { number: 2, leadUserId: '', assigned: ['u-blake'], helpRequested: false },
      ],
    });
  });

  it('reads a server that says nothing of breakout rooms as everyone in the main room', () => {
    const old: Record<string, unknown> = { ...roomState(), participants: [{ ...priyaInRoom, place: undefined }] };
    delete old.place;
    delete old.breakouts;
    const view = sessionViewOf({ type: 'session_state', ...old });
    expect(view).toMatchObject({ place: 0, serverNowMs: 0, breakouts: { stage: 'none', rooms: [] } });
    expect(view?.stage === 'in_room' && view.participants[0]?.place).toBe(0);
  });

  it('reads a broadcast, a call for a facilitator and a word in a room, and nothing malformed', () => {
    expect(broadcastOf({ type: 'session_broadcast', participant_id: 'p-priya', name: 'Dr. Priya Shah', text: 'Two minutes' })).toEqual({
      participantId: 'p-priya',
      name: 'Dr. Priya Shah',
      text: 'Two minutes',
    });
    expect(broadcastOf({ type: 'session_broadcast', name: 'x' })).toBeNull();
    expect(helpRequestOf({ type: 'session_help_requested', room: 2, participant_id: 'p-blake', name: 'Blake T.' })).toEqual({
      room: 2,
      participantId: 'p-blake',
      name: 'Blake T.',
    });
    expect(helpRequestOf({ type: 'session_help_requested', room: 0 })).toBeNull();
    expect(
      roomWordOf({ type: 'session_room_message', participant_id: 'p-casey', name: 'Casey R.', text: 'hi', place: 1, sent_at_ms: now }),
    ).toEqual({ participantId: 'p-casey', name: 'Casey R.', text: 'hi', place: 1, sentAtMs: now });
    expect(roomWordOf({ type: 'session_room_message', text: '' })).toBeNull();
  });
});

describe('places', () => {
  it('connects only the people in one’s own place', () => {
    const view = openRooms();
    expect(peopleHere(view).map((p) => p.name)).toEqual(['Avery M.', 'Casey R.']);
    expect(othersHere(view).map((p) => p.participantId)).toEqual(['p-casey']);
    const main = openRooms({ you: 'p-priya', role: 'facilitator', place: 0 });
    expect(othersHere(main)).toEqual([]);
  });

  it('lists who is where, and names the places', () => {
    const view = openRooms({ participants: [{ ...priyaInRoom, place: -1 }, wireLiveParticipant({ place: -1 }), { ...blakeInRoom, place: 2 }] });
    expect(whereEveryoneIs(view).map(({ place, people }) => [placeName(place, 2), people.map((p) => p.name)])).toEqual([
      ['Main room', []],
      ['Breakout room 1 of 2', []],
      ['Breakout room 2 of 2', ['Blake T.']],
      ['Private conversation', ['Dr. Priya Shah', 'Avery M.']],
    ]);
    expect(assignedRoomOf(view.breakouts, 'u-blake')).toBe(2);
    expect(assignedRoomOf(view.breakouts, 'u-nobody')).toBe(0);
  });

  it('knows who one is aside with, and tells the others only that the facilitator is', () => {
    const aside = [{ ...priyaInRoom, place: -1 }, wireLiveParticipant({ place: -1 }), blakeInRoom];
    expect(asidePartner(roomView({ place: -1, participants: aside }))?.name).toBe('Dr. Priya Shah');
    expect(facilitatorAside(roomView({ place: -1, participants: aside }))).toBeNull();
    expect(facilitatorAside(roomView({ you: 'p-blake', participants: aside }))?.name).toBe('Dr. Priya Shah');
  });
});

describe('the countdown', () => {
  it('counts to the end on the server’s clock, whatever this browser’s clock says', () => {
    // This browser's clock is 5 minutes slow: the state arrived at `now` - 5 min by it.
    const receivedAt = now - 300_000;
    const state = liveReducer(joined, { type: 'state', view: openRooms(), receivedAtMs: receivedAt });
    expect(state.clockOffsetMs).toBe(300_000);
    const view = state.view?.stage === 'in_room' ? state.view : null;
    if (!view) throw new Error('in the room');
    expect(breakoutMsLeft(view, state.clockOffsetMs, receivedAt)).toBe(120_000);
    expect(breakoutMsLeft(view, state.clockOffsetMs, receivedAt + 61_500)).toBe(58_500);
    expect(breakoutMsLeft(view, state.clockOffsetMs, receivedAt + 500_000)).toBe(0);
    // A clock last redrawn before the state arrived does not count more than the state left.
    expect(breakoutMsLeft(view, state.clockOffsetMs, receivedAt - 900)).toBe(120_000);
    expect(breakoutMsLeft(roomView({}), 0, now)).toBeNull();
  });

  it('keeps the last offset when a state does not carry the server’s clock', () => {
    const state = liveReducer(joined, { type: 'state', view: openRooms(), receivedAtMs: now - 1_000 });
    const later = liveReducer(state, { type: 'state', view: roomView({ version: 6 }), receivedAtMs: now });
    expect(later.clockOffsetMs).toBe(1_000);
  });

  it('shows minutes and seconds, rounding up, and says them in words', () => {
    expect(countdownText(120_000)).toBe('2:00');
    expect(countdownText(65_001)).toBe('1:06');
    expect(countdownText(400)).toBe('0:01');
    expect(countdownText(0)).toBe('0:00');
    expect(countdownWords(125_000)).toBe('2 minutes 5 seconds');
    expect(countdownWords(60_000)).toBe('1 minute');
    expect(countdownWords(1_000)).toBe('1 second');
    expect(countdownWords(0)).toBe('0 seconds');
  });
});

describe('words in a place and the broadcast', () => {
  const word = (place: number, text = 'hello') =>
    ({ type: 'room_word', participantId: 'p-casey', name: 'Casey R.', text, place, sentAtMs: now }) as const;

  it('keeps the words of one’s own place while one stays, and forgets them on leaving', () => {
    let state = liveReducer(joined, { type: 'state', view: openRooms() });
    state = liveReducer(state, word(1));
    state = liveReducer(state, word(2, 'from another room'));
    expect(state.roomWords.map((w) => w.text)).toEqual(['hello']);
    state = liveReducer(state, { type: 'state', view: openRooms({ version: 6 }) });
    expect(state.roomWords).toHaveLength(1);
    state = liveReducer(state, { type: 'state', view: openRooms({ version: 7, place: 0 }) });
    expect(state.roomWords).toEqual([]);
  });

  it('shows the broadcast until dismissed, or until the rooms close', () => {
    let state = liveReducer(joined, { type: 'state', view: openRooms() });
    state = liveReducer(state, { type: 'broadcast', participantId: 'p-priya', name: 'Dr. Priya Shah', text: 'Wrap up' });
    expect(state.broadcast).toMatchObject({ name: 'Dr. Priya Shah', text: 'Wrap up' });
    expect(liveReducer(state, { type: 'broadcast_dismissed' }).broadcast).toBeNull();
    const recalled = roomView({ version: 8, breakouts: wireBreakouts({ stage: 'prepared', rooms: [wireBreakoutRoom(1)] }) });
    expect(liveReducer(state, { type: 'state', view: recalled }).broadcast).toBeNull();
  });
});

describe('what changed, in words', () => {
  const prepared = (overrides: Record<string, unknown> = {}) =>
    roomView({
      server_now_ms: now,
      participants: [priyaInRoom, wireLiveParticipant(), blakeInRoom, caseyInRoom],
      breakouts: wireBreakouts({ stage: 'prepared', rooms: [wireBreakoutRoom(1, ['u-avery', 'u-casey']), wireBreakoutRoom(2, ['u-blake'])] }),
      ...overrides,
    });

  it('says which breakout room one is in, and when one is back', () => {
    expect(changesToAnnounce(prepared(), openRooms())).toEqual(['You are in breakout room 1 of 2.']);
    expect(changesToAnnounce(openRooms(), prepared({ version: 9 }))).toEqual(['You are back in the main room.']);
  });

  it('tells the facilitator in the main room when the rooms open and close', () => {
    const facilitator = { you: 'p-priya', role: 'facilitator', place: 0 };
    expect(changesToAnnounce(prepared(facilitator), openRooms(facilitator))).toEqual(['The breakout rooms are open.']);
    expect(changesToAnnounce(openRooms(facilitator), prepared(facilitator))).toEqual([
      'The breakout rooms are closed. Everyone is back in the main room.',
    ]);
  });

  it('gives the minute’s warning once, and says when the time changed', () => {
    expect(changesToAnnounce(openRooms(), openRooms({}, { warned: true }))).toEqual(['One minute left in the breakout rooms.']);
    expect(changesToAnnounce(openRooms(), openRooms({}, { ends_at_ms: now + 420_000 }))).toEqual([
      'The time of the breakout rooms changed: about 7 minutes left.',
    ]);
    expect(changesToAnnounce(openRooms(), openRooms())).toEqual([]);
  });

  it('says when a facilitator comes into one’s breakout room and goes', () => {
    const visiting = openRooms({ participants: [{ ...priyaInRoom, place: 1 }, wireLiveParticipant({ place: 1 }), { ...blakeInRoom, place: 2 }] });
    const before = openRooms({ participants: [priyaInRoom, wireLiveParticipant({ place: 1 }), { ...blakeInRoom, place: 2 }] });
    expect(changesToAnnounce(before, visiting)).toEqual(['Dr. Priya Shah joined this room.']);
    expect(changesToAnnounce(visiting, before)).toEqual(['Dr. Priya Shah left this room.']);
  });

  it('lets participants know they may choose a room', () => {
    expect(changesToAnnounce(prepared(), prepared({ breakouts: wireBreakouts({ stage: 'prepared', choosing: true, rooms: [wireBreakoutRoom(1)] }) }))).toEqual([
      'You can choose a breakout room.',
    ]);
  });

  it('names the facilitator, not the person, to those left in the main room during a private word', () => {
    const everyone = [priyaInRoom, wireLiveParticipant(), blakeInRoom];
    const aside = [{ ...priyaInRoom, place: -1 }, wireLiveParticipant({ place: -1 }), blakeInRoom];
    const blake = { you: 'p-blake' };
    expect(changesToAnnounce(roomView({ ...blake, participants: everyone }), roomView({ ...blake, participants: aside }))).toEqual([
      'Dr. Priya Shah is speaking with someone privately.',
    ]);
    expect(changesToAnnounce(roomView({ ...blake, participants: aside }), roomView({ ...blake, participants: everyone }))).toEqual([
      'Dr. Priya Shah is back.',
    ]);
    expect(changesToAnnounce(roomView({ participants: everyone }), roomView({ place: -1, participants: aside }))).toEqual([
      'You are in a private conversation with Dr. Priya Shah.',
    ]);
    const priya = { you: 'p-priya', role: 'facilitator' };
    expect(
      changesToAnnounce(roomView({ ...priya, participants: everyone }), roomView({ ...priya, place: -1, participants: aside })),
    ).toEqual(['You are in a private conversation with Avery M.']);
  });

  it('does not name someone taken aside from a breakout room', () => {
    const before = openRooms();
    const after = openRooms({ participants: [{ ...priyaInRoom, place: -1 }, wireLiveParticipant({ place: 1 }), { ...blakeInRoom, place: 2 }, { ...caseyInRoom, place: -1 }] });
    expect(changesToAnnounce(before, after)).toEqual([]);
  });

  it('says where one lands when let in while the rooms are open', () => {
    const waiting = sessionViewOf({ type: 'session_state', occurrence_id: 'o1', version: 1, you: 'p-avery', stage: 'waiting', place: 1 });
    expect(changesToAnnounce(waiting, openRooms())).toEqual(['You were let in. You are now in the room.', 'You are in breakout room 1 of 2.']);
  });
});
