import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { chatAppAt } from '../../testing/chatApp';
import type { FakeSocket } from '../../testing/fakeSocket';
import { untilText } from './restrictions';

// The signed-in account (testing/session.ts) reads times in America/Chicago.
const me = 'u-avery';
const zone = 'America/Chicago';
const groupRoom = { id: 'room_g', kind: 'group', name: 'Skills', program_id: 'p1', group_id: 'g1', last_seq: 2, last_read_seq: 2 };
const privateRoom = {
  id: 'room_d',
  kind: 'private',
  name: 'Blake',
  program_id: 'p1',
  last_seq: 1,
  last_read_seq: 1,
  members: [
    { id: me, name: 'Avery', last_read_seq: 1 },
    { id: 'u-blake', name: 'Blake', last_read_seq: 1 },
  ],
};

function message(seq: number, author: string, name: string, roomId = 'room_g') {
  return {
    id: `m${seq}`,
    room_id: roomId,
    seq,
    author_id: author,
    author_name: name,
    client_message_id: `c${seq}`,
    text: `message ${seq}`,
    created_at: new Date().toISOString(),
  };
}

/** The app at `path`, signed in as Avery, its socket connected and `rooms` listed. */
async function chatAt(path: string, rooms: Record<string, unknown>[]) {
  return chatAppAt(path, me, { rooms });
}

async function play(socket: FakeSocket, what: () => void) {
  await act(async () => {
    what();
    await Promise.resolve();
  });
  return socket;
}

async function answerHistory(socket: FakeSocket, roomId: string, messages: Record<string, unknown>[]) {
  await waitFor(() => {
    expect(socket.lastOf('history')).toMatchObject({ room_id: roomId });
  });
  await play(socket, () => {
    socket.ack('history', { room_id: roomId, messages: [...messages].reverse(), has_more: false });
  });
}

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const restriction = (overrides: Record<string, unknown> = {}) => ({
  room_id: 'room_g',
  user_id: 'u-blake',
  user_name: 'Blake',
  kind: 'muted',
  until: inMinutes(15),
  reason: 'disrespectful',
  note: 'cooling off',
  by: me,
  by_name: 'Avery',
  at: new Date().toISOString(),
  ...overrides,
});

