import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { serialiseSettings, storageKey, type Settings } from '../../src/features/settings/settings';

interface Options {
  /** Console errors a test provokes on purpose (say, a mocked 503). */
  allowedConsoleErrors: RegExp[];
}

interface Fixtures {
  /** Console errors, warnings (CSP violations are reported there) and uncaught page errors. */
  pageProblems: string[];
}

export const test = base.extend<Options & Fixtures>({
  allowedConsoleErrors: [[], { option: true }],

  baseURL: async ({}, use) => {
    const url = process.env.HEARTH_E2E_URL;
    if (!url) throw new Error('HEARTH_E2E_URL is not set: the global setup did not start the server');
    await use(url);
  },

  pageProblems: [
    async ({ page, allowedConsoleErrors }, use) => {
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() !== 'error' && message.type() !== 'warning') return;
        const text = message.text();
        if (allowedConsoleErrors.some((pattern) => pattern.test(text))) return;
        problems.push(`console.${message.type()}: ${text} (${message.location().url})`);
      });
      page.on('pageerror', (error) => {
        problems.push(`uncaught: ${error.message}`);
      });
      await use(problems);
      expect(problems, 'console errors, CSP violations or uncaught exceptions on the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Stores display settings before any page script runs, as an earlier visit would have. */
export async function presetSettings(page: Page, settings: Settings): Promise<void> {
  await page.addInitScript(
    ([key, value]) => {
      window.localStorage.setItem(key, value);
    },
    [storageKey, serialiseSettings(settings)] as const,
  );
}

/** Runs axe on the page and fails on any serious or critical violation. */
export async function expectNoSeriousA11yViolations(page: Page, context: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  expect(serious, `serious or critical axe violations on ${context}`).toEqual([]);
}

/** Presses Tab until the focused element matches, or fails after `limit` presses. */
export async function tabUntil(page: Page, isTarget: () => Promise<boolean>, limit = 20): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press('Tab');
    if (await isTarget()) return;
  }
  throw new Error(`the target was not reached within ${limit} presses of Tab`);
}

export interface ProgramsBody {
  programs: { name: string; description: string; groups: { name: string; kind: string; capacity: number }[] }[];
}
