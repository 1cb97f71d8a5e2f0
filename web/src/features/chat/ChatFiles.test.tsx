import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json, type FakeAnswer } from '../../testing/fakeFetch';
import { fakeSockets, type FakeSocket } from '../../testing/fakeSocket';
import { renderApp } from '../../testing/renderApp';
import { signedIn } from '../../testing/session';

const me = 'u-avery';
const groupRoom = { id: 'room_g', kind: 'group', name: 'Skills', program_id: 'p1', group_id: 'g1', last_seq: 0, last_read_seq: 0 };
const uploadPath = 'POST /api/v1/chat/rooms/room_g/files';
const stored = (id: string, name: string, type = 'image/png', size = 68) => ({ id, name, type, size });

function message(seq: number, fields: Record<string, unknown> = {}) {
  return {
    id: `m${seq}`,
    room_id: 'room_g',
    seq,
    author_id: 'u-blake',
    author_name: 'Blake',
    client_message_id: `c${seq}`,
    text: '',
    created_at: new Date().toISOString(),
    ...fields,
  };
}

/** An answer the test gives when it chooses. */
function later(): { answer: FakeAnswer; give: (response: Response) => void } {
  let give: (response: Response) => void = () => undefined;
  const pending = new Promise<Response>((resolve) => {
    give = resolve;
  });
  return { answer: () => pending, give };
}

/** The room open, signed in as Avery, with `uploads` answering the room's file uploads. */
async function roomWith(uploads: FakeAnswer | FakeAnswer[], history: Record<string, unknown>[] = []) {
  const fetch = fakeFetch({ ...signedIn(), [uploadPath]: uploads });
  const sockets = fakeSockets();
  renderApp('/chat/room_g', fetch, { createSocket: sockets.create });
  await screen.findByRole('navigation', { name: 'Primary' });
  await waitFor(() => {
    expect(sockets.made.length).toBeGreaterThan(0);
  });
  const socket: FakeSocket = sockets.at(-1);
  await act(async () => {
    socket.accept(me);
    await Promise.resolve();
  });
  await act(async () => {
    socket.ack('rooms.list', { rooms: [groupRoom] });
    await Promise.resolve();
  });
  await waitFor(() => {
    expect(socket.lastOf('history')).toBeDefined();
  });
  await act(async () => {
    socket.ack('history', { room_id: 'room_g', messages: [...history].reverse(), has_more: false });
    await Promise.resolve();
  });
  return { socket, fetch };
}

const fileInput = () => {
  const input = document.querySelector<HTMLInputElement>('form input[type="file"]');
  if (!input) throw new Error('no file input');
  return input;
};
const png = (name = 'photo.png') => new File([new Uint8Array(68)], name, { type: 'image/png' });

