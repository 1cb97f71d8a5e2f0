import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json } from '../../testing/fakeFetch';
import { renderApp } from '../../testing/renderApp';

describe('AboutPage', () => {
  it('shows the server and API version', async () => {
    renderApp('/about', fakeFetch({ '/api/v1/version': json({ name: 'Hearth', version: '0.1.0', api: 1 }) }));
    expect(document.title).toBe('About · Hearth');
    expect(await screen.findByText('Hearth 0.1.0')).toBeInTheDocument();
    expect(screen.getByText('API version').nextElementSibling).toHaveTextContent('1');
  });

  it('shows a malformed answer as an error with a retry', async () => {
    renderApp('/about', fakeFetch({ '/api/v1/version': json({ version: 1 }) }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not load the server version.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
