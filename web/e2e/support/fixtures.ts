import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { serialiseSettings, storageKey, type Settings } from '../../src/features/settings/settings';

/** The password `hearth demo` gives every demo account. */
export const demoPassword = 'Riverbend-demo-2026';

export const demo = {
  admin: 'admin@riverbend.example',
  clinician: 'priya.shah@riverbend.example',
  otherClinician: 'sam.okafor@riverbend.example',
  peerSpecialist: 'jordan.lee@riverbend.example',
  participant: 'avery@riverbend.example',
  family: 'robin@riverbend.example',
} as const;

interface Options {
  /** Console errors a test provokes on purpose (say, a mocked 503). */
  allowedConsoleErrors: RegExp[];
  /** Signs the page's browser context in as this demo account before the test; null: signed out. */
  account: string | null;
}

interface Fixtures {
  /** Console errors, warnings (CSP violations are reported there) and uncaught page errors. */
  pageProblems: string[];
  signedIn: undefined;
}

export const test = base.extend<Options & Fixtures>({
  allowedConsoleErrors: [[], { option: true }],
  account: [null, { option: true }],

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
        if (expectedByContract(text, message.location().url)) return;
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

  signedIn: [
    async ({ page, account, baseURL }, use) => {
      if (account !== null) await signIn(page.request, baseURL ?? '', account);
      await use(undefined);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Chromium logs every non-2xx fetch as a console error. These answers are the contract's way of
 * saying something ordinary (docs/api.md): 401 from the session check when signed out, and 401
 * from sign-in when a second factor is due or a password is wrong.
 */
function expectedByContract(text: string, url: string): boolean {
  if (!/status of 401/.test(text)) return false;
  return /\/api\/v1\/auth\/(session|sign-in)$/.test(url);
}

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

/** The answer to a sign-in or session request (docs/api.md, SessionInfo), as far as tests need it. */
export interface SessionBody {
  user: { id: string; email: string; display_name: string; roles: string[]; totp_enabled: boolean };
  session: { id: string; csrf_token: string; idle_timeout_seconds: number; idle_expires_at: string };
  second_factor: { required: boolean; enrolled: boolean; enrollment_pending: boolean };
  demo: boolean;
}

/**
 * Signs in through the API with the cookie landing in `request`'s jar: `page.request` shares
 * the browser context's cookies, so the pages of that context are signed in too. The Origin
 * header is the site's own, as a browser would send it (docs/api.md, "CSRF").
 */
export async function signIn(
  request: APIRequestContext,
  baseURL: string,
  email: string,
  extra: { password?: string; code?: string } = {},
): Promise<SessionBody> {
  const origin = new URL(baseURL).origin;
  const body: Record<string, string> = { email, password: extra.password ?? demoPassword };
  if (extra.code) body.code = extra.code;
  const answer = await request.post(`${origin}/api/v1/auth/sign-in`, { data: body, headers: { Origin: origin } });
  expect(answer.status(), `sign-in as ${email}: ${await answer.text()}`).toBe(200);
  return (await answer.json()) as SessionBody;
}

/** A signed-in API call from the same jar: Origin and the session's CSRF token, as the app sends them. */
export async function apiWrite(
  request: APIRequestContext,
  baseURL: string,
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  data: unknown = {},
): Promise<{ status: number; body: unknown }> {
  const origin = new URL(baseURL).origin;
  const session = await request.get(`${origin}/api/v1/auth/session`);
  expect(session.status(), 'signed in before an API write').toBe(200);
  const csrf = ((await session.json()) as SessionBody).session.csrf_token;
  const answer = await request.fetch(`${origin}${path}`, {
    method,
    data,
    headers: { Origin: origin, 'X-CSRF-Token': csrf },
  });
  const text = await answer.text();
  return { status: answer.status(), body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** Looks a demo person up by email through the admin API (the jar must be an admin's). */
export async function personId(request: APIRequestContext, baseURL: string, email: string): Promise<string> {
  const origin = new URL(baseURL).origin;
  const answer = await request.get(`${origin}/api/v1/people?q=${encodeURIComponent(email)}`);
  expect(answer.status()).toBe(200);
  const { people } = (await answer.json()) as { people: { id: string; email: string }[] };
  const found = people.find((person) => person.email === email);
  if (!found) throw new Error(`no person ${email}`);
  return found.id;
}
