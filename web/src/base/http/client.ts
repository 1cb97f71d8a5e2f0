/**
 * The one way the web app talks to the server's JSON API (`/api/v1/...`).
 *
 * Every failure becomes an {@link ApiError}: a non-2xx answer carries the server's
 * `{"error":{"code","message"}}` body; a transport failure or an answer that is not the expected
 * JSON gets a code of our own. Aborting a request (the caller's AbortSignal) is not an error the
 * user needs to see, so it is re-thrown unchanged as the DOMException fetch produced.
 */

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Turns untrusted JSON into a typed value, or throws (see {@link DecodeError}). */
export type Decoder<T> = (json: unknown) => T;

/** Codes this client invents; every other code comes from the server. */
export const clientErrorCodes = {
  network: 'network_error',
  badResponse: 'bad_response',
} as const;

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** HTTP status, or 0 when no answer arrived. */
    readonly status: number,
    /** Machine-readable code, e.g. `not_found`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown by decoders when the JSON does not have the expected shape. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

export interface HttpClient {
  getJson<T>(path: string, decode: Decoder<T>, signal?: AbortSignal): Promise<T>;
}

export function createHttpClient(fetchImpl: FetchLike = (input, init) => fetch(input, init)): HttpClient {
  return {
    async getJson<T>(path: string, decode: Decoder<T>, signal?: AbortSignal): Promise<T> {
      const init: RequestInit = { headers: { Accept: 'application/json' }, credentials: 'same-origin' };
      if (signal) init.signal = signal;

      let response: Response;
      try {
        response = await fetchImpl(path, init);
      } catch (cause) {
        if (isAbort(cause)) throw cause;
        throw new ApiError(
          0,
          clientErrorCodes.network,
          'Could not reach the Hearth server. Check your connection and try again.',
        );
      }

      const body = await readJson(response);
      if (!response.ok) throw errorFromResponse(response, body);
      if (body === undefined) throw badResponse(response.status);
      try {
        return decode(body);
      } catch (cause) {
        if (cause instanceof DecodeError) throw badResponse(response.status);
        throw cause;
      }
    },
  };
}

// By name, not instanceof DOMException: the fetch in use may come from another realm.
function isAbort(error: unknown): boolean {
  return error instanceof Error || error instanceof DOMException
    ? error.name === 'AbortError'
    : false;
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

function errorFromResponse(response: Response, body: unknown): ApiError {
  if (isRecord(body) && isRecord(body.error)) {
    const { code, message } = body.error;
    if (typeof code === 'string' && typeof message === 'string') {
      return new ApiError(response.status, code, message);
    }
  }
  const reason = response.statusText ? ` (${response.statusText})` : '';
  return new ApiError(
    response.status,
    `http_${response.status}`,
    `The server answered with status ${response.status}${reason}.`,
  );
}

function badResponse(status: number): ApiError {
  return new ApiError(status, clientErrorCodes.badResponse, 'The server sent an answer this app does not understand.');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
