import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, fakeFetch, json } from '../../testing/fakeFetch';
import { renderApp } from '../../testing/renderApp';
import { clinicianAccount, signedIn } from '../../testing/session';

const avery = {
  id: 'u-avery',
  email: 'avery@riverbend.example',
  display_name: 'Avery M.',
  pronouns: 'they/them',
  time_zone: 'America/Chicago',
  roles: ['participant'],
  status: 'active',
  totp_enabled: false,
  created_at: '2026-11-01T00:00:00.000Z',
  programs: [{ id: 'p1', name: 'Riverbend Virtual IOP', membership: 'participant' }],
};
const priya = {
  ...avery,
  id: 'u-priya',
  email: 'priya.shah@riverbend.example',
  display_name: 'Priya Shah',
  roles: ['clinician'],
  programs: [
    { id: 'p1', name: 'Riverbend Virtual IOP', membership: 'staff' },
    { id: 'p2', name: 'Other program', membership: 'participant' },
  ],
};

function api(extra: Parameters<typeof fakeFetch>[0] = {}) {
  return fakeFetch({
    ...signedIn({ account: clinicianAccount }),
    '/api/v1/participants': json({ people: [avery] }),
    '/api/v1/people/u-priya': json(priya),
    '/api/v1/people/u-avery': json(avery),
    '/api/v1/invites': json({ invites: [] }),
    ...extra,
  });
}

describe('ParticipantsPage', () => {
  it('lists the clinician\u2019s participants with links to their records', async () => {
    const user = userEvent.setup();
    renderApp('/participants', api());
    const table = await screen.findByRole('table', { name: 'Your participants' });
    expect(table).toHaveTextContent('Riverbend Virtual IOP');
    await user.click(within(table).getByRole('link', { name: 'Avery M.' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Avery M.' })).toBeInTheDocument();
    expect(screen.getByText('they/them')).toBeInTheDocument();
    expect(screen.getByText('Riverbend Virtual IOP — Participant')).toBeInTheDocument();
  });

  it('invites a participant into a program the clinician staffs, with the role fixed', async () => {
    const user = userEvent.setup();
    const fetch = api({
      'POST /api/v1/invites': json(
        {
          invite: {
            id: 'i-1',
            email: 'new@riverbend.example',
            roles: ['participant'],
            program_id: 'p1',
            invited_by: 'u-priya',
            created_at: '2026-11-23T07:00:00.000Z',
            expires_at: '2026-11-30T07:00:00.000Z',
            status: 'pending',
          },
          link: 'http://localhost/invite#t',
        },
        201,
      ),
    });
    renderApp('/participants', fetch);
    const form = await screen.findByRole('region', { name: 'Invite a participant' });
    const program = await within(form).findByLabelText('Program');
    expect(within(form).queryByRole('checkbox')).not.toBeInTheDocument();
    expect(form).toHaveTextContent('They will join as a participant.');
    expect(
      within(program)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Choose a program', 'Riverbend Virtual IOP']);
    expect(program).toHaveValue('p1');
    await user.type(within(form).getByLabelText('Email address'), 'new@riverbend.example');
    await user.click(within(form).getByRole('button', { name: 'Create invitation' }));
    expect(await within(form).findByRole('textbox', { name: 'Invitation link' })).toHaveValue(
      'http://localhost/invite#t',
    );
    expect(
      fetch.requests.find((request) => request.method === 'POST' && request.path === '/api/v1/invites')?.body,
    ).toEqual({
      email: 'new@riverbend.example',
      roles: ['participant'],
      program_id: 'p1',
    });
  });

  it('says so when a person record is not open to the clinician', async () => {
    renderApp('/people/u-other', api({ '/api/v1/people/u-other': apiError(404, 'not_found') }));
    expect(
      await screen.findByText(/There is no such person, or their record is not open to you\./),
    ).toBeInTheDocument();
  });
});
