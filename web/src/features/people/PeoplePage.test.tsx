import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json, noContentAnswer } from '../../testing/fakeFetch';
import { renderApp } from '../../testing/renderApp';
import { adminAccount, signedIn } from '../../testing/session';

function person(overrides: Record<string, unknown> = {}) {
  return {
    id: 'u-blake',
    email: 'blake@riverbend.example',
    display_name: 'Blake',
    pronouns: '',
    time_zone: 'America/Chicago',
    roles: ['participant'],
    status: 'active',
    totp_enabled: false,
    created_at: '2026-11-01T10:00:00.000Z',
    programs: [{ id: 'p1', name: 'Evening IOP', membership: 'participant' }],
    ...overrides,
  };
}

const admin = person({
  id: 'u-admin',
  email: 'admin@riverbend.example',
  display_name: 'Morgan Admin',
  roles: ['admin'],
  totp_enabled: true,
});
const invite = {
  id: 'i-1',
  email: 'pending@riverbend.example',
  roles: ['participant'],
  program_id: 'p1',
  invited_by: 'u-admin',
  created_at: '2026-11-20T10:00:00.000Z',
  expires_at: '2026-11-27T10:00:00.000Z',
  status: 'pending',
};
const programs = {
  programs: [{ id: 'p1', slug: 'evening', name: 'Evening IOP', description: '', time_zone: 'UTC', groups: [] }],
};

function api(extra: Parameters<typeof fakeFetch>[0] = {}) {
  return fakeFetch({
    ...signedIn({ account: adminAccount }),
    '/api/v1/people': json({ people: [admin, person()] }),
    '/api/v1/invites': json({
      invites: [invite, { ...invite, id: 'i-2', email: 'used@riverbend.example', status: 'used' }],
    }),
    '/api/v1/programs': json(programs),
    ...extra,
  });
}

async function blakeRow() {
  const table = await screen.findByRole('table', { name: 'People' });
  return within(table).getByRole('row', { name: /Blake/ });
}

