import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, noContentAnswer } from '../../testing/fakeFetch';
import { renderApp } from '../../testing/renderApp';
import { signedIn } from '../../testing/session';
import { unreadPollMs } from './NotificationsContext';

const unreadPath = '/api/v1/me/notifications/unread-count';

const list = {
  notifications: [
    {
      id: 'n1',
      kind: 'reminder',
      text: 'Evening group starts in 15 minutes.',
      occurrence_id: 'o1',
      group_id: 'g1',
      created_at: '2026-11-25T15:45:00.000Z',
      read: false,
    },
    {
      id: 'n2',
      kind: 'cancelled',
      text: 'Skills workshop on Thursday is cancelled: facilitator unwell.',
      occurrence_id: 'o2',
      group_id: 'g2',
      created_at: '2026-11-25T16:00:00.000Z',
      read: false,
    },
    {
      id: 'n0',
      kind: 'joined',
      text: 'You have a seat in Peer circle.',
      occurrence_id: null,
      group_id: 'g3',
      created_at: '2026-11-20T10:00:00.000Z',
      read: true,
    },
  ],
  unread: 2,
};

function api(extra: Parameters<typeof fakeFetch>[0] = {}) {
  return fakeFetch({
    ...signedIn(),
    '/api/v1/programs': json({ programs: [] }),
    [`GET ${unreadPath}`]: json({ unread: 2 }),
    '/api/v1/me/notifications?limit=10': json(list),
    '/api/v1/me/notifications?limit=50': json(list),
    ...extra,
  });
}

describe('the notification centre', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows the unread count in the button’s name and lists notifications newest first', async () => {
    const user = userEvent.setup();
    renderApp('/', api());
    const button = await screen.findByRole('button', { name: 'Notifications, 2 unread' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const panel = screen.getByRole('region', { name: 'Notifications' });
    expect(within(panel).getByRole('heading', { name: 'Notifications' })).toHaveFocus();
    const items = await within(panel).findAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringContaining('Skills workshop on Thursday is cancelled'),
      expect.stringContaining('Evening group starts in 15 minutes.'),
      expect.stringContaining('You have a seat in Peer circle.'),
    ]);
    expect(within(items[0] as HTMLElement).getByRole('link', { name: 'Open the session' })).toHaveAttribute(
      'href',
      '/sessions/o2',
    );
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Notifications' })).not.toBeInTheDocument();
    expect(button).toHaveFocus();
  });

  it('shows a guest’s invitation with the way to its session, and a withdrawn one without', async () => {
    const invitations = {
      notifications: [
        {
          id: 'n4',
          kind: 'session_invitation_withdrawn',
          text: 'Your invitation to Family session on Thu 26 Nov 2026, 18:00 was withdrawn.',
          occurrence_id: null,
          group_id: null,
          created_at: '2026-11-25T17:00:00.000Z',
          read: false,
        },
        {
          id: 'n3',
          kind: 'session_invited',
          text: 'You are invited as a guest to Family session: Thu 26 Nov 2026, 18:00',
          occurrence_id: 'o4',
          group_id: 'g1',
          created_at: '2026-11-25T16:30:00.000Z',
          read: false,
        },
      ],
      unread: 2,
    };
    renderApp('/notifications', api({ '/api/v1/me/notifications?limit=50': json(invitations) }));
    const invited = (await screen.findByText(/^You are invited as a guest/)).closest('li');
    const withdrawn = screen.getByText(/^Your invitation to Family session/).closest('li');
    expect(invited).toHaveTextContent('You are invited as a guest to Family session: Thu 26 Nov 2026, 18:00');
    expect(within(invited as HTMLElement).getByRole('link', { name: 'Open the session' })).toHaveAttribute(
      'href',
      '/sessions/o4',
    );
    expect(withdrawn).toHaveTextContent('Your invitation to Family session on Thu 26 Nov 2026, 18:00 was withdrawn.');
    expect(within(withdrawn as HTMLElement).queryByRole('link')).not.toBeInTheDocument();
  });

  it('marks one and then all as read, and the count follows', async () => {
    const user = userEvent.setup();
    const fetch = api({
      [`GET ${unreadPath}`]: [json({ unread: 2 }), json({ unread: 1 }), json({ unread: 0 })],
      'POST /api/v1/me/notifications/n1/read': noContentAnswer(),
      'POST /api/v1/me/notifications/read-all': json({ marked: 1 }),
    });
    renderApp('/notifications', fetch);
    await user.click(await screen.findByRole('button', { name: 'Mark read: Evening group starts in 15 minutes.' }));
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
    expect(screen.getByText('Evening group starts in 15 minutes.').closest('li')).toHaveFocus();
    expect(fetch.requests.find((request) => request.path.endsWith('/n1/read'))?.headers.get('X-CSRF-Token')).toBe(
      'csrf-1',
    );

    await user.click(screen.getByRole('button', { name: 'Mark all read' }));
    expect(await screen.findByText('1 notification marked as read.')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Notifications, none unread' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Mark read/ })).not.toBeInTheDocument();
  });

  it('polls the count every 30 seconds and announces only a rise, politely', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const fetch = api({ [`GET ${unreadPath}`]: [json({ unread: 2 }), json({ unread: 2 }), json({ unread: 3 })] });
    renderApp('/about', fetch);
    const advance = async (ms: number) => {
      await act(async () => {
        await vi.advanceTimersByTimeAsync(ms);
      });
    };
    // The session loads first; the first count is asked for once it has.
    await advance(1000);
    await advance(1000);
    expect(screen.getByRole('button', { name: 'Notifications, 2 unread' })).toBeInTheDocument();
    await advance(unreadPollMs);
    expect(screen.getByRole('button', { name: 'Notifications, 2 unread' })).toBeInTheDocument();
    expect(screen.queryByText(/unread notifications?\./)).not.toBeInTheDocument();
    await advance(unreadPollMs);
    expect(screen.getByRole('button', { name: 'Notifications, 3 unread' })).toBeInTheDocument();
    expect(screen.getByText('You have 3 unread notifications.')).toHaveAttribute('aria-live', 'polite');
    expect(fetch.calls.filter((path) => path === unreadPath)).toHaveLength(3);
  });
});
