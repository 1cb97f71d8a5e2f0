import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json } from '../../testing/fakeFetch';
import { renderApp } from '../../testing/renderApp';
import { sessionAnswer } from '../../testing/session';
import { groupSecret } from './twoFactor';

const pending = { enrollmentPending: true, required: true, account: { roles: ['clinician'] } };

describe('EnrollTwoFactorPage', () => {
  it.each(['/', '/participants', '/account', '/admin/audit'])(
    'is where %s leads while enrolment is pending',
    async (path) => {
      renderApp(path, fakeFetch({ 'GET /api/v1/auth/session': sessionAnswer(pending) }));
      expect(
        await screen.findByRole('heading', { level: 1, name: 'Set up two-factor authentication' }),
      ).toBeInTheDocument();
      expect(screen.getByText(/Staff accounts need a second factor/)).toBeInTheDocument();
      expect(screen.getByRole('navigation', { name: 'Primary' })).toHaveTextContent('Two-factor set-up');
    },
  );

  it('goes home once enrolled and the recovery codes are saved', async () => {
    const user = userEvent.setup();
    const fetch = fakeFetch({
      'GET /api/v1/auth/session': [
        sessionAnswer(pending),
        sessionAnswer({ required: true, account: { roles: ['clinician'], totp_enabled: true } }),
      ],
      'POST /api/v1/account/totp/setup': json({
        secret: 'JBSWY3DPEHPK3PXP',
        otpauth_uri: 'otpauth://totp/Hearth:x?secret=JBSWY3DPEHPK3PXP',
      }),
      'POST /api/v1/account/totp/confirm': json({ recovery_codes: ['aaaaa-bbbbb'] }),
      '/api/v1/programs': json({ programs: [] }),
    });
    renderApp('/', fetch);
    await user.click(await screen.findByRole('button', { name: 'Set up two-factor authentication' }));
    await user.type(await screen.findByLabelText('6-digit code'), '123 456');
    await user.click(screen.getByRole('button', { name: 'Turn on two-factor authentication' }));
    await user.click(await screen.findByRole('checkbox', { name: 'I have saved my recovery codes' }));
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Hearth' })).toBeInTheDocument();
    expect(fetch.requests.find((request) => request.path === '/api/v1/account/totp/confirm')?.body).toEqual({
      code: '123456',
    });
  });
});

describe('groupSecret', () => {
  it('groups the key in fours', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('ABCDE')).toBe('ABCD E');
  });
});