describe('PeoplePage', () => {
  it('lists people with their roles, status and two-factor state', async () => {
    renderApp('/admin/people', api());
    const row = await blakeRow();
    expect(row).toHaveTextContent('blake@riverbend.example');
    expect(row).toHaveTextContent('Participant');
    expect(row).toHaveTextContent('Active');
    expect(row).toHaveTextContent('Off');
    expect(within(row).getByRole('link', { name: 'Blake' })).toHaveAttribute('href', '/people/u-blake');
    expect(screen.getByText('2 people')).toHaveAttribute('role', 'status');
    // No one deactivates themselves.
    const self = within(screen.getByRole('table', { name: 'People' })).getByRole('row', { name: /Morgan Admin/ });
    expect(within(self).queryByRole('button', { name: /Deactivate/ })).not.toBeInTheDocument();
  });

  it('searches by text, role and status', async () => {
    const user = userEvent.setup();
    const fetch = api({ '/api/v1/people?q=bla&role=participant&status=active': json({ people: [person()] }) });
    renderApp('/admin/people', fetch);
    await blakeRow();
    const search = screen.getByRole('search', { name: 'Find people' });
    await user.type(within(search).getByLabelText('Name or email contains'), 'bla');
    await user.selectOptions(within(search).getByLabelText('Role'), 'participant');
    await user.selectOptions(within(search).getByLabelText('Status'), 'active');
    await user.click(within(search).getByRole('button', { name: 'Search' }));
    expect(await screen.findByText('1 person')).toBeInTheDocument();
    expect(fetch.calls).toContain('/api/v1/people?q=bla&role=participant&status=active');
  });

  it('deactivates after a confirmation, and says so', async () => {
    const user = userEvent.setup();
    const fetch = api({ 'POST /api/v1/people/u-blake/deactivate': json(person({ status: 'deactivated' })) });
    renderApp('/admin/people', fetch);
    await user.click(within(await blakeRow()).getByRole('button', { name: 'Deactivate Blake' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Deactivate Blake?' });
    expect(dialog).toHaveAccessibleDescription(/signed out everywhere at once/);
    expect(within(dialog).getByRole('button', { name: 'Deactivate' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    expect(await screen.findByText('Blake has been deactivated.')).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Accounts' })).toHaveFocus();
    const post = fetch.requests.find((request) => request.path === '/api/v1/people/u-blake/deactivate');
    expect(post?.method).toBe('POST');
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-1');
  });

  it('cancels a deactivation with Escape and returns focus', async () => {
    const user = userEvent.setup();
    const fetch = api();
    renderApp('/admin/people', fetch);
    const button = within(await blakeRow()).getByRole('button', { name: 'Deactivate Blake' });
    await user.click(button);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
    expect(fetch.calls).not.toContain('/api/v1/people/u-blake/deactivate');
  });

  it('reactivates a deactivated person', async () => {
    const user = userEvent.setup();
    const fetch = api({
      '/api/v1/people': json({ people: [admin, person({ status: 'deactivated' })] }),
      'POST /api/v1/people/u-blake/reactivate': json(person()),
    });
    renderApp('/admin/people', fetch);
    await user.click(within(await blakeRow()).getByRole('button', { name: 'Reactivate Blake' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Reactivate' }));
    expect(await screen.findByText('Blake has been reactivated.')).toBeInTheDocument();
  });

  it('edits roles with a checkbox group', async () => {
    const user = userEvent.setup();
    const fetch = api({ 'PUT /api/v1/people/u-blake/roles': json(person({ roles: ['participant', 'peer_mentor'] })) });
    renderApp('/admin/people', fetch);
    await user.click(within(await blakeRow()).getByRole('button', { name: 'Edit roles of Blake' }));
    const dialog = screen.getByRole('dialog', { name: 'Roles of Blake' });
    const group = within(dialog).getByRole('group', { name: 'Roles' });
    expect(within(group).getByRole('checkbox', { name: 'Participant' })).toBeChecked();
    await user.click(within(group).getByRole('checkbox', { name: 'Peer mentor' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save roles' }));
    expect(await screen.findByText('The roles of Blake have been saved.')).toBeInTheDocument();
    expect(fetch.requests.find((request) => request.method === 'PUT')?.body).toEqual({
      roles: ['participant', 'peer_mentor'],
    });
  });

  it('does not save an empty set of roles', async () => {
    const user = userEvent.setup();
    const fetch = api();
    renderApp('/admin/people', fetch);
    await user.click(within(await blakeRow()).getByRole('button', { name: 'Edit roles of Blake' }));
    const dialog = screen.getByRole('dialog', { name: 'Roles of Blake' });
    await user.click(within(dialog).getByRole('checkbox', { name: 'Participant' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save roles' }));
    expect(within(dialog).getByText('Choose at least one role.')).toBeInTheDocument();
    expect(fetch.requests.some((request) => request.method === 'PUT')).toBe(false);
  });

  it('issues a reset link and shows it with a copy button and its expiry', async () => {
    const user = userEvent.setup();
    const fetch = api({
      'POST /api/v1/people/u-blake/password-reset': json(
        { link: 'http://localhost/reset#secret-token', expires_at: '2026-11-24T07:00:00.000Z' },
        201,
      ),
    });
    renderApp('/admin/people', fetch);
    await user.click(within(await blakeRow()).getByRole('button', { name: 'Reset link for Blake' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Make reset link' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reset link for Blake' });
    expect(within(dialog).getByLabelText('Password reset link')).toHaveValue('http://localhost/reset#secret-token');
    expect(within(dialog).getByRole('button', { name: 'Copy password reset link' })).toBeInTheDocument();
    expect(dialog).toHaveTextContent(/works once, until/);
  });

  it('invites someone and shows the link once', async () => {
    const user = userEvent.setup();
    const fetch = api({
      'POST /api/v1/invites': json(
        {
          invite: { ...invite, id: 'i-3', email: 'sky@riverbend.example', roles: ['clinician'], program_id: null },
          link: 'http://localhost/invite#new-token',
        },
        201,
      ),
    });
    renderApp('/admin/people', fetch);
    await blakeRow();
    const form = screen.getByRole('region', { name: 'Invite someone' });
    await user.click(within(form).getByRole('button', { name: 'Create invitation' }));
    expect(within(form).getByLabelText('Email address')).toHaveFocus();
    expect(within(form).getByText('Choose at least one role.')).toBeInTheDocument();
    await user.type(within(form).getByLabelText('Email address'), 'sky@riverbend.example');
    await user.click(within(form).getByRole('checkbox', { name: 'Clinician' }));
    await user.click(within(form).getByRole('button', { name: 'Create invitation' }));
    expect(
      await within(form).findByRole('heading', { name: 'Invitation created for sky@riverbend.example' }),
    ).toHaveFocus();
    expect(within(form).getByLabelText('Invitation link')).toHaveValue('http://localhost/invite#new-token');
    expect(
      fetch.requests.find((request) => request.path === '/api/v1/invites' && request.method === 'POST')?.body,
    ).toEqual({
      email: 'sky@riverbend.example',
      roles: ['clinician'],
    });
  });

  it('lists open invitations only, and withdraws one', async () => {
    const user = userEvent.setup();
    const fetch = api({ 'DELETE /api/v1/invites/i-1': noContentAnswer() });
    renderApp('/admin/people', fetch);
    const list = await screen.findByRole('table', { name: 'Open invitations' });
    expect(list).toHaveTextContent('pending@riverbend.example');
    expect(list).toHaveTextContent('Evening IOP');
    expect(list).not.toHaveTextContent('used@riverbend.example');
    await user.click(
      within(list).getByRole('button', { name: 'Withdraw the invitation for pending@riverbend.example' }),
    );
    expect(
      await screen.findByText('The invitation for pending@riverbend.example has been withdrawn.'),
    ).toBeInTheDocument();
    await waitFor(() => {
      expect(
        fetch.requests.some((request) => request.method === 'DELETE' && request.path === '/api/v1/invites/i-1'),
      ).toBe(true);
    });
  });
});
