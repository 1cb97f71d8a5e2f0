import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeFetch } from '../../testing/fakeFetch';
import { fakeSockets, type FakeSocket } from '../../testing/fakeSocket';
import { renderApp } from '../../testing/renderApp';
import { signedIn } from '../../testing/session';

const me = 'u-avery';
const groupRoom = { id: 'room_g', kind: 'group', name: 'Skills', program_id: 'p1', group_id: 'g1', last_seq: 3, last_read_seq: 1 };
const programRoom = { id: 'room_p', kind: 'program', name: 'Evening IOP', program_id: 'p1', last_seq: 4, last_read_seq: 4 };

function message(seq: number, author = 'u-blake', text = `message ${seq}`) {
  return {
    id: `m${seq}`,
    room_id: 'room_g',
    seq,
    author_id: author,
    author_name: author === me ? 'Avery' : 'Blake',
    client_message_id: `c${seq}`,
    text,
    created_at: new Date().toISOString(),
  };
}

/** The app at `path`, signed in as Avery, with its socket connected and the rooms listed. */
async function chatAt(path: string) {
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
    socket.ack('rooms.list', { rooms: [groupRoom, programRoom] });
    await Promise.resolve();
  });
  return socket;
}

async function answerHistory(socket: FakeSocket, messages: Record<string, unknown>[]) {
  await waitFor(() => {
    expect(socket.lastOf('history')).toBeDefined();
  });
  await act(async () => {
    socket.ack('history', { room_id: 'room_g', messages: [...messages].reverse(), has_more: false });
    await Promise.resolve();
  });
}

const primary = () => screen.getByRole('navigation', { name: 'Primary' });

