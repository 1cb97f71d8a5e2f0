import { describe, expect, it } from 'vitest';
import { apiError, fakeFetch, json, noContentAnswer } from '../../testing/fakeFetch';
import { ApiError, createHttpClient, DecodeError, noContent, parseRetryAfter, type Answer } from './client';

const identity = (value: unknown) => value;

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('http client', () => {
  it('returns the decoded body of a 2xx answer', async () => {
    const client = createHttpClient(fakeFetch({ '/api/v1/thing': json({ a: 1 }) }));
    await expect(client.getJson('/api/v1/thing', identity)).resolves.toEqual({ a: 1 });
  });

  it('asks for JSON', async () => {
    let accept: string | null = null;
    const client = createHttpClient((_input, init) => {
      accept = new Headers(init?.headers).get('Accept');
      return Promise.resolve(json({}));
    });
    await client.getJson('/x', identity);
    expect(accept).toBe('application/json');
  });

  it('turns an error body into an ApiError with its code, message and status', async () => {
    const client = createHttpClient(
      fakeFetch({ '/api/v1/thing': json({ error: { code: 'not_found', message: 'No such thing.' } }, 404) }),
    );
    const error = await failure(client.getJson('/api/v1/thing', identity));
    expect(error).toMatchObject({ status: 404, code: 'not_found', message: 'No such thing.' });
  });

  it('gives a non-2xx answer without an error body a generic code', async () => {
    const client = createHttpClient(
      fakeFetch({ '/x': new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }) }),
    );
    const error = await failure(client.getJson('/x', identity));
    expect(error).toMatchObject({ status: 502, code: 'http_502' });
    expect(error.message).toContain('502');
  });

  it('ignores an error body of the wrong shape', async () => {
    const client = createHttpClient(fakeFetch({ '/x': json({ error: 'nope' }, 500) }));
    const error = await failure(client.getJson('/x', identity));
    expect(error).toMatchObject({ status: 500, code: 'http_500' });
  });

  it('reports a transport failure as network_error with status 0', async () => {
    const client = createHttpClient(fakeFetch({ '/x': new TypeError('Failed to fetch') }));
    const error = await failure(client.getJson('/x', identity));
    expect(error).toMatchObject({ status: 0, code: 'network_error' });
  });

  it('reports a 2xx answer that is not JSON as bad_response', async () => {
    const client = createHttpClient(fakeFetch({ '/x': new Response('<!doctype html>', { status: 200 }) }));
    const error = await failure(client.getJson('/x', identity));
    expect(error).toMatchObject({ status: 200, code: 'bad_response' });
  });

  it('reports JSON the decoder rejects as bad_response', async () => {
    const client = createHttpClient(fakeFetch({ '/x': json({ a: 'one' }) }));
    const reject = () => {
      throw new DecodeError('body.a: expected a number');
    };
    const error = await failure(client.getJson('/x', reject));
    expect(error.code).toBe('bad_response');
  });

  it('passes an abort through unchanged, not as an ApiError', async () => {
    const client = createHttpClient(fakeFetch({ '/x': json({}) }));
    const controller = new AbortController();
    controller.abort();
    await expect(client.getJson('/x', identity, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('sends a write as JSON, same-origin, with the CSRF token once one is set', async () => {
    const fetch = fakeFetch({ 'POST /api/v1/thing': json({ ok: true }) });
    const client = createHttpClient(fetch);
    await client.postJson('/api/v1/thing', { a: 1 }, identity);
    client.setCsrfToken('token-1');
    await client.postJson('/api/v1/thing', { a: 2 }, identity);

    const [before, after] = fetch.requests;
    expect(before?.method).toBe('POST');
    expect(before?.headers.get('Content-Type')).toBe('application/json');
    expect(before?.headers.get('X-CSRF-Token')).toBeNull();
    expect(before?.body).toEqual({ a: 1 });
    expect(after?.headers.get('X-CSRF-Token')).toBe('token-1');
    expect(after?.body).toEqual({ a: 2 });
  });

  it('uses the method of each write helper and sends credentials same-origin', async () => {
    const seen: { method: string | undefined; credentials: string | undefined; csrf: string | null }[] = [];
    const client = createHttpClient((_input, init) => {
      seen.push({
        method: init?.method,
        credentials: init?.credentials,
        csrf: new Headers(init?.headers).get('X-CSRF-Token'),
      });
      return Promise.resolve(json({}));
    });
    client.setCsrfToken('t');
    await client.patchJson('/x', {}, identity);
    await client.putJson('/x', {}, identity);
    await client.deleteJson('/x', undefined, identity);
    await client.getJson('/x', identity);
    expect(seen).toEqual([
      { method: 'PATCH', credentials: 'same-origin', csrf: 't' },
      { method: 'PUT', credentials: 'same-origin', csrf: 't' },
      { method: 'DELETE', credentials: 'same-origin', csrf: 't' },
      { method: 'GET', credentials: 'same-origin', csrf: null },
    ]);
  });

  it('posts bytes as they are, with the caller’s headers and the CSRF token, which no header replaces', async () => {
    let seen: RequestInit | undefined;
    const client = createHttpClient((_input, init) => {
      seen = init;
      return Promise.resolve(json({ ok: true }, 201));
    });
    client.setCsrfToken('t');
    const bytes = new Blob(['%PDF-1.4']);
    await expect(
      client.postBytes('/x', bytes, { 'Content-Type': 'application/pdf', 'X-CSRF-Token': 'forged' }, identity),
    ).resolves.toEqual({ ok: true });
    const headers = new Headers(seen?.headers);
    expect(seen).toMatchObject({ method: 'POST', credentials: 'same-origin' });
    expect(seen?.body).toBe(bytes);
    expect(headers.get('Content-Type')).toBe('application/pdf');
    expect(headers.get('X-CSRF-Token')).toBe('t');
    expect(headers.get('Accept')).toBe('application/json');
  });

  it('stops sending the CSRF token after it is cleared', async () => {
    const fetch = fakeFetch({ '/x': json({}) });
    const client = createHttpClient(fetch);
    client.setCsrfToken('t');
    client.setCsrfToken(null);
    await client.postJson('/x', {}, identity);
    expect(fetch.requests[0]?.headers.get('X-CSRF-Token')).toBeNull();
  });

  it('accepts 204 No Content with the noContent decoder', async () => {
    const client = createHttpClient(fakeFetch({ '/x': noContentAnswer() }));
    await expect(client.postJson('/x', {}, noContent)).resolves.toBeUndefined();
  });

  it('keeps the field and Retry-After of an error', async () => {
    const client = createHttpClient(
      fakeFetch({
        '/x': json({ error: { code: 'invalid_argument', message: 'Too short.', field: 'password' } }, 422),
        '/y': apiError(429, 'rate_limited', 'Slow down.', { 'Retry-After': '30' }),
      }),
    );
    const invalid = await failure(client.postJson('/x', {}, identity));
    expect(invalid).toMatchObject({ status: 422, code: 'invalid_argument', field: 'password' });
    const limited = await failure(client.postJson('/y', {}, identity));
    expect(limited).toMatchObject({ status: 429, code: 'rate_limited', retryAfterSeconds: 30 });
  });

  it('tells listeners about every answer, and stops after unsubscribing', async () => {
    const client = createHttpClient(
      fakeFetch({ '/ok': json({}), '/gone': apiError(401, 'unauthenticated'), '/down': new TypeError('offline') }),
    );
    const heard: Answer[] = [];
    const stop = client.onAnswer((answer) => heard.push(answer));
    await client.getJson('/ok', identity);
    await failure(client.postJson('/gone', {}, identity));
    await failure(client.getJson('/down', identity));
    stop();
    await client.getJson('/ok', identity);
    expect(heard).toEqual([
      { method: 'GET', path: '/ok', status: 200, code: null },
      { method: 'POST', path: '/gone', status: 401, code: 'unauthenticated' },
      { method: 'GET', path: '/down', status: 0, code: 'network_error' },
    ]);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    const now = Date.parse('2026-11-23T07:00:00Z');
    expect(parseRetryAfter('Mon, 23 Nov 2026 07:01:00 GMT', now)).toBe(60);
  });
});
