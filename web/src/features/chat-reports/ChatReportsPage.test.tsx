import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, fakeFetch, json, type FakeAnswer } from '../../testing/fakeFetch';
import { fakeSockets } from '../../testing/fakeSocket';
import { renderApp } from '../../testing/renderApp';
import { clinicianAccount, signedIn } from '../../testing/session';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

function wireReport(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    message_id: `m-${id}`,
    room_id: 'room_g',
    room_kind: 'group',
    room_name: 'Mood & Anxiety Group (Evening)',
    program_id: 'p1',
    program_name: 'Riverbend Virtual IOP',
    reporter_id: 'u-avery',
    reporter_name: 'Avery M.',
    author_id: 'u-blake',
    author_name: 'Blake T.',
    reason: 'worried_about_someone',
    note: 'He has sounded low all week.',
    created_at: minutesAgo(5),
    decided: false,
    ...overrides,
  };
}

const caseyReport = wireReport('cr_2', {
  author_id: 'u-casey',
  author_name: 'Casey R.',
  reporter_name: 'Devon K.',
  reason: 'spam',
  note: '',
  created_at: minutesAgo(2),
});

function wireMessage(id: string, seq: number, overrides: Record<string, unknown> = {}) {
  return {
    id,
    seq,
    author_id: 'u-avery',
    author_name: 'Avery M.',
    text: `Message ${seq}`,
    created_at: minutesAgo(10 - seq),
    edited: false,
    deleted: false,
    hidden: false,
    reported: false,
    ...overrides,
  };
}

const reviewOfBlake = json({
  report: wireReport('cr_1'),
  messages: [
    wireMessage('m3', 3, { deleted: true, text: '' }),
    wireMessage('m-cr_1', 4, { author_id: 'u-blake', author_name: 'Blake T.', text: 'Nothing matters much.', reported: true }),
    wireMessage('m5', 5, { text: 'Hang in there.' }),
  ],
});

function decided(report: Record<string, unknown>, decision: string, byName: string) {
  return { ...report, decided: true, decision, decided_by: 'u-x', decided_by_name: byName, decided_at: new Date().toISOString() };
}

/** The page as Priya, with her socket connected; `table` answers the API. */
async function reportsPage(table: Record<string, FakeAnswer | FakeAnswer[]>, path = '/chat-reports') {
  const sockets = fakeSockets();
  const fetch = fakeFetch({ ...signedIn({ account: clinicianAccount }), ...table });
  renderApp(path, fetch, { createSocket: sockets.create });
  await screen.findByRole('heading', { level: 1, name: 'Reports' });
  await waitFor(() => {
    expect(sockets.made.length).toBeGreaterThan(0);
  });
  const socket = sockets.at(-1);
  await act(async () => {
    socket.accept('u-priya');
    await Promise.resolve();
  });
  return { fetch, socket };
}

const primary = () => screen.getByRole('navigation', { name: 'Primary' });
const openList = () => screen.findByRole('list', { name: 'Open reports' });

