import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json } from '../../testing/fakeFetch';
import { renderApp } from '../../testing/renderApp';
import { signedIn, signedOut, wireAccount, type SessionOptions } from '../../testing/session';
import { loadSettings, storageKey } from './settings';

const root = document.documentElement;

function api(session: SessionOptions = {}) {
  return fakeFetch({
    ...signedIn(session),
    'PATCH /api/v1/account': json(wireAccount()),
    '/api/v1/account/sessions': json({ sessions: [] }),
  });
}

async function slider() {
  return screen.findByRole('slider', { name: 'Text size' });
}

describe('DisplaySettings on the account page', () => {
  it('is where /settings leads, with labelled controls showing the current settings', async () => {
    renderApp('/settings', api());
    const size = await slider();
    expect(document.title).toBe('Your account · Hearth');
    expect(screen.getByRole('heading', { level: 2, name: 'Display' })).toBeInTheDocument();
    expect(size).toHaveValue('100');
    expect(size).toHaveAttribute('aria-valuetext', '100%');
    expect(screen.getByRole('checkbox', { name: 'High-contrast theme' })).not.toBeChecked();
  });

  it('applies and stores a new text size at once, and saves it on the account', async () => {
    const fetch = api();
    renderApp('/account', fetch);
    const size = await slider();
    fireEvent.change(size, { target: { value: '200' } });
    expect(root.style.fontSize).toBe('200%');
    expect(size).toHaveAttribute('aria-valuetext', '200%');
    expect(loadSettings(window.localStorage).textSizePercent).toBe(200);
    await waitFor(() => {
      expect(fetch.requests.find((request) => request.method === 'PATCH')?.body).toEqual({
        text_size: 200,
        high_contrast: false,
      });
    });
  });

  it('turns the high-contrast theme on and off', async () => {
    const user = userEvent.setup();
    renderApp('/account', api());
    await slider();
    const contrast = screen.getByRole('checkbox', { name: 'High-contrast theme' });
    await user.click(contrast);
    expect(contrast).toBeChecked();
    expect(root.dataset.theme).toBe('high-contrast');
    expect(loadSettings(window.localStorage).highContrast).toBe(true);
    await user.click(contrast);
    expect(root.dataset.theme).toBe('default');
  });

  it('starts from what is stored when the account has no preference', async () => {
    window.localStorage.setItem(storageKey, JSON.stringify({ textSizePercent: 150, highContrast: true }));
    renderApp('/account', api());
    expect(await slider()).toHaveValue('150');
    expect(screen.getByRole('checkbox', { name: 'High-contrast theme' })).toBeChecked();
  });

  it('takes the preferences saved on the account at sign-in', async () => {
    renderApp('/account', api({ account: { preferences: { text_size: 180, high_contrast: true } } }));
    await waitFor(async () => {
      expect(await slider()).toHaveValue('180');
    });
    expect(root.dataset.theme).toBe('high-contrast');
    expect(loadSettings(window.localStorage).textSizePercent).toBe(180);
  });

  it('says so when the account could not save, and still applies the change', async () => {
    const user = userEvent.setup();
    renderApp(
      '/account',
      fakeFetch({
        ...signedIn(),
        'PATCH /api/v1/account': json({ error: { code: 'unavailable', message: 'The database is busy.' } }, 503),
      }),
    );
    await slider();
    await user.click(screen.getByRole('checkbox', { name: 'High-contrast theme' }));
    expect(root.dataset.theme).toBe('high-contrast');
    expect(await screen.findByText(/could not be saved to your account: The database is busy\./)).toHaveAttribute(
      'role',
      'alert',
    );
  });

  it('restores the defaults and forgets the stored choice', async () => {
    const user = userEvent.setup();
    window.localStorage.setItem(storageKey, JSON.stringify({ textSizePercent: 150, highContrast: true }));
    renderApp('/account', api());
    await slider();
    await user.click(screen.getByRole('button', { name: 'Restore default settings' }));
    expect(await slider()).toHaveValue('100');
    expect(root.dataset.theme).toBe('default');
    expect(window.localStorage.getItem(storageKey)).toBeNull();
  });
});

describe('DisplaySettings before signing in', () => {
  it('is on /settings, kept in this browser and never sent to the server', async () => {
    const fetch = fakeFetch(signedOut());
    renderApp('/settings', fetch);
    const size = await slider();
    expect(document.title).toBe('Display settings · Hearth');
    fireEvent.change(size, { target: { value: '150' } });
    expect(root.style.fontSize).toBe('150%');
    expect(loadSettings(window.localStorage).textSizePercent).toBe(150);
    expect(fetch.requests.some((request) => request.method === 'PATCH')).toBe(false);
  });
});
