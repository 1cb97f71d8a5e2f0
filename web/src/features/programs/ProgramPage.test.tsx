import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeFetch, json } from '../../testing/fakeFetch';
import { renderApp } from '../../testing/renderApp';
import { averyRef, caseyRef, wireEnrollment, wireGroup, wireProgram } from '../../testing/schedule';
import { adminAccount, clinicianAccount, signedIn } from '../../testing/session';

const underTarget = {
  week_start: '2026-11-23',
  targets: { weekly_minutes: 540, daily_minimum_minutes: 180, days_per_week: 3 },
  active_participants: 2,
  participants: [
    {
      person: averyRef,
      attended_minutes: 90,
      days_meeting_minimum: 0,
      minutes_short: 450,
      days_short: 3,
      meets_weekly_target: false,
      meets_days_target: false,
    },
    {
      person: caseyRef,
      attended_minutes: 540,
      days_meeting_minimum: 3,
      minutes_short: 0,
      days_short: 0,
      meets_weekly_target: true,
      meets_days_target: true,
    },
  ],
};

function programApi(account: typeof clinicianAccount, extra: Parameters<typeof fakeFetch>[0] = {}) {
  return fakeFetch({
    ...signedIn({ account }),
    '/api/v1/programs/p1': json(wireProgram()),
    '/api/v1/programs/p1/under-target?week=2026-11-23': json(underTarget),
    '/api/v1/programs/p1/under-target?week=2026-11-16': json({ ...underTarget, week_start: '2026-11-16' }),
    '/api/v1/programs/p1/enrollments': json({ enrollments: [wireEnrollment(averyRef), wireEnrollment(caseyRef)] }),
    '/api/v1/programs/p1/groups': json({ groups: [wireGroup()] }),
    '/api/v1/participants': json({ people: [] }),
    '/api/v1/people?status=active': json({ people: [] }),
    ...extra,
  });
}

