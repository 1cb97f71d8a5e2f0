import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, noContentAnswer, type FakeAnswer } from '../../testing/fakeFetch';
import { renderApp } from '../../testing/renderApp';
import { occurrenceAt, priyaRef } from '../../testing/schedule';
import { clinicianAccount, signedIn } from '../../testing/session';

// Wednesday 25 November 2026, 09:55 in Chicago; the session starts at 10:00.
const now = '2026-11-25T15:55:00Z';
const session = occurrenceAt('o1', '2026-11-25T16:00:00Z', 90, { my_role: 'facilitator' });
const guestsPath = '/api/v1/occurrences/o1/guests';

const robinRef = { id: 'u-robin', display_name: 'Robin M.', pronouns: 'they/them' };
const robin = {
  person: robinRef,
  email: 'robin@riverbend.example',
  invited_by: priyaRef,
  invited_at: '2026-11-24T15:00:00Z',
};

/** The server's error envelope, with the field it names. */
const refusal = (status: number, code: string, message: string, field?: string) =>
  json({ error: field ? { code, message, field } : { code, message } }, status);

function api(guests: FakeAnswer | FakeAnswer[], extra: Parameters<typeof fakeFetch>[0] = {}) {
  return fakeFetch({
    ...signedIn({ account: clinicianAccount }),
    '/api/v1/occurrences/o1': json({ ...session, can_manage: true }),
    '/api/v1/occurrences/o1/attendance': json({ attendance: [] }),
    [`GET ${guestsPath}`]: guests,
    ...extra,
  });
}

const section = () => screen.getByRole('region', { name: 'Guests' });
const emailField = () => within(section()).getByLabelText('Email of the guest’s Hearth account');

async function invite(email: string) {
  const user = userEvent.setup();
  await user.clear(emailField());
  if (email) await user.type(emailField(), email);
  await user.click(within(section()).getByRole('button', { name: 'Invite guest' }));
}

