import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, type FakeAnswer } from '../../testing/fakeFetch';
import { renderApp } from '../../testing/renderApp';
import { averyRef, caseyRef, occurrenceAt, priyaRef, wireEnrollment, wireGroup, wireProgram } from '../../testing/schedule';
import { clinicianAccount, signedIn } from '../../testing/session';
import { rangeQuery } from '../schedule/occurrences';

const therapy = wireGroup({
  id: 'g1',
  name: 'Evening Group',
  kind: 'therapy',
  capacity: 8,
  seats_taken: 1,
  membership: 'closed',
  tags: [],
  facilitator: priyaRef,
});

// The page asks for the sessions from three hours ago for eight weeks; the clock is fixed.
const now = Date.parse('2026-11-25T15:55:00Z');
const from = now - 3 * 3600_000;
const occurrencesPath = `/api/v1/groups/g1/occurrences?${rangeQuery(from, from + 56 * 86_400_000)}`;

function api(extra: Record<string, FakeAnswer | FakeAnswer[]> = {}) {
  return fakeFetch({
    ...signedIn({ account: clinicianAccount }),
    '/api/v1/groups/g1': json(therapy),
    '/api/v1/programs/p1': json(wireProgram()),
    '/api/v1/groups/g1/members': json({
      members: [
        {
          person: averyRef,
          state: 'member',
          requested_at: '2026-11-20T10:00:00.000Z',
          joined_at: '2026-11-20T10:00:00.000Z',
          position: null,
        },
      ],
    }),
    '/api/v1/programs/p1/enrollments': json({
      enrollments: [wireEnrollment(averyRef), wireEnrollment(caseyRef)],
    }),
    [occurrencesPath]: json({
      occurrences: [occurrenceAt('o1', '2026-12-07T00:00:00Z', 90, { title: 'Evening Group' })],
    }),
    ...extra,
  });
}

const seriesAnswer = (stored: boolean) =>
  json(
    {
      series: stored ? { id: 's1', rrule: 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4' } : null,
      occurrences: [
        occurrenceAt('n1', '2026-12-01T00:00:00Z', 90),
        occurrenceAt('n2', '2026-12-03T00:00:00Z', 90),
        occurrenceAt('n3', '2026-12-08T00:00:00Z', 90),
        occurrenceAt('n4', '2026-12-10T00:00:00Z', 90),
      ],
      clashes: [
        {
          person: caseyRef,
          as: 'participant',
          occurrence: {
            id: 'x1',
            title: 'DBT skills',
            group_name: 'DBT Skills Workshop',
            starts_at: '2026-12-01T00:30:00.000Z',
            ends_at: '2026-12-01T01:30:00.000Z',
          },
          new_starts_at: '2026-12-01T00:00:00.000Z',
        },
      ],
    },
    stored ? 201 : 200,
  );

describe('GroupPage for a manager', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows the group, its upcoming sessions linked to their pages, and its members', async () => {
    renderApp('/groups/g1', api());
    expect(await screen.findByRole('heading', { level: 1, name: 'Evening Group' })).toBeInTheDocument();
    expect(screen.getByText('1 of 8 taken')).toBeInTheDocument();
    expect(screen.getByText('Dr. Priya Shah (she/her)')).toBeInTheDocument();
    const upcoming = screen.getByRole('region', { name: 'Upcoming sessions' });
    expect(await within(upcoming).findByRole('link', { name: 'Evening Group' })).toHaveAttribute('href', '/sessions/o1');
    const members = await screen.findByRole('table', { name: 'Members, waiting list and requests' });
    expect(members).toHaveTextContent('Avery M.');
  });

  it('assigns a participant from the program’s enrollments', async () => {
    const user = userEvent.setup();
    const fetch = api({
      'PUT /api/v1/groups/g1/members/u-casey': json({
        person: caseyRef,
        state: 'member',
        requested_at: '2026-11-25T10:00:00.000Z',
        joined_at: '2026-11-25T10:00:00.000Z',
        position: null,
      }),
    });
    renderApp('/groups/g1', fetch);
    const select = await screen.findByLabelText('Participant');
    expect(within(select).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Choose a participant',
      'Casey R.',
    ]);
    await user.selectOptions(select, 'u-casey');
    await user.click(screen.getByRole('button', { name: 'Assign' }));
    expect(await screen.findByText('Casey R. is now a member.')).toBeInTheDocument();
    expect(fetch.requests.some((request) => request.method === 'PUT')).toBe(true);
  });

  it('previews a weekly series with its clashes, then creates it', async () => {
    const user = userEvent.setup();
    const fetch = api({ 'POST /api/v1/groups/g1/series': [seriesAnswer(false), seriesAnswer(true)] });
    renderApp('/groups/g1', fetch);
    const section = await screen.findByRole('region', { name: 'Schedule sessions' });
    const field = (name: string) => within(section).getByLabelText(name);
    await user.clear(field('Date of the first session'));
    await user.type(field('Date of the first session'), '2026-11-30');
    await user.clear(field('Start time'));
    await user.type(field('Start time'), '18:00');
    await user.click(within(section).getByRole('radio', { name: 'Weekly' }));
    await user.click(within(section).getByRole('checkbox', { name: 'Wednesday' }));
    await user.clear(field('Number of sessions'));
    await user.type(field('Number of sessions'), '4');
    await user.click(within(section).getByRole('button', { name: 'Preview' }));

    expect(await within(section).findByRole('heading', { name: 'Preview: 4 sessions' })).toHaveFocus();
    expect(section).toHaveTextContent(/Casey R\. is already attending “DBT skills” \(DBT Skills Workshop\)/);
    const posts = () => fetch.requests.filter((request) => request.method === 'POST');
    expect(posts()[0]?.body).toEqual({
      title: 'Evening Group',
      start: '2026-11-30T18:00',
      time_zone: 'America/Chicago',
      duration_minutes: 90,
      repeat: { weekdays: ['MO', 'WE'], interval_weeks: 1, count: 4 },
      preview: true,
    });

    await user.click(within(section).getByRole('button', { name: 'Create 4 sessions' }));
    expect(await within(section).findByText(/4 sessions are scheduled\./)).toBeInTheDocument();
    expect(posts()[1]?.body).not.toHaveProperty('preview');
    expect(within(section).getByRole('button', { name: 'Preview' })).toBeInTheDocument();
  });

  it('puts a field the server refuses on that field', async () => {
    const user = userEvent.setup();
    renderApp(
      '/groups/g1',
      api({
        'POST /api/v1/groups/g1/series': json(
          { error: { code: 'invalid_argument', message: 'That local time does not exist.', field: 'start' } },
          422,
        ),
      }),
    );
    const section = await screen.findByRole('region', { name: 'Schedule sessions' });
    await user.click(within(section).getByRole('button', { name: 'Preview' }));
    const date = within(section).getByLabelText('Date of the first session');
    expect(await within(section).findByText('That local time does not exist.')).toBeInTheDocument();
    expect(date).toHaveAttribute('aria-invalid', 'true');
    expect(date).toHaveFocus();
  });
});
