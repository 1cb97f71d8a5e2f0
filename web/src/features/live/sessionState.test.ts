import { describe, expect, it } from 'vitest';
import {
  blakeInRoom,
  expectedPerson,
  priyaInRoom,
  roomState,
  waitingPerson,
  waitingState,
  wireLiveParticipant,
} from '../../testing/liveFrames';
import {
  changesToAnnounce,
  closedReasonOf,
  featuredTile,
  iceServersOf,
  initialLiveState,
  liveReducer,
  maySharePresenter,
  nameWithPronouns,
  othersIn,
  reactionOf,
  selfIn,
  sessionViewOf,
  type LiveState,
  type SessionView,
} from './sessionState';

const view = (frame: Record<string, unknown>): SessionView => {
  const decoded = sessionViewOf({ type: 'session_state', ...frame });
  if (!decoded) throw new Error('not a view');
  return decoded;
};

const joined: LiveState = { ...initialLiveState, phase: 'joined' };

describe('sessionViewOf', () => {
  it('reads the room with its people, in the order they entered', () => {
    const room = view(roomState({ hands: ['p-avery'], waiting: [waitingPerson()], waiting_message: 'Two minutes.' }));
    expect(room).toMatchObject({ stage: 'in_room', you: 'p-avery', role: 'participant', lead: 'p-priya', version: 5 });
    if (room.stage !== 'in_room') throw new Error('in the room');
    expect(room.participants.map((p) => p.name)).toEqual(['Dr. Priya Shah', 'Avery M.']);
    expect(room.participants[0]).toEqual({
      participantId: 'p-priya',
      userId: 'u-priya',
      name: 'Dr. Priya Shah',
      pronouns: 'she/her',
      role: 'facilitator',
      guest: false,
      joinedSeq: 1,
      muted: false,
      hardMuted: false,
      cameraOn: true,
      sharing: false,
      handRaised: false,
      place: 0,
    });
    expect(room.hands).toEqual(['p-avery']);
    expect(room.waiting).toEqual([
      {
        participantId: 'p-casey',
        userId: 'u-casey',
        name: 'Casey R.',
        pronouns: 'she/her',
        guest: false,
        waitingSinceMs: 1_764_000_000_000,
      },
    ]);
    // Facilitators see the waiting room's message in the room too.
    expect(room.waitingMessage).toBe('Two minutes.');
  });

  it('reads the waiting room, and gives participants an empty waiting list', () => {
    expect(view(waitingState())).toEqual({
      stage: 'waiting',
      occurrenceId: 'o1',
      version: 3,
      you: 'p-avery',
      role: 'participant',
      locked: false,
      place: 2,
      waitingMessage: 'We start at six. Get a glass of water.',
    });
    const room = view(roomState());
    expect(room.stage === 'in_room' && room.waiting).toEqual([]);
    expect(room.stage === 'in_room' && room.waitingMessage).toBe('');
  });

  it('reads who is an invited guest, in the room and in the waiting room; a missing flag reads as not', () => {
    const robin = { participant_id: 'p-robin', user_id: 'u-robin', name: 'Robin M.', pronouns: '', guest: true };
    const room = view(
      roomState({
        participants: [priyaInRoom, wireLiveParticipant({ ...robin, joined_seq: 3 })],
        waiting: [waitingPerson({ ...robin, participant_id: 'p-robin-2' }), { ...waitingPerson(), guest: undefined }],
      }),
    );
    if (room.stage !== 'in_room') throw new Error('in the room');
    expect(room.participants.map((p) => [p.name, p.guest])).toEqual([
      ['Dr. Priya Shah', false],
      ['Robin M.', true],
    ]);
    expect(room.waiting.map((p) => [p.name, p.guest])).toEqual([
      ['Robin M.', true],
      ['Casey R.', false],
    ]);
  });

  it('reads whom a facilitator expects, here or not, guests marked; none when the field is absent', () => {
    const room = view(
      roomState({
        role: 'facilitator',
        expected: [
          expectedPerson({ user_id: 'u-avery', name: 'Avery M.', pronouns: '' }),
          expectedPerson(),
          expectedPerson({ user_id: 'u-robin', name: 'Robin M.', pronouns: 'they/them', guest: true }),
          expectedPerson({ user_id: '' }),
          'not a person',
        ],
      }),
    );
    expect(room.stage === 'in_room' && room.expected).toEqual([
      { userId: 'u-avery', name: 'Avery M.', pronouns: '', guest: false },
      { userId: 'u-casey', name: 'Casey R.', pronouns: 'she/her', guest: false },
      { userId: 'u-robin', name: 'Robin M.', pronouns: 'they/them', guest: true },
    ]);
    const participants = view(roomState());
    expect(participants.stage === 'in_room' && participants.expected).toEqual([]);
  });

  it('ignores other frames and ones without their essentials', () => {
    expect(sessionViewOf({ type: 'session_signal' })).toBeNull();
    expect(sessionViewOf({ ...roomState(), you: undefined })).toBeNull();
    expect(sessionViewOf({ ...roomState(), stage: 'lobby' })).toBeNull();
  });
});

