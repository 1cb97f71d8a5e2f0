import { act, screen, waitFor } from '@testing-library/react';
import { expect } from 'vitest';
import { fakeFetch } from './fakeFetch';
import { fakeSockets, type FakeSocket } from './fakeSocket';
import { renderApp } from './renderApp';
import { signedIn } from './session';

/**
 * The app at `path`, signed in as `me`, with its socket connected and the `rooms.list` answer
 * given (`listed`: the ack's fields, `rooms` among them). What the chat component tests start from.
 */
export async function chatAppAt(
  path: string,
  me: string,
  listed: Record<string, unknown>,
): Promise<FakeSocket> {
  const sockets = fakeSockets();
  renderApp(path, fakeFetch(signedIn()), { createSocket: sockets.create });
  await screen.findByRole('navigation', { name: 'Primary' });
  await waitFor(() => {
    expect(sockets.made.length).toBeGreaterThan(0);
  });
  const socket = sockets.at(-1);
  await act(async () => {
    socket.accept(me);
    await Promise.resolve();
  });
  await act(async () => {
    socket.ack('rooms.list', listed);
    await Promise.resolve();
  });
  return socket;
}
