import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json, type FakeAnswer } from '../../testing/fakeFetch';
import { renderApp } from '../../testing/renderApp';
import { wireProgram } from '../../testing/schedule';
import { adminAccount, signedIn } from '../../testing/session';
import { resourceErrorOf } from './crisisResources';

/** The `index`-th element, or a failure naming what was missing. */
function nth(elements: HTMLElement[], index: number): HTMLElement {
  const element = elements[index];
  if (!element) throw new Error(`no element ${index} of ${elements.length}`);
  return element;
}

const defaults = {
  resources: [
    { name: '988 Suicide & Crisis Lifeline', contact: 'Call or text 988', url: 'https://988lifeline.org' },
    { name: 'Emergency services', contact: 'Call 911', url: '' },
  ],
  own: false,
};

function api(extra: Record<string, FakeAnswer | FakeAnswer[]> = {}) {
  return fakeFetch({
    ...signedIn({ account: adminAccount }),
    '/api/v1/programs/p1': json(wireProgram()),
    '/api/v1/programs/p1/crisis-resources': json(defaults),
    ...extra,
  });
}

const editor = () => screen.findByRole('form', { name: 'Crisis resources' });

describe('CrisisResourcesSection', () => {
  it('shows the program’s list in rows an admin can reorder, add to and remove from, then saves it whole', async () => {
    const user = userEvent.setup();
    const fetch = api({
      'PUT /api/v1/programs/p1/crisis-resources': json({
        resources: [
          { name: 'Emergency services', contact: 'Call 911', url: '' },
          { name: '988 Suicide & Crisis Lifeline', contact: 'Call or text 988', url: 'https://988lifeline.org' },
          { name: 'County crisis line', contact: 'Call 555-0100', url: '' },
        ],
        own: true,
      }),
    });
    renderApp('/programs/p1', fetch);
    const form = await editor();
    expect(form).toHaveTextContent('This program uses the default list.');
    expect(within(form).getAllByRole('group')).toHaveLength(2);

    const moveDown = within(form).getByRole('button', { name: 'Move down resource 1' });
    await user.click(moveDown);
    const names = () => within(form).getAllByRole('textbox', { name: 'Name' }).map((box) => (box as HTMLInputElement).value);
    expect(names()).toEqual(['Emergency services', '988 Suicide & Crisis Lifeline']);
    // The moved row's button keeps focus; at the end of the list that is the row's other one.
    expect(within(form).getByRole('button', { name: 'Move up resource 2' })).toHaveFocus();

    await user.click(within(form).getByRole('button', { name: 'Add a resource' }));
    const added = nth(within(form).getAllByRole('textbox', { name: 'Name' }), 2);
    expect(added).toHaveFocus();
    await user.type(added, 'County crisis line');
    await user.type(nth(within(form).getAllByRole('textbox', { name: 'How to reach them' }), 2), 'Call 555-0100');
    await user.click(within(form).getByRole('button', { name: 'Save crisis resources' }));

    expect(await screen.findByText('The program’s crisis resources are saved.')).toBeInTheDocument();
    const put = fetch.requests.find((request) => request.method === 'PUT');
    expect(put?.body).toEqual({
      resources: [
        { name: 'Emergency services', contact: 'Call 911', url: '' },
        { name: '988 Suicide & Crisis Lifeline', contact: 'Call or text 988', url: 'https://988lifeline.org' },
        { name: 'County crisis line', contact: 'Call 555-0100', url: '' },
      ],
    });
    expect(form).toHaveTextContent('This program has its own list.');
    expect(within(form).getByRole('button', { name: 'Reset to default' })).toBeInTheDocument();
  });

  it('marks the fields it can check before sending, and sends nothing', async () => {
    const user = userEvent.setup();
    const fetch = api();
    renderApp('/programs/p1', fetch);
    const form = await editor();
    const secondContact = nth(within(form).getAllByRole('textbox', { name: 'How to reach them' }), 1);
    await user.clear(secondContact);
    await user.type(nth(within(form).getAllByRole('textbox', { name: /Web address/ }), 1), 'www.example.org');
    await user.click(within(form).getByRole('button', { name: 'Save crisis resources' }));

    expect(secondContact).toHaveAttribute('aria-invalid', 'true');
    expect(secondContact).toHaveAccessibleDescription(/How to reach them is required\./);
    const url = nth(within(form).getAllByRole('textbox', { name: /Web address/ }), 1);
    expect(url).toHaveAccessibleDescription('Web address must start with https:// or http://, or be left empty.');
    await waitFor(() => {
      expect(secondContact).toHaveFocus();
    });
    expect(fetch.requests.some((request) => request.method === 'PUT')).toBe(false);
  });

  it('puts the server’s 422 on the field of the row it names', async () => {
    const user = userEvent.setup();
    renderApp(
      '/programs/p1',
      api({
        'PUT /api/v1/programs/p1/crisis-resources': json(
          {
            error: {
              code: 'invalid_argument',
              message: 'resources[1].name is longer than 120 bytes',
              field: 'resources',
            },
          },
          422,
        ),
      }),
    );
    const form = await editor();
    await user.click(within(form).getByRole('button', { name: 'Save crisis resources' }));
    const secondName = nth(within(form).getAllByRole('textbox', { name: 'Name' }), 1);
    await waitFor(() => {
      expect(secondName).toHaveAttribute('aria-invalid', 'true');
    });
    expect(secondName).toHaveAccessibleDescription('Name is longer than 120 bytes.');
    await waitFor(() => {
      expect(secondName).toHaveFocus();
    });
  });

  it('returns to the default list with an empty list', async () => {
    const user = userEvent.setup();
    const fetch = api({
      '/api/v1/programs/p1/crisis-resources': json({ resources: [{ name: 'Own line', contact: 'Call 1', url: '' }], own: true }),
      'PUT /api/v1/programs/p1/crisis-resources': json(defaults),
    });
    renderApp('/programs/p1', fetch);
    const form = await editor();
    await user.click(within(form).getByRole('button', { name: 'Reset to default' }));
    expect(await screen.findByText('The program now uses the default crisis resources.')).toBeInTheDocument();
    expect(fetch.requests.find((request) => request.method === 'PUT')?.body).toEqual({ resources: [] });
    expect(within(form).getAllByRole('textbox', { name: 'Name' })).toHaveLength(2);
    expect(screen.getByRole('heading', { level: 2, name: 'Crisis resources' })).toHaveFocus();
  });
});

describe('resourceErrorOf', () => {
  it('finds the row and field in the server’s message or field', () => {
    expect(resourceErrorOf('resources', 'resources[3].url must be an http:// or https:// address')).toEqual({
      row: 3,
      field: 'url',
      text: 'Web address must be an http:// or https:// address.',
    });
    expect(resourceErrorOf('resources[0].contact', 'is required')?.row).toBe(0);
    expect(resourceErrorOf('resources', 'a program lists at most 10 crisis resources')).toBeNull();
  });
});
