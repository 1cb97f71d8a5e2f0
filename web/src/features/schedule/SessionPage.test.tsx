import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeFetch, json } from '../../testing/fakeFetch';
import { renderApp } from '../../testing/renderApp';
import { averyRef, occurrenceAt } from '../../testing/schedule';
import { clinicianAccount, signedIn } from '../../testing/session';

// Wednesday 25 November 2026, 09:55 in Chicago; the session starts at 10:00.
const now = '2026-11-25T15:55:00Z';
const session = occurrenceAt('o1', '2026-11-25T16:00:00Z', 90);

const attendance = (overrides: Record<string, unknown> = {}) => ({
  person: averyRef,
  status: 'expected',
  minutes: 0,
  first_joined_at: null,
  last_left_at: null,
  connected: false,
  corrected: false,
  correction_reason: null,
  ...overrides,
});

describe('SessionPage', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(now));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('leads a participant to the live session, and records nothing itself', async () => {
    const fetch = fakeFetch({
      ...signedIn(),
      '/api/v1/occurrences/o1': json({ ...session, can_manage: false }),
    });
    renderApp('/sessions/o1', fetch);
    expect(await screen.findByRole('heading', { level: 1, name: 'Evening group' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Mood & Anxiety Group (Evening)' })).toHaveAttribute('href', '/groups/g1');
    expect(screen.queryByRole('heading', { name: 'Manage this session' })).not.toBeInTheDocument();

    expect(screen.getByRole('link', { name: 'Join session' })).toHaveAttribute('href', '/sessions/o1/live');
    expect(screen.queryByRole('button', { name: /Join/ })).not.toBeInTheDocument();
    expect(fetch.requests.filter((request) => request.method === 'POST')).toEqual([]);
  });

  it('tells a guest they are one, and leads them to the live session in the same window as members', async () => {
    renderApp(
      '/sessions/o1',
      fakeFetch({ ...signedIn(), '/api/v1/occurrences/o1': json({ ...session, my_role: 'guest', can_manage: false }) }),
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Evening group' })).toBeInTheDocument();
    const part = screen.getByText('Your invitation').nextElementSibling;
    expect(part).toHaveTextContent(/^Guest You are invited to this one session\./);
    expect(within(part as HTMLElement).getByText('Guest')).toHaveClass('tag');
    // The group's page is for its members: a guest sees its name only.
    expect(screen.getByText('Mood & Anxiety Group (Evening)')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Mood & Anxiety Group (Evening)' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Join session' })).toHaveAttribute('href', '/sessions/o1/live');
    expect(screen.getByText(/^First you check your camera and microphone; then you wait in the waiting room/)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Manage this session' })).not.toBeInTheDocument();
  });

  it('keeps Join closed for a guest until ten minutes before, as for members', async () => {
    const later = occurrenceAt('o2', '2026-11-25T16:06:00Z', 60, { my_role: 'guest' });
    renderApp('/sessions/o2', fakeFetch({ ...signedIn(), '/api/v1/occurrences/o2': json({ ...later, can_manage: false }) }));
    expect(await screen.findByRole('button', { name: 'Join session' })).toBeDisabled();
    expect(screen.queryByRole('link', { name: 'Join session' })).not.toBeInTheDocument();
  });

  it('says when a session has ended, with no way to join it', async () => {
    const earlier = occurrenceAt('o3', '2026-11-25T13:00:00Z', 90);
    renderApp('/sessions/o3', fakeFetch({ ...signedIn(), '/api/v1/occurrences/o3': json({ ...earlier, can_manage: false }) }));
    expect(await screen.findByText('This session has ended.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Join session' })).not.toBeInTheDocument();
  });

  it('shows a moved session’s reason and keeps Join closed until ten minutes before', async () => {
    const later = occurrenceAt('o2', '2026-11-26T16:00:00Z', 90, {
      moved: true,
      original_starts_at: '2026-11-25T16:00:00Z',
      change_reason: 'Moved for the holiday',
    });
    renderApp('/sessions/o2', fakeFetch({ ...signedIn(), '/api/v1/occurrences/o2': json({ ...later, can_manage: false }) }));
    expect(await screen.findByText('Moved for the holiday')).toBeInTheDocument();
    expect(screen.getByText(/It was to start/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Join session' })).toBeDisabled();
    expect(screen.queryByRole('link', { name: 'Join session' })).not.toBeInTheDocument();
  });

  it('lets a manager cancel with a reason, and says who was told', async () => {
    const user = userEvent.setup();
    const fetch = fakeFetch({
      ...signedIn({ account: clinicianAccount }),
      '/api/v1/occurrences/o1': [
        json({ ...session, can_manage: true }),
        json({ ...session, status: 'cancelled', change_reason: 'Facilitator unwell', can_manage: true }),
      ],
      '/api/v1/occurrences/o1/attendance': json({ attendance: [attendance()] }),
      'POST /api/v1/occurrences/o1/cancel': json({ ...session, status: 'cancelled', change_reason: 'Facilitator unwell' }),
    });
    renderApp('/sessions/o1', fetch);
    expect(await screen.findByRole('table', { name: 'Attendance' })).toHaveTextContent('Expected');
    await user.click(screen.getByRole('button', { name: 'Cancel session' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Cancel “Evening group”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel session' }));
    expect(within(dialog).getByText('Give a reason; the members will see it.')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Reason')).toHaveFocus();
    await user.type(within(dialog).getByLabelText('Reason'), 'Facilitator unwell');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel session' }));
    expect(await screen.findByText('The session is cancelled. Its members have been notified.')).toBeInTheDocument();
    expect(await screen.findByText('Facilitator unwell')).toBeInTheDocument();
    expect(fetch.requests.find((request) => request.path.endsWith('/cancel'))?.body).toEqual({
      reason: 'Facilitator unwell',
    });
  });

  it('corrects a row of attendance for the care team', async () => {
    const user = userEvent.setup();
    const fetch = fakeFetch({
      ...signedIn({ account: clinicianAccount }),
      '/api/v1/occurrences/o1': json({ ...session, can_manage: true }),
      '/api/v1/occurrences/o1/attendance': [
        json({ attendance: [attendance()] }),
        json({ attendance: [attendance({ status: 'present', minutes: 90, corrected: true, correction_reason: 'Joined by phone' })] }),
      ],
      'PUT /api/v1/occurrences/o1/attendance/u-avery': json(
        attendance({ status: 'present', minutes: 90, corrected: true, correction_reason: 'Joined by phone' }),
      ),
    });
    renderApp('/sessions/o1', fetch);
    await user.click(await screen.findByRole('button', { name: 'Correct the attendance of Avery M.' }));
    const dialog = screen.getByRole('dialog', { name: 'Correct the attendance of Avery M.' });
    await user.clear(within(dialog).getByLabelText('Minutes attended'));
    await user.type(within(dialog).getByLabelText('Minutes attended'), '90');
    await user.type(within(dialog).getByLabelText('Reason for the correction'), 'Joined by phone');
    await user.click(within(dialog).getByRole('button', { name: 'Save correction' }));
    expect(await screen.findByText('The attendance of Avery M. is corrected.')).toBeInTheDocument();
    expect(await screen.findByText('Corrected: Joined by phone')).toBeInTheDocument();
    expect(fetch.requests.find((request) => request.method === 'PUT')?.body).toEqual({
      status: 'present',
      minutes: 90,
      reason: 'Joined by phone',
    });
  });

  it('says so when the session is not open to the person', async () => {
    renderApp('/sessions/nope', fakeFetch({ ...signedIn(), '/api/v1/occurrences/nope': apiError(404, 'not_found') }));
    expect(await screen.findByText(/There is no such session, or it is not open to you\./)).toBeInTheDocument();
  });
});
