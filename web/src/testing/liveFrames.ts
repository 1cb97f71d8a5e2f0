/** Wire-format live-session frames for tests (docs/protocol/realtime.md, "Live sessions (video)"). */

export function wireLiveParticipant(overrides: Record<string, unknown> = {}) {
  return {
    participant_id: 'p-avery',
    user_id: 'u-avery',
    name: 'Avery M.',
    pronouns: '',
    role: 'participant',
    guest: false,
    joined_seq: 2,
    muted: false,
    hard_muted: false,
    camera_on: true,
    sharing: false,
    hand_raised: false,
    place: 0,
    ...overrides,
  };
}

export const priyaInRoom = wireLiveParticipant({
  participant_id: 'p-priya',
  user_id: 'u-priya',
  name: 'Dr. Priya Shah',
  pronouns: 'she/her',
  role: 'facilitator',
  joined_seq: 1,
});

export const blakeInRoom = wireLiveParticipant({
  participant_id: 'p-blake',
  user_id: 'u-blake',
  name: 'Blake T.',
  joined_seq: 3,
});

export function roomState(overrides: Record<string, unknown> = {}) {
  return {
    type: 'session_state',
    occurrence_id: 'o1',
    version: 5,
    you: 'p-avery',
    role: 'participant',
    stage: 'in_room',
    lead: 'p-priya',
    locked: false,
    auto_admit: false,
    sharing_allowed: false,
    spotlight: null,
    participants: [priyaInRoom, wireLiveParticipant()],
    hands: [],
    place: 0,
    breakouts: wireBreakouts(),
    ...overrides,
  };
}

/** `session_state.breakouts`: none prepared unless overridden. */
export function wireBreakouts(overrides: Record<string, unknown> = {}) {
  return { stage: 'none', cap: 4, choosing: false, ends_at_ms: 0, warned: false, rooms: [], ...overrides };
}

/** One of `breakouts.rooms`. */
export function wireBreakoutRoom(number: number, assigned: string[] = [], overrides: Record<string, unknown> = {}) {
  return { number, lead_user_id: '', assigned, help_requested: false, ...overrides };
}

export function waitingState(overrides: Record<string, unknown> = {}) {
  return {
    type: 'session_state',
    occurrence_id: 'o1',
    version: 3,
    you: 'p-avery',
    role: 'participant',
    stage: 'waiting',
    place: 2,
    waiting_message: 'We start at six. Get a glass of water.',
    locked: false,
    ...overrides,
  };
}

export function waitingPerson(overrides: Record<string, unknown> = {}) {
  return {
    participant_id: 'p-casey',
    user_id: 'u-casey',
    name: 'Casey R.',
    pronouns: 'she/her',
    guest: false,
    waiting_since_ms: 1_764_000_000_000,
    ...overrides,
  };
}

/** One of a facilitator's `session_state.expected`: on the roster, here or not. */
export function expectedPerson(overrides: Record<string, unknown> = {}) {
  return { user_id: 'u-casey', name: 'Casey R.', pronouns: 'she/her', guest: false, ...overrides };
}
