import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, fakeFetch, json } from '../../testing/fakeFetch';
import { renderApp } from '../../testing/renderApp';
import { sessionAnswer, signedOut } from '../../testing/session';

function api(signIn: Parameters<typeof fakeFetch>[0][string], demo = false) {
  return fakeFetch({
    ...signedOut(demo),
    'POST /api/v1/auth/sign-in': signIn,
    '/api/v1/programs': json({ programs: [] }),
  });
}

async function enterPassword(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText('Email address'), 'priya.shah@riverbend.example');
  await user.type(screen.getByLabelText('Password'), 'Riverbend-demo-2026');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignInPage', () => {
  it('signs in with email and password and goes home', async () => {
    const user = userEvent.setup();
    const fetch = api(sessionAnswer());
    renderApp('/sign-in', fetch);
    expect(document.title).toBe('Sign in · Hearth');
    const email = await screen.findByLabelText('Email address');
    expect(email).toHaveAttribute('autocomplete', 'username');
    expect(screen.getByLabelText('Password')).toHaveAttribute('autocomplete', 'current-password');
    await enterPassword(user);
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Hearth' })).toBeInTheDocument();
    expect(fetch.requests.find((request) => request.method === 'POST')?.body).toEqual({
      email: 'priya.shah@riverbend.example',
      password: 'Riverbend-demo-2026',
    });
  });

  it('asks for the missing fields and focuses the first', async () => {
    const user = userEvent.setup();
    const fetch = api(sessionAnswer());
    renderApp('/sign-in', fetch);
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    const email = screen.getByLabelText('Email address');
    expect(email).toHaveFocus();
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription(/Enter your email address\./);
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(/Enter your password\./);
    expect(fetch.requests.filter((request) => request.method === 'POST')).toHaveLength(0);
  });

  it('asks for the 6-digit code when the account has a second factor', async () => {
    const user = userEvent.setup();
    const fetch = api([apiError(401, 'second_factor_required', 'Enter the code from your app.'), sessionAnswer()]);
    renderApp('/sign-in', fetch);
    await enterPassword(user);
    const code = await screen.findByLabelText('6-digit code');
    expect(code).toHaveFocus();
    expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    expect(code).toHaveAttribute('inputmode', 'numeric');
    expect(screen.getByText(/Signing in as/)).toHaveTextContent('priya.shah@riverbend.example');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await user.type(code, '123456');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Hearth' })).toBeInTheDocument();
    const posts = fetch.requests.filter((request) => request.method === 'POST');
    expect(posts[1]?.body).toEqual({
      email: 'priya.shah@riverbend.example',
      password: 'Riverbend-demo-2026',
      code: '123456',
    });
  });

  it('says so when the code is wrong, and checks the code has 6 digits first', async () => {
    const user = userEvent.setup();
    const fetch = api([
      apiError(401, 'second_factor_required', 'Enter the code.'),
      apiError(401, 'invalid_second_factor', 'Wrong code.'),
    ]);
    renderApp('/sign-in', fetch);
    await enterPassword(user);
    const code = await screen.findByLabelText('6-digit code');
    await user.type(code, '12');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(code).toHaveAccessibleDescription(/Enter the 6 digits/);
    expect(fetch.requests.filter((request) => request.method === 'POST')).toHaveLength(1);

    await user.type(code, '3456');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/That code did not work/)).toBeInTheDocument();
    expect(code).toHaveFocus();
    expect(code).toHaveAttribute('aria-invalid', 'true');
  });

  it('offers a recovery code instead', async () => {
    const user = userEvent.setup();
    const fetch = api([apiError(401, 'second_factor_required', 'Enter the code.'), sessionAnswer()]);
    renderApp('/sign-in', fetch);
    await enterPassword(user);
    await screen.findByLabelText('6-digit code');
    await user.click(screen.getByRole('button', { name: 'Use a recovery code instead' }));
    const recovery = screen.getByLabelText('Recovery code');
    expect(recovery).toHaveFocus();
    await user.type(recovery, 'abcde-12345');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Hearth' })).toBeInTheDocument();
    expect(fetch.requests.filter((request) => request.method === 'POST')[1]?.body).toMatchObject({
      recovery_code: 'abcde-12345',
    });
  });

  it('shows the server message for wrong credentials in an alert', async () => {
    const user = userEvent.setup();
    renderApp('/sign-in', api(apiError(401, 'invalid_credentials', 'That email and password do not match.')));
    await enterPassword(user);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You are not signed in.');
    expect(alert).toHaveTextContent('That email and password do not match.');
    expect(screen.getByLabelText('Password')).toHaveFocus();
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });

  it('says how long to wait when rate limited', async () => {
    const user = userEvent.setup();
    renderApp('/sign-in', api(apiError(429, 'rate_limited', 'Too many attempts.', { 'Retry-After': '90' })));
    await enterPassword(user);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many sign-in attempts. Please wait 1 minute 30 seconds before trying again.',
    );
  });

  it('shows the demo banner and where the demo accounts are, on a demo server', async () => {
    renderApp('/sign-in', api(sessionAnswer(), true));
    const banner = await screen.findByRole('complementary', { name: 'Demo' });
    expect(banner).toHaveTextContent('This is a demo of Hearth — no real health information.');
    expect(banner).toHaveTextContent('Demo accounts are printed by hearth demo');
    expect(within(banner).getByText('hearth demo').tagName).toBe('CODE');
  });

  it('shows no demo banner otherwise', async () => {
    renderApp('/sign-in', api(sessionAnswer()));
    await screen.findByLabelText('Email address');
    expect(screen.queryByText(/This is a demo/)).not.toBeInTheDocument();
  });
});
