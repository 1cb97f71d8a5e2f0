import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { RealtimeConnection } from '../../base/realtime/connection';
import { fakeLiveEnvironment, type FakeDevices } from '../../testing/fakeLiveEnvironment';
import { fakeSockets, type FakeSocket } from '../../testing/fakeSocket';
import { ConnectionChecks } from './ConnectionCheck';

const stun = { urls: 'stun:turn.example.org:3478' };
const turn = { urls: 'turn:turn.example.org:3478?transport=udp', username: '1764000000:x7Qa', credential: 'c2VjcmV0' };

/** The checks on a real RealtimeConnection over a fake socket (the test plays the server) and a fake browser. */
async function renderChecks(devices: FakeDevices = {}) {
  const sockets = fakeSockets();
  const connection = new RealtimeConnection({ url: 'ws://hearth.test/api/v1/ws', createSocket: sockets.create });
  connection.start();
  const socket = sockets.at(-1);
  socket.accept('u-avery');
  const fake = fakeLiveEnvironment(devices);
  render(<ConnectionChecks connection={connection} environment={fake.environment} occurrenceId="o1" />);
  await answerPing(socket);
  return { socket, ...fake };
}

async function answerPing(socket: FakeSocket) {
  await act(async () => {
    socket.frame({ type: 'pong', id: socket.lastOf('ping')?.id });
    await Promise.resolve();
  });
}

async function answerCheck(socket: FakeSocket, iceServers: unknown[]) {
  await act(async () => {
    socket.ack('session.check', { ice_servers: iceServers });
    await Promise.resolve();
  });
}

const status = () => within(screen.getByRole('region', { name: 'Connection' })).getByRole('status');
const checkAgain = () => screen.getByRole('button', { name: 'Check the connection again' });

describe('ConnectionCheck', () => {
  it('asks for the session’s ICE servers and says video can pass through the relay when a relay candidate came', async () => {
    const { socket, gatherings } = await renderChecks({ gathered: ['host', 'srflx', 'relay'] });
    expect(await screen.findByText(/^Hearth answered in \d+ ms/)).toBeInTheDocument();
    expect(screen.getByText('Your browser can make video calls.')).toBeInTheDocument();
    expect(status()).toHaveTextContent('Checking the route for video…');
    expect(checkAgain()).toBeDisabled();
    expect(socket.lastOf('session.check')).toMatchObject({ occurrence_id: 'o1' });

    await answerCheck(socket, [stun, turn]);
    expect(await screen.findByText('Video can pass through Hearth’s relay server, even on strict networks.')).toBeInTheDocument();
    expect(gatherings).toEqual([{ iceServers: [stun, turn], stopAt: 'relay' }]);
    expect(status()).not.toHaveTextContent('Checking the route');
    expect(checkAgain()).toBeEnabled();
  });

  it('warns, without standing in the way, when the relay could not be reached', async () => {
    const { socket } = await renderChecks({ gathered: ['host', 'srflx'] });
    await answerCheck(socket, [stun, turn]);
    const warning = await within(status()).findByText(/^Hearth’s relay server could not be reached from this network/);
    expect(warning).toHaveClass('notice--warning');
    expect(warning).toHaveTextContent('You can still join');
    expect(warning).toHaveTextContent('ask your IT department');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('with STUN only, says whether a route beyond this network was found', async () => {
    const found = await renderChecks({ gathered: ['host', 'srflx'] });
    await answerCheck(found.socket, [stun]);
    expect(await screen.findByText('Video can usually connect directly with people on other networks.')).toBeInTheDocument();
    expect(found.gatherings[0]?.stopAt).toBe('srflx');
  });

  it('on a server with no STUN or TURN, says calmly that video connects directly, gathering nothing', async () => {
    const { socket, gatherings } = await renderChecks();
    await answerCheck(socket, []);
    expect(
      await screen.findByText(
        'This Hearth server connects video directly between browsers. That works well when everyone is on the same network.',
      ),
    ).toBeInTheDocument();
    expect(gatherings).toEqual([]);
    expect(document.querySelector('.notice--warning')).toBeNull();
  });

  it('says why the route was not checked when the session refuses it, as a join would be', async () => {
    const { socket } = await renderChecks();
    await act(async () => {
      socket.refuse('session.check', 'conflict');
      await Promise.resolve();
    });
    expect(
      await screen.findByText(
        'The route for video was not checked. This session is not open now. You can join from 10 minutes before it starts until it ends.',
      ),
    ).toBeInTheDocument();
  });

  it('does not ask for a route where the browser cannot make video calls', async () => {
    const { socket, gatherings } = await renderChecks({ webRtc: false });
    expect(await screen.findByText(/This browser cannot make video calls/)).toBeInTheDocument();
    expect(socket.lastOf('session.check')).toBeUndefined();
    expect(gatherings).toEqual([]);
    expect(status()).not.toHaveTextContent('route');
    expect(checkAgain()).toBeEnabled();
  });

  it('checks again with fresh servers (and fresh TURN credentials)', async () => {
    const user = userEvent.setup();
    const { socket, gatherings } = await renderChecks({ gathered: ['relay'] });
    await answerCheck(socket, [turn]);
    await screen.findByText(/even on strict networks/);
    const firstCheck = socket.lastOf('session.check')?.id;

    await user.click(checkAgain());
    expect(screen.getByText('Checking your connection to Hearth…')).toBeInTheDocument();
    await answerPing(socket);
    expect(socket.lastOf('session.check')?.id).not.toBe(firstCheck);
    const fresh = { ...turn, username: '1764003600:k2Lm' };
    await answerCheck(socket, [fresh]);
    await screen.findByText(/even on strict networks/);
    expect(gatherings.map((g) => g.iceServers)).toEqual([[turn], [fresh]]);
  });
});
