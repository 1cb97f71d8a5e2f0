import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { chatAppAt } from '../../testing/chatApp';
import type { FakeSocket } from '../../testing/fakeSocket';

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
async function chatAt(path: string, listed: Record<string, unknown> = {}) {
  return chatAppAt(path, me, { rooms: [groupRoom, programRoom], ...listed });
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
        type: 'crisis_resources_offered',
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

  it('shows a hidden message as a placeholder with the moderator’s reason, and its author why it was hidden', async () => {
    const socket = await chatAt('/chat/room_g');
    await answerHistory(socket, [
      { ...message(1), text: '', hidden: true, hidden_reason: 'private_information', change_seq: 1 },
      { ...message(2, me, 'my own words'), hidden: true, hidden_reason: 'off_topic', change_seq: 2 },
    ]);
    const log = screen.getByRole('region', { name: 'Messages in Skills' });
    const [others, mine] = within(log).getAllByRole('listitem');
    if (!others || !mine) throw new Error('two messages expected');
    expect(others).toHaveTextContent('Hidden by a moderator because it shared someone’s private information.');
    expect(mine).toHaveTextContent('my own words');
    expect(mine).toHaveTextContent('A moderator hid this message from the group because it was off topic.');
    expect(within(mine).queryByRole('button', { name: 'Edit' })).toBeNull();
    // Not a moderator here: nothing to hide or unhide with.
    expect(within(log).queryByRole('button', { name: /^(Un)?hide/ })).toBeNull();
  });

  it('lets a moderator hide a message with a reason and a note, then unhide it, keeping focus on the button', async () => {
    const user = userEvent.setup();
    const socket = await chatAt('/chat/room_g', { rooms: [{ ...groupRoom, can_moderate: true }, programRoom] });
    await answerHistory(socket, [message(1, 'u-blake', 'call me on 555 0100')]);
    const log = screen.getByRole('region', { name: 'Messages in Skills' });
    const hide = within(log).getByRole('button', { name: 'Hide Blake’s message' });
    expect(hide).toHaveAccessibleDescription('call me on 555 0100');

    await user.click(hide);
    const dialog = screen.getByRole('dialog', { name: 'Hide Blake’s message' });
    expect(dialog).toHaveAccessibleDescription(/^call me on 555 0100 Everyone else in Skills will see a notice/);
    await user.click(within(dialog).getByRole('button', { name: 'Hide' }));
    expect(socket.lastOf('message.hide')).toBeUndefined();
    const reasons = within(dialog).getByRole('group', { name: 'Why are you hiding it?' });
    expect(reasons).toHaveAccessibleDescription('Choose why you are hiding it.');
    expect(within(reasons).getAllByRole('radio')[0]).toHaveFocus();

    await user.click(within(reasons).getByRole('radio', { name: /^Shares someone’s private information/ }));
    expect(within(reasons).getByRole('radio', { name: /^Shares someone’s private information/ })).toBeChecked();
    const note = within(dialog).getByRole('textbox', { name: /^Note for the other moderators/ });
    await user.type(note, 'a phone number');
    expect(note).toHaveAccessibleDescription('Only the group’s moderators see it. 14 of 280 characters.');
    await user.click(within(dialog).getByRole('button', { name: 'Hide' }));
    expect(socket.lastOf('message.hide')).toMatchObject({
      room_id: 'room_g',
      message_id: 'm1',
      reason: 'private_information',
      note: 'a phone number',
    });
    await act(async () => {
      socket.refuse('message.hide', 'rate_limited', { retry_after_ms: 1000 });
      await Promise.resolve();
    });
    const alert = within(dialog).getByRole('alert');
    expect(alert).toHaveTextContent('The message was not hidden.You are sending messages quickly. Wait a second and try again.');
    expect(alert).toHaveFocus();

    await user.click(within(dialog).getByRole('button', { name: 'Hide' }));
    const hidden = { ...message(1, 'u-blake', 'call me on 555 0100'), hidden: true, hidden_reason: 'private_information', change_seq: 1 };
    await act(async () => {
      socket.frame({ type: 'message_changed', room_id: 'room_g', change_seq: 1, message: { ...hidden, text: '' } });
      socket.ack('message.hide', { message: { ...hidden, hidden_by: me, hidden_note: 'a phone number' } });
      await Promise.resolve();
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    // The moderator's own hide brings their copy in its ack: nothing more is asked.
    expect(socket.lastOf('message.get')).toBeUndefined();
    const item = within(log).getAllByRole('listitem')[0];
    expect(item).toHaveTextContent('call me on 555 0100');
    expect(item).toHaveTextContent('Hidden from the group: Shares someone’s private information. Hidden by you.');
    expect(item).toHaveTextContent('Note for moderators: a phone number');
    const unhide = within(log).getByRole('button', { name: 'Unhide Blake’s message' });
    expect(unhide).toHaveFocus();

    await user.click(unhide);
    expect(socket.lastOf('message.unhide')).toMatchObject({ room_id: 'room_g', message_id: 'm1' });
    await act(async () => {
      socket.ack('message.unhide', { message: { ...message(1, 'u-blake', 'call me on 555 0100'), change_seq: 2 } });
      await Promise.resolve();
    });
    expect(item).not.toHaveTextContent('Hidden from the group');
    expect(within(log).getByRole('button', { name: 'Hide Blake’s message' })).toHaveFocus();
  });

  it('closes the hide form with Cancel or Escape, sending nothing and returning focus', async () => {
    const user = userEvent.setup();
    const socket = await chatAt('/chat/room_g', { rooms: [{ ...groupRoom, can_moderate: true }, programRoom] });
    await answerHistory(socket, [message(1, me, 'mine')]);
    const hide = screen.getByRole('button', { name: 'Hide your message' });
    await user.click(hide);
    await user.click(within(screen.getByRole('dialog', { name: 'Hide your message' })).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(hide).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(hide).toHaveFocus();
    expect(socket.lastOf('message.hide')).toBeUndefined();
  });

  it('shows a moderator who hid a message and why, and replaces a live placeholder with what they may read', async () => {
    const socket = await chatAt('/chat/room_g', { rooms: [{ ...groupRoom, can_moderate: true }, programRoom] });
    const casey = { ...message(1, 'u-casey', 'hello'), author_name: 'Casey' };
    await answerHistory(socket, [
      casey,
      { ...message(2), hidden: true, hidden_reason: 'triggering', hidden_by: 'u-casey', hidden_note: 'too graphic', change_seq: 1 },
      message(3),
    ]);
    const log = screen.getByRole('region', { name: 'Messages in Skills' });
    const item = (index: number) => within(log).getAllByRole('listitem')[index];
    expect(item(1)).toHaveTextContent('message 2');
    expect(item(1)).toHaveTextContent('Hidden from the group: Could be upsetting for others. Hidden by Casey.');
    expect(item(1)).toHaveTextContent('Note for moderators: too graphic');
    expect(within(log).getByRole('button', { name: 'Unhide Blake’s message' })).toBeInTheDocument();

    const placeholder = { ...message(3), text: '', hidden: true, hidden_reason: 'spam', change_seq: 2 };
    await act(async () => {
      socket.frame({ type: 'message_changed', room_id: 'room_g', change_seq: 2, message: placeholder });
      await Promise.resolve();
    });
    expect(item(2)).toHaveTextContent('Hidden by a moderator because it was spam.');
    expect(socket.lastOf('message.get')).toMatchObject({ room_id: 'room_g', message_id: 'm3' });
    await act(async () => {
      socket.ack('message.get', { message: { ...placeholder, text: 'message 3', hidden_by: 'u-other-mod' } });
      await Promise.resolve();
    });
    expect(item(2)).toHaveTextContent('message 3');
    expect(item(2)).toHaveTextContent('Hidden from the group: Spam. Hidden by another moderator.');
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

  it('formats messages, offers help with it, and reads new ones out as plain words', async () => {
    const socket = await chatAt('/chat/room_g');
    await answerHistory(socket, [message(1, me, '**Hi** all\n- one\n- two\n<script>alert(1)</script>')]);
    const log = screen.getByRole('region', { name: 'Messages in Skills' });
    expect(within(log).getByText('Hi').tagName).toBe('STRONG');
    expect(within(log).getByText('<script>alert(1)</script>')).toBeInTheDocument();
    expect(log.querySelector('script')).toBeNull();
    // The buttons are still described by the message they act on.
    expect(within(log).getByRole('button', { name: 'Edit' })).toHaveAccessibleDescription(/^Hi all/);
    expect(screen.getByText('Formatting').closest('details')).not.toHaveAttribute('open');

    act(() => {
      socket.frame({ type: 'message_posted', room_id: 'room_g', seq: 2, message: message(2, 'u-blake', '**I am** _here_') });
    });
    expect(screen.getByText('Blake: I am here').closest('[aria-live="polite"]')).not.toBeNull();
  });

  it('loads earlier messages with focus kept on the button, and says how many came', async () => {
    const user = userEvent.setup();
    const socket = await chatAt('/chat/room_g');
    await waitFor(() => {
      expect(socket.lastOf('history')).toBeDefined();
    });
    await act(async () => {
      socket.ack('history', { room_id: 'room_g', messages: [message(5), message(4)], has_more: true });
      await Promise.resolve();
    });
    const log = screen.getByRole('region', { name: 'Messages in Skills' });
    const button = within(log).getByRole('button', { name: 'Load earlier messages' });
    await user.click(button);
    expect(socket.lastOf('history')).toMatchObject({ before_seq: 4 });
    expect(button).toHaveFocus();
    expect(button).toHaveAccessibleName('Loading earlier messages…');
    expect(button).toHaveAttribute('aria-disabled', 'true');
    const asked = socket.sent.length;
    await user.click(button);
    expect(socket.sent).toHaveLength(asked);

    await act(async () => {
      socket.ack('history', { room_id: 'room_g', messages: [message(3), message(2)], has_more: true });
      await Promise.resolve();
    });
    expect(button).toHaveFocus();
    expect(screen.getByText('Loaded 2 earlier messages.')).toHaveAttribute('role', 'status');

    await user.keyboard('{Enter}');
    await act(async () => {
      socket.ack('history', { room_id: 'room_g', messages: [message(1)], has_more: false });
      await Promise.resolve();
    });
    // The button is gone with the start of the room: focus goes to the first message, where
    // reading from the button carried on.
    expect(within(log).queryByRole('button', { name: /earlier messages/ })).toBeNull();
    const items = within(log).getAllByRole('listitem');
    expect(items).toHaveLength(5);
    expect(items[0]).toHaveFocus();
    expect(screen.getByText('Loaded 1 earlier message. This is the start of the conversation.')).toBeInTheDocument();
  });

  it('tells the person a room is not theirs without saying whether it exists', async () => {
    await chatAt('/chat/room_other');
    expect(await screen.findByText(/There is no such room, or it is not open to you/)).toBeInTheDocument();
  });

  it('tells the server one is typing, at most every few seconds, and shows who else is', async () => {
    const user = userEvent.setup();
    const socket = await chatAt('/chat/room_g');
    await answerHistory(socket, [message(1), message(2, 'u-blake')]);
    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.type(box, '   ');
    expect(socket.lastOf('typing')).toBeUndefined();
    await user.type(box, 'hello');
    expect(socket.sent.filter((frame) => frame.type === 'typing')).toEqual([{ type: 'typing', room_id: 'room_g' }]);

    act(() => {
      socket.frame({ type: 'typing_started', room_id: 'room_g', user_id: 'u-blake' });
    });
    const line = screen.getByText('Blake is typing…');
    // Not read out on every event (see TypingIndicator).
    expect(line).toHaveAttribute('aria-live', 'off');
    expect(line.closest('[aria-live="polite"], [role="status"], [role="alert"]')).toBeNull();
    act(() => {
      socket.frame({ type: 'typing_started', room_id: 'room_g', user_id: 'u-stranger' });
    });
    expect(line).toHaveTextContent('Blake and someone else are typing…');
    act(() => {
      socket.frame({ type: 'message_posted', room_id: 'room_g', seq: 3, message: message(3, 'u-blake') });
      socket.frame({ type: 'presence_changed', user_id: 'u-stranger', status: 'offline' });
    });
    expect(line).toBeEmptyDOMElement();
  });

  it('shows people’s status beside their messages and private conversations, in words as well as shape', async () => {
    const dm = {
      id: 'room_dm',
      kind: 'private',
      name: 'Blake',
      program_id: 'p1',
      last_seq: 0,
      members: [
        { id: me, name: 'Avery', last_read_seq: 0 },
        { id: 'u-blake', name: 'Blake', last_read_seq: 0 },
      ],
    };
    const socket = await chatAt('/chat/room_g', { presence: { [me]: 'online', 'u-blake': 'away' } });
    await answerHistory(socket, [message(1, 'u-blake'), message(2, 'u-casey'), message(3, me)]);
    const log = screen.getByRole('region', { name: 'Messages in Skills' });
    const items = within(log).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(/^Blake away/);
    expect(items[0]?.querySelector('.presence--away .presence__dot')).toHaveAttribute('aria-hidden', 'true');
    // Nothing is known of Casey: nothing is shown, not "offline". Nor of oneself.
    expect(items[1]?.querySelector('.presence')).toBeNull();
    expect(items[2]?.querySelector('.presence')).toBeNull();
    act(() => {
      socket.frame({ type: 'presence_changed', user_id: 'u-blake', status: 'online' });
    });
    expect(items[0]).toHaveTextContent(/^Blake online/);

    act(() => {
      socket.frame({ type: 'room_added', room: dm, presence: {} });
    });
    await userEvent.setup().click(within(primary()).getByRole('link', { name: /Chat/ }));
    const link = await screen.findByRole('link', { name: 'Blake' });
    expect(link.closest('li')).toHaveTextContent(/^Blake ?offline$/);
    await userEvent.setup().click(link);
    expect(await screen.findByRole('list', { name: 'People in this conversation' })).toHaveTextContent('Blake: offline');
  });

  it('searches all one’s rooms from the chat page, marks the words found, and loads more', async () => {
    const user = userEvent.setup();
    const socket = await chatAt('/chat');
    const form = await screen.findByRole('search', { name: 'Search messages' });
    const box = within(form).getByRole('searchbox', { name: 'Search messages' });
    await user.type(box, ' ?! ');
    await user.click(within(form).getByRole('button', { name: 'Search' }));
    expect(socket.lastOf('search')).toBeUndefined();
    expect(box).toHaveAccessibleDescription('Type at least one word.');
    expect(box).toHaveAttribute('aria-invalid', 'true');

    await user.clear(box);
    await user.type(box, 'Sleep <b>{Enter}');
    expect(socket.lastOf('search')).toMatchObject({ query: 'Sleep <b>', limit: 20 });
    expect(socket.lastOf('search')).not.toHaveProperty('room_id');
    await act(async () => {
      socket.ack('search', {
        messages: [
          { ...message(7, 'u-blake', '**Sleeping** better <b>bold</b> now'), room_id: 'room_p' },
          message(2, 'u-blake', 'no sleep'),
        ],
        next_cursor: 'next',
      });
      await Promise.resolve();
    });
    expect(screen.getByRole('status', { name: '' }).textContent).toBe('2 messages found; more can be loaded.');
    const results = screen.getByRole('list', { name: 'Search results' });
    const items = within(results).getAllByRole('listitem');
    expect(within(items[0] as HTMLElement).getByRole('link', { name: 'Evening IOP' })).toHaveAttribute('href', '/chat/room_p');
    expect(within(items[1] as HTMLElement).getByRole('link', { name: 'Skills' })).toHaveAttribute('href', '/chat/room_g');
    expect([...(items[0] as HTMLElement).querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Sleeping', 'better', 'b', 'bold', 'b']);
    expect(items[0]).toHaveTextContent('Sleeping better <b>bold</b> now');
    expect(results.querySelector('b, strong')).toBeNull();
    expect(box).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Load more results' }));
    expect(socket.lastOf('search')).toMatchObject({ query: 'Sleep <b>', cursor: 'next' });
    await act(async () => {
      socket.ack('search', { messages: [message(1, 'u-blake', 'sleep')], next_cursor: null });
      await Promise.resolve();
    });
    const all = within(results).getAllByRole('listitem');
    expect(all).toHaveLength(3);
    expect(all[2]).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Load more results' })).toBeNull();
    expect(screen.getByText(/^Loaded 1 more message\. 3 messages found\.$/)).toBeInTheDocument();

    await user.clear(box);
    await user.type(box, 'nothing{Enter}');
    await act(async () => {
      socket.ack('search', { messages: [], next_cursor: null });
      await Promise.resolve();
    });
    expect(screen.getByText('No messages found.')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Search results' })).toBeNull();
  });

  it('searches one room from its panel and says when the server refuses the query', async () => {
    const user = userEvent.setup();
    const socket = await chatAt('/chat/room_g');
    await answerHistory(socket, []);
    await user.click(screen.getByText('Search this room', { selector: 'summary' }));
    const form = screen.getByRole('search', { name: 'Search this room' });
    await user.type(within(form).getByRole('searchbox'), 'ok{Enter}');
    expect(socket.lastOf('search')).toMatchObject({ query: 'ok', room_id: 'room_g' });
    await act(async () => {
      socket.refuse('search', 'invalid_argument', { field: 'query' });
      await Promise.resolve();
    });
    expect(within(form).getByRole('searchbox')).toHaveAccessibleDescription('Type at least one word.');
    await user.type(within(form).getByRole('searchbox'), '{Enter}');
    await act(async () => {
      socket.refuse('search', 'unavailable');
      await Promise.resolve();
    });
    expect(screen.getByText('The server cannot search just now. Try again in a moment.')).toBeInTheDocument();
  });
});
