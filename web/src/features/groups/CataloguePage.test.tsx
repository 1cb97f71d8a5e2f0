import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json, noContentAnswer } from '../../testing/fakeFetch';
import { renderApp } from '../../testing/renderApp';
import { averyRef, wireGroup } from '../../testing/schedule';
import { signedIn } from '../../testing/session';

const peer = wireGroup();
const closed = wireGroup({
  id: 'g3',
  name: 'Grief Circle',
  kind: 'peer_support',
  membership: 'closed',
  tags: ['grief'],
  seats_taken: 3,
  capacity: 8,
});

describe('CataloguePage', () => {
  it('offers the right action for each group and says how many seats are left', async () => {
    renderApp('/groups', fakeFetch({ ...signedIn(), '/api/v1/catalogue': json({ groups: [peer, closed] }) }));
    const card = await screen.findByRole('article', { name: 'Young Adults Peer Support' });
    expect(card).toHaveTextContent('1 of 12 seats left');
    expect(within(card).getByRole('button', { name: 'Join: Young Adults Peer Support' })).toBeInTheDocument();
    const grief = screen.getByRole('article', { name: 'Grief Circle' });
    expect(grief).toHaveTextContent('Ask to join; the facilitators decide');
    expect(within(grief).getByRole('button', { name: 'Ask to join: Grief Circle' })).toBeInTheDocument();
  });

  it('filters by kind and topic', async () => {
    const user = userEvent.setup();
    const fetch = fakeFetch({
      ...signedIn(),
      '/api/v1/catalogue': json({ groups: [peer, closed] }),
      '/api/v1/catalogue?kind=peer_support&tag=grief': json({ groups: [closed] }),
    });
    renderApp('/groups', fetch);
    await screen.findByRole('article', { name: 'Grief Circle' });
    await user.selectOptions(screen.getByLabelText('Kind'), 'peer_support');
    await user.type(screen.getByLabelText('Topic'), 'grief');
    await user.click(screen.getByRole('button', { name: 'Show groups' }));
    await waitFor(() => {
      expect(screen.queryByRole('article', { name: 'Young Adults Peer Support' })).not.toBeInTheDocument();
    });
    expect(screen.getByRole('article', { name: 'Grief Circle' })).toHaveTextContent('5 of 8 seats left');
    expect(fetch.calls).toContain('/api/v1/catalogue?kind=peer_support&tag=grief');
  });

  it('shows the server’s message when the last seat went meanwhile, and then offers the waiting list', async () => {
    const user = userEvent.setup();
    const full = { ...peer, seats_taken: 12 };
    const fetch = fakeFetch({
      ...signedIn(),
      '/api/v1/catalogue': [json({ groups: [peer] }), json({ groups: [full] })],
      'POST /api/v1/groups/g2/join': json(
        { error: { code: 'conflict', message: 'The group is full; join the waiting list.' } },
        409,
      ),
      'POST /api/v1/groups/g2/waitlist': json({
        person: averyRef,
        state: 'waiting',
        requested_at: '2026-11-25T16:00:00.000Z',
        joined_at: null,
        position: 1,
      }),
    });
    renderApp('/groups', fetch);
    await user.click(await screen.findByRole('button', { name: 'Join: Young Adults Peer Support' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The group is full; join the waiting list.');
    expect(alert).toHaveFocus();
    const waitlist = await screen.findByRole('button', { name: 'Join waiting list: Young Adults Peer Support' });
    expect(screen.getByRole('article', { name: 'Young Adults Peer Support' })).toHaveTextContent('Full');

    await user.click(waitlist);
    expect(
      await screen.findByText('You are number 1 on the waiting list for Young Adults Peer Support.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('asks before leaving a group', async () => {
    const user = userEvent.setup();
    const member = { ...peer, my_place: 'member' };
    const fetch = fakeFetch({
      ...signedIn(),
      '/api/v1/catalogue': [json({ groups: [member] }), json({ groups: [peer] })],
      'DELETE /api/v1/groups/g2/members/u-avery': noContentAnswer(),
    });
    renderApp('/groups', fetch);
    const card = await screen.findByRole('article', { name: 'Young Adults Peer Support' });
    expect(card).toHaveTextContent('You are a member.');
    await user.click(within(card).getByRole('button', { name: 'Leave group: Young Adults Peer Support' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Leave group: Young Adults Peer Support?' });
    await user.click(within(dialog).getByRole('button', { name: 'Leave group' }));
    expect(await screen.findByText('You left Young Adults Peer Support.')).toBeInTheDocument();
    expect(fetch.requests.some((request) => request.method === 'DELETE')).toBe(true);
    expect(await screen.findByRole('heading', { name: 'Young Adults Peer Support' })).toHaveFocus();
  });
});
