/**
 * The one way the web app talks to the server's JSON API (`/api/v1/...`).
 *
 * Every failure becomes an {@link ApiError}: a non-2xx answer carries the server's
 * `{"error":{"code","message","field"?}}` body; a transport failure or an answer that is not the
 * expected JSON gets a code of our own. Aborting a request (the caller's AbortSignal) is not an
 * error the user needs to see, so it is re-thrown unchanged as the DOMException fetch produced.
 *
 * Writes (`postJson`, `patchJson`, `putJson`, `deleteJson`) send JSON, and `postBytes` a file's
 * bytes; each sends, while signed in, the session's CSRF token in `X-CSRF-Token` (docs/api.md,
 * "CSRF"); the browser adds `Origin` itself.
 * Listeners registered with {@link HttpClient.onAnswer} hear about every answer, which is how the
 * session notices a 401 from any call and counts calls as activity for the idle time-out.
 */

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Turns untrusted JSON into a typed value, or throws (see {@link DecodeError}). */
export type Decoder<T> = (json: unknown) => T;

/** Codes this client invents; every other code comes from the server. */
export const clientErrorCodes = {
  network: 'network_error',
  badResponse: 'bad_response',
} as const;

export interface ApiErrorDetails {
  /** The field of our schema the server named, e.g. `password`. */
  field?: string;
  /** Seconds from a `Retry-After` header (429, 503). */
  retryAfterSeconds?: number;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    /** HTTP status, or 0 when no answer arrived. */
    readonly status: number,
    /** Machine-readable code, e.g. `not_found`. */
    readonly code: string,
    message: string,
    details: ApiErrorDetails = {},
  ) {
    super(message);
    this.field = details.field;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

/** Thrown by decoders when the JSON does not have the expected shape. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

/** For answers without a body (`204 No Content`). */
export const noContent: Decoder<undefined> = () => undefined;

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** What a listener hears after each answer (or transport failure, status 0). */
export interface Answer {
  method: Method;
  path: string;
  status: number;
  /** The error code for a non-2xx answer, else null. */
  code: string | null;
}

export type AnswerListener = (answer: Answer) => void;

export interface HttpClient {
  getJson<T>(path: string, decode: Decoder<T>, signal?: AbortSignal): Promise<T>;
  postJson<T>(path: string, body: unknown, decode: Decoder<T>, signal?: AbortSignal): Promise<T>;
  patchJson<T>(path: string, body: unknown, decode: Decoder<T>, signal?: AbortSignal): Promise<T>;
  putJson<T>(path: string, body: unknown, decode: Decoder<T>, signal?: AbortSignal): Promise<T>;
  /** `body` may be undefined: most deletes carry none. */
  deleteJson<T>(path: string, body: unknown, decode: Decoder<T>, signal?: AbortSignal): Promise<T>;
  /**
   * Posts raw bytes (a file) rather than JSON: `headers` carry its `Content-Type` and whatever
   * else describes it; the answer is JSON as for the other calls.
   */
  postBytes<T>(
    path: string,
    body: Blob,
    headers: Record<string, string>,
    decode: Decoder<T>,
    signal?: AbortSignal,
  ): Promise<T>;
  /** The token writes carry while signed in; null when signed out. */
  setCsrfToken(token: string | null): void;
  /** Registers a listener for every answer; returns the function that removes it. */
  onAnswer(listener: AnswerListener): () => void;
}

export function createHttpClient(fetchImpl: FetchLike = (input, init) => fetch(input, init)): HttpClient {
  let csrfToken: string | null = null;
  const listeners = new Set<AnswerListener>();

  const tell = (answer: Answer) => {
    for (const listener of [...listeners]) listener(answer);
  };

  async function send<T>(
    method: Method,
    path: string,
    body: unknown,
    decode: Decoder<T>,
    signal: AbortSignal | undefined,
    bodyHeaders: Record<string, string> = {},
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const init: RequestInit = { method, headers, credentials: 'same-origin' };
    if (method !== 'GET') {
      if (body instanceof Blob) {
        Object.assign(headers, bodyHeaders);
        init.body = body;
      } else if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
      // Last, so that no caller's header can stand in for the session's token.
      if (csrfToken !== null) headers['X-CSRF-Token'] = csrfToken;
    }
    if (signal) init.signal = signal;

    let response: Response;
    try {
      response = await fetchImpl(path, init);
    } catch (cause) {
      if (isAbort(cause)) throw cause;
      tell({ method, path, status: 0, code: clientErrorCodes.network });
      throw new ApiError(
        0,
        clientErrorCodes.network,
        'Could not reach the Hearth server. Check your connection and try again.',
      );
    }

    const json = await readJson(response);
    if (!response.ok) {
      const error = errorFromResponse(response, json);
      tell({ method, path, status: response.status, code: error.code });
      throw error;
    }
    tell({ method, path, status: response.status, code: null });
    if (json === undefined && response.status !== 204) throw badResponse(response.status);
    try {
      return decode(json);
    } catch (cause) {
      if (cause instanceof DecodeError) throw badResponse(response.status);
      throw cause;
    }
  }

  return {
    getJson: (path, decode, signal) => send('GET', path, undefined, decode, signal),
    postJson: (path, body, decode, signal) => send('POST', path, body, decode, signal),
    patchJson: (path, body, decode, signal) => send('PATCH', path, body, decode, signal),
    putJson: (path, body, decode, signal) => send('PUT', path, body, decode, signal),
    deleteJson: (path, body, decode, signal) => send('DELETE', path, body, decode, signal),
    postBytes: (path, body, headers, decode, signal) => send('POST', path, body, decode, signal, headers),
    setCsrfToken(token) {
      csrfToken = token;
    },
    onAnswer(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

// By name, not instanceof DOMException: the fetch in use may come from another realm.
function isAbort(error: unknown): boolean {
  return error instanceof Error || error instanceof DOMException ? error.name === 'AbortError' : false;
}

/** The parsed body, or undefined when it is empty or not JSON. */
async function readJson(response: Response): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    if (isAbort(cause)) throw cause;
    return undefined;
  }
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `Retry-After` in seconds; the HTTP-date form is turned into seconds from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

function errorFromResponse(response: Response, body: unknown): ApiError {
  const details: ApiErrorDetails = {};
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  if (retryAfter !== undefined) details.retryAfterSeconds = retryAfter;
  if (isRecord(body) && isRecord(body.error)) {
    const { code, message, field } = body.error;
    if (typeof code === 'string' && typeof message === 'string') {
      if (typeof field === 'string') details.field = field;
      return new ApiError(response.status, code, message, details);
    }
  }
  const reason = response.statusText ? ` (${response.statusText})` : '';
  return new ApiError(
    response.status,
    `http_${response.status}`,
    `The server answered with status ${response.status}${reason}.`,
    details,
  );
}

function badResponse(status: number): ApiError {
  return new ApiError(status, clientErrorCodes.badResponse, 'The server sent an answer this app does not understand.');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Any failure as an ApiError, for showing to the person. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'client_error', 'Something went wrong in this page. Please try again.');
}
