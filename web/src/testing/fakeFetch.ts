import type { FetchLike } from '../base/http/client';

export type FakeAnswer = Response | Error | (() => Response | Error | Promise<Response | Error>);

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/**
 * A fetch that answers by path from a table. A list of answers is used one per call, the last
 * one repeating; an Error is thrown as a transport failure would be. Unknown paths get a 404.
 */
export function fakeFetch(table: Record<string, FakeAnswer | FakeAnswer[]>): FetchLike & { calls: string[] } {
  const calls: string[] = [];
  const counts = new Map<string, number>();
  const fetchLike = async (input: string, init?: RequestInit): Promise<Response> => {
    calls.push(input);
    if (init?.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
    const entry = table[input];
    if (entry === undefined) return json({ error: { code: 'not_found', message: 'No such route.' } }, 404);
    const answers = Array.isArray(entry) ? entry : [entry];
    const index = counts.get(input) ?? 0;
    counts.set(input, index + 1);
    const answer = answers[Math.min(index, answers.length - 1)];
    if (answer === undefined) throw new Error(`no answer for ${input}`);
    const value = typeof answer === 'function' ? await answer() : answer;
    if (value instanceof Error) throw value;
    return value.clone();
  };
  return Object.assign(fetchLike, { calls });
}
