import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json } from '../../testing/fakeFetch';
import { fakeSockets, type FakeSocket } from '../../testing/fakeSocket';
import {
  blakeInRoom,
  priyaInRoom,
  roomState,
  waitingState,
  wireBreakoutRoom,
  wireBreakouts,
  wireLiveParticipant,
} from '../../testing/liveFrames';
import { renderApp } from '../../testing/renderApp';
import { occurrenceAt } from '../../testing/schedule';
import { signedIn } from '../../testing/session';

// Wednesday 25 November 2026, 09:55 in Chicago; the session starts at 10:00.
const now = '2026-11-25T15:55:00Z';
const session = occurrenceAt('o1', '2026-11-25T16:00:00Z', 90);

/**
 * The live page in the whole app, on jsdom's "browser": no camera, microphone, Web Audio or WebRTC
 * at all, which is also how an old or locked-down browser looks. The tab's one socket is a fake.
 */
async function livePage(): Promise<FakeSocket> {
  const sockets = fakeSockets();
  renderApp('/sessions/o1/live', fakeFetch({ ...signedIn(), '/api/v1/occurrences/o1': json({ ...session, can_manage: false }) }), {
    createSocket: sockets.create,
  });
  await waitFor(() => {
    expect(sockets.made.length).toBeGreaterThan(0);
  });
  const socket = sockets.at(-1);
  await act(async () => {
    socket.accept('u-avery');
    await Promise.resolve();
  });
  await act(async () => {
    socket.ack('rooms.list', { rooms: [] });
    await Promise.resolve();
  });
  return socket;
}

async function play(what: () => void) {
  await act(async () => {
    what();
    await Promise.resolve();
  });
}

/** The page's polite live region (the visually hidden one), where what happens is said. */
const spoken = () => document.querySelector('[aria-live="polite"].visually-hidden')?.textContent ?? '';