describe('liveReducer', () => {
  it('goes from idle to joined to closed, and keeps the newest state', () => {
    let state = liveReducer(initialLiveState, { type: 'join_sent' });
    expect(state.phase).toBe('joining');
    state = liveReducer(state, { type: 'join_acked', iceServers: [{ urls: 'stun:x' }] });
    expect(state).toMatchObject({ phase: 'joined', iceServers: [{ urls: 'stun:x' }] });
    state = liveReducer(state, { type: 'state', view: view(waitingState()) });
    expect(state.view?.stage).toBe('waiting');
    state = liveReducer(state, { type: 'state', view: view(roomState()) });
    expect(state.view?.stage).toBe('in_room');
    state = liveReducer(state, { type: 'closed', reason: 'ended' });
    expect(state).toMatchObject({ phase: 'closed', view: null, closedReason: 'ended' });
    expect(liveReducer(state, { type: 'state', view: view(roomState()) })).toBe(state);
  });

  it('drops a stale state of the same join, but takes any state of a new join', () => {
    const state = liveReducer(joined, { type: 'state', view: view(roomState({ version: 7 })) });
    expect(liveReducer(state, { type: 'state', view: view(roomState({ version: 6 })) })).toBe(state);
    const rejoined = liveReducer(state, { type: 'state', view: view(roomState({ version: 1, you: 'p-avery-2' })) });
    expect(rejoined.view?.you).toBe('p-avery-2');
  });

  it('says why joining was refused, and closes a rejoin the server refuses', () => {
    const refused = liveReducer(liveReducer(initialLiveState, { type: 'join_sent' }), { type: 'join_refused', code: 'locked' });
    expect(refused).toMatchObject({ phase: 'idle', joinError: 'locked' });
    const lost = liveReducer(joined, { type: 'connection_lost' });
    expect(lost.phase).toBe('rejoining');
    expect(liveReducer(lost, { type: 'join_sent' }).phase).toBe('rejoining');
    expect(liveReducer(lost, { type: 'join_refused', code: 'conflict' })).toMatchObject({ phase: 'closed', closedReason: 'lost' });
  });

  it('shows reactions in the room until they fade', () => {
    const inRoom = liveReducer(joined, { type: 'state', view: view(roomState()) });
    const once = liveReducer(inRoom, { type: 'reacted', participantId: 'p-priya', reaction: 'heart' });
    const twice = liveReducer(once, { type: 'reacted', participantId: 'p-avery', reaction: 'wave' });
    expect(twice.shownReactions).toEqual([
      { key: 1, participantId: 'p-priya', reaction: 'heart' },
      { key: 2, participantId: 'p-avery', reaction: 'wave' },
    ]);
    expect(liveReducer(twice, { type: 'reaction_faded', key: 1 }).shownReactions).toEqual([
      { key: 2, participantId: 'p-avery', reaction: 'wave' },
    ]);
    const waiting = liveReducer(joined, { type: 'state', view: view(waitingState()) });
    expect(liveReducer(waiting, { type: 'reacted', participantId: 'p-priya', reaction: 'heart' })).toBe(waiting);
  });
});

describe('frames beside the state', () => {
  it('reads reactions, closing reasons and ICE servers, and nothing malformed', () => {
    expect(reactionOf({ type: 'session_reacted', occurrence_id: 'o1', participant_id: 'p-priya', reaction: 'clap' })).toEqual({
      participantId: 'p-priya',
      reaction: 'clap',
    });
    expect(reactionOf({ type: 'session_reacted', participant_id: 'p-priya', reaction: 'fire' })).toBeNull();
    expect(closedReasonOf({ type: 'session_closed', reason: 'joined_elsewhere' })).toBe('joined_elsewhere');
    expect(closedReasonOf({ type: 'session_closed', reason: 'something new' })).toBe('left');
    expect(closedReasonOf({ type: 'ack' })).toBeNull();
    expect(
      iceServersOf({
        type: 'ack',
        ice_servers: [
          { urls: 'stun:stun.example.org' },
          { urls: ['turn:turn.example.org?transport=udp'], username: '1764:u', credential: 'secret' },
          { urls: 42 },
          'stun:bare-string',
        ],
      }),
    ).toEqual([
      { urls: 'stun:stun.example.org' },
      { urls: ['turn:turn.example.org?transport=udp'], username: '1764:u', credential: 'secret' },
    ]);
    expect(iceServersOf({ type: 'ack' })).toEqual([]);
  });
});