describe('Files in the chat composer', () => {
  it('uploads a chosen image, holds Send until it is there, then sends it alone', async () => {
    const user = userEvent.setup();
    const upload = later();
    const { socket, fetch } = await roomWith(upload.answer);
    expect(fileInput()).toHaveAttribute('accept', 'image/png,image/jpeg,image/gif,image/webp,application/pdf');

    await user.upload(fileInput(), png());
    const chips = screen.getByRole('list', { name: 'Files to send' });
    expect(within(chips).getByRole('listitem')).toHaveTextContent('photo.png 68 bytes · Uploading…');
    const request = fetch.requests.find((r) => r.path === '/api/v1/chat/rooms/room_g/files');
    expect(request?.headers.get('Content-Type')).toBe('image/png');
    expect(request?.headers.get('X-File-Name')).toBe('photo.png');
    expect(request?.headers.get('X-CSRF-Token')).toBe('csrf-1');

    const send = screen.getByRole('button', { name: 'Send' });
    expect(send).toHaveAttribute('aria-disabled', 'true');
    await user.click(send);
    expect(socket.lastOf('message.send')).toBeUndefined();
    expect(screen.getByText('Wait until the files have finished uploading.')).toBeInTheDocument();

    await act(async () => {
      upload.give(json({ file: stored('f1', 'photo.png') }, 201));
      await Promise.resolve();
    });
    await waitFor(() => {
      expect(within(chips).getByRole('listitem')).toHaveTextContent('photo.png PNG image, 68 bytes · Attached');
    });
    expect(screen.getByText('photo.png is attached.').closest('[role="status"]')).not.toBeNull();
    expect(send).not.toHaveAttribute('aria-disabled');

    await user.click(send);
    expect(socket.lastOf('message.send')).toMatchObject({ room_id: 'room_g', text: '', file_ids: ['f1'] });
    expect(screen.queryByRole('list', { name: 'Files to send' })).toBeNull();
    const log = screen.getByRole('region', { name: 'Messages in Skills' });
    expect(within(log).getByRole('img', { name: 'photo.png' })).toHaveAttribute('src', '/api/v1/chat/files/f1');
  });

  it('sends text with files, and text alone without file_ids', async () => {
    const user = userEvent.setup();
    const { socket } = await roomWith(json({ file: stored('f9', 'plan.pdf', 'application/pdf', 2048) }, 201));
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'just words{Enter}');
    expect(socket.lastOf('message.send')).not.toHaveProperty('file_ids');

    await user.upload(fileInput(), new File(['%PDF-1.4'], 'plan.pdf', { type: 'application/pdf' }));
    await screen.findByText(/Attached/);
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'my plan{Enter}');
    expect(socket.lastOf('message.send')).toMatchObject({ text: 'my plan', file_ids: ['f9'] });
  });

  it('shows the server’s refusal in the chip and the live region, and lets the file be removed', async () => {
    const user = userEvent.setup();
    const refusal = { code: 'invalid_argument', message: 'This file is not a PNG image as its type says', field: 'content' };
    const { socket } = await roomWith(json({ error: refusal }, 422));

    await user.upload(fileInput(), png('notes.png'));
    const chip = await screen.findByText('This file is not a PNG image as its type says.', { selector: '.file-chip__problem' });
    expect(chip.closest('li')).toHaveTextContent('Not attached');
    expect(
      screen.getByText('notes.png could not be attached. This file is not a PNG image as its type says.').closest('[role="status"]'),
    ).not.toBeNull();

    // Nothing to send: the refused file is not a message.
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(socket.lastOf('message.send')).toBeUndefined();
    expect(screen.getByText('Write something first.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Remove notes.png' }));
    expect(screen.queryByRole('list', { name: 'Files to send' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Attach file' })).toHaveFocus();
  });

  it('checks type and size before uploading, and takes at most four files', async () => {
    const user = userEvent.setup({ applyAccept: false });
    const { fetch } = await roomWith(json({ file: stored('f1', 'x.png') }, 201));
    const uploads = () => fetch.requests.filter((r) => r.method === 'POST').length;

    await user.upload(fileInput(), new File(['<svg/>'], 'drawing.svg', { type: 'image/svg+xml' }));
    expect(screen.getByText('drawing.svg cannot be shared: only images (PNG, JPEG, GIF, WebP) and PDFs can.', { selector: '.file-chip__problem' })).toBeInTheDocument();
    const huge = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'scan.pdf', { type: 'application/pdf' });
    await user.upload(fileInput(), huge);
    expect(screen.getByText(/scan\.pdf is too large/, { selector: '.file-chip__problem' })).toBeInTheDocument();
    expect(uploads()).toBe(0);

    await user.upload(fileInput(), ['a', 'b', 'c', 'd', 'e'].map((name) => png(`${name}.png`)));
    expect(uploads()).toBe(4);
    expect(screen.getByText('A message can carry at most 4 files; e.png was left out.')).toBeInTheDocument();
  });

  it('attaches an image dropped on the composer or pasted into the box', async () => {
    const { fetch } = await roomWith(json({ file: stored('f1', 'x.png') }, 201));
    const form = screen.getByRole('form', { name: 'Write to Skills' });
    fireEvent.drop(form, { dataTransfer: { files: [png('dropped.png')], types: ['Files'] } });
    fireEvent.paste(screen.getByRole('textbox', { name: 'Message' }), {
      clipboardData: { files: [png('pasted.png')], types: ['Files'] },
    });
    // Text with a picture of it (as office programs copy) stays text.
    fireEvent.paste(screen.getByRole('textbox', { name: 'Message' }), {
      clipboardData: { files: [png('picture-of-text.png')], types: ['text/plain', 'Files'], getData: () => '' },
    });
    const names = within(screen.getByRole('list', { name: 'Files to send' }))
      .getAllByRole('listitem')
      .map((item) => item.querySelector('.file-chip__name')?.textContent);
    expect(names).toEqual(['dropped.png', 'pasted.png']);
    await waitFor(() => {
      expect(fetch.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
    });
  });
});

describe('Files in the message list', () => {
  it('shows images as thumbnails and PDFs as downloads, and announces a message of files', async () => {
    const { socket } = await roomWith(json({}), [
      message(1, { text: 'from group', files: [stored('f1', 'art.png'), stored('f2', 'worksheet.pdf', 'application/pdf', 240 * 1024)] }),
    ]);
    const log = screen.getByRole('region', { name: 'Messages in Skills' });
    expect(within(log).getByRole('img', { name: 'art.png' })).toHaveAttribute('loading', 'lazy');
    expect(within(log).getByRole('link', { name: 'worksheet.pdf PDF, 240 KB' })).toHaveAttribute('href', '/api/v1/chat/files/f2');

    act(() => {
      socket.frame({ type: 'message_posted', room_id: 'room_g', seq: 2, message: message(2, { files: [stored('f3', 'sky.png')] }) });
    });
    expect(screen.getByText('Blake: sent sky.png').closest('[aria-live="polite"]')).not.toBeNull();
  });

  it('shows no files for a deleted or hidden message', async () => {
    await roomWith(json({}), [
      message(1, { deleted: true, deleted_by_author: true, files: [stored('f1', 'gone.png')] }),
      message(2, { hidden: true, hidden_reason: 'spam', files: [stored('f2', 'hidden.png')] }),
    ]);
    const log = screen.getByRole('region', { name: 'Messages in Skills' });
    expect(within(log).getByText('Message deleted.')).toBeInTheDocument();
    expect(within(log).getByText(/Hidden by a moderator/)).toBeInTheDocument();
    expect(within(log).queryByRole('img')).toBeNull();
    expect(within(log).queryByRole('link')).toBeNull();
  });
});
