import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, fakeFetch, json, noContentAnswer } from '../../testing/fakeFetch';
import { renderApp } from '../../testing/renderApp';
import { sessionAnswer, signedIn, wireAccount, type SessionOptions } from '../../testing/session';

const sessions = {
  sessions: [
    {
      id: 's-1',
      browser: 'Chrome',
      device: 'Linux',
      signed_in_at: '2026-11-23T06:00:00.000Z',
      last_seen_at: '2026-11-23T07:00:00.000Z',
      current: true,
    },
    {
      id: 's-9',
      browser: 'Firefox',
      device: 'Android phone',
      signed_in_at: '2026-11-22T06:00:00.000Z',
      last_seen_at: '2026-11-22T09:00:00.000Z',
      current: false,
    },
  ],
};

function api(session: SessionOptions = {}, extra: Parameters<typeof fakeFetch>[0] = {}) {
  return fakeFetch({
    ...signedIn(session),
    '/api/v1/account/sessions': json(sessions),
    '/api/v1/programs': json({ programs: [] }),
    ...extra,
  });
}

const section = (name: string) => screen.getByRole('region', { name });

describe('AccountPage', () => {
  it('saves the profile', async () => {
    const user = userEvent.setup();
    const fetch = api(
      {},
      { 'PATCH /api/v1/account': json(wireAccount({ display_name: 'Avery Moss', pronouns: 'she/her' })) },
    );
    renderApp('/account', fetch);
    await screen.findByRole('heading', { level: 1, name: 'Your account' });
    const profile = section('Profile');
    const name = within(profile).getByLabelText('Display name');
    expect(name).toHaveValue('Avery');
    await user.clear(name);
    await user.click(within(profile).getByRole('button', { name: 'Save profile' }));
    expect(name).toHaveFocus();
    expect(name).toHaveAccessibleDescription(/Enter the name/);

    await user.type(name, 'Avery Moss');
    await user.clear(within(profile).getByLabelText('Pronouns (optional)'));
    await user.type(within(profile).getByLabelText('Pronouns (optional)'), 'she/her');
    await user.click(within(profile).getByRole('button', { name: 'Save profile' }));
    expect(await within(profile).findByText('Your profile has been saved.')).toHaveAttribute('role', 'status');
    expect(fetch.requests.find((request) => request.method === 'PATCH')?.body).toEqual({
      display_name: 'Avery Moss',
      pronouns: 'she/her',
      time_zone: 'America/Chicago',
    });
    expect(within(screen.getByRole('banner')).getByText('Avery Moss')).toBeInTheDocument();
  });

  it('changes the password after checking it', async () => {
    const user = userEvent.setup();
    const fetch = api({}, { 'POST /api/v1/account/password': noContentAnswer() });
    renderApp('/account', fetch);
    await screen.findByRole('heading', { level: 1, name: 'Your account' });
    const password = section('Password');
    await user.click(within(password).getByRole('button', { name: 'Change password' }));
    expect(within(password).getByLabelText('Current password')).toHaveFocus();
    await user.type(within(password).getByLabelText('Current password'), 'old-password-1');
    await user.type(within(password).getByLabelText('New password'), 'a much longer passphrase');
    await user.type(within(password).getByLabelText('Confirm new password'), 'a much longer passphrase');
    await user.click(within(password).getByRole('button', { name: 'Change password' }));
    expect(await within(password).findByText(/Your password has been changed/)).toBeInTheDocument();
    expect(fetch.requests.find((request) => request.path === '/api/v1/account/password')?.body).toEqual({
      current_password: 'old-password-1',
      new_password: 'a much longer passphrase',
    });
  });

  it('puts a wrong current password on its field and stays signed in', async () => {
    const user = userEvent.setup();
    renderApp(
      '/account',
      api({}, { 'POST /api/v1/account/password': apiError(401, 'invalid_credentials', 'That password is not right.') }),
    );
    await screen.findByRole('heading', { level: 1, name: 'Your account' });
    const password = section('Password');
    await user.type(within(password).getByLabelText('Current password'), 'wrong-password');
    await user.type(within(password).getByLabelText('New password'), 'a much longer passphrase');
    await user.type(within(password).getByLabelText('Confirm new password'), 'a much longer passphrase');
    await user.click(within(password).getByRole('button', { name: 'Change password' }));
    expect(await within(password).findByText('That password is not right.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Your account' })).toBeInTheDocument();
  });

  it('lists sessions with this device marked, and ends another one', async () => {
    const user = userEvent.setup();
    const fetch = api({}, { 'DELETE /api/v1/account/sessions/s-9': noContentAnswer() });
    renderApp('/account', fetch);
    const table = await screen.findByRole('table', { name: 'Your sessions' });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Chrome');
    expect(rows[1]).toHaveTextContent('This device');
    expect(within(rows[1] as HTMLElement).queryByRole('button')).not.toBeInTheDocument();
    await user.click(within(table).getByRole('button', { name: 'End the session on Firefox, Android phone' }));
    expect(await screen.findByText('The session on Firefox, Android phone has ended.')).toBeInTheDocument();
    expect(
      fetch.requests.some((request) => request.method === 'DELETE' && request.path === '/api/v1/account/sessions/s-9'),
    ).toBe(true);
  });

  it('signs out everywhere after a confirmation', async () => {
    const user = userEvent.setup();
    const fetch = api({}, { 'POST /api/v1/auth/sign-out-everywhere': noContentAnswer() });
    renderApp('/account', fetch);
    await screen.findByRole('table', { name: 'Your sessions' });
    const open = screen.getByRole('button', { name: 'Sign out everywhere' });
    await user.click(open);
    const dialog = screen.getByRole('alertdialog', { name: 'Sign out everywhere?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(open).toHaveFocus();
    await user.click(open);
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Sign out everywhere' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(fetch.calls).toContain('/api/v1/auth/sign-out-everywhere');
  });

  it('enrols two-factor authentication: QR code, key, code, then the recovery codes once', async () => {
    const user = userEvent.setup();
    const codes = Array.from({ length: 10 }, (_, index) => `code${index}-abcde`);
    const fetch = api(
      {},
      {
        'POST /api/v1/account/totp/setup': json({
          secret: 'JBSWY3DPEHPK3PXP',
          otpauth_uri: 'otpauth://totp/Hearth:avery?secret=JBSWY3DPEHPK3PXP&issuer=Hearth',
        }),
        'POST /api/v1/account/totp/confirm': [
          apiError(401, 'invalid_second_factor', 'Wrong code.'),
          json({ recovery_codes: codes }),
        ],
        'GET /api/v1/auth/session': [sessionAnswer(), sessionAnswer({ account: { totp_enabled: true } })],
      },
    );
    renderApp('/account', fetch);
    await screen.findByRole('heading', { level: 1, name: 'Your account' });
    const twoFactor = section('Two-factor authentication');
    expect(twoFactor).toHaveTextContent('Off.');
    await user.click(within(twoFactor).getByRole('button', { name: 'Set up two-factor authentication' }));
    const step = await within(twoFactor).findByRole('heading', { name: 'Add Hearth to your authenticator app' });
    expect(step).toHaveFocus();
    const qr = await within(twoFactor).findByRole('img', { name: /QR code to add Hearth/ });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(within(twoFactor).getByRole('textbox', { name: 'Key for manual entry' })).toHaveValue('JBSW Y3DP EHPK 3PXP');

    const code = within(twoFactor).getByLabelText('6-digit code');
    expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    await user.type(code, '111111');
    await user.click(within(twoFactor).getByRole('button', { name: 'Turn on two-factor authentication' }));
    expect(await within(twoFactor).findByText(/That code did not work/)).toBeInTheDocument();
    await user.clear(code);
    await user.type(code, '222222');
    await user.click(within(twoFactor).getByRole('button', { name: 'Turn on two-factor authentication' }));

    const saved = await within(twoFactor).findByRole('region', { name: 'Save your recovery codes' });
    expect(within(saved).getAllByRole('listitem')).toHaveLength(10);
    expect(within(saved).getByRole('heading', { name: 'Save your recovery codes' })).toHaveFocus();
    const download = within(saved).getByRole('link', { name: 'Download codes' });
    expect(download).toHaveAttribute('download', 'hearth-recovery-codes.txt');
    expect(decodeURIComponent(download.getAttribute('href') ?? '')).toContain('code9-abcde');
    await user.click(within(saved).getByRole('button', { name: 'Done' }));
    expect(within(saved).getByRole('checkbox', { name: 'I have saved my recovery codes' })).toHaveFocus();
    await user.click(within(saved).getByRole('checkbox', { name: 'I have saved my recovery codes' }));
    await user.click(within(saved).getByRole('button', { name: 'Done' }));
    expect(await screen.findByText('Two-factor authentication is now on.')).toBeInTheDocument();
    expect(
      fetch.requests
        .filter((request) => request.path === '/api/v1/account/totp/confirm')
        .map((request) => request.body),
    ).toEqual([{ code: '111111' }, { code: '222222' }]);
  });

  it('turns two-factor off with the password, unless a role requires it', async () => {
    const user = userEvent.setup();
    const fetch = api(
      { account: { totp_enabled: true } },
      {
        'DELETE /api/v1/account/totp': noContentAnswer(),
        'GET /api/v1/auth/session': [sessionAnswer({ account: { totp_enabled: true } }), sessionAnswer()],
      },
    );
    renderApp('/account', fetch);
    await screen.findByRole('heading', { level: 1, name: 'Your account' });
    const twoFactor = section('Two-factor authentication');
    expect(twoFactor).toHaveTextContent('On.');
    const turnOff = within(twoFactor).getByRole('button', { name: 'Turn off two-factor authentication' });
    const form = turnOff.closest('form') as HTMLElement;
    await user.type(within(form).getByLabelText('Your password'), 'my-password');
    await user.click(turnOff);
    expect(await screen.findByText('Two-factor authentication is now off.')).toBeInTheDocument();
    expect(fetch.requests.find((request) => request.method === 'DELETE')?.body).toEqual({ password: 'my-password' });
  });

  it('does not offer to turn off a second factor the role requires', async () => {
    renderApp('/account', api({ required: true, account: { roles: ['clinician'], totp_enabled: true } }));
    await screen.findByRole('heading', { level: 1, name: 'Your account' });
    const twoFactor = section('Two-factor authentication');
    expect(
      within(twoFactor).queryByRole('button', { name: 'Turn off two-factor authentication' }),
    ).not.toBeInTheDocument();
    expect(twoFactor).toHaveTextContent('Your role requires two-factor authentication');
  });

  it('makes new recovery codes after the password', async () => {
    const user = userEvent.setup();
    const fetch = api(
      { account: { totp_enabled: true } },
      { 'POST /api/v1/account/recovery-codes': json({ recovery_codes: ['aaaaa-bbbbb', 'ccccc-ddddd'] }) },
    );
    renderApp('/account', fetch);
    await screen.findByRole('heading', { level: 1, name: 'Your account' });
    const button = screen.getByRole('button', { name: 'Make new recovery codes' });
    await user.type(within(button.closest('form') as HTMLElement).getByLabelText('Your password'), 'pw');
    await user.click(button);
    const saved = await screen.findByRole('region', { name: 'Save your recovery codes' });
    expect(saved).toHaveTextContent('aaaaa-bbbbb');
    await waitFor(() => {
      expect(fetch.requests.find((request) => request.path === '/api/v1/account/recovery-codes')?.body).toEqual({
        password: 'pw',
      });
    });
  });
});
