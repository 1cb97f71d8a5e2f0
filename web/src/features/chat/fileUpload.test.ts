import { describe, expect, it } from 'vitest';
import { ApiError, createHttpClient, type FetchLike } from '../../base/http/client';
import { apiError, json } from '../../testing/fakeFetch';
import { fileProblem, maxFileBytes, uploadChatFile, uploadName, uploadProblem } from './fileUpload';

const png = (name = 'photo.png', size = 68) => new File([new Uint8Array(size)], name, { type: 'image/png' });

/** A fetch that records each request as sent and answers with `answer`. */
function recording(answer: () => Response | Error | DOMException) {
  const seen: { path: string; init: RequestInit | undefined }[] = [];
  const fetchLike: FetchLike = (path, init) => {
    seen.push({ path, init });
    const value = answer();
    return value instanceof Response ? Promise.resolve(value) : Promise.reject(value);
  };
  return { fetchLike, seen };
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the upload to fail');
}

const stored = { file: { id: 'f1', name: 'photo.png', type: 'image/png', size: 68 } };

describe('fileProblem', () => {
  it('takes the five types the server takes, up to 10 MiB', () => {
    for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']) {
      expect(fileProblem({ name: 'f', type, size: 1 })).toBeNull();
    }
    expect(fileProblem({ name: 'big.pdf', type: 'application/pdf', size: maxFileBytes })).toBeNull();
  });

  it('names what is wrong: another type, too large, empty', () => {
    expect(fileProblem({ name: 'page.html', type: 'text/html', size: 10 })).toBe(
      'page.html cannot be shared: only images (PNG, JPEG, GIF, WebP) and PDFs can.',
    );
    expect(fileProblem({ name: 'drawing.svg', type: 'image/svg+xml', size: 10 })).toMatch(/cannot be shared/);
    expect(fileProblem({ name: 'unknown', type: '', size: 10 })).toMatch(/cannot be shared/);
    expect(fileProblem({ name: 'scan.pdf', type: 'application/pdf', size: maxFileBytes + 1 })).toBe(
      'scan.pdf is too large (10 MB): files can be at most 10 MB.',
    );
    expect(fileProblem({ name: 'big.png', type: 'image/png', size: 25 * 1024 * 1024 })).toMatch(/too large \(25 MB\)/);
    expect(fileProblem({ name: 'empty.png', type: 'image/png', size: 0 })).toBe('empty.png is empty.');
  });
});

describe('uploadName', () => {
  it('keeps an ordinary name, accents and all', () => {
    expect(uploadName('Crème brûlée – week 3.pdf')).toBe('Crème brûlée – week 3.pdf');
  });

  it('drops control characters, which the server refuses', () => {
    expect(uploadName('a\u0000b\tc\nd\u007f.png')).toBe('abcd.png');
    expect(uploadName('\u0001\u0002')).toBe('file');
  });

  it('shortens a name beyond 200 characters before its extension', () => {
    const shortened = uploadName(`${'é'.repeat(300)}.pdf`);
    expect(Array.from(shortened)).toHaveLength(200);
    expect(shortened.endsWith('é.pdf')).toBe(true);
  });
});

describe('uploadChatFile', () => {
  it('posts the bytes to the room with their type, the encoded name and the CSRF token', async () => {
    const { fetchLike, seen } = recording(() => json(stored, 201));
    const client = createHttpClient(fetchLike);
    client.setCsrfToken('csrf-1');
    const file = png('Ünïcode & spaces?.png');
    await expect(uploadChatFile(client, 'room/1', file)).resolves.toEqual(stored.file);

    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request?.path).toBe('/api/v1/chat/rooms/room%2F1/files');
    expect(request?.init).toMatchObject({ method: 'POST', credentials: 'same-origin' });
    expect(request?.init?.body).toBe(file);
    const headers = new Headers(request?.init?.headers);
    expect(headers.get('Content-Type')).toBe('image/png');
    expect(headers.get('X-File-Name')).toBe('%C3%9Cn%C3%AFcode%20%26%20spaces%3F.png');
    expect(decodeURIComponent(headers.get('X-File-Name') ?? '')).toBe('Ünïcode & spaces?.png');
    expect(headers.get('X-CSRF-Token')).toBe('csrf-1');
    // The name travels in the header only, never in the address.
    expect(request?.path).not.toContain('spaces');
  });

  it('rejects an answer without a file as bad_response', async () => {
    const client = createHttpClient(recording(() => json({ file: { id: 'f1' } }, 201)).fetchLike);
    expect(await refusal(uploadChatFile(client, 'r', png()))).toMatchObject({ code: 'bad_response' });
  });

  it('passes an abort through unchanged', async () => {
    const client = createHttpClient(recording(() => new DOMException('aborted', 'AbortError')).fetchLike);
    await expect(uploadChatFile(client, 'r', png())).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('uploadProblem', () => {
  const refused = async (answer: Response | Error) =>
    uploadProblem(await refusal(uploadChatFile(createHttpClient(recording(() => answer).fetchLike), 'r', png())));

  it('gives the server’s own words for what is wrong with the file', async () => {
    const content = json(
      { error: { code: 'invalid_argument', message: 'This file is not a PNG image as its type says', field: 'content' } },
      422,
    );
    expect(await refused(content)).toBe('This file is not a PNG image as its type says.');
    expect(await refused(apiError(413, 'payload_too_large', 'Files can be at most 10 MiB.'))).toBe('Files can be at most 10 MiB.');
    expect(await refused(apiError(415, 'unsupported_media_type', 'only images and PDFs'))).toBe('Only images and PDFs.');
  });

  it('says it in the app’s words when muted, removed or too quick', async () => {
    expect(await refused(apiError(403, 'muted', 'muted'))).toBe('A moderator has muted you in this room.');
    expect(await refused(apiError(404, 'not_found', 'no such room'))).toBe('This room is not open to you any more.');
    expect(await refused(apiError(429, 'rate_limited', 'slow down', { 'Retry-After': '3' }))).toBe(
      'You are sending files quickly. Wait 3 seconds and try again.',
    );
  });

  it('explains a refusal without the server’s error body (a proxy’s 413, say) by its status', async () => {
    expect(await refused(new Response('<html>Request Entity Too Large</html>', { status: 413 }))).toBe(
      'The file is too large: files can be at most 10 MB.',
    );
    expect(await refused(new Response('', { status: 415 }))).toBe('Only images (PNG, JPEG, GIF, WebP) and PDFs can be shared.');
    expect(await refused(new Response('', { status: 502 }))).toBe('The file could not be uploaded. Try again.');
  });

  it('says when the server could not be reached', async () => {
    expect(await refused(new TypeError('Failed to fetch'))).toBe(
      'Could not reach the Hearth server. Check your connection and try again.',
    );
  });
});
