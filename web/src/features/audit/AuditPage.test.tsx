import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json } from '../../testing/fakeFetch';
import { renderApp } from '../../testing/renderApp';
import { adminAccount, signedIn } from '../../testing/session';
import { auditPath, exportPath } from './audit';

function event(seq: number, overrides: Record<string, unknown> = {}) {
  return {
    seq,
    id: `e-${seq}`,
    at: new Date(Date.UTC(2026, 10, 23, 7, 0, seq)).toISOString(),
    actor_id: 'u-admin',
    action: 'auth.sign_in',
    subject_type: 'user',
    subject_id: 'u-admin',
    client_address: '127.0.0.1',
    user_agent: 'test',
    outcome: 'success',
    detail: '',
    ...overrides,
  };
}

const people = {
  people: [
    {
      id: 'u-admin',
      email: 'admin@riverbend.example',
      display_name: 'Morgan Admin',
      pronouns: '',
      time_zone: 'UTC',
      roles: ['admin'],
      status: 'active',
      totp_enabled: true,
      created_at: '2026-11-01T00:00:00.000Z',
      programs: [],
    },
  ],
};

describe('AuditPage', () => {
  it('shows events newest first and loads more pages until the end', async () => {
    const user = userEvent.setup();
    const fetch = fakeFetch({
      ...signedIn({ account: adminAccount }),
      '/api/v1/people': json(people),
      [auditPath({}, null)]: json({
        events: [event(5), event(4, { actor_id: null, action: 'audit.export', outcome: 'denied' })],
        next_before: 4,
      }),
      [auditPath({}, 4)]: json({ events: [event(3), event(2)], next_before: 2 }),
      [auditPath({}, 2)]: json({ events: [event(1)], next_before: null }),
    });
    renderApp('/admin/audit', fetch);
    const table = await screen.findByRole('table', { name: 'Audit events, newest first' });
    const rows = () => within(table).getAllByRole('row').slice(1);
    expect(rows()).toHaveLength(2);
    expect(rows()[0]).toHaveTextContent('Morgan Admin');
    expect(rows()[1]).toHaveTextContent('System');
    expect(rows()[1]).toHaveTextContent('Denied');

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('2 more events loaded.')).toHaveAttribute('role', 'status');
    expect(rows()).toHaveLength(4);
    expect(rows()[2]).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('1 more event loaded.')).toBeInTheDocument();
    expect(rows()).toHaveLength(5);
    expect(rows().map((row) => row.querySelector('code')?.textContent)).toHaveLength(5);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(screen.getByText('That is every event for these filters.')).toBeInTheDocument();
    expect(fetch.calls).toEqual(expect.arrayContaining([auditPath({}, 4), auditPath({}, 2)]));
  });

  it('filters by dates, person and action, and exports the date range as CSV', async () => {
    const user = userEvent.setup();
    // Days in the admin's time zone (America/Chicago), sent as UTC instants.
    const filter = {
      from: '2026-11-01T05:00:00.000Z',
      to: '2026-11-24T05:59:59.999Z',
      actorId: 'u-admin',
      action: 'auth.sign_in',
    };
    const fetch = fakeFetch({
      ...signedIn({ account: adminAccount }),
      '/api/v1/people': json(people),
      [auditPath({}, null)]: json({ events: [], next_before: null }),
      [auditPath(filter, null)]: json({ events: [event(9)], next_before: null }),
    });
    renderApp('/admin/audit', fetch);
    expect(await screen.findByText('No events match these filters.')).toBeInTheDocument();
    const form = screen.getByRole('search', { name: 'Filter the audit trail' });
    await user.type(within(form).getByLabelText('From'), '2026-11-01');
    await user.type(within(form).getByLabelText('To'), '2026-11-23');
    await user.selectOptions(within(form).getByLabelText('Who'), 'u-admin');
    await user.type(within(form).getByLabelText('Action'), 'auth.sign_in');
    await user.click(within(form).getByRole('button', { name: 'Show events' }));
    expect(await screen.findByRole('table', { name: 'Audit events, newest first' })).toHaveTextContent('auth.sign_in');
    const exportLink = screen.getByRole('link', { name: 'Export CSV for these dates' });
    expect(exportLink).toHaveAttribute(
      'href',
      '/api/v1/audit/export?from=2026-11-01T05%3A00%3A00.000Z&to=2026-11-24T05%3A59%3A59.999Z',
    );
    expect(exportLink).toHaveAttribute('download');
  });

  it('refuses an end date before the start date', async () => {
    const user = userEvent.setup();
    renderApp(
      '/admin/audit',
      fakeFetch({
        ...signedIn({ account: adminAccount }),
        '/api/v1/people': json(people),
        [auditPath({}, null)]: json({ events: [], next_before: null }),
      }),
    );
    const form = await screen.findByRole('search', { name: 'Filter the audit trail' });
    await user.type(within(form).getByLabelText('From'), '2026-11-23');
    await user.type(within(form).getByLabelText('To'), '2026-11-01');
    await user.click(within(form).getByRole('button', { name: 'Show events' }));
    expect(within(form).getByLabelText('To')).toHaveFocus();
    expect(within(form).getByLabelText('To')).toHaveAccessibleDescription(/end date is before the start date/);
  });
});

describe('audit paths', () => {
  it('build the query the API expects', () => {
    expect(auditPath({ from: '2026-11-01', actorId: 'u 1' }, 42, 50)).toBe(
      '/api/v1/audit?from=2026-11-01&actor_id=u+1&limit=50&before=42',
    );
    expect(exportPath({})).toBe('/api/v1/audit/export');
    expect(exportPath({ to: '2026-11-23', action: 'x' })).toBe('/api/v1/audit/export?to=2026-11-23');
  });
});
