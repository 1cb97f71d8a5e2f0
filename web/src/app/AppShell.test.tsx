import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json } from '../testing/fakeFetch';
import { renderApp } from '../testing/renderApp';

const api = () =>
  fakeFetch({
    '/api/v1/programs': json({ programs: [] }),
    '/api/v1/version': json({ name: 'Hearth', version: '0.1.0', api: 1 }),
  });

describe('AppShell', () => {
  it('has the landmarks, the product name and the primary navigation', async () => {
    renderApp('/', api());
    expect(screen.getByRole('banner')).toHaveTextContent('Hearth');
    const nav = screen.getByRole('navigation', { name: 'Primary' });
    expect(nav).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    expect(screen.getByRole('contentinfo')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Settings' })).not.toHaveAttribute('aria-current');
    expect(document.title).toBe('Home · Hearth');
    await screen.findByText('No programs have been set up yet.');
  });

  it('offers the skip link first, and it moves focus to main', async () => {
    const user = userEvent.setup();
    renderApp('/', api());
    await user.tab();
    const skip = screen.getByRole('link', { name: 'Skip to main content' });
    expect(skip).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('main')).toHaveFocus();
  });

  it('moves focus to the new page heading and announces it after navigation', async () => {
    const user = userEvent.setup();
    renderApp('/', api());
    await user.click(screen.getByRole('link', { name: 'Settings' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toHaveFocus();
    expect(document.title).toBe('Settings · Hearth');
    expect(screen.getByText('Settings · Hearth')).toHaveAttribute('aria-live', 'polite');
    expect(screen.getByRole('link', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
  });

  it('does not steal focus on the first page load', () => {
    renderApp('/settings', api());
    expect(document.body).toHaveFocus();
  });

  it('shows a not-found page inside the shell for unknown routes', async () => {
    const user = userEvent.setup();
    renderApp('/no/such/page', api());
    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(document.title).toBe('Page not found · Hearth');
    expect(screen.getByRole('navigation', { name: 'Primary' })).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Go to the home page' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Welcome to Hearth' })).toHaveFocus();
  });
});
