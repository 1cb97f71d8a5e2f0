import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, fakeFetch, json, noContentAnswer } from '../../testing/fakeFetch';
import { renderApp } from '../../testing/renderApp';
import { signedOut } from '../../testing/session';
import { passwordChangedNotice } from './PasswordResetPage';

describe('PasswordResetPage', () => {
  it('looks up the token, sets the new password and lands on sign-in with a notice', async () => {
    const user = userEvent.setup();
    const fetch = fakeFetch({
      ...signedOut(),
      'POST /api/v1/password-resets/lookup': json({
        email: 'blake@riverbend.example',
        expires_at: '2026-11-24T07:00:00.000Z',
      }),
      'POST /api/v1/password-resets/accept': noContentAnswer(),
    });
    renderApp('/reset#reset-token', fetch);
    expect(await screen.findByText('blake@riverbend.example')).toBeInTheDocument();
    await user.type(screen.getByLabelText('New password'), 'blake@riverbend.example');
    await user.type(screen.getByLabelText('Confirm new password'), 'blake@riverbend.example');
    await user.click(screen.getByRole('button', { name: 'Save new password' }));
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(/email address or your name/);

    await user.clear(screen.getByLabelText('New password'));
    await user.clear(screen.getByLabelText('Confirm new password'));
    await user.type(screen.getByLabelText('New password'), 'quiet river stones 7');
    await user.type(screen.getByLabelText('Confirm new password'), 'quiet river stones 7');
    await user.click(screen.getByRole('button', { name: 'Save new password' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(await screen.findByText(passwordChangedNotice)).toHaveAttribute('role', 'status');
    expect(fetch.requests.find((request) => request.path === '/api/v1/password-resets/accept')?.body).toEqual({
      token: 'reset-token',
      password: 'quiet river stones 7',
    });
  });

  it('explains a link that no longer works', async () => {
    renderApp(
      '/reset#old',
      fakeFetch({ ...signedOut(), 'POST /api/v1/password-resets/lookup': apiError(404, 'not_found') }),
    );
    expect(await screen.findByText('This password reset link does not work.')).toBeInTheDocument();
  });
});
