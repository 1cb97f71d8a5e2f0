import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeFetch, json } from '../../testing/fakeFetch';
import { renderApp } from '../../testing/renderApp';
import { sessionAnswer, signedIn, wireSession } from '../../testing/session';
import { sessionEndedNotice } from './SessionContext';

const ended = () => apiError(401, 'unauthenticated', 'Sign in first.');

describe('the session', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is loaded at start and sends signed-out visitors to sign in, without a notice', async () => {
    renderApp(
      '/',
      fakeFetch({
        'GET /api/v1/auth/session': ended(),
        '/api/v1/auth/config': json({ demo: false, idle_timeout_seconds: 900 }),
      }),
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.queryByText(sessionEndedNotice)).not.toBeInTheDocument();
  });

  it('shows an error with a retry when the server cannot say', async () => {
    const user = userEvent.setup();
    const fetch = fakeFetch({
      'GET /api/v1/auth/session': [apiError(503, 'unavailable', 'The database is not ready.'), sessionAnswer()],
      '/api/v1/programs': json({ programs: [] }),
    });
    renderApp('/', fetch);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not load your session.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Hearth' })).toBeInTheDocument();
  });

  it('is polled, and a session ended elsewhere lands the page on sign-in with a polite notice', async () => {
    const fetch = fakeFetch({
      ...signedIn(),
      'GET /api/v1/auth/session': [sessionAnswer(), sessionAnswer(), ended()],
      '/api/v1/programs': json({ programs: [] }),
    });
    renderApp('/', fetch, { sessionPollMs: 40 });
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Hearth' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    const notice = await screen.findByText(sessionEndedNotice);
    expect(notice).toHaveAttribute('role', 'status');
    expect(fetch.calls.filter((path) => path === '/api/v1/auth/session').length).toBeGreaterThanOrEqual(3);
  });

  it('also ends when any other call answers 401 unauthenticated', async () => {
    renderApp(
      '/',
      fakeFetch({
        ...signedIn(),
        '/api/v1/programs': ended(),
      }),
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(await screen.findByText(sessionEndedNotice)).toBeInTheDocument();
  });

  it('after signing in again, returns to the page that was open', async () => {
    const user = userEvent.setup();
    let alive = true;
    const fetch = fakeFetch({
      ...signedIn(),
      'GET /api/v1/auth/session': () => (alive ? json(wireSession()) : ended()),
      'POST /api/v1/auth/sign-in': () => {
        alive = true;
        return json(wireSession({ sessionId: 's-2', csrfToken: 'csrf-2' }));
      },
      '/api/v1/account/sessions': json({ sessions: [] }),
    });
    renderApp('/account', fetch, { sessionPollMs: 40 });
    expect(await screen.findByRole('heading', { level: 1, name: 'Your account' })).toBeInTheDocument();
    alive = false;
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Email address'), 'avery@riverbend.example');
    await user.type(screen.getByLabelText('Password'), 'Riverbend-demo-2026');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Your account' })).toBeInTheDocument();
  });

  it('counts calls that need the session as activity, but not the poll', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(new Date('2026-11-23T07:00:00Z'));
    const { client } = renderApp(
      '/about',
      fakeFetch({
        ...signedIn({ idleTimeoutSeconds: 120 }),
        '/api/v1/version': json({ name: 'Hearth', version: '0.1.0', api: 1 }),
        '/api/v1/account/sessions': json({ sessions: [] }),
      }),
    );
    await act(async () => {
      await vi.advanceTimersByTimeAsync(50_000);
    });
    // 50 s in, with a 120 s time-out: the warning comes at 60 s (half of a short time-out).
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    await act(async () => {
      // Public routes are not activity on the server; this one needs the session.
      await client.getJson('/api/v1/version', (value) => value);
      await client.getJson('/api/v1/account/sessions', (value) => value);
    });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(30_000);
    });
    // 80 s in, but only 30 s since the last call: no warning yet.
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    await act(async () => {
      await client.getJson('/api/v1/auth/session', (value) => value);
      await vi.advanceTimersByTimeAsync(31_000);
    });
    expect(screen.getByRole('alertdialog', { name: 'Are you still there?' })).toBeInTheDocument();
  });

  it('sends the session CSRF token on writes and none after signing out', async () => {
    const user = userEvent.setup();
    const fetch = fakeFetch({
      ...signedIn({ csrfToken: 'token-abc' }),
      'POST /api/v1/auth/sign-out': new Response(null, { status: 204 }),
      '/api/v1/programs': json({ programs: [] }),
    });
    renderApp('/', fetch);
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    await waitFor(() => {
      expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    });
    const signOut = fetch.requests.find((request) => request.path === '/api/v1/auth/sign-out');
    expect(signOut?.headers.get('X-CSRF-Token')).toBe('token-abc');
    expect(signOut?.headers.get('Content-Type')).toBe('application/json');
  });
});