describe('LivePage', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(now));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('goes from the device check to the waiting room to the room, saying each change politely', async () => {
    const user = userEvent.setup();
    const socket = await livePage();
    expect(await screen.findByRole('heading', { level: 1, name: 'Evening group' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Check your camera and microphone' })).toBeInTheDocument();
    expect(await screen.findByText(/This browser cannot use a microphone here/)).toBeInTheDocument();
    // The connection check's ping goes over the tab's one socket, answered by a pong.
    await waitFor(() => {
      expect(socket.lastOf('ping')).toBeDefined();
    });
    await play(() => {
      socket.frame({ type: 'pong', id: socket.lastOf('ping')?.id });
    });
    expect(await screen.findByText(/^Hearth answered in \d+ ms/)).toBeInTheDocument();
    expect(screen.getByText(/This browser cannot make video calls/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect(socket.lastOf('session.join')).toMatchObject({ occurrence_id: 'o1' });
    await play(() => {
      socket.ack('session.join', { participant_id: 'p-avery', media: 'mesh', ice_servers: [] });
    });
    await play(() => {
      socket.frame(waitingState());
    });
    const heading = await screen.findByRole('heading', { level: 2, name: 'You’re in the waiting room' });
    expect(heading).toHaveFocus();
    expect(screen.getByText('Number 2')).toBeInTheDocument();
    expect(screen.getByText('We start at six. Get a glass of water.')).toBeInTheDocument();
    expect(spoken()).toBe("You're in the waiting room. You are number 2 in line.");

    await play(() => {
      socket.frame(waitingState({ version: 4, place: 1 }));
    });
    expect(screen.getByText('Number 1')).toBeInTheDocument();
    expect(spoken()).toBe('You are now number 1 in line.');

    await play(() => {
      socket.frame(roomState({ version: 6 }));
    });
    expect(await screen.findByRole('heading', { level: 2, name: 'In the room (2)' })).toHaveFocus();
    expect(spoken()).toBe('You were let in. You are now in the room.');
    expect(screen.getByRole('figure', { name: 'Video of Dr. Priya Shah' })).toHaveTextContent('Dr. Priya Shah (she/her)');
    expect(screen.getByRole('figure', { name: 'Your video' })).toHaveTextContent('Avery M. (you)');
    expect(screen.getByRole('button', { name: 'Microphone' })).toHaveAttribute('aria-pressed', 'false');
    expect(screen.queryByRole('region', { name: 'Facilitator controls' })).not.toBeInTheDocument();
    // No microphone in this browser: the server hears that one arrives muted, camera off.
    expect(socket.lastOf('session.media')).toMatchObject({ muted: true, camera_on: false });
  });

  it('disables the microphone toggle while the facilitator has one hard-muted, and says so', async () => {
    const socket = await livePage();
    await screen.findByRole('heading', { level: 2, name: 'Check your camera and microphone' });
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Join' }));
    await play(() => {
      socket.ack('session.join', { participant_id: 'p-avery', media: 'mesh', ice_servers: [] });
    });
    await play(() => {
      socket.frame(roomState({ participants: [priyaInRoom, wireLiveParticipant({ muted: true, hard_muted: true, hand_raised: true })], hands: ['p-avery'] }));
    });
    const microphone = await screen.findByRole('button', { name: 'Microphone' });
    expect(microphone).toBeDisabled();
    expect(microphone).toHaveAccessibleDescription('The facilitator muted you');
    const tile = screen.getByRole('figure', { name: 'Your video' });
    expect(within(tile).getByText('Muted by the facilitator')).toBeInTheDocument();
    expect(within(tile).getByText('Hand raised (first)')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Lower hand' })).toBeInTheDocument();
  });

  it('marks an invited guest beside their name on their tile, and says they came as a guest', async () => {
    const socket = await livePage();
    await screen.findByRole('heading', { level: 2, name: 'Check your camera and microphone' });
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Join' }));
    await play(() => {
      socket.ack('session.join', { participant_id: 'p-avery', media: 'mesh', ice_servers: [] });
    });
    await play(() => {
      socket.frame(roomState());
    });
    const robin = wireLiveParticipant({ participant_id: 'p-robin', user_id: 'u-robin', name: 'Robin M.', guest: true, joined_seq: 3 });
    await play(() => {
      socket.frame(roomState({ version: 6, participants: [priyaInRoom, wireLiveParticipant(), robin] }));
    });
    const tile = await screen.findByRole('figure', { name: 'Video of Robin M.' });
    expect(within(tile).getByText('Guest')).toBeInTheDocument();
    expect(tile.querySelector('.live-tile__name')).toHaveTextContent('Robin M. Guest');
    expect(within(screen.getByRole('figure', { name: 'Your video' })).queryByText('Guest')).not.toBeInTheDocument();
    expect(within(screen.getByRole('figure', { name: 'Video of Dr. Priya Shah' })).queryByText('Guest')).not.toBeInTheDocument();
    expect(spoken()).toBe('Robin M. joined as a guest.');
  });

  describe('breakout rooms and the pull-aside', () => {
    const nowMs = Date.parse(now);
    const casey = wireLiveParticipant({ participant_id: 'p-casey', user_id: 'u-casey', name: 'Casey R.', joined_seq: 4 });
    const open = (overrides: Record<string, unknown> = {}) =>
      wireBreakouts({
        stage: 'open',
        ends_at_ms: nowMs + 120_000,
        rooms: [wireBreakoutRoom(1, ['u-avery', 'u-casey'], { lead_user_id: 'u-casey' }), wireBreakoutRoom(2, ['u-blake'])],
        ...overrides,
      });
    const inRoomOne = (version: number, breakouts = open()) =>
      roomState({
        version,
        place: 1,
        server_now_ms: nowMs,
        participants: [priyaInRoom, wireLiveParticipant({ place: 1 }), { ...blakeInRoom, place: 2 }, { ...casey, place: 1 }],
        breakouts,
      });

    async function joinedAs(state: Record<string, unknown>): Promise<FakeSocket> {
      const socket = await livePage();
      await userEvent.setup().click(await screen.findByRole('button', { name: 'Join' }));
      await play(() => {
        socket.ack('session.join', { participant_id: state.you, media: 'mesh', ice_servers: [] });
      });
      await play(() => {
        socket.frame(state);
      });
      return socket;
    }

    it('shows one’s breakout room with its lead and countdown, asks for a facilitator, and the room’s unsaved words', async () => {
      const user = userEvent.setup();
      const socket = await joinedAs(inRoomOne(6));
      expect(await screen.findByRole('heading', { level: 2, name: 'Breakout room 1 of 2' })).toBeInTheDocument();
      expect(spoken()).toBe('You are in the room. You are in breakout room 1 of 2.');
      expect(screen.getByText('Peer lead: Casey R.')).toBeInTheDocument();
      expect(screen.getByRole('timer')).toHaveTextContent('Time left: 2:00');
      // Only the people here have tiles.
      const gallery = screen.getByRole('list', { name: 'Everyone’s video' });
      expect(within(gallery).getAllByRole('figure').map((tile) => tile.getAttribute('aria-label'))).toEqual([
        'Your video',
        'Video of Casey R.',
      ]);

      await user.click(screen.getByRole('button', { name: 'Ask for a facilitator' }));
      expect(socket.lastOf('session.help')).toMatchObject({ occurrence_id: 'o1' });
      await play(() => {
        socket.ack('session.help');
      });
      expect(await screen.findByText('A facilitator has been asked to join this room.')).toBeInTheDocument();

      const words = screen.getByRole('region', { name: 'Chat in this room' });
      expect(words).toHaveAccessibleDescription(/not saved/);
      await user.type(within(words).getByLabelText('Write to this room'), 'Hello room');
      await user.click(within(words).getByRole('button', { name: 'Send to this room' }));
      expect(socket.lastOf('session.room_message')).toMatchObject({ text: 'Hello room' });
      await play(() => {
        socket.ack('session.room_message');
        socket.frame({ type: 'session_room_message', occurrence_id: 'o1', participant_id: 'p-avery', name: 'Avery M.', text: 'Hello room', place: 1, sent_at_ms: nowMs });
        socket.frame({ type: 'session_room_message', occurrence_id: 'o1', participant_id: 'p-casey', name: 'Casey R.', text: 'Hi!', place: 1, sent_at_ms: nowMs });
      });
      const log = within(words).getByRole('log', { name: 'Words in this room' });
      expect(within(log).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['You: Hello room', 'Casey R.: Hi!']);
      expect(within(words).getByLabelText('Write to this room')).toHaveValue('');
    });

    it('says the warning and the broadcast, and that one is back in the main room when called back', async () => {
      const socket = await joinedAs(inRoomOne(6));
      await screen.findByRole('heading', { level: 2, name: 'Breakout room 1 of 2' });
      await play(() => {
        socket.frame(inRoomOne(7, open({ warned: true })));
      });
      expect(spoken()).toBe('One minute left in the breakout rooms.');
      expect(screen.getByText(/Less than a minute left/)).toBeInTheDocument();
      await play(() => {
        socket.frame({ type: 'session_broadcast', occurrence_id: 'o1', participant_id: 'p-priya', name: 'Dr. Priya Shah', text: 'Wrap up, please' });
      });
      expect(spoken()).toBe('Message to all rooms from Dr. Priya Shah: Wrap up, please');
      expect(screen.getByText('Dr. Priya Shah to all rooms:').parentElement).toHaveTextContent('Wrap up, please');

      await play(() => {
        socket.frame(roomState({ version: 8, participants: [priyaInRoom, wireLiveParticipant(), blakeInRoom, casey], breakouts: wireBreakouts({ stage: 'prepared', rooms: [wireBreakoutRoom(1)] }) }));
      });
      expect(screen.getByRole('heading', { level: 2, name: 'In the room (4)' })).toBeInTheDocument();
      expect(spoken()).toBe('You are back in the main room.');
      expect(screen.queryByRole('region', { name: 'Chat in this room' })).not.toBeInTheDocument();
      expect(screen.queryByText('Wrap up, please')).not.toBeInTheDocument();
    });

    it('lets one choose a room when the facilitator allows it', async () => {
      const user = userEvent.setup();
      const prepared = wireBreakouts({ stage: 'prepared', choosing: true, cap: 2, rooms: [wireBreakoutRoom(1, ['u-casey', 'u-blake']), wireBreakoutRoom(2)] });
      const socket = await joinedAs(roomState({ breakouts: prepared }));
      const chooser = await screen.findByRole('region', { name: 'Choose a breakout room' });
      expect(within(chooser).getByRole('option', { name: 'Room 1 (2 of 2, full)' })).toBeDisabled();
      await user.selectOptions(within(chooser).getByLabelText('Breakout room'), 'Room 2 (0 of 2)');
      await user.click(within(chooser).getByRole('button', { name: 'Choose this room' }));
      expect(socket.lastOf('session.breakout_choose')).toMatchObject({ room: 2 });
    });

    it('tells the one taken aside whom they are with, and the others only that the facilitator is away', async () => {
      const aside = [{ ...priyaInRoom, place: -1 }, wireLiveParticipant({ place: -1 }), blakeInRoom];
      const socket = await joinedAs(roomState({ participants: [priyaInRoom, wireLiveParticipant(), blakeInRoom] }));
      await play(() => {
        socket.frame(roomState({ version: 6, place: -1, participants: aside }));
      });
      expect(screen.getByRole('heading', { level: 2, name: 'Private conversation' })).toBeInTheDocument();
      expect(spoken()).toBe('You are in a private conversation with Dr. Priya Shah.');
      expect(screen.getByText(/You are in a private conversation with Dr. Priya Shah\. Nobody else/)).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Return to the group' })).not.toBeInTheDocument();
      // As Blake would see it: Priya is away with someone, unnamed; Avery's tile is gone.
      await play(() => {
        socket.frame(roomState({ version: 7, you: 'p-blake', participants: aside }));
      });
      expect(screen.getByRole('heading', { level: 2, name: 'In the room (1)' })).toBeInTheDocument();
      expect(screen.getByText('Dr. Priya Shah is speaking with someone privately and will be back soon.')).toBeVisible();
      expect(screen.queryByRole('figure', { name: 'Video of Avery M.' })).not.toBeInTheDocument();
    });
  });

  it('shows why the session closed, with a way back to the schedule', async () => {
    const user = userEvent.setup();
    const socket = await livePage();
    await user.click(await screen.findByRole('button', { name: 'Join' }));
    await play(() => {
      socket.ack('session.join', { participant_id: 'p-avery', media: 'mesh', ice_servers: [] });
    });
    await play(() => {
      socket.frame(roomState());
    });
    await screen.findByRole('heading', { level: 2, name: 'In the room (2)' });
    await play(() => {
      socket.frame({ type: 'session_closed', occurrence_id: 'o1', reason: 'removed' });
    });
    expect(await screen.findByRole('heading', { level: 2, name: 'You were removed from the session' })).toHaveFocus();
    expect(screen.getByRole('link', { name: 'Back to your schedule' })).toHaveAttribute('href', '/schedule');
    expect(screen.queryByRole('button', { name: /Join/ })).not.toBeInTheDocument();
  });

  it('says so when joining is refused, and lets one try again', async () => {
    const user = userEvent.setup();
    const socket = await livePage();
    await user.click(await screen.findByRole('button', { name: 'Join' }));
    await play(() => {
      socket.refuse('session.join', 'conflict');
    });
    expect(await screen.findByText(/This session is not open now/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Join' })).toBeEnabled();
  });
});