describe('ProgramPage', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T15:55:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lists who is under target this week, in words, and moves between weeks', async () => {
    const user = userEvent.setup();
    const fetch = programApi(clinicianAccount);
    renderApp('/programs/p1', fetch);
    const section = await screen.findByRole('region', { name: 'Under target this week' });
    const table = await within(section).findByRole('table', { name: 'Participants under target, most minutes short first' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveTextContent('Avery M.');
    expect(rows[1]).toHaveTextContent('1 h 30 min');
    expect(rows[1]).toHaveTextContent('7 h 30 min and 3 days');
    expect(section).toHaveTextContent('1 of 2 active participants are under target');
    expect(section).toHaveTextContent('Updated live, every 15 seconds while this page is open.');
    expect(within(section).getByRole('button', { name: 'Next week' })).toBeDisabled();

    await user.click(within(section).getByRole('button', { name: 'Previous week' }));
    expect(await screen.findByRole('region', { name: 'Under target' })).toBeInTheDocument();
    expect(fetch.calls).toContain('/api/v1/programs/p1/under-target?week=2026-11-16');
  });

  it('creates a group with the server’s defaults for what is left empty', async () => {
    const user = userEvent.setup();
    const fetch = programApi(clinicianAccount, {
      'POST /api/v1/programs/p1/groups': json(wireGroup({ id: 'g9', name: 'Grief Circle' }), 201),
    });
    renderApp('/programs/p1', fetch);
    const form = await screen.findByRole('form', { name: 'Create a group' });
    await user.type(within(form).getByLabelText('Name'), 'Grief Circle');
    await user.click(within(form).getByRole('button', { name: 'Create group' }));
    expect(within(form).getByText('Choose what kind of group it is.')).toBeInTheDocument();
    expect(within(form).getByLabelText('Kind')).toHaveFocus();
    await user.selectOptions(within(form).getByLabelText('Kind'), 'peer_support');
    await user.type(within(form).getByLabelText(/^Topics/), 'grief, loss');
    await user.click(within(form).getByRole('button', { name: 'Create group' }));
    expect(await screen.findByRole('link', { name: 'Open it' })).toHaveAttribute('href', '/groups/g9');
    expect(fetch.requests.find((request) => request.method === 'POST')?.body).toEqual({
      name: 'Grief Circle',
      description: '',
      kind: 'peer_support',
      membership: 'open',
      tags: ['grief', 'loss'],
    });
  });

  it('lets an admin choose who participants may write to privately, and says when saving failed', async () => {
    const user = userEvent.setup();
    const fetch = programApi(adminAccount, {
      '/api/v1/programs/p1': [json(wireProgram()), json(wireProgram({ private_messages: 'care_team' }))],
      'PATCH /api/v1/programs/p1': [
        apiError(503, 'unavailable', 'The server cannot save just now. Try again in a moment.'),
        json(wireProgram({ private_messages: 'care_team' })),
      ],
    });
    renderApp('/programs/p1', fetch);
    const form = await screen.findByRole('form', { name: 'Private messages' });
    const current = () => screen.getByText('Private messages between participants', { selector: 'dt' }).nextElementSibling;
    expect(current()).toHaveTextContent('Allowed between people who share a group');
    const choice = within(form).getByRole('group', { name: 'Private messages between participants' });
    expect(choice).toHaveAccessibleDescription('Participants can always write privately to the program’s staff.');
    expect(within(choice).getByRole('radio', { name: 'Allowed between people who share a group' })).toBeChecked();

    await user.click(within(choice).getByRole('radio', { name: 'Only with the care team' }));
    await user.click(within(form).getByRole('button', { name: 'Save private messages' }));
    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent('The private messages setting was not saved.');
    expect(alert).toHaveTextContent('The server cannot save just now. Try again in a moment.');
    expect(alert).toHaveFocus();
    expect(current()).toHaveTextContent('Allowed between people who share a group');

    await user.click(within(form).getByRole('button', { name: 'Save private messages' }));
    expect(await screen.findByText('Participants may now write privately only to the care team.')).toHaveAttribute('role', 'status');
    expect(fetch.requests.filter((request) => request.method === 'PATCH').map((request) => request.body)).toEqual([
      { private_messages: 'care_team' },
      { private_messages: 'care_team' },
    ]);
    await waitFor(() => {
      expect(current()).toHaveTextContent('Only with the care team');
    });
    expect(within(form).queryByRole('alert')).toBeNull();
  });

  it('shows the care team the private messages setting without a way to change it', async () => {
    renderApp('/programs/p1', programApi(clinicianAccount));
    const term = await screen.findByText('Private messages between participants', { selector: 'dt' });
    expect(term.nextElementSibling).toHaveTextContent('Allowed between people who share a group');
    expect(screen.queryByRole('form', { name: 'Private messages' })).toBeNull();
  });

  it('lets an admin create a program and takes them to it', async () => {
    const user = userEvent.setup();
    const fetch = programApi(adminAccount, {
      '/api/v1/programs': json({ programs: [] }),
      'POST /api/v1/programs': json(wireProgram(), 201),
    });
    renderApp('/programs', fetch);
    await screen.findByText('No programs yet.');
    const form = screen.getByRole('region', { name: 'Create a program' });
    await user.type(within(form).getByLabelText('Name'), 'Riverbend Virtual IOP');
    await user.selectOptions(within(form).getByLabelText('Time zone'), 'America/Chicago');
    await user.type(within(form).getByLabelText(/^Weekly target in hours/), '9');
    await user.click(within(form).getByRole('button', { name: 'Create program' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Riverbend Virtual IOP' })).toBeInTheDocument();
    expect(fetch.requests.find((request) => request.method === 'POST')?.body).toEqual({
      name: 'Riverbend Virtual IOP',
      slug: 'riverbend-virtual-iop',
      description: '',
      time_zone: 'America/Chicago',
      audience: 'adult',
      targets: { weekly_minutes: 540, daily_minimum_minutes: 180, days_per_week: 3 },
    });
  });
});
