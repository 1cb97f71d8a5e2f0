import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeFetch, json, noContentAnswer } from '../../testing/fakeFetch';
import { renderApp } from '../../testing/renderApp';
import { sessionAnswer, signedIn, type SessionOptions } from '../../testing/session';
import { sessionEndedNotice } from './SessionContext';

/** Runs the fake clock forward and lets every answer and render that falls due settle. */
async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

function api(session: SessionOptions, extra: Parameters<typeof fakeFetch>[0] = {}) {
  return fakeFetch({
    ...signedIn(session),
    '/api/v1/version': json({ name: 'Hearth', version: '0.1.0', api: 1 }),
    ...extra,
  });
}

const dialog = () => screen.queryByRole('alertdialog', { name: 'Are you still there?' });

describe('IdleWarning', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(new Date('2026-11-23T07:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('appears one minute before a 15-minute time-out, not earlier', async () => {
    renderApp('/about', api({ idleTimeoutSeconds: 900 }));
    await advance(839_000);
    expect(dialog()).not.toBeInTheDocument();
    await advance(1_500);
    const warning = dialog();
    expect(warning).toBeInTheDocument();
    expect(warning).toHaveAttribute('aria-modal', 'true');
    expect(warning).toHaveTextContent('signs you out after 15 minutes without activity');
    expect(warning).toHaveTextContent(/Your session will end in (1 minute|5\d seconds)/);
    expect(screen.getByRole('button', { name: 'Stay signed in' })).toHaveFocus();
  });

  it('appears at half of a time-out of two minutes or less', async () => {
    renderApp('/about', api({ idleTimeoutSeconds: 70 }));
    await advance(34_000);
    expect(dialog()).not.toBeInTheDocument();
    await advance(1_500);
    expect(dialog()).toBeInTheDocument();
  });

  it('keeps the session on "Stay signed in" and returns focus', async () => {
    const fetch = api(
      { idleTimeoutSeconds: 120 },
      { 'POST /api/v1/auth/keep-alive': sessionAnswer({ idleTimeoutSeconds: 120 }) },
    );
    renderApp('/about', fetch);
    await advance(100);
    const trigger = screen.getByRole('button', { name: 'Sign out' });
    trigger.focus();
    await advance(61_000);
    expect(dialog()).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Stay signed in' }));
    await advance(100);
    expect(dialog()).not.toBeInTheDocument();
    expect(trigger).toHaveFocus();
    const keepAlive = fetch.requests.find((request) => request.path === '/api/v1/auth/keep-alive');
    expect(keepAlive?.method).toBe('POST');
    expect(keepAlive?.headers.get('X-CSRF-Token')).toBe('csrf-1');
    // A fresh two minutes: no warning for the next 59 s.
    await advance(59_000);
    expect(dialog()).not.toBeInTheDocument();
  });

  it('treats Escape as "Stay signed in"', async () => {
    const fetch = api(
      { idleTimeoutSeconds: 120 },
      { 'POST /api/v1/auth/keep-alive': sessionAnswer({ idleTimeoutSeconds: 120 }) },
    );
    renderApp('/about', fetch);
    await advance(61_000);
    fireEvent.keyDown(screen.getByRole('button', { name: 'Stay signed in' }), { key: 'Escape' });
    await advance(100);
    expect(dialog()).not.toBeInTheDocument();
    expect(fetch.calls).toContain('/api/v1/auth/keep-alive');
  });

  it('keeps Tab inside the dialog', async () => {
    renderApp('/about', api({ idleTimeoutSeconds: 120 }));
    await advance(61_000);
    const warning = dialog();
    if (!warning) throw new Error('no warning');
    const [stay, signOut] = within(warning).getAllByRole('button');
    signOut?.focus();
    fireEvent.keyDown(signOut as HTMLElement, { key: 'Tab' });
    expect(stay).toHaveFocus();
    fireEvent.keyDown(stay as HTMLElement, { key: 'Tab', shiftKey: true });
    expect(signOut).toHaveFocus();
  });

  it('signs out from the warning', async () => {
    const fetch = api({ idleTimeoutSeconds: 120 }, { 'POST /api/v1/auth/sign-out': noContentAnswer() });
    renderApp('/about', fetch);
    await advance(61_000);
    fireEvent.click(within(dialog() as HTMLElement).getByRole('button', { name: 'Sign out' }));
    await advance(100);
    expect(dialog()).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });

  it('lands on sign-in with the notice when the time runs out', async () => {
    let expired = false;
    const fetch = api(
      { idleTimeoutSeconds: 120 },
      {
        'GET /api/v1/auth/session': () =>
          expired ? apiError(401, 'unauthenticated', 'Sign in first.') : json(sessionAnswerBody(120)),
      },
    );
    renderApp('/about', fetch);
    await advance(100);
    expired = true;
    await advance(119_000);
    expect(dialog()).toBeInTheDocument();
    await advance(2_000);
    expect(dialog()).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    await advance(100);
    expect(screen.getByText(sessionEndedNotice)).toBeInTheDocument();
  });

  it('follows the deadline the server reports, as when another tab was active', async () => {
    let deadline = Date.now() + 120_000;
    const fetch = api(
      { idleTimeoutSeconds: 120 },
      {
        'GET /api/v1/auth/session': () => json(sessionAnswerBody(120, new Date(deadline).toISOString())),
      },
    );
    renderApp('/about', fetch, { sessionPollMs: 15_000 });
    await advance(61_000);
    expect(dialog()).toBeInTheDocument();
    deadline = Date.now() + 120_000;
    await advance(15_000);
    expect(dialog()).not.toBeInTheDocument();
  });
});

function sessionAnswerBody(timeout: number, idleExpiresAt?: string) {
  const options: SessionOptions = { idleTimeoutSeconds: timeout };
  if (idleExpiresAt) options.idleExpiresAt = idleExpiresAt;
  return wire(options);
}

import { wireSession as wire } from '../../testing/session';
