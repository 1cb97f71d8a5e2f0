import type { APIRequestContext, Page } from '@playwright/test';
import type { Settings } from '../../src/features/settings/settings';
import {
  apiWrite,
  demo,
  expect,
  expectNoSeriousA11yViolations,
  personId,
  presetSettings,
  signIn,
  test,
} from '../support/fixtures';

interface PageCase {
  /** Who is signed in; null for the pages open without a session. */
  account: string | null;
  /** The address, or a function that makes one (an invitation or reset link made by an admin). */
  path: string | ((request: APIRequestContext, baseURL: string) => Promise<string>);
  /** Waits until what the page loads from the API is on screen, so axe sees the full page. */
  ready: (page: Page) => Promise<void>;
}

const heading = (name: string) => async (page: Page) => {
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
};

/** The fragment of a link the admin API made, e.g. `/invite#token`. */
function pathOf(link: unknown): string {
  const url = new URL(String(link));
  return `${url.pathname}${url.hash}`;
}

let invites = 0;

const pages: Record<string, PageCase> = {
  home: {
    account: demo.participant,
    path: '/',
    ready: async (page) => {
      await expect(page.getByRole('article').first()).toBeVisible();
    },
  },
  account: {
    account: demo.participant,
    path: '/account',
    ready: async (page) => {
      await expect(page.getByRole('slider', { name: 'Text size' })).toBeVisible();
      await expect(page.getByRole('table', { name: 'Your sessions' })).toBeVisible();
    },
  },
  about: {
    account: null,
    path: '/about',
    ready: async (page) => {
      await expect(page.getByText('API version')).toBeVisible();
    },
  },
  'not found': {
    account: demo.participant,
    path: '/no/such/page',
    ready: heading('Page not found'),
  },
  'display settings': {
    account: null,
    path: '/settings',
    ready: heading('Display settings'),
  },
  'sign-in': {
    account: null,
    path: '/sign-in',
    ready: async (page) => {
      await expect(page.getByRole('complementary', { name: 'Demo' })).toBeVisible();
    },
  },
  invite: {
    account: null,
    path: async (request, baseURL) => {
      await signIn(request, baseURL, demo.admin);
      invites += 1;
      const created = await apiWrite(request, baseURL, 'POST', '/api/v1/invites', {
        email: `a11y-${Date.now()}-${invites}@riverbend.example`,
        roles: ['participant'],
      });
      expect(created.status).toBe(201);
      return pathOf((created.body as { link: string }).link);
    },
    ready: async (page) => {
      await expect(page.getByLabel('Display name')).toBeVisible();
    },
  },
  reset: {
    account: null,
    path: async (request, baseURL) => {
      await signIn(request, baseURL, demo.admin);
      const id = await personId(request, baseURL, 'harper@riverbend.example');
      const reset = await apiWrite(request, baseURL, 'POST', `/api/v1/people/${id}/password-reset`);
      expect(reset.status).toBe(201);
      return pathOf((reset.body as { link: string }).link);
    },
    ready: async (page) => {
      await expect(page.getByLabel('Confirm new password')).toBeVisible();
    },
  },
  'admin people': {
    account: demo.admin,
    path: '/admin/people',
    ready: async (page) => {
      await expect(page.getByRole('table', { name: 'People' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Create invitation' })).toBeVisible();
    },
  },
  'break-glass': {
    account: demo.admin,
    path: '/admin/break-glass',
    ready: async (page) => {
      await expect(page.getByRole('button', { name: 'Grant emergency access' })).toBeVisible();
    },
  },
  audit: {
    account: demo.admin,
    path: '/admin/audit',
    ready: async (page) => {
      await expect(page.getByRole('table', { name: 'Audit events, newest first' })).toBeVisible();
    },
  },
  participants: {
    account: demo.clinician,
    path: '/participants',
    ready: async (page) => {
      await expect(page.getByRole('table', { name: 'Your participants' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Create invitation' })).toBeVisible();
    },
  },
  person: {
    account: demo.clinician,
    path: async (request, baseURL) => {
      await signIn(request, baseURL, demo.admin);
      return `/people/${await personId(request, baseURL, demo.participant)}`;
    },
    ready: heading('Avery M.'),
  },
  schedule: {
    account: demo.participant,
    path: '/schedule',
    ready: async (page) => {
      await expect(page.getByRole('table', { name: /^Your sessions, week of/ })).toBeVisible();
      await expect(page.getByText(/ this week — \d+ of \d+ days? at /)).toBeVisible();
      await expect(page.getByRole('button', { name: /calendar link|Make a new link/ }).first()).toBeVisible();
    },
  },
  'schedule agenda': {
    account: demo.participant,
    path: '/schedule?view=agenda',
    ready: async (page) => {
      await expect(page.getByRole('button', { name: 'Agenda' })).toHaveAttribute('aria-pressed', 'true');
      await expect(page.getByText('Loading your schedule…')).toHaveCount(0);
      await expect(page.getByText(/ this week — /)).toBeVisible();
    },
  },
  notifications: {
    account: demo.participant,
    path: '/notifications',
    ready: async (page) => {
      await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
      await expect(page.getByText('Loading notifications…')).toHaveCount(0);
    },
  },
  chat: {
    account: demo.participant,
    path: '/chat',
    ready: async (page) => {
      await expect(page.getByRole('heading', { name: 'Your groups' })).toBeVisible();
    },
  },
  'chat room': {
    account: demo.participant,
    path: '/chat',
    ready: async (page) => {
      await page.getByRole('link', { name: 'Mood & Anxiety Group (Evening)' }).click();
      await expect(page.getByRole('region', { name: 'Messages in Mood & Anxiety Group (Evening)' })).toBeVisible();
      await expect(page.getByText('Loading messages…')).toHaveCount(0);
    },
  },
  'start a conversation': {
    account: demo.participant,
    path: '/chat/new',
    ready: async (page) => {
      await expect(page.getByRole('group', { name: 'Who to write to' })).toBeVisible();
    },
  },
  'group catalogue': {
    account: demo.participant,
    path: '/groups',
    ready: async (page) => {
      await expect(page.getByRole('article').first()).toBeVisible();
    },
  },
  'my program': {
    account: demo.participant,
    path: '/my-program',
    ready: async (page) => {
      await expect(page.getByRole('article', { name: 'Riverbend Virtual IOP' })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'My groups' })).toBeVisible();
    },
  },
  'group (member)': {
    account: demo.participant,
    path: async (request) => `/groups/${await demoGroupId(request, 'dbt-skills')}`,
    ready: async (page) => {
      await expect(page.getByRole('heading', { level: 1, name: 'DBT Skills Workshop' })).toBeVisible();
      await expect(page.getByText('Loading sessions…')).toHaveCount(0);
    },
  },
  'group (manager)': {
    account: demo.clinician,
    path: async (request) => `/groups/${await demoGroupId(request, 'mood-anxiety-evening')}`,
    ready: async (page) => {
      await expect(page.getByRole('table', { name: 'Members, waiting list and requests' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Assign' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Preview' })).toBeVisible();
    },
  },
  'session (manager)': {
    account: demo.clinician,
    path: async (request, baseURL) => {
      await signIn(request, baseURL, demo.clinician);
      const answer = await request.get(`${new URL(baseURL).origin}/api/v1/me/schedule`);
      const { occurrences } = (await answer.json()) as { occurrences: { id: string }[] };
      const first = occurrences[0];
      if (!first) throw new Error('the demo gives the clinician sessions within a week');
      return `/sessions/${first.id}`;
    },
    ready: async (page) => {
      await expect(page.getByRole('heading', { name: 'Manage this session' })).toBeVisible();
      await expect(page.getByRole('table', { name: 'Attendance' })).toBeVisible();
    },
  },
  'programs (admin)': {
    account: demo.admin,
    path: '/programs',
    ready: async (page) => {
      await expect(page.getByRole('table', { name: 'Programs' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Create program' })).toBeVisible();
    },
  },
  'program (admin)': {
    account: demo.admin,
    path: async (request) => `/programs/${await demoProgramId(request)}`,
    ready: programReady,
  },
  'program (clinician)': {
    account: demo.clinician,
    path: async (request) => `/programs/${await demoProgramId(request)}`,
    ready: async (page) => {
      await programReady(page);
      await expect(page.getByRole('button', { name: 'Book appointment' })).toBeVisible();
    },
  },
};

async function programReady(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Riverbend Virtual IOP' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Participants under target, most minutes short first' }).or(
    page.getByText(/active participants are on target/),
  )).toBeVisible();
  await expect(page.getByRole('table', { name: 'Enrolled participants' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Groups of the program' })).toBeVisible();
}

/** The demo program's id, from the public overview. */
async function demoProgramId(request: APIRequestContext): Promise<string> {
  const answer = await request.get('/api/v1/programs');
  const { programs } = (await answer.json()) as { programs: { id: string; slug: string }[] };
  const found = programs.find((program) => program.slug === 'riverbend-iop');
  if (!found) throw new Error('no demo program');
  return found.id;
}

/** A demo group's id by its slug, from the public overview. */
async function demoGroupId(request: APIRequestContext, slug: string): Promise<string> {
  const answer = await request.get('/api/v1/programs');
  const { programs } = (await answer.json()) as { programs: { groups: { id: string; slug: string }[] }[] };
  const found = programs.flatMap((program) => program.groups).find((group) => group.slug === slug);
  if (!found) throw new Error(`no demo group ${slug}`);
  return found.id;
}

const displays: Record<string, Settings> = {
  'default theme': { textSizePercent: 100, highContrast: false },
  'high-contrast theme': { textSizePercent: 100, highContrast: true },
  'default theme at 200% text': { textSizePercent: 200, highContrast: false },
  'high-contrast theme at 200% text': { textSizePercent: 200, highContrast: true },
};

for (const [displayName, settings] of Object.entries(displays)) {
  test.describe(displayName, () => {
    for (const [pageName, { account, path, ready }] of Object.entries(pages)) {
      test(`${pageName} page has no serious or critical axe violations`, async ({ page, request, baseURL }) => {
        const address = typeof path === 'string' ? path : await path(request, baseURL ?? '');
        if (account !== null) await signIn(page.request, baseURL ?? '', account);
        await presetSettings(page, settings);
        await page.goto(address);
        await ready(page);
        await expect(page.locator('html')).toHaveAttribute(
          'data-theme',
          settings.highContrast ? 'high-contrast' : 'default',
        );
        await expectNoSeriousA11yViolations(page, `${address} (${displayName})`);
      });
    }
  });
}

test.describe('dialogs', () => {
  test.use({ account: demo.admin });

  test('the deactivate confirmation has no serious or critical axe violations', async ({ page }) => {
    await page.goto('/admin/people');
    const row = page.getByRole('row', { name: /Blake T\./ });
    await row.getByRole('button', { name: 'Deactivate Blake T.' }).click();
    await expect(page.getByRole('alertdialog', { name: 'Deactivate Blake T.?' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'the deactivate dialog');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
  });

  test('the notification panel has no serious or critical axe violations', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('banner').getByRole('button', { name: /^Notifications/ }).click();
    const panel = page.getByRole('region', { name: 'Notifications' });
    await expect(panel.getByRole('link', { name: 'All notifications' })).toBeVisible();
    await expect(panel.getByText('Loading notifications…')).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, 'the notification panel');
    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
  });

  test('the schedule-sessions preview has no serious or critical axe violations', async ({ page, request }) => {
    await page.goto(`/groups/${await demoGroupId(request, 'family-program')}`);
    const section = page.getByRole('region', { name: 'Schedule sessions' });
    await section.getByRole('radio', { name: 'Weekly' }).check();
    await section.getByRole('button', { name: 'Preview' }).click();
    await expect(section.getByRole('heading', { name: /^Preview: / })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'the schedule-sessions preview');
  });

  test('two-factor set-up has no serious or critical axe violations', async ({ page }) => {
    await page.goto('/account');
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    await expect(page.getByRole('img', { name: /QR code to add Hearth/ })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'two-factor set-up');
  });
});
