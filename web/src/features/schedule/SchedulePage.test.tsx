import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json } from '../../testing/fakeFetch';
import { renderApp } from '../../testing/renderApp';
import { occurrenceAt } from '../../testing/schedule';
import { signedIn } from '../../testing/session';

// Wednesday 25 November 2026, 09:55 in Chicago (the account's zone in testing/session.ts).
const now = '2026-11-25T15:55:00Z';
const thisWeek =
  '/api/v1/me/schedule?from=2026-11-23T06%3A00%3A00.000Z&to=2026-11-30T06%3A00%3A00.000Z';
const nextWeek =
  '/api/v1/me/schedule?from=2026-11-30T06%3A00%3A00.000Z&to=2026-12-07T06%3A00%3A00.000Z';

const schedule = {
  time_zone: 'America/Chicago',
  occurrences: [
    occurrenceAt('o-now', '2026-11-25T16:00:00Z', 90),
    occurrenceAt('o-later', '2026-11-26T16:00:00Z', 90, { title: 'Skills workshop' }),
    // Thursday 18:00 in Chicago is Friday 00:00 UTC: it belongs in Thursday's column.
    occurrenceAt('o-moved', '2026-11-27T00:00:00Z', 60, {
      title: 'Peer circle',
      moved: true,
      change_reason: 'Moved for the holiday',
    }),
  ],
};

const progress = {
  weeks: [
    {
      program: { id: 'p1', name: 'Riverbend Virtual IOP' },
      week_start: '2026-11-23',
      targets: { weekly_minutes: 540, daily_minimum_minutes: 180, days_per_week: 3 },
      attended_minutes: 270,
      minutes_by_day: [180, 90, 0, 0, 0, 0, 0],
      days_meeting_minimum: 1,
      meets_weekly_target: false,
      meets_days_target: false,
      minutes_short: 270,
      days_short: 2,
      scheduled_minutes_left: 270,
    },
  ],
};

function api(extra: Parameters<typeof fakeFetch>[0] = {}) {
  return fakeFetch({
    ...signedIn(),
    [thisWeek]: json(schedule),
    [nextWeek]: json({ time_zone: 'America/Chicago', occurrences: [] }),
    '/api/v1/me/progress?week=2026-11-23': json(progress),
    '/api/v1/me/progress?week=2026-11-30': json({ weeks: [] }),
    'GET /api/v1/me/calendar-feed': json({ active: false, created_at: null }),
    ...extra,
  });
}

describe('SchedulePage', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(now));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows the week as a table with a column per day, in the viewer’s zone', async () => {
    renderApp('/schedule', api());
    const table = await screen.findByRole('table', { name: /^Your sessions, week of/ });
    expect(within(table).getAllByRole('columnheader')).toHaveLength(7);
    const cells = within(table).getAllByRole('cell');
    expect(cells).toHaveLength(7);
    expect(cells[2]).toHaveTextContent('Evening group');
    expect(cells[3]).toHaveTextContent('Skills workshop');
    expect(cells[3]).toHaveTextContent('Peer circle');
    expect(cells[4]).toHaveTextContent('No sessions');
    expect(within(table).getAllByRole('columnheader')[2]).toHaveTextContent('(today)');
    expect(cells[3]).toHaveTextContent('Moved');
    expect(cells[3]).toHaveTextContent('Moved for the holiday');
  });

  it('opens Join ten minutes before the start and not earlier', async () => {
    renderApp('/schedule', api());
    const join = await screen.findByRole('link', { name: 'Join Evening group' });
    expect(join).toHaveAttribute('href', '/sessions/o-now');
    expect(screen.getByRole('button', { name: 'Join Skills workshop' })).toBeDisabled();
  });

  it('marks the sessions one is invited to as a guest, with Join as for the others', async () => {
    const invited = occurrenceAt('o-family', '2026-11-25T16:00:00Z', 60, { title: 'Family session', my_role: 'guest' });
    renderApp('/schedule', api({ [thisWeek]: json({ ...schedule, occurrences: [...schedule.occurrences, invited] }) }));
    const table = await screen.findByRole('table', { name: /^Your sessions, week of/ });
    const family = within(table).getByRole('link', { name: 'Family session' }).closest('.session');
    expect(family).toHaveTextContent('Guest invited to this session');
    expect(within(family as HTMLElement).getByRole('link', { name: 'Join Family session' })).toHaveAttribute(
      'href',
      '/sessions/o-family',
    );
    const member = within(table).getByRole('link', { name: 'Evening group' }).closest('.session');
    expect(member).not.toHaveTextContent('Guest');
  });

  it('switches to an agenda and moves between weeks', async () => {
    const user = userEvent.setup();
    const fetch = api();
    renderApp('/schedule', fetch);
    await screen.findByRole('table', { name: /^Your sessions/ });

    await user.click(screen.getByRole('button', { name: 'Agenda' }));
    expect(screen.getByRole('button', { name: 'Agenda' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.queryByRole('table', { name: /^Your sessions/ })).not.toBeInTheDocument();
    const days = screen.getAllByRole('heading', { level: 3 }).filter((heading) => /November/.test(heading.textContent));
    expect(days).toHaveLength(2);
    expect(days[0]).toHaveTextContent('(today)');

    await user.click(screen.getByRole('button', { name: 'Next week' }));
    expect(await screen.findByText('No sessions this week.')).toBeInTheDocument();
    expect(fetch.calls).toContain(nextWeek);
    expect(screen.getByText(/week of .*: no sessions\./i)).toHaveAttribute('aria-live', 'polite');
  });

  it('shows progress in words, with a day-by-day list', async () => {
    renderApp('/schedule', api());
    expect(await screen.findByText('4 h 30 min of 9 h this week — 1 of 3 days at 3 h')).toBeInTheDocument();
    const region = screen.getByRole('region', { name: 'My progress' });
    const items = within(region).getAllByRole('listitem');
    expect(items).toHaveLength(7);
    expect(items[0]).toHaveTextContent('3 hours');
    expect(items[0]).toHaveTextContent('reached the 3 h minimum');
    expect(items[1]).toHaveTextContent('1 hour 30 minutes');
    expect(items[1]).not.toHaveTextContent('reached');
  });

  it('makes a private calendar link, shown once, and explains who can see it', async () => {
    const user = userEvent.setup();
    const fetch = api({
      'GET /api/v1/me/calendar-feed': [
        json({ active: false, created_at: null }),
        json({ active: true, created_at: '2026-11-25T15:55:00.000Z' }),
      ],
      'POST /api/v1/me/calendar-feed': json(
        { url: 'http://localhost/api/v1/calendar/secret.ics', created_at: '2026-11-25T15:55:00.000Z' },
        201,
      ),
    });
    renderApp('/schedule', fetch);
    const section = await screen.findByRole('region', { name: 'Calendar feed' });
    expect(section).toHaveTextContent('Anyone who has the link can see your session titles and times');
    expect(section).toHaveTextContent('Making a new link stops the old one');
    await user.click(await within(section).findByRole('button', { name: 'Make a calendar link' }));
    expect(await within(section).findByRole('textbox', { name: 'Calendar link' })).toHaveValue(
      'http://localhost/api/v1/calendar/secret.ics',
    );
    expect(within(section).getByRole('heading', { name: 'Your new calendar link' })).toHaveFocus();
    expect(await within(section).findByRole('button', { name: 'Turn off' })).toBeInTheDocument();
  });
});
