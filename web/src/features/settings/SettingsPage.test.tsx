import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../testing/renderApp';
import { loadSettings, storageKey } from './settings';

const root = document.documentElement;

describe('SettingsPage', () => {
  it('has a title and labelled controls showing the current settings', () => {
    renderApp('/settings');
    expect(document.title).toBe('Settings · Hearth');
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument();
    const size = screen.getByRole('slider', { name: 'Text size' });
    expect(size).toHaveValue('100');
    expect(size).toHaveAttribute('aria-valuetext', '100%');
    expect(screen.getByRole('checkbox', { name: 'High-contrast theme' })).not.toBeChecked();
  });

  it('applies and stores a new text size at once', () => {
    renderApp('/settings');
    const size = screen.getByRole('slider', { name: 'Text size' });
    fireEvent.change(size, { target: { value: '200' } });
    expect(root.style.fontSize).toBe('200%');
    expect(size).toHaveAttribute('aria-valuetext', '200%');
    expect(loadSettings(window.localStorage).textSizePercent).toBe(200);
  });

  it('turns the high-contrast theme on and off', async () => {
    const user = userEvent.setup();
    renderApp('/settings');
    const contrast = screen.getByRole('checkbox', { name: 'High-contrast theme' });
    await user.click(contrast);
    expect(contrast).toBeChecked();
    expect(root.dataset.theme).toBe('high-contrast');
    expect(loadSettings(window.localStorage).highContrast).toBe(true);
    await user.click(contrast);
    expect(root.dataset.theme).toBe('default');
  });

  it('starts from what is stored', () => {
    window.localStorage.setItem(storageKey, JSON.stringify({ textSizePercent: 150, highContrast: true }));
    renderApp('/settings');
    expect(screen.getByRole('slider', { name: 'Text size' })).toHaveValue('150');
    expect(screen.getByRole('checkbox', { name: 'High-contrast theme' })).toBeChecked();
  });

  it('restores the defaults and forgets the stored choice', async () => {
    const user = userEvent.setup();
    window.localStorage.setItem(storageKey, JSON.stringify({ textSizePercent: 150, highContrast: true }));
    renderApp('/settings');
    await user.click(screen.getByRole('button', { name: 'Restore default settings' }));
    expect(screen.getByRole('slider', { name: 'Text size' })).toHaveValue('100');
    expect(root.dataset.theme).toBe('default');
    expect(window.localStorage.getItem(storageKey)).toBeNull();
  });
});
