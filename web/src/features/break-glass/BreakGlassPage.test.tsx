import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json, noContentAnswer } from '../../testing/fakeFetch';
import { renderApp } from '../../testing/renderApp';
import { adminAccount, signedIn } from '../../testing/session';

const person = (id: string, name: string, role: string) => ({
  id,
  email: `${id}@riverbend.example`,
  display_name: name,
  pronouns: '',
  time_zone: 'UTC',
  roles: [role],
  status: 'active',
  totp_enabled: false,
  created_at: '2026-11-01T00:00:00.000Z',
  programs: [],
});

const grant = {
  id: 'g-1',
  clinician_id: 'sam',
  participant_id: 'kai',
  reason: 'Safety concern reported overnight.',
  granted_by: 'u-admin',
  created_at: '2026-11-23T06:00:00.000Z',
  expires_at: '2026-11-23T08:00:00.000Z',
  revoked_at: null,
  active: true,
};

function api(extra: Parameters<typeof fakeFetch>[0] = {}) {
  return fakeFetch({
    ...signedIn({ account: adminAccount }),
    '/api/v1/people?role=clinician&status=active': json({ people: [person('sam', 'Dr. Sam Okafor', 'clinician')] }),
    '/api/v1/people?role=participant&status=active': json({ people: [person('kai', 'Kai W.', 'participant')] }),
    'GET /api/v1/break-glass': json({
      grants: [grant, { ...grant, id: 'g-0', active: false, revoked_at: '2026-11-22T07:00:00.000Z' }],
    }),
    ...extra,
  });
}

describe('BreakGlassPage', () => {
  it('is marked as an emergency action and lists grants with their state', async () => {
    renderApp('/admin/break-glass', api());
    expect(await screen.findByText('Emergency access only')).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Break-glass grants' });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Dr. Sam Okafor');
    expect(rows[1]).toHaveTextContent('Kai W.');
    expect(rows[1]).toHaveTextContent('Active');
    expect(rows[2]).toHaveTextContent('Revoked');
    expect(within(rows[2] as HTMLElement).queryByRole('button')).not.toBeInTheDocument();
  });

  it('checks the form, then grants access', async () => {
    const user = userEvent.setup();
    const fetch = api({ 'POST /api/v1/break-glass': json(grant, 201) });
    renderApp('/admin/break-glass', fetch);
    await screen.findByRole('table', { name: 'Break-glass grants' });
    const form = screen.getByRole('region', { name: 'Grant emergency access' });
    await user.clear(within(form).getByLabelText('Minutes of access'));
    await user.type(within(form).getByLabelText('Minutes of access'), '2000');
    await user.type(within(form).getByLabelText('Reason'), 'too short');
    await user.click(within(form).getByRole('button', { name: 'Grant emergency access' }));
    expect(within(form).getByLabelText('Clinician')).toHaveFocus();
    expect(within(form).getByLabelText('Reason')).toHaveAccessibleDescription(/Give a reason of 10 to 500 characters/);
    expect(within(form).getByLabelText('Minutes of access')).toHaveAccessibleDescription(/from 1 to 1440/);

    await user.selectOptions(within(form).getByLabelText('Clinician'), 'sam');
    await user.selectOptions(within(form).getByLabelText('Participant'), 'kai');
    await user.type(within(form).getByLabelText('Reason'), ' — safety concern reported overnight');
    await user.clear(within(form).getByLabelText('Minutes of access'));
    await user.type(within(form).getByLabelText('Minutes of access'), '90');
    await user.click(within(form).getByRole('button', { name: 'Grant emergency access' }));
    expect(await screen.findByText(/Dr\. Sam Okafor can see the record of Kai W\. until/)).toBeInTheDocument();
    expect(fetch.requests.find((request) => request.method === 'POST')?.body).toEqual({
      clinician_id: 'sam',
      participant_id: 'kai',
      reason: 'too short — safety concern reported overnight',
      minutes: 90,
    });
  });

  it('revokes an active grant', async () => {
    const user = userEvent.setup();
    const fetch = api({ 'DELETE /api/v1/break-glass/g-1': noContentAnswer() });
    renderApp('/admin/break-glass', fetch);
    const table = await screen.findByRole('table', { name: 'Break-glass grants' });
    await user.click(within(table).getByRole('button', { name: 'Revoke access of Dr. Sam Okafor to Kai W.' }));
    expect(await screen.findByText('Access of Dr. Sam Okafor to Kai W. has been revoked.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Grants' })).toHaveFocus();
  });
});