describe('selectors', () => {
  const room = view(roomState({ participants: [priyaInRoom, wireLiveParticipant(), blakeInRoom], spotlight: 'p-priya' }));

  it('finds oneself and the others', () => {
    expect(selfIn(room)?.name).toBe('Avery M.');
    expect(othersIn(room).map((p) => p.participantId)).toEqual(['p-priya', 'p-blake']);
    expect(selfIn(view(waitingState()))).toBeNull();
    expect(othersIn(view(waitingState()))).toEqual([]);
  });

  it('shows one’s own pin large first, then the spotlight, then a shared screen', () => {
    expect(featuredTile(room, 'p-blake')).toBe('p-blake');
    expect(featuredTile(room, null)).toBe('p-priya');
    expect(featuredTile(room, 'p-gone')).toBe('p-priya');
    const sharing = view(roomState({ participants: [priyaInRoom, wireLiveParticipant({ sharing: true })] }));
    expect(featuredTile(sharing, null)).toBe('p-avery');
    expect(featuredTile(view(roomState()), null)).toBeNull();
  });

  it('lets facilitators share always and participants when allowed', () => {
    expect(maySharePresenter(room)).toBe(false);
    expect(maySharePresenter(view(roomState({ sharing_allowed: true })))).toBe(true);
    expect(maySharePresenter(view(roomState({ role: 'facilitator', you: 'p-priya' })))).toBe(true);
    expect(maySharePresenter(view(waitingState()))).toBe(false);
  });

  it('names people with their pronouns when they gave them', () => {
    expect(nameWithPronouns({ name: 'Casey R.', pronouns: 'she/her' })).toBe('Casey R. (she/her)');
    expect(nameWithPronouns({ name: 'Avery M.', pronouns: '' })).toBe('Avery M.');
  });
});

describe('changesToAnnounce', () => {
  it('says where one is when one arrives, is let in, or is sent back', () => {
    const waiting = view(waitingState());
    const room = view(roomState());
    expect(changesToAnnounce(null, waiting)).toEqual(["You're in the waiting room. You are number 2 in line."]);
    expect(changesToAnnounce(waiting, room)).toEqual(['You were let in. You are now in the room.']);
    expect(changesToAnnounce(room, view(waitingState({ place: 3 })))).toEqual([
      'A facilitator moved you to the waiting room. You are number 3 in line.',
    ]);
    expect(changesToAnnounce(null, room)).toEqual(['You are in the room.']);
  });

  it('says when one moves up the line and what the facilitator wrote', () => {
    expect(
      changesToAnnounce(view(waitingState()), view(waitingState({ place: 1, waiting_message: 'Two minutes.' }))),
    ).toEqual(['You are now number 1 in line.', 'Message from the facilitator: Two minutes.']);
    expect(changesToAnnounce(view(waitingState()), view(waitingState()))).toEqual([]);
  });

  it('says who came, who left, whose hand went up, the spotlight, who waits and what was done to oneself', () => {
    const before = view(roomState({ participants: [priyaInRoom, wireLiveParticipant({ camera_on: true })] }));
    const after = view(
      roomState({
        participants: [
          wireLiveParticipant({ hard_muted: true, muted: true, camera_on: false }),
          { ...blakeInRoom, hand_raised: true },
        ],
        spotlight: 'p-blake',
        waiting: [waitingPerson()],
      }),
    );
    expect(changesToAnnounce(before, after)).toEqual([
      'Blake T. joined.',
      'Dr. Priya Shah left.',
      'The facilitator muted you. You cannot unmute for now.',
      'Your camera is off.',
      'Blake T. is in the spotlight.',
      'Casey R. is in the waiting room.',
    ]);
    const raised = view(roomState({ participants: [{ ...priyaInRoom, hand_raised: true }, wireLiveParticipant()] }));
    expect(changesToAnnounce(view(roomState()), raised)).toEqual(['Dr. Priya Shah raised their hand.']);
    const allowed = view(roomState({ participants: [priyaInRoom, wireLiveParticipant({ muted: true })] }));
    expect(
      changesToAnnounce(view(roomState({ participants: [priyaInRoom, wireLiveParticipant({ muted: true, hard_muted: true })] })), allowed),
    ).toEqual(['The facilitator allows you to unmute.']);
  });

  it('says when someone who comes or waits is a guest', () => {
    const robin = { participant_id: 'p-robin', user_id: 'u-robin', name: 'Robin M.', guest: true };
    const waiting = view(roomState({ waiting: [waitingPerson(robin)] }));
    expect(changesToAnnounce(view(roomState()), waiting)).toEqual(['Robin M., a guest, is in the waiting room.']);
    const admitted = view(roomState({ participants: [priyaInRoom, wireLiveParticipant(), wireLiveParticipant(robin)] }));
    expect(changesToAnnounce(waiting, admitted)).toEqual(['Robin M. joined as a guest.']);
  });
});
