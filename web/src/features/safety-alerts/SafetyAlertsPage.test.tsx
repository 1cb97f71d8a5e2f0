import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, fakeFetch, json, type FakeAnswer } from '../../testing/fakeFetch';
import { fakeSockets } from '../../testing/fakeSocket';
import { renderApp } from '../../testing/renderApp';
import { clinicianAccount, signedIn } from '../../testing/session';

/** The `index`-th element, or a failure naming what was missing. */
function nth(elements: HTMLElement[], index: number): HTMLElement {
  const element = elements[index];
  if (!element) throw new Error(`no element ${index} of ${elements.length}`);
  return element;
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

function wireAlert(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    participant_id: 'u-avery',
    participant_name: 'Avery M.',
    program_id: 'p1',
    program_name: 'Riverbend Virtual IOP',
    room_id: 'room_g',
    room_kind: 'group',
    room_name: 'Mood & Anxiety Group (Evening)',
    message_id: `m-${id}`,
    category: 'suicidal_thoughts',
    created_at: minutesAgo(5),
    acknowledged: false,
    ...overrides,
  };
}

const blakeAlert = wireAlert('al_2', {
  participant_id: 'u-blake',
  participant_name: 'Blake R.',
  category: 'self_harm',
  created_at: minutesAgo(2),
});

/** The page as Priya, with her socket connected; `table` answers the API. */
async function alertsPage(table: Record<string, FakeAnswer | FakeAnswer[]>, path = '/safety-alerts') {
  const sockets = fakeSockets();
  const fetch = fakeFetch({ ...signedIn({ account: clinicianAccount }), ...table });
  renderApp(path, fetch, { createSocket: sockets.create });
  await screen.findByRole('heading', { level: 1, name: 'Safety alerts' });
  await waitFor(() => {
    expect(sockets.made.length).toBeGreaterThan(0);
  });
  const socket = sockets.at(-1);
  await act(async () => {
    socket.accept('u-priya');
    await Promise.resolve();
  });
  return { fetch, socket, sockets };
}

const primary = () => screen.getByRole('navigation', { name: 'Primary' });
const openList = () => screen.findByRole('list', { name: 'Open safety alerts' });

