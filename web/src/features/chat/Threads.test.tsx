import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { chatAppAt } from '../../testing/chatApp';
import type { FakeSocket } from '../../testing/fakeSocket';

const me = 'u-avery';
const groupRoom = { id: 'room_g', kind: 'group', name: 'Skills', program_id: 'p1', group_id: 'g1', last_seq: 3, last_read_seq: 1 };
const people = [
  { id: 'u-avery', name: 'Avery' },
  { id: 'u-blake', name: 'Blake' },
  { id: 'u-priya', name: 'Dr. Priya Shah' },
];

function message(seq: number, author = 'u-blake', text = `message ${seq}`, extra: Record<string, unknown> = {}) {
  return {
    id: `m${seq}`,
    room_id: 'room_g',
    seq,
    author_id: author,
    author_name: author === me ? 'Avery' : 'Blake',
    client_message_id: `c${seq}`,
    text,
    created_at: new Date().toISOString(),
    ...extra,
  };
}

async function chatAt(path: string, rooms: Record<string, unknown>[] = [groupRoom]) {
  return chatAppAt(path, me, { rooms });
}

async function answer(socket: FakeSocket, type: string, fields: Record<string, unknown>) {
  await waitFor(() => {
    expect(socket.lastOf(type)).toBeDefined();
  });
  await act(async () => {
    socket.ack(type, fields);
    await Promise.resolve();
  });
}

const history = (socket: FakeSocket, messages: Record<string, unknown>[]) =>
  answer(socket, 'history', { room_id: 'room_g', messages: [...messages].reverse(), has_more: false });

const log = () => screen.getByRole('region', { name: 'Messages in Skills' });
const itemOf = (text: string) => {
  const item = within(log()).getByText(text).closest('li');
  if (!item) throw new Error(`no message "${text}"`);
  return item;
};

describe('Threads', () => {
  it('opens a message’s thread beside the room, with focus in its box; replies go to the thread; Escape closes it', async () => {
    const user = userEvent.setup();
    const socket = await chatAt('/chat/room_g');
    await history(socket, [message(1, 'u-blake', 'How is everyone?'), message(2, me, 'Tired but OK')]);

    const reply = within(itemOf('How is everyone?')).getByRole('button', { name: 'Reply' });
    expect(reply).toHaveAccessibleDescription('How is everyone?');
    await user.click(reply);
    const thread = screen.getByRole('region', { name: 'Thread' });
    const box = within(thread).getByRole('textbox', { name: 'Reply' });
    expect(box).toHaveFocus();
    expect(socket.lastOf('thread.get')).toMatchObject({ room_id: 'room_g', root_id: 'm1' });
    // The first message shows at once, from the room's list.
    expect(within(thread).getByText('How is everyone?')).toBeInTheDocument();
    await answer(socket, 'thread.get', {
      root: message(1, 'u-blake', 'How is everyone?', { reply_count: 1, change_seq: 2 }),
      replies: [message(3, 'u-blake', 'Better today', { thread_root_id: 'm1' })],
      has_more: false,
    });
    expect(within(thread).getByText('1 reply')).toBeInTheDocument();
    expect(within(within(thread).getByRole('list', { name: '1 reply' })).getByText('Better today')).toBeInTheDocument();
    // No "Reply" inside the thread: its box is the way to reply.
    expect(within(thread).queryByRole('button', { name: 'Reply' })).toBeNull();

    await user.type(box, 'Glad to hear it{Enter}');
    expect(socket.lastOf('message.send')).toMatchObject({ room_id: 'room_g', text: 'Glad to hear it', thread_root_id: 'm1' });
    expect(within(thread).getByText('Sending…')).toBeInTheDocument();
    act(() => {
      socket.frame({
        type: 'message_posted',
        room_id: 'room_g',
        seq: 4,
        message: message(4, 'u-blake', 'Same here', { thread_root_id: 'm1' }),
      });
    });
    expect(within(thread).getByText('Same here')).toBeInTheDocument();
    // In the room's list too, saying what it answers.
    expect(within(itemOf('Same here')).getByRole('button', { name: 'Replied to Blake: How is everyone?' })).toBeInTheDocument();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Thread' })).toBeNull();
    expect(reply).toHaveFocus();
  });

  it('opens a thread from its reply count, and from a reply; Close thread returns focus', async () => {
    const user = userEvent.setup();
    const socket = await chatAt('/chat/room_g');
    await history(socket, [
      message(1, 'u-blake', 'How is everyone?', { reply_count: 2, last_reply_at: new Date().toISOString(), change_seq: 3 }),
      message(2, me, 'Good', { thread_root_id: 'm1' }),
    ]);
    const count = within(itemOf('How is everyone?')).getByRole('button', { name: '2 replies · last just now' });
    expect(count).toHaveAttribute('aria-expanded', 'false');
    await user.click(count);
    expect(count).toHaveAttribute('aria-expanded', 'true');
    const thread = screen.getByRole('region', { name: 'Thread' });
    await user.click(within(thread).getByRole('button', { name: 'Close thread' }));
    expect(count).toHaveFocus();

    await user.click(within(itemOf('Good')).getByRole('button', { name: 'Replied to Blake: How is everyone?' }));
    expect(socket.lastOf('thread.get')).toMatchObject({ root_id: 'm1' });
    // "Reply" on a reply opens the same thread: threads do not nest.
    await user.click(within(screen.getByRole('region', { name: 'Thread' })).getByRole('button', { name: 'Close thread' }));
    await user.click(within(itemOf('Good')).getByRole('button', { name: 'Reply' }));
    expect(socket.lastOf('thread.get')).toMatchObject({ root_id: 'm1' });
  });

  it('takes no more replies once its first message is deleted', async () => {
    const user = userEvent.setup();
    const socket = await chatAt('/chat/room_g');
    await history(socket, [
      message(1, 'u-blake', '', { deleted: true, deleted_by_author: true, reply_count: 1, change_seq: 2 }),
      message(2, me, 'Still here', { thread_root_id: 'm1' }),
    ]);
    await user.click(within(itemOf('Still here')).getByRole('button', { name: 'Replied to a deleted message' }));
    const thread = screen.getByRole('region', { name: 'Thread' });
    expect(within(thread).queryByRole('textbox', { name: 'Reply' })).toBeNull();
    expect(thread).toHaveTextContent('This message was deleted, so it takes no more replies.');
    expect(within(thread).getByRole('button', { name: 'Close thread' })).toHaveFocus();
  });

  it('offers no reply, and no reactions, on a deleted or hidden message', async () => {
    const socket = await chatAt('/chat/room_g');
    await history(socket, [
      message(1, 'u-blake', '', { deleted: true, deleted_by_author: true, change_seq: 1 }),
      message(2, 'u-blake', '', { hidden: true, hidden_reason: 'spam', change_seq: 2 }),
    ]);
    expect(within(log()).queryByRole('button', { name: 'Reply' })).toBeNull();
    expect(within(log()).queryByRole('button', { name: 'Add reaction' })).toBeNull();
  });
});

