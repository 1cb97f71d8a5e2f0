import type { FetchLike } from '../base/http/client';

export type FakeAnswer = Response | Error | (() => Response | Error | Promise<Response | Error>);

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** An empty `204 No Content` answer. */
export function noContentAnswer(): Response {
  return new Response(null, { status: 204 });
}

/** An error answer in the server's one error shape. */
export function apiError(status: number, code: string, message = code, headers: Record<string, string> = {}): Response {
  return json({ error: { code, message } }, status, headers);
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Headers;
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown;
}

/**
 * A fetch that answers from a table keyed by `"METHOD /path"` or, for any method, by `/path`
 * (the path includes the query). A list of answers is used one per call, the last one repeating;
 * an Error is thrown as a transport failure would be. Unknown paths get a 404.
 * `calls` lists the paths asked for; `requests` records method, headers and body too.
 */
export function fakeFetch(
  table: Record<string, FakeAnswer | FakeAnswer[]>,
): FetchLike & { calls: string[]; requests: RecordedRequest[] } {
  const calls: string[] = [];
  const requests: RecordedRequest[] = [];
  const counts = new Map<string, number>();
  const fetchLike = async (input: string, init?: RequestInit): Promise<Response> => {
    const method = init?.method ?? 'GET';
    calls.push(input);
    requests.push({
      method,
      path: input,
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    });
    if (init?.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
    const key = `${method} ${input}` in table ? `${method} ${input}` : input;
    const entry = table[key];
    if (entry === undefined) return json({ error: { code: 'not_found', message: 'No such route.' } }, 404);
    const answers = Array.isArray(entry) ? entry : [entry];
    const index = counts.get(key) ?? 0;
    counts.set(key, index + 1);
    const answer = answers[Math.min(index, answers.length - 1)];
    if (answer === undefined) throw new Error(`no answer for ${input}`);
    const value = typeof answer === 'function' ? await answer() : answer;
    if (value instanceof Error) throw value;
    return value.clone();
  };
  return Object.assign(fetchLike, { calls, requests });
}