describe('SafetyAlertsPage', () => {
  it('lists the open alerts with who, where, what kind and when, and counts them in the navigation', async () => {
    await alertsPage({ 'GET /api/v1/safety-alerts?status=open': json({ alerts: [blakeAlert, wireAlert('al_1')] }) });
    const list = await openList();
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(nth(items, 0)).getByRole('heading', { level: 2 })).toHaveTextContent('Blake R.: Self-harm');
    const avery = nth(items, 1);
    expect(within(avery).getByRole('heading', { level: 2 })).toHaveTextContent('Avery M.: Suicidal thoughts');
    expect(avery).toHaveTextContent('WhereMood & Anxiety Group (Evening), Riverbend Virtual IOP');
    expect(avery).toHaveTextContent('5 minutes ago (');
    expect(avery).toHaveTextContent('Open: no one has acknowledged it yet');
    expect(within(avery).getByRole('button', { name: 'Acknowledge the alert for Avery M.' })).toBeEnabled();
    expect(within(avery).getByRole('link', { name: /Open the room/ })).toHaveAttribute('href', '/chat/room_g');
    expect(screen.getByText('2 open alerts, newest first.')).toBeInTheDocument();
    expect(within(primary()).getByRole('link', { name: 'Safety alerts, 2 open' })).toHaveAttribute('href', '/safety-alerts');
  });

  it('acknowledges an alert through the API; it leaves the open list and focus moves to the next', async () => {
    const user = userEvent.setup();
    const { fetch } = await alertsPage({
      'GET /api/v1/safety-alerts?status=open': json({ alerts: [blakeAlert, wireAlert('al_1')] }),
      'POST /api/v1/safety-alerts/al_2/acknowledge': json({
        alert: {
          ...blakeAlert,
          acknowledged: true,
          acknowledged_by: 'u-priya',
          acknowledged_by_name: 'Priya Shah',
          acknowledged_at: new Date().toISOString(),
        },
      }),
    });
    const list = await openList();
    await user.click(within(list).getByRole('button', { name: 'Acknowledge the alert for Blake R.' }));

    await waitFor(() => {
      expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    });
    const request = fetch.requests.find((r) => r.path === '/api/v1/safety-alerts/al_2/acknowledge');
    expect(request?.method).toBe('POST');
    expect(request?.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(screen.getByRole('heading', { level: 2, name: /Avery M\./ })).toHaveFocus();
    expect(within(primary()).getByRole('link', { name: 'Safety alerts, 1 open' })).toBeInTheDocument();
    expect(screen.getByText(/Acknowledged the alert for Blake R\./)).toBeInTheDocument();
  });

  it('says why when the acknowledgement is refused, and keeps the alert', async () => {
    const user = userEvent.setup();
    await alertsPage({
      'GET /api/v1/safety-alerts?status=open': json({ alerts: [wireAlert('al_1')] }),
      'POST /api/v1/safety-alerts/al_1/acknowledge': apiError(404, 'not_found', 'No such alert.'),
    });
    const list = await openList();
    await user.click(within(list).getByRole('button', { name: /Acknowledge/ }));
    expect(await within(list).findByRole('alert')).toHaveTextContent('only the program’s current clinicians');
    expect(within(list).getByRole('button', { name: /Acknowledge/ })).toBeEnabled();
  });

  it('adds an alert raised live, announces it politely, and drops it when a colleague acknowledges it', async () => {
    const { socket } = await alertsPage({
      'GET /api/v1/safety-alerts?status=open': [
        json({ alerts: [] }),
        json({
          alerts: [wireAlert('al_9', { participant_name: 'Casey', category: 'overdose', created_at: new Date().toISOString() })],
        }),
      ],
    });
    expect(await screen.findByText(/No open safety alerts/)).toBeInTheDocument();
    expect(within(primary()).getByRole('link', { name: 'Safety alerts' })).toBeInTheDocument();

    await act(async () => {
      socket.frame({
        type: 'safety_alert_raised',
        alert: {
          id: 'al_9',
          participant_id: 'u-casey',
          participant_name: 'Casey',
          program_id: 'p1',
          room_id: 'room_g',
          message_id: 'm9',
          category: 'overdose',
          priority: 'high',
          created_at: new Date().toISOString(),
        },
      });
      await Promise.resolve();
    });
    const list = await openList();
    expect(within(list).getByRole('heading', { level: 2 })).toHaveTextContent('Casey: Overdose');
    expect(within(list).getByRole('heading', { level: 2 })).toHaveTextContent('New');
    // The names the event lacks arrive with the list, read again.
    expect(await within(list).findByText('Mood & Anxiety Group (Evening), Riverbend Virtual IOP')).toBeInTheDocument();
    expect(screen.getByText('New safety alert: Casey wrote about overdose.')).toHaveAttribute('aria-live', 'polite');
    expect(within(primary()).getByRole('link', { name: 'Safety alerts, 1 open' })).toBeInTheDocument();
    // The list is the notice on this page: no banner besides.
    expect(screen.queryByText('Safety alert', { selector: '.notice__title' })).not.toBeInTheDocument();

    await act(async () => {
      socket.frame({
        type: 'safety_alert_acknowledged',
        alert_id: 'al_9',
        acknowledged_by: 'u-sam',
        acknowledged_by_name: 'Sam Okafor',
        acknowledged_at: new Date().toISOString(),
      });
      await Promise.resolve();
    });
    expect(await screen.findByText(/No open safety alerts/)).toBeInTheDocument();
    expect(screen.getByText('Sam Okafor acknowledged a safety alert.')).toBeInTheDocument();
    expect(within(primary()).getByRole('link', { name: 'Safety alerts' })).toBeInTheDocument();
  });

  it('clears the banner on other pages when the alert is acknowledged, and links to this page', async () => {
    const user = userEvent.setup();
    const { socket } = await alertsPage(
      {
        'GET /api/v1/safety-alerts?status=open': json({ alerts: [] }),
        '/api/v1/programs': json({ programs: [] }),
      },
      '/safety-alerts',
    );
    await user.click(within(primary()).getByRole('link', { name: 'Home' }));
    await act(async () => {
      socket.frame({
        type: 'safety_alert_raised',
        alert: { id: 'al_5', participant_name: 'Casey', room_id: 'room_g', category: 'farewell', created_at: new Date().toISOString() },
      });
      await Promise.resolve();
    });
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('Casey wrote about a goodbye message');
    expect(within(banner).getByRole('link', { name: 'See safety alerts' })).toHaveAttribute('href', '/safety-alerts');
    await act(async () => {
      socket.frame({
        type: 'safety_alert_acknowledged',
        alert_id: 'al_5',
        acknowledged_by: 'u-sam',
        acknowledged_by_name: 'Sam Okafor',
        acknowledged_at: new Date().toISOString(),
      });
      await Promise.resolve();
    });
    await waitFor(() => {
      expect(screen.queryByText(/Casey wrote about/)).not.toBeInTheDocument();
    });
  });

  it('reads the alerts again after a reconnect to a fresh stream, and not after one that resumed it', async () => {
    const { fetch, sockets } = await alertsPage({ 'GET /api/v1/safety-alerts?status=open': json({ alerts: [] }) });
    expect(await screen.findByText(/No open safety alerts/)).toBeInTheDocument();
    const reads = () => fetch.calls.filter((path) => path === '/api/v1/safety-alerts?status=open').length;
    /** Drops the newest socket and waits for the connection's next one (about half a second). */
    const reconnect = async () => {
      const dropped = sockets.at(-1);
      act(() => {
        dropped.drop();
      });
      await waitFor(
        () => {
          expect(sockets.at(-1)).not.toBe(dropped);
        },
        { timeout: 2_000 },
      );
      return sockets.at(-1);
    };
    const streamId = 'f'.repeat(32);

    const readBefore = reads();
    const fresh = await reconnect();
    await act(async () => {
      fresh.numberFrom(1).accept('u-priya', { connection_id: streamId, resumed: false });
      await Promise.resolve();
    });
    await waitFor(() => {
      expect(reads()).toBeGreaterThan(readBefore);
    });

    const readAfterFresh = reads();
    const resumed = await reconnect();
    expect(resumed.url).toContain(`resume=${streamId}&after=1`);
    await act(async () => {
      resumed.open();
      resumed.numberFrom(2).frame({
        type: 'safety_alert_acknowledged',
        alert_id: 'al_0',
        acknowledged_by: 'u-sam',
        acknowledged_by_name: 'Sam Okafor',
        acknowledged_at: new Date().toISOString(),
      });
      resumed.accept('u-priya', { connection_id: streamId, resumed: true });
      await Promise.resolve();
    });
    // The event missed while away came in the replay, and the list was not read again for it.
    expect(await screen.findByText('Sam Okafor acknowledged a safety alert.')).toBeInTheDocument();
    expect(reads()).toBe(readAfterFresh);
  });

  it('shows every alert on request, with who acknowledged each and when', async () => {
    const user = userEvent.setup();
    await alertsPage({
      'GET /api/v1/safety-alerts?status=open': json({ alerts: [blakeAlert] }),
      'GET /api/v1/safety-alerts?status=all': json({
        alerts: [
          blakeAlert,
          wireAlert('al_1', {
            acknowledged: true,
            acknowledged_by: 'u-sam',
            acknowledged_by_name: 'Sam Okafor',
            acknowledged_at: minutesAgo(3),
          }),
        ],
      }),
    });
    await openList();
    await user.click(screen.getByRole('radio', { name: 'All alerts, acknowledged ones too' }));
    const list = await screen.findByRole('list', { name: 'All safety alerts' });
    const items = within(list).getAllByRole('listitem');
    expect(items[1]).toHaveTextContent('Acknowledged by Sam Okafor 3 minutes ago (');
    expect(within(nth(items, 1)).queryByRole('button', { name: /Acknowledge/ })).not.toBeInTheDocument();
    expect(screen.getByText('2 alerts, newest first; 1 open.')).toBeInTheDocument();
  });

  it('shows a load failure with a way to try again', async () => {
    const user = userEvent.setup();
    await alertsPage({
      'GET /api/v1/safety-alerts?status=open': [apiError(503, 'unavailable', 'The server is busy.'), json({ alerts: [] })],
    });
    const failure = await screen.findByRole('alert');
    expect(failure).toHaveTextContent('We could not load safety alerts.');
    await user.click(within(failure).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/No open safety alerts/)).toBeInTheDocument();
  });
});