describe('ChatReportsPage', () => {
  it('lists the open reports with where, whose message, who reported it, why and their note', async () => {
    await reportsPage({ 'GET /api/v1/chat-reports?status=open': json({ reports: [caseyReport, wireReport('cr_1')] }) });
    const list = await openList();
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[0] as HTMLElement).getByRole('heading', { level: 2 })).toHaveTextContent('Casey R.’s message: Open');
    const blake = items[1] as HTMLElement;
    expect(blake).toHaveTextContent('WhereMood & Anxiety Group (Evening), group chat');
    expect(blake).toHaveTextContent('ProgramRiverbend Virtual IOP');
    expect(blake).toHaveTextContent('Reported byAvery M.');
    expect(blake).toHaveTextContent('WhyWorried about the person who wrote it');
    expect(blake).toHaveTextContent('Reporter’s noteHe has sounded low all week.');
    expect(blake).toHaveTextContent('5 minutes ago (');
    expect(within(blake).getByRole('button', { name: 'Review the report of Blake T.’s message' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    expect(screen.getByText('2 open reports, newest first.')).toBeInTheDocument();
    expect(within(primary()).getByRole('link', { name: 'Reports, 2 open' })).toHaveAttribute('href', '/chat-reports');
  });

  it('reviews a report in context and hides the message with a reason; the report leaves the open list', async () => {
    const user = userEvent.setup();
    const { fetch } = await reportsPage({
      'GET /api/v1/chat-reports?status=open': json({ reports: [wireReport('cr_1'), wireReport('cr_0', { author_name: 'Emery S.', created_at: minutesAgo(9) })] }),
      'GET /api/v1/chat-reports/cr_1': reviewOfBlake,
      'POST /api/v1/chat-reports/cr_1/decision': json({ report: decided(wireReport('cr_1'), 'hidden', 'Priya Shah'), changed: true }),
    });
    const list = await openList();
    const review = within(list).getByRole('button', { name: 'Review the report of Blake T.’s message' });
    await user.click(review);
    expect(review).toHaveAttribute('aria-expanded', 'true');

    const context = await within(list).findByRole('list', { name: 'The message in its conversation' });
    const messages = within(context).getAllByRole('listitem');
    expect(messages.map((m) => m.textContent)).toEqual([
      expect.stringContaining('Message deleted'),
      expect.stringMatching(/^Reported messageBlake T\..*Nothing matters much\./),
      expect.stringContaining('Hang in there.'),
    ]);

    // Hiding asks why first.
    await user.click(within(list).getByRole('radio', { name: 'Hide the message from the room' }));
    await user.click(within(list).getByRole('button', { name: 'Save decision' }));
    expect(within(list).getByRole('group', { name: 'Why hide it?' })).toHaveTextContent('Choose why you are hiding it.');
    expect(fetch.requests.some((r) => r.method === 'POST')).toBe(false);

    await user.click(within(list).getByRole('radio', { name: /^Could be upsetting for others/ }));
    await user.type(within(list).getByRole('textbox', { name: /Note for the other moderators/ }), 'Checked in by phone.');
    await user.click(within(list).getByRole('button', { name: 'Save decision' }));

    await waitFor(() => {
      expect(within(list).getAllByRole('button', { name: /^Review/ })).toHaveLength(1);
    });
    const post = fetch.requests.find((r) => r.method === 'POST');
    expect(post?.path).toBe('/api/v1/chat-reports/cr_1/decision');
    expect(post?.body).toEqual({ decision: 'hide', reason: 'triggering', note: 'Checked in by phone.' });
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(screen.getByText('You hid Blake T.’s message from the room. It has left the open list.')).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 2 })[0]).toHaveFocus();
    expect(within(primary()).getByRole('link', { name: 'Reports, 1 open' })).toBeInTheDocument();
  });

  it('explains who decided first when a colleague already had', async () => {
    const user = userEvent.setup();
    await reportsPage({
      'GET /api/v1/chat-reports?status=open': json({ reports: [wireReport('cr_1')] }),
      'GET /api/v1/chat-reports/cr_1': reviewOfBlake,
      'POST /api/v1/chat-reports/cr_1/decision': json({
        report: decided(wireReport('cr_1'), 'dismissed', 'Dr. Sam Okafor'),
        changed: false,
      }),
    });
    const list = await openList();
    await user.click(within(list).getByRole('button', { name: /^Review/ }));
    await user.click(await within(list).findByRole('radio', { name: 'Hide the message from the room' }));
    await user.click(within(list).getByRole('radio', { name: 'Spam' }));
    await user.click(within(list).getByRole('button', { name: 'Save decision' }));
    expect(
      await screen.findByText(
        'Dr. Sam Okafor had already decided this report: dismissed: the message stays. Their decision stands. It has left the open list.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/No open reports/)).toHaveFocus();
  });

  it('says why a decision was refused, and keeps the report', async () => {
    const user = userEvent.setup();
    await reportsPage({
      'GET /api/v1/chat-reports?status=open': json({ reports: [wireReport('cr_1')] }),
      'GET /api/v1/chat-reports/cr_1': reviewOfBlake,
      'POST /api/v1/chat-reports/cr_1/decision': apiError(404, 'not_found', 'No such report.'),
    });
    const list = await openList();
    await user.click(within(list).getByRole('button', { name: /^Review/ }));
    await user.click(await within(list).findByRole('radio', { name: 'Dismiss the report: the message stays' }));
    await user.click(within(list).getByRole('button', { name: 'Save decision' }));
    expect(await within(list).findByRole('alert')).toHaveTextContent('only the program’s current clinicians can decide it');
    expect(within(list).getByRole('button', { name: 'Save decision' })).toBeInTheDocument();
  });

  it('offers only dismissal for a deleted message', async () => {
    const user = userEvent.setup();
    await reportsPage({
      'GET /api/v1/chat-reports?status=open': json({ reports: [wireReport('cr_1')] }),
      'GET /api/v1/chat-reports/cr_1': json({
        report: wireReport('cr_1'),
        messages: [wireMessage('m-cr_1', 4, { deleted: true, text: '', reported: true })],
      }),
    });
    const list = await openList();
    await user.click(within(list).getByRole('button', { name: /^Review/ }));
    const decision = await within(list).findByRole('group', { name: 'Your decision' });
    expect(within(decision).getAllByRole('radio')).toHaveLength(1);
    expect(decision).toHaveTextContent('The message was deleted, so its report can only be dismissed.');
    expect(within(list).getByText('Message deleted')).toBeInTheDocument();
  });

  it('adds a report filed live, announces it politely, and drops it when a colleague decides', async () => {
    const { socket } = await reportsPage({
      'GET /api/v1/chat-reports?status=open': [json({ reports: [] }), json({ reports: [wireReport('cr_9', { created_at: new Date().toISOString() })] })],
    });
    expect(await screen.findByText(/No open reports/)).toBeInTheDocument();
    expect(within(primary()).getByRole('link', { name: 'Reports' })).toBeInTheDocument();

    await act(async () => {
      socket.frame({
        type: 'chat_report_filed',
        report: {
          id: 'cr_9',
          program_id: 'p1',
          program_name: 'Riverbend Virtual IOP',
          room_kind: 'group',
          room_name: 'Mood & Anxiety Group (Evening)',
          reason: 'worried_about_someone',
          created_at: new Date().toISOString(),
        },
      });
      await Promise.resolve();
    });
    const list = await openList();
    expect(within(list).getByRole('heading', { level: 2 })).toHaveTextContent('New');
    // The names the event lacks arrive with the list, read again.
    expect(await within(list).findByText('Avery M.')).toBeInTheDocument();
    expect(within(list).getByRole('heading', { level: 2 })).toHaveTextContent('Blake T.’s message');
    expect(
      screen.getByText(
        'New report of a message in Mood & Anxiety Group (Evening), group chat, Riverbend Virtual IOP: Worried about the person who wrote it.',
      ),
    ).toHaveAttribute('aria-live', 'polite');
    expect(within(primary()).getByRole('link', { name: 'Reports, 1 open' })).toBeInTheDocument();

    await act(async () => {
      socket.frame({
        type: 'chat_report_decided',
        report: { id: 'cr_9', message_id: 'm-cr_9', decision: 'hidden', decided_by_name: 'Dr. Sam Okafor', decided_at: new Date().toISOString() },
      });
      await Promise.resolve();
    });
    expect(await screen.findByText(/No open reports/)).toBeInTheDocument();
    expect(screen.getByText('Dr. Sam Okafor decided a report: hidden from the room.')).toBeInTheDocument();
    expect(within(primary()).getByRole('link', { name: 'Reports' })).toBeInTheDocument();
  });

  it('moves focus to the summary when a colleague decides the report being reviewed', async () => {
    const user = userEvent.setup();
    const { socket } = await reportsPage({
      'GET /api/v1/chat-reports?status=open': json({ reports: [wireReport('cr_1')] }),
      'GET /api/v1/chat-reports/cr_1': reviewOfBlake,
    });
    const list = await openList();
    await user.click(within(list).getByRole('button', { name: /^Review/ }));
    await user.click(await within(list).findByRole('radio', { name: 'Dismiss the report: the message stays' }));
    await act(async () => {
      socket.frame({
        type: 'chat_report_decided',
        report: { id: 'cr_1', message_id: 'm-cr_1', decision: 'dismissed', decided_by_name: 'Dr. Sam Okafor', decided_at: new Date().toISOString() },
      });
      await Promise.resolve();
    });
    expect(await screen.findByText(/No open reports/)).toHaveFocus();
  });

  it('shows every report on request, with who decided each and what', async () => {
    const user = userEvent.setup();
    await reportsPage({
      'GET /api/v1/chat-reports?status=open': json({ reports: [caseyReport] }),
      'GET /api/v1/chat-reports?status=all': json({
        reports: [caseyReport, { ...decided(wireReport('cr_1'), 'hidden', 'Dr. Sam Okafor'), decided_at: minutesAgo(3) }],
      }),
    });
    await openList();
    const all = screen.getByRole('radio', { name: 'All reports, decided ones too' });
    await user.click(all);
    expect(all).toBeChecked();
    const list = await screen.findByRole('list', { name: 'All reports' });
    const items = within(list).getAllByRole('listitem');
    expect(items[1]).toHaveTextContent('StatusHidden from the room, by Dr. Sam Okafor 3 minutes ago (');
    expect(within(items[1] as HTMLElement).queryByRole('button', { name: /^Review/ })).not.toBeInTheDocument();
    expect(screen.getByText('2 reports, newest first; 1 open.')).toBeInTheDocument();
  });

  it('shows a load failure with a way to try again', async () => {
    const user = userEvent.setup();
    await reportsPage({
      'GET /api/v1/chat-reports?status=open': [apiError(503, 'unavailable', 'The server is busy.'), json({ reports: [] })],
    });
    const failure = await screen.findByRole('alert');
    expect(failure).toHaveTextContent('We could not load reports.');
    await user.click(within(failure).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/No open reports/)).toBeInTheDocument();
  });
});
