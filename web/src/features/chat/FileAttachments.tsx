import { useId } from 'react';
import { describeFile, fileUrl, formatFileSize, isImage, type ChatFile } from './chatFiles';
import type { Attachments, PendingFile } from './useAttachments';

/**
 * A message's files: images as thumbnails that open in full in a new tab, PDFs as download links
 * with their type and size. The server serves both from one address (images inline, PDFs as
 * attachments, each under a sandboxing Content-Security-Policy), so nothing a file holds runs here.
 */
export function MessageFiles({ files }: { files: readonly ChatFile[] }) {
  if (files.length === 0) return null;
  return (
    <ul className="chat-files">
      {files.map((file) => (
        <li key={file.id} className="chat-files__item">
          {isImage(file) ? <ImageFile file={file} /> : <DownloadFile file={file} />}
        </li>
      ))}
    </ul>
  );
}

function ImageFile({ file }: { file: ChatFile }) {
  return (
    <a className="chat-file chat-file--image" href={fileUrl(file.id)} target="_blank" rel="noopener noreferrer">
      {/* The name is all an image is known by here: no one writes a description for it. */}
      <img className="chat-file__image" src={fileUrl(file.id)} alt={file.name} loading="lazy" decoding="async" />
      {' '}
      <span className="visually-hidden">(opens in a new tab)</span>
    </a>
  );
}

function DownloadFile({ file }: { file: ChatFile }) {
  return (
    <a className="chat-file chat-file--download" href={fileUrl(file.id)} download={file.name}>
      <DocumentIcon />
      <span className="chat-file__name">{file.name}</span>{' '}
      <span className="chat-file__meta">{describeFile(file)}</span>
    </a>
  );
}

/** A page with a folded corner, in the text colour (so the high-contrast theme holds for it). */
function DocumentIcon() {
  return (
    <svg className="chat-file__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M6 2h8l6 6v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2Zm7 1.5V9h5.5L13 3.5ZM7 13v1.5h10V13H7Zm0 3v1.5h10V16H7Z"
      />
    </svg>
  );
}

/**
 * The files chosen for the next message, each as a chip with its name, size and state, and a
 * button to remove it; and the polite live region that says when one is attached or refused.
 * Removing a chip moves focus to the next one (or the one before, or the attach button), so a
 * keyboard user is not dropped at the top of the page.
 */
export function PendingAttachments({ attachments }: { attachments: Attachments }) {
  const listId = useId();
  const { items, notice, announcement } = attachments;
  return (
    <>
      {items.length > 0 && (
        <>
          <p id={listId} className="visually-hidden">
            Files to send
          </p>
          <ul className="file-chips" aria-labelledby={listId}>
            {items.map((item) => (
              <FileChip key={item.key} item={item} onRemove={attachments.remove} />
            ))}
          </ul>
        </>
      )}
      {notice && <p className="field__error">{notice}</p>}
      <p role="status" className="visually-hidden">
        {announcement && <span key={announcement.count}>{announcement.text}</span>}
      </p>
    </>
  );
}

function FileChip({ item, onRemove }: { item: PendingFile; onRemove: (key: string) => void }) {
  const problemId = useId();
  const size = item.file ? describeFile(item.file) : formatFileSize(item.size);
  return (
    <li className={`file-chip file-chip--${item.state}`}>
      <span className="file-chip__name">{item.name}</span>{' '}
      <span className="file-chip__meta">
        {size}
        {' · '}
        {item.state === 'uploading' ? (
          <>
            <span className="file-chip__spinner" aria-hidden="true" />
            Uploading…
          </>
        ) : item.state === 'ready' ? (
          'Attached'
        ) : (
          'Not attached'
        )}
      </span>
      {item.problem && (
        <span id={problemId} className="file-chip__problem">
          {item.problem}
        </span>
      )}
      <button
        type="button"
        className="button button--quiet button--small file-chip__remove"
        aria-describedby={item.problem ? problemId : undefined}
        onClick={(event) => {
          const next = focusAfterRemoving(event.currentTarget);
          onRemove(item.key);
          next?.focus();
        }}
      >
        Remove <span className="visually-hidden">{item.name}</span>
      </button>
    </li>
  );
}

/** The control to focus once the chip holding `button` is gone. */
function focusAfterRemoving(button: HTMLElement): HTMLElement | null {
  const chip = button.closest('li');
  const neighbour = chip?.nextElementSibling ?? chip?.previousElementSibling;
  const inNeighbour = neighbour?.querySelector<HTMLElement>('.file-chip__remove');
  if (inNeighbour) return inNeighbour;
  return button.closest('form')?.querySelector<HTMLElement>('[data-attach-button]') ?? null;
}