describe('Chat in the app', () => {
  it('lists one’s rooms with their unread counts, and the navigation adds them up', async () => {
    await chatAt('/chat');
    const groups = await screen.findByRole('heading', { name: 'Your groups' });
    expect(groups).toBeInTheDocument();
    const link = screen.getByRole('link', { name: 'Skills' });
    expect(link.closest('li')).toHaveTextContent('2 unread');
    expect(screen.getByRole('link', { name: 'Evening IOP' }).closest('li')).not.toHaveTextContent('unread');
    expect(within(primary()).getByRole('link', { name: /Chat/ })).toHaveTextContent('Chat2 unread');
  });

  it('shows a room’s messages, sends with Enter, and keeps Shift+Enter for a new line', async () => {
    const user = userEvent.setup();
    const socket = await chatAt('/chat/room_g');
    await answerHistory(socket, [message(1), message(2, me, 'see https://988lifeline.org.'), message(3)]);
    const log = screen.getByRole('region', { name: 'Messages in Skills' });
    expect(within(log).getAllByRole('listitem').map((item) => item.textContent)).toHaveLength(3);
    expect(within(log).getByRole('link', { name: 'https://988lifeline.org' })).toHaveAttribute(
      'rel',
      'noopener noreferrer nofollow',
    );

    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.type(box, 'first line{Shift>}{Enter}{/Shift}second');
    expect(socket.lastOf('message.send')).toBeUndefined();
    await user.keyboard('{Enter}');
    expect(socket.lastOf('message.send')).toMatchObject({ room_id: 'room_g', text: 'first line\nsecond' });
    expect(box).toHaveValue('');
    expect(within(log).getByText('Sending…')).toBeInTheDocument();
  });

  it('says what is wrong with an empty message and sends nothing', async () => {
    const user = userEvent.setup();
    const socket = await chatAt('/chat/room_g');
    await answerHistory(socket, []);
    expect(screen.getByText('No messages yet. Say hello.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveAccessibleDescription(
      'Enter sends; Shift+Enter starts a new line. Write something first.',
    );
    expect(socket.lastOf('message.send')).toBeUndefined();
  });

  it('reads out others’ new messages politely and marks the open room read', async () => {
    const socket = await chatAt('/chat/room_g');
    await answerHistory(socket, [message(1), message(2), message(3)]);
    await waitFor(() => {
      expect(socket.lastOf('read.mark')).toBeDefined();
    });
    expect(socket.lastOf('read.mark')).toMatchObject({ room_id: 'room_g', seq: 3 });
    act(() => {
      socket.frame({ type: 'message_posted', room_id: 'room_g', seq: 4, message: message(4, 'u-blake', 'I am here') });
    });
    const live = screen.getByText('Blake: I am here');
    expect(live.closest('[aria-live="polite"]')).not.toBeNull();
  });

  it('shows crisis resources to the author at once', async () => {
    const socket = await chatAt('/chat/room_g');
    await answerHistory(socket, []);
    act(() => {
      socket.frame({
        type: 'crisis_resources',
        message_id: 'm9',
        resources: [{ name: '988 Suicide & Crisis Lifeline', contact: 'Call or text 988', url: 'https://988lifeline.org' }],
      });
    });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('You do not have to face this alone.');
    expect(within(alert).getByRole('link', { name: '988 Suicide & Crisis Lifeline' })).toHaveAttribute(
      'href',
      'https://988lifeline.org',
    );
  });

  it('lets the author edit and delete their own message, and shows what became of others’', async () => {
    const user = userEvent.setup();
    const socket = await chatAt('/chat/room_g');
    await answerHistory(socket, [
      message(1, me, 'see you tomorow'),
      { ...message(2), text: '', deleted: true, deleted_by_author: false, change_seq: 1 },
      { ...message(3), edited_at: new Date().toISOString(), change_seq: 2 },
    ]);
    const log = screen.getByRole('region', { name: 'Messages in Skills' });
    const item = (index: number) => {
      const found = within(log).getAllByRole('listitem')[index];
      if (!found) throw new Error(`no message ${index}`);
      return found;
    };
    expect(item(1)).toHaveTextContent('Message removed by a moderator.');
    expect(item(2)).toHaveTextContent('(edited');
    expect(within(item(2)).queryByRole('button', { name: 'Delete' })).toBeNull();

    await user.click(within(item(0)).getByRole('button', { name: 'Edit' }));
    const box = within(item(0)).getByRole('textbox', { name: 'Edit message' });
    expect(box).toHaveFocus();
    await user.clear(box);
    await user.type(box, 'see you tomorrow{Enter}');
    expect(socket.lastOf('message.edit')).toMatchObject({ message_id: 'm1', text: 'see you tomorrow' });
    await act(async () => {
      socket.ack('message.edit', { message: { ...message(1, me, 'see you tomorrow'), edited_at: new Date().toISOString(), change_seq: 3 } });
      await Promise.resolve();
    });
    expect(item(0)).toHaveTextContent('(edited');
    expect(item(0)).toHaveTextContent('see you tomorrow');

    await user.click(within(item(0)).getByRole('button', { name: 'Delete' }));
    expect(screen.getByRole('button', { name: 'Keep it' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(socket.lastOf('message.delete')).toMatchObject({ message_id: 'm1' });
  });

  it('starts a private conversation with people the server offers, and opens it', async () => {
    const user = userEvent.setup();
    const socket = await chatAt('/chat/new');
    await waitFor(() => {
      expect(socket.lastOf('people.reachable')).toBeDefined();
    });
    await act(async () => {
      socket.ack('people.reachable', { people: [{ id: 'u-blake', name: 'Blake' }, { id: 'u-priya', name: 'Dr. Priya Shah' }] });
      await Promise.resolve();
    });
    await user.click(screen.getByRole('button', { name: 'Start conversation' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose at least one person.');
    expect(socket.lastOf('private.start')).toBeUndefined();

    await user.click(screen.getByRole('checkbox', { name: 'Blake' }));
    await user.click(screen.getByRole('button', { name: 'Start conversation' }));
    expect(socket.lastOf('private.start')).toMatchObject({ user_ids: ['u-blake'] });
    await act(async () => {
      socket.ack('private.start', {
        room: {
          id: 'room_dm',
          kind: 'private',
          name: 'Blake',
          program_id: 'p1',
          last_seq: 0,
          members: [
            { id: me, name: 'Avery', last_read_seq: 0 },
            { id: 'u-blake', name: 'Blake', last_read_seq: 0 },
          ],
        },
      });
      await Promise.resolve();
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Blake' })).toBeInTheDocument();
  });

  it('tells the person a room is not theirs without saying whether it exists', async () => {
    await chatAt('/chat/room_other');
    expect(await screen.findByText(/There is no such room, or it is not open to you/)).toBeInTheDocument();
  });
});