describe('Muting and removing, for a moderator', () => {
  it('offers it on others’ messages only, asks what and why, says why the server refused, and what was done', async () => {
    const user = userEvent.setup();
    const socket = await chatAt('/chat/room_g', [{ ...groupRoom, can_moderate: true }]);
    await answerHistory(socket, 'room_g', [message(1, 'u-blake', 'Blake'), message(2, me, 'Avery')]);
    const log = screen.getByRole('region', { name: 'Messages in Skills' });
    expect(within(log).getAllByRole('button', { name: /^Mute or remove/ })).toHaveLength(1);
    const open = within(log).getByRole('button', { name: 'Mute or remove Blake' });

    await user.click(open);
    const dialog = screen.getByRole('dialog', { name: 'Mute or remove Blake' });
    expect(dialog).toHaveAccessibleDescription(/^Muting keeps Blake from posting in Skills for a while/);
    await user.click(within(dialog).getByRole('button', { name: 'Mute or remove' }));
    const actions = within(dialog).getByRole('group', { name: 'What should happen?' });
    expect(actions).toHaveAccessibleDescription('Choose whether to mute or remove Blake.');
    expect(within(actions).getAllByRole('radio')[0]).toHaveFocus();
    expect(within(actions).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual([
      'mute-15',
      'mute-60',
      'mute-1440',
      'mute-10080',
      'remove',
    ]);

    await user.click(within(actions).getByRole('radio', { name: 'Mute for 15 minutes' }));
    await user.click(within(dialog).getByRole('button', { name: 'Mute' }));
    const reasons = within(dialog).getByRole('group', { name: 'Why?' });
    expect(reasons).toHaveAccessibleDescription('Choose a reason.');
    expect(within(reasons).getAllByRole('radio')[0]).toHaveFocus();
    await user.click(within(reasons).getByRole('radio', { name: 'Disrespectful' }));
    const note = within(dialog).getByRole('textbox', { name: /^Note for the other moderators/ });
    await user.type(note, 'cooling off');
    expect(note).toHaveAccessibleDescription('Only the room’s moderators see it. 11 of 280 characters.');
    expect(socket.lastOf('member.mute')).toBeUndefined();

    await user.click(within(dialog).getByRole('button', { name: 'Mute' }));
    expect(socket.lastOf('member.mute')).toMatchObject({
      room_id: 'room_g',
      user_id: 'u-blake',
      minutes: 15,
      reason: 'disrespectful',
      note: 'cooling off',
    });
    await play(socket, () => {
      socket.refuse('member.mute', 'permission_denied');
    });
    const alert = within(dialog).getByRole('alert');
    expect(alert).toHaveTextContent('Nothing was changed.Only this room’s moderators can mute, remove or restore people.');
    expect(alert).toHaveFocus();

    await user.click(within(dialog).getByRole('button', { name: 'Mute' }));
    const until = inMinutes(15);
    await play(socket, () => {
      socket.ack('member.mute', { restriction: restriction({ until }) });
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(open).toHaveFocus();
    expect(within(log).getByRole('status')).toHaveTextContent(`Blake is muted until ${untilText(until, zone, Date.now())}.`);
  });

  it('removes with a reason, and cancels with Escape, sending nothing', async () => {
    const user = userEvent.setup();
    const socket = await chatAt('/chat/room_g', [{ ...groupRoom, can_moderate: true }]);
    await answerHistory(socket, 'room_g', [message(1, 'u-blake', 'Blake')]);
    const open = screen.getByRole('button', { name: 'Mute or remove Blake' });
    await user.click(open);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(open).toHaveFocus();

    await user.click(open);
    const dialog = screen.getByRole('dialog', { name: 'Mute or remove Blake' });
    await user.click(within(dialog).getByRole('radio', { name: 'Remove from this room’s chat' }));
    await user.click(within(dialog).getByRole('radio', { name: 'Spam' }));
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    const sent = socket.lastOf('member.remove');
    expect(sent).toMatchObject({ room_id: 'room_g', user_id: 'u-blake', reason: 'spam' });
    expect(sent).not.toHaveProperty('note');
    await play(socket, () => {
      socket.ack('member.remove', { restriction: restriction({ kind: 'removed', until: undefined, reason: 'spam' }) });
    });
    expect(screen.getByText('Blake is removed from this room’s chat.')).toBeInTheDocument();
  });

  it('offers nothing in a private conversation, nor to someone who does not moderate', async () => {
    const socket = await chatAt('/chat/room_d', [{ ...privateRoom, can_moderate: true }]);
    await answerHistory(socket, 'room_d', [message(1, 'u-blake', 'Blake', 'room_d')]);
    expect(screen.queryByRole('button', { name: /^Mute or remove/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Muted and removed people' })).toBeNull();
  });

  it('lists who is muted and removed, and restores one, saying so', async () => {
    const user = userEvent.setup();
    const socket = await chatAt('/chat/room_g', [{ ...groupRoom, can_moderate: true }]);
    await answerHistory(socket, 'room_g', []);
    await user.click(screen.getByRole('button', { name: 'Muted and removed people' }));
    const dialog = screen.getByRole('dialog', { name: 'Muted and removed in Skills' });
    expect(within(dialog).getByRole('button', { name: 'Close' })).toHaveFocus();
    expect(socket.lastOf('room.restrictions')).toMatchObject({ room_id: 'room_g' });
    const until = inMinutes(15);
    await play(socket, () => {
      socket.ack('room.restrictions', {
        restrictions: [
          restriction({ until }),
          restriction({ user_id: 'u-casey', user_name: 'Casey', kind: 'removed', until: undefined, note: undefined, reason: 'spam' }),
        ],
      });
    });
    const [blake, casey] = within(dialog).getAllByRole('listitem');
    expect(blake).toHaveTextContent(`Blake: Muted until ${untilText(until, zone, Date.now())}`);
    expect(blake).toHaveTextContent('Reason: Disrespectful');
    expect(blake).toHaveTextContent('Note for moderators: cooling off');
    expect(blake).toHaveTextContent('By Avery,');
    expect(casey).toHaveTextContent('Casey: Removed from this room’s chat');
    expect(casey).toHaveTextContent('Reason: Spam');
    expect(casey).not.toHaveTextContent('Note for moderators');

    await user.click(within(dialog).getByRole('button', { name: 'Restore Casey' }));
    expect(socket.lastOf('member.restore')).toMatchObject({ room_id: 'room_g', user_id: 'u-casey' });
    await play(socket, () => {
      socket.refuse('member.restore', 'rate_limited', { retry_after_ms: 1000 });
    });
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Casey was not restored.You are making changes quickly.');
    expect(within(dialog).getByRole('alert')).toHaveFocus();

    await user.click(within(dialog).getByRole('button', { name: 'Restore Casey' }));
    await play(socket, () => {
      socket.ack('member.restore', { restriction: null });
    });
    expect(within(dialog).getAllByRole('listitem')).toHaveLength(1);
    const done = within(dialog).getByText('Casey is back in this room’s chat.');
    expect(done).toHaveFocus();
    expect(within(dialog).queryByRole('alert')).toBeNull();

    await user.click(within(dialog).getByRole('button', { name: 'Restore Blake' }));
    await play(socket, () => {
      socket.ack('member.restore', { restriction: null });
    });
    expect(within(dialog).getByText('No one is muted or removed in this room.')).toBeInTheDocument();
    expect(within(dialog).getByText('Blake can post again.')).toHaveFocus();
  });
});

describe('Muting and removing, for the person', () => {
  it('keeps a muted person from writing, saying until when, and lets them write once restored', async () => {
    const user = userEvent.setup();
    const until = inMinutes(15);
    const socket = await chatAt('/chat/room_g', [{ ...groupRoom, muted_until: until }]);
    await answerHistory(socket, 'room_g', [message(1, 'u-blake', 'Blake')]);
    const notice = `A moderator has muted you in this room until ${untilText(until, zone, Date.now())}.`;
    const box = screen.getByRole('textbox', { name: 'Message' });
    expect(screen.getByText(notice).closest('[role="status"]')).not.toBeNull();
    expect(box).toHaveAttribute('aria-disabled', 'true');
    expect(box).toHaveAttribute('readonly');
    expect(box).toHaveAccessibleDescription(`${notice} Enter sends; Shift+Enter starts a new line.`);
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await user.type(box, 'hello{Enter}');
    expect(socket.lastOf('message.send')).toBeUndefined();

    await play(socket, () => {
      socket.frame({ type: 'member_restored', room_id: 'room_g' });
    });
    expect(screen.queryByText(notice)).toBeNull();
    expect(box).not.toHaveAttribute('aria-disabled');
    await user.type(box, 'hello{Enter}');
    expect(socket.lastOf('message.send')).toMatchObject({ room_id: 'room_g', text: 'hello' });

    // Muted live, while the room is open.
    const later = inMinutes(60);
    await play(socket, () => {
      socket.frame({ type: 'member_restricted', room_id: 'room_g', kind: 'muted', until: later, reason: 'spam' });
    });
    expect(screen.getByText(`A moderator has muted you in this room until ${untilText(later, zone, Date.now())}.`)).toBeInTheDocument();
    expect(box).toHaveAttribute('aria-disabled', 'true');
  });

  it('shows the notice when the server refuses a message as muted', async () => {
    const user = userEvent.setup();
    const socket = await chatAt('/chat/room_g', [groupRoom]);
    await answerHistory(socket, 'room_g', []);
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'hello{Enter}');
    await play(socket, () => {
      socket.refuse('message.send', 'muted');
    });
    expect(screen.getByText('A moderator has muted you in this room.', { selector: '.field__error' })).toBeInTheDocument();
    const until = inMinutes(15);
    await play(socket, () => {
      socket.ack('rooms.list', { rooms: [{ ...groupRoom, muted_until: until }] });
    });
    expect(screen.getByText(`A moderator has muted you in this room until ${untilText(until, zone, Date.now())}.`)).toBeInTheDocument();
  });

  it('tells a removed person why the open room went, and brings it back once restored', async () => {
    const socket = await chatAt('/chat/room_g', [groupRoom]);
    await answerHistory(socket, 'room_g', [message(1, 'u-blake', 'Blake')]);
    await play(socket, () => {
      socket.frame({ type: 'member_restricted', room_id: 'room_g', kind: 'removed', reason: 'disrespectful' });
    });
    expect(screen.getByRole('alert')).toHaveTextContent('You were removed from this room’s chat by a moderator.');
    expect(screen.queryByRole('region', { name: 'Messages in Skills' })).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: 'Skills' })).toBeInTheDocument();

    await play(socket, () => {
      socket.frame({ type: 'member_restored', room_id: 'room_g' });
    });
    await play(socket, () => {
      socket.ack('rooms.list', { rooms: [groupRoom] });
    });
    expect(screen.queryByRole('alert')).toBeNull();
    await answerHistory(socket, 'room_g', [message(1, 'u-blake', 'Blake')]);
    expect(screen.getByRole('region', { name: 'Messages in Skills' })).toBeInTheDocument();
  });

  it('takes the room off the list of a removed person', async () => {
    const socket = await chatAt('/chat', [groupRoom]);
    expect(await screen.findByRole('link', { name: 'Skills' })).toBeInTheDocument();
    await play(socket, () => {
      socket.frame({ type: 'member_restricted', room_id: 'room_g', kind: 'removed', reason: 'spam' });
    });
    expect(screen.queryByRole('link', { name: 'Skills' })).toBeNull();
  });
});