describe('Reactions', () => {
  it('shows who reacted as toggles, and takes one’s own back on a click', async () => {
    const user = userEvent.setup();
    const socket = await chatAt('/chat/room_g');
    await history(socket, [message(1, 'u-blake', 'Day 30!', { reactions: [{ reaction: 'heart', user_ids: ['u-blake', me] }, { reaction: 'clap', user_ids: ['u-priya'] }] })]);
    await answer(socket, 'room.people', { people });
    const item = itemOf('Day 30!');
    const love = within(item).getByRole('button', { name: 'Love, 2 people, including you' });
    expect(love).toHaveAttribute('aria-pressed', 'true');
    expect(love).toHaveAttribute('title', 'Blake and you');
    expect(love).toHaveTextContent('2');
    const clap = within(item).getByRole('button', { name: 'Applause, 1 person' });
    expect(clap).toHaveAttribute('aria-pressed', 'false');
    expect(clap).toHaveAttribute('title', 'Dr. Priya Shah');

    await user.click(love);
    expect(socket.lastOf('reaction.remove')).toMatchObject({ room_id: 'room_g', message_id: 'm1', reaction: 'heart' });
    // Shown at once, before the server answers.
    expect(within(item).getByRole('button', { name: 'Love, 1 person' })).toHaveAttribute('aria-pressed', 'false');
    await act(async () => {
      socket.ack('reaction.remove', { message: message(1, 'u-blake', 'Day 30!', { change_seq: 4, reactions: [{ reaction: 'heart', user_ids: ['u-blake'] }, { reaction: 'clap', user_ids: ['u-priya'] }] }) });
      await Promise.resolve();
    });
    expect(within(item).getByRole('button', { name: 'Love, 1 person' })).toBeInTheDocument();
  });

  it('adds one from a menu worked by the keyboard, and says why the server refused', async () => {
    const user = userEvent.setup();
    const socket = await chatAt('/chat/room_g');
    await history(socket, [message(1, 'u-blake', 'Day 30!')]);
    const item = itemOf('Day 30!');
    const add = within(item).getByRole('button', { name: 'Add reaction' });
    add.focus();
    await user.keyboard('{Enter}');
    const menu = within(item).getByRole('menu', { name: 'Reactions' });
    expect(add).toHaveAttribute('aria-expanded', 'true');
    expect(within(menu).getAllByRole('menuitemcheckbox').map((i) => i.textContent)).toEqual([
      '❤️ Love',
      '🤗 Hug',
      '💪 Strength',
      '👏 Applause',
      '🌻 Hope',
      '🙏 Thank you',
    ]);
    expect(within(menu).getByRole('menuitemcheckbox', { name: 'Love' })).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(within(menu).getByRole('menuitemcheckbox', { name: 'Strength' })).toHaveFocus();
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}');
    expect(within(menu).getByRole('menuitemcheckbox', { name: 'Thank you' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(within(item).queryByRole('menu')).toBeNull();
    expect(add).toHaveFocus();
    expect(socket.lastOf('reaction.add')).toBeUndefined();

    await user.keyboard('{Enter}');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(socket.lastOf('reaction.add')).toMatchObject({ message_id: 'm1', reaction: 'hug' });
    expect(add).toHaveFocus();
    expect(within(item).getByRole('button', { name: 'Hug, you' })).toHaveAttribute('aria-pressed', 'true');
    await act(async () => {
      socket.refuse('reaction.add', 'muted');
      await Promise.resolve();
    });
    expect(within(item).getByRole('alert')).toHaveTextContent('A moderator has muted you in this room.');
    expect(within(item).queryByRole('button', { name: 'Hug, you' })).toBeNull();
  });
});

describe('Mentions', () => {
  it('suggests the room’s people after @, chosen with the keyboard, and sends who is named', async () => {
    const user = userEvent.setup();
    const socket = await chatAt('/chat/room_g');
    await history(socket, [message(1)]);
    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.type(box, 'thanks @');
    await answer(socket, 'room.people', { people });
    expect(socket.sent.filter((f) => f.type === 'room.people')).toHaveLength(1);
    await user.type(box, 'b');
    const list = screen.getByRole('listbox', { name: 'People to mention' });
    // Oneself is not offered.
    expect(within(list).getAllByRole('option').map((o) => o.textContent)).toEqual(['Blake']);
    await user.clear(box);
    await user.type(box, 'thanks @');
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Blake', 'Dr. Priya Shah']);
    expect(box).toHaveAttribute('aria-controls', screen.getByRole('listbox').id);
    expect(box).toHaveAttribute('aria-activedescendant', options[0]?.id);
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}');
    expect(box).toHaveAttribute('aria-activedescendant', options[1]?.id);
    await user.keyboard('{ArrowDown}');
    expect(box).toHaveAttribute('aria-activedescendant', options[0]?.id);
    await user.keyboard('{ArrowUp}{Enter}');
    expect(box).toHaveValue('thanks @Dr. Priya Shah ');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box).not.toHaveAttribute('aria-activedescendant');
    // Enter chose; it did not send.
    expect(socket.lastOf('message.send')).toBeUndefined();

    await user.type(box, 'and @bla');
    await user.keyboard('{Tab}');
    expect(box).toHaveValue('thanks @Dr. Priya Shah and @Blake ');
    await user.type(box, '@dr');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    await user.keyboard('{Backspace}{Backspace}{Backspace}{Enter}');
    expect(socket.lastOf('message.send')).toMatchObject({
      text: 'thanks @Dr. Priya Shah and @Blake ',
      mentions: ['u-priya', 'u-blake'],
    });
  });

  it('sends only those still named when the message goes', async () => {
    const user = userEvent.setup();
    const socket = await chatAt('/chat/room_g');
    await history(socket, [message(1)]);
    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.type(box, '@bl');
    await answer(socket, 'room.people', { people });
    await user.keyboard('{Enter}');
    await user.clear(box);
    await user.type(box, 'never mind{Enter}');
    expect(socket.lastOf('message.send')).toMatchObject({ text: 'never mind' });
    expect(socket.lastOf('message.send')).not.toHaveProperty('mentions');
  });

  it('sets off the names a message mentions, and one’s own more', async () => {
    const socket = await chatAt('/chat/room_g');
    await history(socket, [message(1, 'u-priya', 'Welcome @Avery and @Blake, and @Sam', { mentions: ['u-avery', 'u-blake'] })]);
    await answer(socket, 'room.people', { people });
    const item = itemOf('@Avery');
    expect(within(item).getByText('@Avery')).toHaveClass('mention--me');
    expect(within(item).getByText('@Blake')).toHaveClass('mention');
    expect(within(item).getByText('@Blake')).not.toHaveClass('mention--me');
  });

  it('announces being named wherever one is, and marks the room and the navigation', async () => {
    const socket = await chatAt('/chat', [{ ...groupRoom, mentions: 1 }]);
    const link = screen.getByRole('link', { name: 'Skills' });
    expect(link.closest('li')).toHaveTextContent('2 unread@1 mention of you');
    act(() => {
      socket.frame({ type: 'message_posted', room_id: 'room_g', seq: 4, message: message(4, 'u-blake', '@Avery look', { mentions: [me] }) });
      socket.frame({ type: 'mentioned', room_id: 'room_g', message_id: 'm4', seq: 4, author_name: 'Blake' });
    });
    expect(link.closest('li')).toHaveTextContent('3 unread@2 mentions of you');
    const primary = screen.getByRole('navigation', { name: 'Primary' });
    expect(within(primary).getByRole('link', { name: /Chat/ })).toHaveTextContent('Chat3 unread@2 mentions of you');
    const said = screen.getByText('Blake mentioned you in Skills');
    expect(said.closest('[aria-live="polite"]')).not.toBeNull();
  });
});
