import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json } from '../../testing/fakeFetch';
import { renderApp } from '../../testing/renderApp';
import { signedIn } from '../../testing/session';

const programs = {
  programs: [
    {
      id: 'p1',
      slug: 'evening-iop',
      name: 'Evening IOP',
      description: 'Three evenings a week.',
      time_zone: 'America/Chicago',
      groups: [
        { id: 'g1', slug: 'skills', name: 'Skills group', description: 'DBT skills.', kind: 'therapy', capacity: 8 },
        { id: 'g2', slug: 'peers', name: 'Peer circle', description: '', kind: 'peer_support', capacity: 12 },
      ],
    },
  ],
};

const unavailable = json({ error: { code: 'unavailable', message: 'The database is not ready.' } }, 503);

describe('ProgramOverview on the home page', () => {
  it('shows a loading status, then each program with its groups', async () => {
    renderApp('/', fakeFetch({ ...signedIn(), '/api/v1/programs': json(programs) }));
    expect(await screen.findByText('Loading programs…')).toBeInTheDocument();

    const program = await screen.findByRole('article', { name: 'Evening IOP' });
    expect(screen.queryByText('Loading programs…')).not.toBeInTheDocument();
    expect(within(program).getByText('Three evenings a week.')).toBeInTheDocument();
    expect(within(program).getByText(/America\/Chicago/)).toBeInTheDocument();

    const groups = within(program).getAllByRole('listitem');
    expect(groups).toHaveLength(2);
    expect(groups[0]).toHaveTextContent('Skills group');
    expect(groups[0]).toHaveTextContent('Therapy group');
    expect(groups[0]).toHaveTextContent('Up to 8 participants');
    expect(groups[1]).toHaveTextContent('Peer support group');
    expect(groups[1]).toHaveTextContent('Up to 12 participants');
  });

  it('says so when there are no programs', async () => {
    renderApp('/', fakeFetch({ ...signedIn(), '/api/v1/programs': json({ programs: [] }) }));
    expect(await screen.findByText('No programs have been set up yet.')).toBeInTheDocument();
  });

  it('shows the server error in an alert and recovers on retry', async () => {
    const user = userEvent.setup();
    const fetch = fakeFetch({ ...signedIn(), '/api/v1/programs': [unavailable, json(programs)] });
    renderApp('/', fetch);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not load the programs.');
    expect(alert).toHaveTextContent('The database is not ready.');

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('article', { name: 'Evening IOP' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Programs' })).toHaveFocus();
    expect(fetch.calls.filter((path) => path === '/api/v1/programs')).toHaveLength(2);
  });

  it('reports an unreachable server', async () => {
    renderApp('/', fakeFetch({ ...signedIn(), '/api/v1/programs': new TypeError('Failed to fetch') }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not reach the Hearth server');
  });
});