describe('GuestsSection', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(now));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says what guests are while there are none', async () => {
    renderApp('/sessions/o1', api(json({ guests: [] })));
    expect(await screen.findByText(/^No guests are invited\./)).toHaveTextContent(
      'a family member at a family session for example. Guests wait in the waiting room until a facilitator lets them in, and they are not counted in attendance.',
    );
    expect(screen.getByRole('heading', { level: 3, name: 'Guests' })).toBeInTheDocument();
    expect(emailField()).toHaveAttribute('type', 'email');
  });

  it('lists each guest with pronouns, email and who invited them', async () => {
    renderApp('/sessions/o1', api(json({ guests: [robin] })));
    const list = await screen.findByRole('list', { name: 'Invited guests' });
    const [item] = within(list).getAllByRole('listitem');
    expect(item).toHaveTextContent('Robin M. (they/them) — robin@riverbend.example');
    expect(item).toHaveTextContent(/Invited by Dr\. Priya Shah, Tuesday.*24/);
    expect(within(list).getByRole('button', { name: 'Withdraw the invitation of Robin M.' })).toBeEnabled();
  });

  it('invites by email, says so, and shows the guest in the list', async () => {
    const fetch = api([json({ guests: [] }), json({ guests: [robin] })], {
      [`POST ${guestsPath}`]: json({ guest: robin }, 201),
    });
    renderApp('/sessions/o1', fetch);
    await screen.findByText(/^No guests are invited\./);
    await invite('  robin@riverbend.example ');
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Robin M. is invited. They are notified and see this session in their schedule.',
    );
    await vi.waitFor(() => {
      expect(screen.getByRole('heading', { level: 3, name: 'Guests' })).toHaveFocus();
    });
    expect(await screen.findByRole('list', { name: 'Invited guests' })).toHaveTextContent('robin@riverbend.example');
    expect(emailField()).toHaveValue('');
    const post = fetch.requests.find((request) => request.method === 'POST' && request.path === guestsPath);
    expect(post?.body).toEqual({ email: 'robin@riverbend.example' });
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-1');
  });

  it('catches an empty or partial address before asking the server', async () => {
    const fetch = api(json({ guests: [] }));
    renderApp('/sessions/o1', fetch);
    await screen.findByText(/^No guests are invited\./);
    await invite('');
    expect(emailField()).toHaveAccessibleDescription(/Enter the email of the guest’s Hearth account\./);
    await vi.waitFor(() => {
      expect(emailField()).toHaveFocus();
    });
    await invite('robin');
    expect(emailField()).toHaveAccessibleDescription(/Enter the whole email address, like name@example\.org\./);
    expect(fetch.requests.filter((request) => request.method === 'POST')).toEqual([]);
  });

  it.each([
    [
      'an address the server cannot read',
      refusal(422, 'invalid_argument', 'email must be an address like name@example.org', 'email'),
      'robin@',
      'Enter the whole email address, like name@example.org.',
    ],
    [
      'an address no active account uses',
      refusal(404, 'not_found', 'no active account uses this email', 'email'),
      'robyn@riverbend.example',
      'No active Hearth account uses this email. Check it for typing mistakes; if the person has no account yet, an administrator can invite them to Hearth first.',
    ],
    [
      'someone on the roster',
      refusal(409, 'conflict', "this person is on the session's roster already", 'email'),
      'avery@riverbend.example',
      'This person belongs to the session already (a member or facilitator of its group), so they need no invitation.',
    ],
  ])('shows the refusal of %s beside the field, in plain words', async (_, answer, email, words) => {
    renderApp('/sessions/o1', api(json({ guests: [] }), { [`POST ${guestsPath}`]: answer }));
    await screen.findByText(/^No guests are invited\./);
    await invite(email);
    const field = emailField();
    await vi.waitFor(() => {
      expect(field).toHaveAccessibleDescription(expect.stringContaining(words));
      expect(field).toHaveFocus();
    });
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveValue(email);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says when the person is invited already', async () => {
    renderApp(
      '/sessions/o1',
      api(json({ guests: [robin] }), {
        [`POST ${guestsPath}`]: refusal(409, 'conflict', 'this person is invited already', 'email'),
      }),
    );
    await screen.findByRole('list', { name: 'Invited guests' });
    await invite('Robin@riverbend.example');
    await vi.waitFor(() => {
      expect(emailField()).toHaveAccessibleDescription(/This person is invited to this session already\./);
    });
  });

  it('shows a refusal about the session itself as the form’s alert, and reloads the session', async () => {
    const fetch = api(json({ guests: [] }), {
      [`POST ${guestsPath}`]: refusal(409, 'conflict', 'a session has at most 10 guests'),
    });
    renderApp('/sessions/o1', fetch);
    await screen.findByText(/^No guests are invited\./);
    const loads = () => fetch.calls.filter((path) => path === '/api/v1/occurrences/o1').length;
    expect(loads()).toBe(1);
    await invite('kai@riverbend.example');
    const alert = await within(section()).findByRole('alert');
    expect(alert).toHaveTextContent('The guest was not invited.');
    expect(alert).toHaveTextContent('A session has at most 10 guests.');
    await vi.waitFor(() => {
      expect(alert).toHaveFocus();
    });
    expect(emailField()).not.toHaveAttribute('aria-invalid');
    await vi.waitFor(() => {
      expect(loads()).toBe(2);
    });
  });

  it('withdraws an invitation only after asking', async () => {
    const user = userEvent.setup();
    const fetch = api([json({ guests: [robin] }), json({ guests: [] })], {
      [`DELETE ${guestsPath}/u-robin`]: noContentAnswer(),
    });
    renderApp('/sessions/o1', fetch);
    const withdraw = await screen.findByRole('button', { name: 'Withdraw the invitation of Robin M.' });
    await user.click(withdraw);
    let dialog = screen.getByRole('alertdialog', { name: 'Withdraw the invitation of Robin M.?' });
    expect(dialog).toHaveTextContent('They are notified, and the session leaves their schedule');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await vi.waitFor(() => {
      expect(withdraw).toHaveFocus();
    });
    expect(fetch.requests.filter((request) => request.method === 'DELETE')).toEqual([]);

    await user.keyboard('{Enter}');
    dialog = screen.getByRole('alertdialog', { name: 'Withdraw the invitation of Robin M.?' });
    await user.click(within(dialog).getByRole('button', { name: 'Withdraw' }));
    expect(await screen.findByRole('status')).toHaveTextContent('The invitation of Robin M. is withdrawn.');
    expect(await screen.findByText(/^No guests are invited\./)).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(fetch.requests.filter((request) => request.method === 'DELETE').map((request) => request.path)).toEqual([
      `${guestsPath}/u-robin`,
    ]);
  });

  it('says so when the invitation was withdrawn already', async () => {
    const user = userEvent.setup();
    renderApp(
      '/sessions/o1',
      api([json({ guests: [robin] }), json({ guests: [] })], {
        [`DELETE ${guestsPath}/u-robin`]: refusal(404, 'not_found', 'no such guest'),
      }),
    );
    await user.click(await screen.findByRole('button', { name: 'Withdraw the invitation of Robin M.' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Withdraw' }));
    const alert = await within(section()).findByRole('alert');
    expect(alert).toHaveTextContent('The invitation was not withdrawn.');
    expect(alert).toHaveTextContent('Robin M. is no longer invited; someone else may have withdrawn the invitation.');
  });

  it('takes no more guests once the session is cancelled or over, but still lists and withdraws them', async () => {
    const cancelled = { ...session, status: 'cancelled', change_reason: 'Facilitator unwell', can_manage: true };
    renderApp('/sessions/o1', api(json({ guests: [robin] }), { '/api/v1/occurrences/o1': json(cancelled) }));
    expect(await screen.findByText('The session is cancelled, so nobody more can be invited.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Email of the guest’s Hearth account')).not.toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Withdraw the invitation of Robin M.' })).toBeEnabled();
  });

  it('takes no more guests after the end', async () => {
    const earlier = occurrenceAt('o1', '2026-11-25T13:00:00Z', 90, { my_role: 'facilitator' });
    renderApp('/sessions/o1', api(json({ guests: [] }), { '/api/v1/occurrences/o1': json({ ...earlier, can_manage: true }) }));
    expect(await screen.findByText('The session is over, so nobody more can be invited.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Invite guest' })).not.toBeInTheDocument();
  });

  it('is not there for those who do not manage the session', async () => {
    const fetch = fakeFetch({ ...signedIn(), '/api/v1/occurrences/o1': json({ ...session, my_role: 'participant', can_manage: false }) });
    renderApp('/sessions/o1', fetch);
    await screen.findByRole('heading', { level: 1, name: 'Evening group' });
    expect(screen.queryByRole('heading', { name: 'Guests' })).not.toBeInTheDocument();
    expect(fetch.calls).not.toContain(guestsPath);
  });
});
