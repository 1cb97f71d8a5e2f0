import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { ChatFile } from './chatFiles';
import { MessageFiles, PendingAttachments } from './FileAttachments';
import type { Attachments, PendingFile } from './useAttachments';

const image: ChatFile = { id: 'f1', name: 'sunset walk.png', type: 'image/png', size: 48_000 };
const pdf: ChatFile = { id: 'f2', name: 'relapse plan.pdf', type: 'application/pdf', size: 240 * 1024 };

function attachments(items: PendingFile[], overrides: Partial<Attachments> = {}): Attachments {
  return {
    items,
    uploading: items.some((item) => item.state === 'uploading'),
    ready: items.flatMap((item) => (item.file ? [item.file] : [])),
    notice: null,
    announcement: null,
    add: vi.fn(),
    remove: vi.fn(),
    clear: vi.fn(),
    onDragOver: vi.fn(),
    onDrop: vi.fn(),
    onPaste: vi.fn(),
    ...overrides,
  };
}

const chip = (key: string, state: PendingFile['state'], extra: Partial<PendingFile> = {}): PendingFile => ({
  key,
  name: `${key}.png`,
  size: 2048,
  type: 'image/png',
  state,
  file: null,
  problem: null,
  ...extra,
});

describe('MessageFiles', () => {
  it('shows an image as a lazy thumbnail named by the file, opening in full in a new tab', () => {
    render(<MessageFiles files={[image]} />);
    const img = screen.getByRole('img', { name: 'sunset walk.png' });
    expect(img).toHaveAttribute('src', '/api/v1/chat/files/f1');
    expect(img).toHaveAttribute('loading', 'lazy');
    const link = screen.getByRole('link', { name: 'sunset walk.png (opens in a new tab)' });
    expect(link).toHaveAttribute('href', '/api/v1/chat/files/f1');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('offers a PDF as a download with its name, type and size', () => {
    render(<MessageFiles files={[pdf]} />);
    const link = screen.getByRole('link', { name: 'relapse plan.pdf PDF, 240 KB' });
    expect(link).toHaveAttribute('href', '/api/v1/chat/files/f2');
    expect(link).toHaveAttribute('download', 'relapse plan.pdf');
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('shows nothing for a message without files', () => {
    const { container } = render(<MessageFiles files={[]} />);
    expect(container).toBeEmptyDOMElement();
  });
});

describe('PendingAttachments', () => {
  it('shows each chosen file with its size and state', () => {
    render(
      <PendingAttachments
        attachments={attachments([
          chip('uploading', 'uploading'),
          chip('ready', 'ready', { file: { ...image, name: 'ready.png', size: 2048 } }),
          chip('refused', 'failed', { problem: 'This file is not a PNG image as its type says.' }),
        ])}
      />,
    );
    const list = screen.getByRole('list', { name: 'Files to send' });
    const [uploading, ready, refused] = within(list).getAllByRole('listitem');
    expect(uploading).toHaveTextContent('uploading.png 2 KB · Uploading…');
    expect(ready).toHaveTextContent('ready.png PNG image, 2 KB · Attached');
    expect(refused).toHaveTextContent('refused.png 2 KB · Not attachedThis file is not a PNG image as its type says.');
    expect(within(refused as HTMLElement).getByRole('button', { name: 'Remove refused.png' })).toHaveAccessibleDescription(
      'This file is not a PNG image as its type says.',
    );
  });

  it('says what happened in a polite live region, and what was left out', () => {
    render(
      <PendingAttachments
        attachments={attachments([chip('a', 'ready')], {
          notice: 'A message can carry at most 4 files; e.png was left out.',
          announcement: { text: 'a.png is attached.', count: 1 },
        })}
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent('a.png is attached.');
    expect(screen.getByText('A message can carry at most 4 files; e.png was left out.')).toBeInTheDocument();
  });

  it('removes a chip and moves focus to the next one, then to the attach button', async () => {
    const user = userEvent.setup();
    function Harness() {
      const [items, setItems] = useState([chip('a', 'ready'), chip('b', 'failed', { problem: 'No.' })]);
      return (
        <form>
          <PendingAttachments
            attachments={attachments(items, {
              remove: (key) => {
                setItems((before) => before.filter((item) => item.key !== key));
              },
            })}
          />
          <button type="button" data-attach-button="">
            Attach file
          </button>
        </form>
      );
    }
    render(<Harness />);
    await user.click(screen.getByRole('button', { name: 'Remove a.png' }));
    expect(screen.queryByText('a.png')).toBeNull();
    expect(screen.getByRole('button', { name: 'Remove b.png' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('list')).toBeNull();
    expect(screen.getByRole('button', { name: 'Attach file' })).toHaveFocus();
  });
});
