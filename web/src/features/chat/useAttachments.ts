import { useCallback, useEffect, useRef, useState, type ClipboardEvent, type DragEvent } from 'react';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { messageProblem } from './chat';
import type { ChatFile } from './chatFiles';
import { fileProblem, maxFilesPerMessage, uploadChatFile, uploadProblem } from './fileUpload';

/** A file chosen for the next message: on its way to the server, there, or refused. */
export interface PendingFile {
  /** This tab's own key for it (the server's id comes with `file`). */
  key: string;
  name: string;
  size: number;
  type: string;
  state: 'uploading' | 'ready' | 'failed';
  /** The stored file, once the server has it. */
  file: ChatFile | null;
  /** Why it cannot go (state "failed"). */
  problem: string | null;
}

export interface Attachments {
  items: readonly PendingFile[];
  /** Some file is still on its way: the message waits for it. */
  uploading: boolean;
  /** The files the next message carries. */
  ready: ChatFile[];
  /** What was left out of the last choice (too many files), or null. */
  notice: string | null;
  /** For the polite live region; `count` tells the same words twice apart. */
  announcement: { text: string; count: number } | null;
  add: (files: Iterable<File>) => void;
  remove: (key: string) => void;
  /** After sending: the chips go, the files now belong to the message. */
  clear: () => void;
  /** Drop and paste on the composer attach files as the button does. */
  onDragOver: (event: DragEvent<HTMLElement>) => void;
  onDrop: (event: DragEvent<HTMLElement>) => void;
  onPaste: (event: ClipboardEvent<HTMLElement>) => void;
}

interface State {
  roomId: string;
  items: PendingFile[];
  notice: string | null;
  announcement: { text: string; count: number } | null;
}

/**
 * The files chosen for the next message in `roomId`. Each is checked here first (type, size,
 * how many), then uploaded at once, several side by side; removing one stops its upload. Leaving
 * the room or the page stops every upload still running (a file uploaded and never sent is
 * deleted by the server within a day).
 */
export function useAttachments(roomId: string, enabled = true): Attachments {
  const client = useHttpClient();
  const [state, setState] = useState<State>({ roomId, items: [], notice: null, announcement: null });
  const uploads = useRef(new Map<string, AbortController>());
  const current = state.roomId === roomId ? state : { roomId, items: [], notice: null, announcement: null };

  useEffect(() => {
    const running = uploads.current;
    return () => {
      for (const controller of running.values()) controller.abort();
      running.clear();
    };
  }, [roomId]);

  const change = useCallback(
    (update: (items: PendingFile[]) => PendingFile[], said: string | null, notice?: string | null) => {
      setState((before) => {
        const base = before.roomId === roomId ? before : { roomId, items: [], notice: null, announcement: null };
        return {
          roomId,
          items: update(base.items),
          notice: notice === undefined ? base.notice : notice,
          announcement: said === null ? base.announcement : { text: said, count: (base.announcement?.count ?? 0) + 1 },
        };
      });
    },
    [roomId],
  );

  const upload = useCallback(
    (key: string, file: File) => {
      const controller = new AbortController();
      uploads.current.set(key, controller);
      uploadChatFile(client, roomId, file, controller.signal).then(
        (stored) => {
          uploads.current.delete(key);
          // Removed, or the room left, while the answer was on its way.
          if (controller.signal.aborted) return;
          change(
            (items) => items.map((item) => (item.key === key ? { ...item, state: 'ready', file: stored } : item)),
            `${file.name} is attached.`,
          );
        },
        (cause: unknown) => {
          uploads.current.delete(key);
          if (controller.signal.aborted) return;
          const problem = uploadProblem(asApiError(cause));
          change(
            (items) => items.map((item) => (item.key === key ? { ...item, state: 'failed', problem } : item)),
            `${file.name} could not be attached. ${problem}`,
          );
        },
      );
    },
    [client, roomId, change],
  );

  const add = useCallback(
    (files: Iterable<File>) => {
      if (!enabled) return;
      const chosen = [...files];
      if (chosen.length === 0) return;
      let room = maxFilesPerMessage - current.items.filter((item) => item.state !== 'failed').length;
      const added: PendingFile[] = [];
      const left: string[] = [];
      const toUpload: [string, File][] = [];
      for (const file of chosen) {
        const key = globalThis.crypto.randomUUID();
        const problem = fileProblem(file);
        if (problem === null && room <= 0) {
          left.push(file.name);
          continue;
        }
        if (problem === null) {
          room -= 1;
          toUpload.push([key, file]);
        }
        added.push({
          key,
          name: file.name,
          size: file.size,
          type: file.type,
          state: problem === null ? 'uploading' : 'failed',
          file: null,
          problem,
        });
      }
      const notice =
        left.length === 0
          ? null
          : `A message can carry at most ${maxFilesPerMessage} files; ${left.join(', ')} ${left.length === 1 ? 'was' : 'were'} left out.`;
      const refused = added.filter((item) => item.problem !== null).map((item) => item.problem);
      const said = [...refused, ...(notice ? [notice] : [])].join(' ');
      change((items) => [...items, ...added], said === '' ? null : said, notice);
      for (const [key, file] of toUpload) upload(key, file);
    },
    [enabled, current.items, change, upload],
  );

  const remove = useCallback(
    (key: string) => {
      uploads.current.get(key)?.abort();
      uploads.current.delete(key);
      const gone = current.items.find((item) => item.key === key);
      change((items) => items.filter((item) => item.key !== key), gone ? `${gone.name} removed.` : null, null);
    },
    [current.items, change],
  );

  const clear = useCallback(() => {
    for (const controller of uploads.current.values()) controller.abort();
    uploads.current.clear();
    change(() => [], null, null);
  }, [change]);

  const onDragOver = useCallback(
    (event: DragEvent<HTMLElement>) => {
      if (!enabled || !event.dataTransfer.types.includes('Files')) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    [enabled],
  );

  const onDrop = useCallback(
    (event: DragEvent<HTMLElement>) => {
      if (!enabled || event.dataTransfer.files.length === 0) return;
      event.preventDefault();
      add(event.dataTransfer.files);
    },
    [enabled, add],
  );

  const onPaste = useCallback(
    (event: ClipboardEvent<HTMLElement>) => {
      // Office programs put a picture of copied text beside the text: text wins.
      const data = event.clipboardData;
      if (!enabled || data.files.length === 0 || data.types.includes('text/plain')) return;
      event.preventDefault();
      add(data.files);
    },
    [enabled, add],
  );

  return {
    items: current.items,
    uploading: current.items.some((item) => item.state === 'uploading'),
    ready: current.items.flatMap((item) => (item.state === 'ready' && item.file ? [item.file] : [])),
    notice: current.notice,
    announcement: current.announcement,
    add,
    remove,
    clear,
    onDragOver,
    onDrop,
    onPaste,
  };
}

/**
 * Why a message cannot be sent yet, or null: files on their way hold it back, and with files
 * its text may be empty (docs/protocol/realtime.md, `message.send` with files).
 */
export function composeProblem(text: string, attachments: Pick<Attachments, 'uploading' | 'ready'>): string | null {
  if (attachments.uploading) return 'Wait until the files have finished uploading.';
  if (attachments.ready.length > 0 && text.trim() === '') return null;
  return messageProblem(text);
}
