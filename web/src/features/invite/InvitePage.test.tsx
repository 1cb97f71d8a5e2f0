import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, fakeFetch, json } from '../../testing/fakeFetch';
import { renderApp } from '../../testing/renderApp';
import { sessionAnswer, signedOut, type SessionOptions } from '../../testing/session';
import { checkPassword } from '../password/passwordRules';

const lookup = json({
  email: 'new.clinician@riverbend.example',
  roles: ['clinician'],
  expires_at: '2026-11-30T07:00:00.000Z',
});

function api(accept: Parameters<typeof fakeFetch>[0][string] = sessionAnswer()) {
  return fakeFetch({
    ...signedOut(),
    'POST /api/v1/invites/lookup': lookup,
    'POST /api/v1/invites/accept': accept,
    '/api/v1/programs': json({ programs: [] }),
  });
}

async function fill(
  user: ReturnType<typeof userEvent.setup>,
  fields: { name?: string; password?: string; confirm?: string },
) {
  if (fields.name) await user.type(screen.getByLabelText('Display name'), fields.name);
  if (fields.password) await user.type(screen.getByLabelText('Password'), fields.password);
  if (fields.confirm) await user.type(screen.getByLabelText('Confirm password'), fields.confirm);
  await user.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('InvitePage', () => {
  it('looks the token up from the fragment and shows who is invited as what', async () => {
    const fetch = api();
    renderApp('/invite#tok-123', fetch);
    expect(await screen.findByText('new.clinician@riverbend.example')).toBeInTheDocument();
    expect(screen.getByText('Clinician')).toBeInTheDocument();
    expect(fetch.requests.find((request) => request.path === '/api/v1/invites/lookup')?.body).toEqual({
      token: 'tok-123',
    });
    expect(fetch.calls.every((path) => !path.includes('tok-123'))).toBe(true);
    expect(screen.getByLabelText('Time zone')).toHaveValue(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(screen.getByLabelText('Pronouns (optional)')).toBeInTheDocument();
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
      /At least 12 characters.*Not a common password.*Not your email address or your name/,
    );
  });

  it('explains a link that does not work', async () => {
    renderApp('/invite#gone', fakeFetch({ ...signedOut(), 'POST /api/v1/invites/lookup': apiError(404, 'not_found') }));
    expect(await screen.findByText('This invitation link does not work.')).toBeInTheDocument();
  });

  it('explains a link without a token', async () => {
    renderApp('/invite', fakeFetch(signedOut()));
    expect(await screen.findByText('This invitation link does not work.')).toBeInTheDocument();
  });

  it('checks the form before sending and focuses the first problem', async () => {
    const user = userEvent.setup();
    const fetch = api();
    renderApp('/invite#tok', fetch);
    await screen.findByLabelText('Display name');

    await fill(user, { password: 'short', confirm: 'short' });
    const name = screen.getByLabelText('Display name');
    expect(name).toHaveFocus();
    expect(name).toHaveAccessibleDescription(/Enter the name you would like others to see\./);
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(/Use at least 12 characters\./);

    await user.type(name, 'Riley');
    await user.clear(screen.getByLabelText('Password'));
    await user.clear(screen.getByLabelText('Confirm password'));
    await fill(user, { password: 'a-long-enough-password', confirm: 'a-different-password' });
    const confirm = screen.getByLabelText('Confirm password');
    expect(confirm).toHaveFocus();
    expect(confirm).toHaveAccessibleDescription(/The two passwords are not the same\./);

    expect(fetch.calls).not.toContain('/api/v1/invites/accept');
  });

  it('refuses the email address as the password', () => {
    expect(
      checkPassword('new.clinician@riverbend.example', 'new.clinician@riverbend.example', {
        email: 'New.Clinician@riverbend.example',
      }).password,
    ).toMatch(/email address or your name/);
    expect(checkPassword('Riley Morgan Lee', 'Riley Morgan Lee', { name: 'riley morgan lee' }).password).toMatch(
      /name/,
    );
    expect(
      checkPassword('correct horse battery', 'correct horse battery', { email: 'a@b.example', name: 'Riley' }),
    ).toEqual({});
  });

  it.each([
    ['home', {}, 'Welcome to Hearth'],
    [
      'the two-factor step when enrollment is pending',
      { enrollmentPending: true, required: true, account: { roles: ['clinician'] } },
      'Set up two-factor authentication',
    ],
  ])('creates the account, signs in and goes to %s', async (_where, session: SessionOptions, heading) => {
    const user = userEvent.setup();
    const fetch = api(sessionAnswer(session));
    renderApp('/invite#tok', fetch);
    await screen.findByLabelText('Display name');
    await user.type(screen.getByLabelText('Pronouns (optional)'), 'she/her');
    await fill(user, { name: 'Riley', password: 'correct horse battery', confirm: 'correct horse battery' });
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeInTheDocument();
    const accept = fetch.requests.find((request) => request.path === '/api/v1/invites/accept');
    expect(accept?.body).toMatchObject({
      token: 'tok',
      password: 'correct horse battery',
      display_name: 'Riley',
      pronouns: 'she/her',
    });
  });

  it('puts a password the server refuses on the password field', async () => {
    const user = userEvent.setup();
    const refused = json(
      { error: { code: 'invalid_argument', message: 'That password is too common.', field: 'password' } },
      422,
    );
    renderApp('/invite#tok', api(refused));
    await screen.findByLabelText('Display name');
    await fill(user, { name: 'Riley', password: 'password1234', confirm: 'password1234' });
    const password = await screen.findByLabelText('Password');
    expect(await screen.findByText('That password is too common.')).toBeInTheDocument();
    expect(password).toHaveFocus();
    expect(password).toHaveAttribute('aria-invalid', 'true');
  });
});
