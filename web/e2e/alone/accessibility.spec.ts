import type { Page } from '@playwright/test';
import type { Settings } from '../../src/features/settings/settings';
import { expect, expectNoSeriousA11yViolations, presetSettings, test } from '../support/fixtures';

interface PageCase {
  path: string;
  /** Waits until what the page loads from the API is on screen, so axe sees the full page. */
  ready: (page: Page) => Promise<void>;
}

const pages: Record<string, PageCase> = {
  home: {
    path: '/',
    ready: async (page) => {
      await expect(page.getByRole('article').first()).toBeVisible();
    },
  },
  settings: {
    path: '/settings',
    ready: async (page) => {
      await expect(page.getByRole('slider', { name: 'Text size' })).toBeVisible();
    },
  },
  about: {
    path: '/about',
    ready: async (page) => {
      await expect(page.getByText('API version')).toBeVisible();
    },
  },
  'not found': {
    path: '/no/such/page',
    ready: async (page) => {
      await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    },
  },
};

const displays: Record<string, Settings> = {
  'default theme': { textSizePercent: 100, highContrast: false },
  'high-contrast theme': { textSizePercent: 100, highContrast: true },
  'default theme at 200% text': { textSizePercent: 200, highContrast: false },
  'high-contrast theme at 200% text': { textSizePercent: 200, highContrast: true },
};

for (const [displayName, settings] of Object.entries(displays)) {
  test.describe(displayName, () => {
    for (const [pageName, { path, ready }] of Object.entries(pages)) {
      test(`${pageName} page has no serious or critical axe violations`, async ({ page }) => {
        await presetSettings(page, settings);
        await page.goto(path);
        await ready(page);
        await expect(page.locator('html')).toHaveAttribute(
          'data-theme',
          settings.highContrast ? 'high-contrast' : 'default',
        );
        await expectNoSeriousA11yViolations(page, `${path} (${displayName})`);
      });
    }
  });
}
