import { describe, expect, it } from 'vitest';
import { fakeFetch, json } from '../../testing/fakeFetch';
import { ApiError, createHttpClient, DecodeError } from './client';

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
});
