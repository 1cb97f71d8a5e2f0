/**
 * Uploading a file to a room before the message that carries it (docs/api.md, "Chat files"):
 * the checks the server will make, made first so a person hears at once what it would refuse,
 * and the request itself, through the app's http client (its CSRF token, its 401 handling).
 * The server checks everything again and reads the type from the content, not from here.
 */
import { DecodeError, type ApiError, type HttpClient } from '../../base/http/client';
import { integer, object, string } from '../../base/http/decode';
import { chatFileTypes, formatFileSize, isChatFileType, type ChatFile } from './chatFiles';

/** The server's default `--chat-file-limit`: 10 MiB. */
export const maxFileBytes = 10 * 1024 * 1024;

/** The most files one message may carry (`file_ids`). */
export const maxFilesPerMessage = 4;

/** The most characters the server takes in a file's name. */
export const maxNameCharacters = 200;

/** For `<input type=file accept>`: the same five types. */
export const acceptAttribute = chatFileTypes.join(',');

/** Why `file` cannot be sent, in words for the person, or null when it may be uploaded. */
export function fileProblem(file: { name: string; type: string; size: number }): string | null {
  if (!isChatFileType(file.type)) {
    return `${file.name} cannot be shared: only images (PNG, JPEG, GIF, WebP) and PDFs can.`;
  }
  if (file.size > maxFileBytes) {
    return `${file.name} is too large (${formatFileSize(file.size)}): files can be at most ${formatFileSize(maxFileBytes)}.`;
  }
  if (file.size === 0) return `${file.name} is empty.`;
  return null;
}

/**
 * The name as the server takes it: without control characters (which it refuses) and at most
 * 200 characters, shortened before its extension so that the type still shows.
 */
export function uploadName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what the server refuses
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  const characters = Array.from(clean);
  if (characters.length === 0) return 'file';
  if (characters.length <= maxNameCharacters) return clean;
  const dot = clean.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(clean.slice(dot)) : [];
  const keep = extension.length > 0 && extension.length <= 10 ? extension : [];
  return characters.slice(0, maxNameCharacters - keep.length).join('') + keep.join('');
}

function decodeUploaded(json: unknown): ChatFile {
  const file = object(object(json, 'body').file, 'body.file');
  const type = string(file, 'type', 'body.file');
  if (!isChatFileType(type)) throw new DecodeError('body.file.type: not a type chat takes');
  return {
    id: string(file, 'id', 'body.file'),
    name: string(file, 'name', 'body.file'),
    type,
    size: integer(file, 'size', 'body.file'),
  };
}

/**
 * Sends the file's bytes to the room; resolves with the stored file, or rejects with an ApiError
 * (or the abort, unchanged, when `signal` ends it).
 */
export function uploadChatFile(client: HttpClient, roomId: string, file: File, signal?: AbortSignal): Promise<ChatFile> {
  return client.postBytes(
    `/api/v1/chat/rooms/${encodeURIComponent(roomId)}/files`,
    file,
    // The name in a header, percent-encoded UTF-8, never in the address (it may be personal).
    { 'Content-Type': file.type, 'X-File-Name': encodeURIComponent(uploadName(file.name)) },
    decodeUploaded,
    signal,
  );
}

/** What to tell the person when the server (or the network) refused an upload. */
export function uploadProblem(error: ApiError): string {
  // The server's own words when they are its contract's (docs/api.md): they say what is wrong
  // with this file, e.g. that its content is not the image its type claims.
  const fromServer = error.status > 0 && !error.code.startsWith('http_') && error.message !== '';
  switch (error.code) {
    case 'muted':
      return 'A moderator has muted you in this room.';
    case 'not_found':
      return 'This room is not open to you any more.';
    case 'rate_limited': {
      const seconds = Math.max(1, error.retryAfterSeconds ?? 1);
      return `You are sending files quickly. Wait ${seconds === 1 ? 'a second' : `${seconds} seconds`} and try again.`;
    }
    default:
  }
  if (fromServer) return sentence(error.message);
  switch (error.status) {
    case 0:
      return error.message;
    case 413:
      return `The file is too large: files can be at most ${formatFileSize(maxFileBytes)}.`;
    case 415:
      return 'Only images (PNG, JPEG, GIF, WebP) and PDFs can be shared.';
    default:
      return 'The file could not be uploaded. Try again.';
  }
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
