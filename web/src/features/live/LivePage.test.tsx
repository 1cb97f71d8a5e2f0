import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json } from '../../testing/fakeFetch';
import { fakeSockets, type FakeSocket } from '../../testing/fakeSocket';
import { priyaInRoom, roomState, waitingState, wireLiveParticipant } from '../../testing/liveFrames';
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
