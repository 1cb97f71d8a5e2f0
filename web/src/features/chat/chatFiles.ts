/**
 * Files shared in chat (docs/protocol/realtime.md, "Files"; docs/api.md, "Chat files"): what a
 * message's `files` hold, where each is read from, and how its type and size read to a person.
 * Only the five types the server takes are known here; anything else in a message is dropped.
 */

/** The types the server takes, each read from the content by libmagic, never from the name. */
export const chatFileTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'] as const;

export type ChatFileType = (typeof chatFileTypes)[number];

/** One file of a message, as the server describes it. */
export interface ChatFile {
  id: string;
  name: string;
  type: ChatFileType;
  /** In bytes. */
  size: number;
}

export function isChatFileType(value: unknown): value is ChatFileType {
  return typeof value === 'string' && (chatFileTypes as readonly string[]).includes(value);
}

export function isImage(file: { type: ChatFileType }): boolean {
  return file.type !== 'application/pdf';
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A message's `files`; a missing list is none, and a malformed entry is left out. */
export function decodeFiles(value: unknown): ChatFile[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    if (!isRecord(item)) return [];
    const { id, name, type, size } = item;
    if (typeof id !== 'string' || id === '' || typeof name !== 'string' || !isChatFileType(type)) return [];
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) return [];
    return [{ id, name, type, size }];
  });
}

/**
 * Where a file is read: the server serves images inline and PDFs as downloads. The id is the
 * only thing in the address; the name stays out of it (it may say something personal).
 */
export function fileUrl(id: string): string {
  return `/api/v1/chat/files/${encodeURIComponent(id)}`;
}

const kiB = 1024;
const miB = 1024 * 1024;

/** "512 bytes", "240 KB", "2.4 MB": binary units, as file managers show them. */
export function formatFileSize(bytes: number): string {
  if (bytes < kiB) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  if (bytes < miB) return `${Math.min(1023, Math.max(1, Math.round(bytes / kiB)))} KB`;
  const megabytes = bytes / miB;
  return `${megabytes < 10 ? String(Math.round(megabytes * 10) / 10) : String(Math.round(megabytes))} MB`;
}

const kindNames: Record<ChatFileType, string> = {
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'image/gif': 'GIF image',
  'image/webp': 'WebP image',
  'application/pdf': 'PDF',
};

/** "PDF, 240 KB". */
export function describeFile(file: { type: ChatFileType; size: number }): string {
  return `${kindNames[file.type]}, ${formatFileSize(file.size)}`;
}

function names(files: readonly ChatFile[]): string {
  const all = files.map((file) => file.name);
  return all.length <= 1 ? (all[0] ?? '') : `${all.slice(0, -1).join(', ')} and ${all.at(-1) ?? ''}`;
}

/**
 * A message as an announcement reads it, its files named: "sent photo.png" when it has no text,
 * "Here it is (with photo.png and notes.pdf)" when it has both.
 */
export function withFileNames(text: string, files: readonly ChatFile[]): string {
  if (files.length === 0) return text;
  return text.trim() === '' ? `sent ${names(files)}` : `${text} (with ${names(files)})`;
}
