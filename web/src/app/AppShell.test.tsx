import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json, noContentAnswer } from '../testing/fakeFetch';
import { renderApp } from '../testing/renderApp';
import {
  adminAccount,
  clinicianAccount,
  signedIn,
  signedOut,
  wireSession,
  type SessionOptions,
} from '../testing/session';

const api = (session: SessionOptions = {}) =>
  fakeFetch({
    ...signedIn(session),
    '/api/v1/programs': json({ programs: [] }),
    '/api/v1/version': json({ name: 'Hearth', version: '0.1.0', api: 1 }),
  });

const primary = () => screen.getByRole('navigation', { name: 'Primary' });
const navNames = () =>
  within(primary())
    .getAllByRole('link')
    .map((link) => link.textContent);

describe('AppShell', () => {
  it('has the landmarks, the product name and the primary navigation', async () => {
    renderApp('/', api());
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Hearth' })).toBeInTheDocument();
    expect(screen.getByRole('banner')).toHaveTextContent('Hearth');
    expect(screen.getByRole('main')).toBeInTheDocument();
    expect(screen.getByRole('contentinfo')).toBeInTheDocument();
    expect(within(primary()).getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');
    expect(within(primary()).getByRole('link', { name: 'About' })).not.toHaveAttribute('aria-current');
    expect(document.title).toBe('Home · Hearth');
    await screen.findByText('No programs have been set up yet.');
  });

  it('shows who is signed in, an account link and a sign-out button', async () => {
    renderApp('/', api());
    const banner = screen.getByRole('banner');
    expect(await within(banner).findByText('Avery')).toBeInTheDocument();
    expect(within(banner).getByText('Signed in as')).toBeInTheDocument();
    expect(within(banner).getByRole('link', { name: 'Account' })).toHaveAttribute('href', '/account');
    expect(within(banner).getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it.each([
    ['a participant', {}, ['Home', 'Schedule', 'Chat', 'Groups', 'My program', 'Notifications', 'About']],
    ['a clinician', { account: clinicianAccount }, ['Home', 'Schedule', 'Chat', 'Programs', 'Participants', 'Safety alerts', 'Reports', 'About']],
    [
      'an admin',
      { account: adminAccount },
      ['Home', 'Schedule', 'Chat', 'Programs', 'Participants', 'Safety alerts', 'Reports', 'People', 'Break-glass', 'Audit', 'About'],
    ],
    ['a peer specialist', { account: { roles: ['peer_specialist'] } }, ['Home', 'Schedule', 'Chat', 'Programs', 'About']],
    ['a family member', { account: { roles: ['family'] } }, ['Home', 'Schedule', 'About']],
  ])('shows %s the links of their role', async (_who, session: SessionOptions, links) => {
    renderApp('/', api(session));
    await screen.findByRole('heading', { level: 1, name: 'Welcome to Hearth' });
    expect(navNames()).toEqual(links);
  });

  it('signs out and lands on the sign-in page', async () => {
    const user = userEvent.setup();
    const fetch = fakeFetch({
      ...signedIn(),
      ...{ '/api/v1/auth/config': json({ demo: false, idle_timeout_seconds: 900 }) },
      'POST /api/v1/auth/sign-out': noContentAnswer(),
      '/api/v1/programs': json({ programs: [] }),
    });
    renderApp('/', fetch);
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(
      fetch.requests.find((request) => request.path === '/api/v1/auth/sign-out')?.headers.get('X-CSRF-Token'),
    ).toBe('csrf-1');
    expect(await screen.findByText('You have signed out.')).toBeInTheDocument();
  });

  it('after signing out, the next sign-in starts at home, not at the page left behind', async () => {
    const user = userEvent.setup();
    let signedInNow = true;
    const fetch = fakeFetch({
      'GET /api/v1/auth/session': () =>
        signedInNow ? json(wireSession()) : json({ error: { code: 'unauthenticated', message: 'x' } }, 401),
      '/api/v1/auth/config': json({ demo: false, idle_timeout_seconds: 900 }),
      'POST /api/v1/auth/sign-out': () => {
        signedInNow = false;
        return noContentAnswer();
      },
      'POST /api/v1/auth/sign-in': () => {
        signedInNow = true;
        return json(wireSession({ account: { display_name: 'Blake' } }));
      },
      '/api/v1/account/sessions': json({ sessions: [] }),
      '/api/v1/programs': json({ programs: [] }),
    });
    renderApp('/account', fetch);
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    await user.type(await screen.findByLabelText('Email address'), 'blake@riverbend.example');
    await user.type(screen.getByLabelText('Password'), 'Riverbend-demo-2026');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Hearth' })).toBeInTheDocument();
  });

  it('offers the skip link first, and it moves focus to main', async () => {
    const user = userEvent.setup();
    renderApp('/', api());
    await screen.findByRole('heading', { level: 1, name: 'Welcome to Hearth' });
    await user.tab();
    const skip = screen.getByRole('link', { name: 'Skip to main content' });
    expect(skip).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('main')).toHaveFocus();
  });

  it('moves focus to the new page heading and announces it after navigation', async () => {
    const user = userEvent.setup();
    renderApp('/', api());
    await screen.findByRole('heading', { level: 1, name: 'Welcome to Hearth' });
    await user.click(within(primary()).getByRole('link', { name: 'About' }));
    expect(screen.getByRole('heading', { level: 1, name: 'About Hearth' })).toHaveFocus();
    expect(document.title).toBe('About · Hearth');
    expect(screen.getByText('About · Hearth')).toHaveAttribute('aria-live', 'polite');
    expect(within(primary()).getByRole('link', { name: 'About' })).toHaveAttribute('aria-current', 'page');
  });

  it('does not steal focus on the first page load', async () => {
    renderApp('/account', api());
    await screen.findByRole('heading', { level: 1, name: 'Your account' });
    expect(document.body).toHaveFocus();
  });

  it('shows a not-found page inside the shell for unknown routes', async () => {
    const user = userEvent.setup();
    renderApp('/no/such/page', api());
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(document.title).toBe('Page not found · Hearth');
    expect(primary()).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Go to the home page' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Welcome to Hearth' })).toHaveFocus();
  });

  it.each(['/', '/account', '/admin/people', '/no/such/page'])(
    'sends a signed-out visitor of %s to sign in',
    async (path) => {
      renderApp(path, fakeFetch(signedOut()));
      expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
      expect(navNames()).toEqual(['Sign in', 'About']);
    },
  );

  it.each([
    ['/about', 'About Hearth'],
    ['/invite', 'Accept your invitation'],
    ['/reset', 'Choose a new password'],
  ])('lets a signed-out visitor open %s', async (path, heading) => {
    renderApp(
      path,
      fakeFetch({ ...signedOut(), '/api/v1/version': json({ name: 'Hearth', version: '0.1.0', api: 1 }) }),
    );
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeInTheDocument();
  });

  it('says so when a page is for other roles', async () => {
    renderApp('/admin/audit', api());
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available to your account' })).toBeInTheDocument();
  });

  it('shows the demo strip on a demo server', async () => {
    renderApp('/', api({ demo: true }));
    expect(await screen.findByText('This is a demo of Hearth — no real health information.')).toBeInTheDocument();
  });
});
