import { expect, signIn, test } from '../support/fixtures';
import { startHearth, type RunningHearth } from '../support/server';

// A server of its own with the shortest idle time-out it accepts (30 s): the warning comes at
// half of it, and letting it lapse takes half a minute, not a quarter of an hour.
const idleSeconds = 30;
let server: RunningHearth;

test.beforeAll(async () => {
  server = await startHearth(['--session-idle-timeout', String(idleSeconds)]);
});

test.afterAll(async () => {
  await server.stop();
});

test('the idle warning appears, "Stay signed in" keeps the session, and letting it lapse ends it', async ({ page }) => {
  test.setTimeout(150_000);
  const session = await signIn(page.request, server.url, 'devon@riverbend.example');
  expect(session.session.idle_timeout_seconds).toBe(idleSeconds);
  await page.goto(`${server.url}/about`);
  await expect(page.getByRole('heading', { level: 1, name: 'About Hearth' })).toBeVisible();
  const warning = page.getByRole('alertdialog', { name: 'Are you still there?' });

  await expect(warning).toBeVisible({ timeout: idleSeconds * 1000 });
  await expect(warning).toContainText('Your session will end in');
  await expect(warning.getByRole('button', { name: 'Stay signed in' })).toBeFocused();
  const keptAt = Date.now();
  await warning.getByRole('button', { name: 'Stay signed in' }).click();
  await expect(warning).toHaveCount(0);

  // Past the first deadline, the session is still there.
  const firstDeadline = keptAt + (idleSeconds / 2) * 1000;
  await page.waitForTimeout(Math.max(0, firstDeadline - Date.now()) + 2_000);
  const check = await page.request.get(`${server.url}/api/v1/auth/session`);
  expect(check.status(), 'the session outlived its first deadline').toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'About Hearth' })).toBeVisible();

  // Now let it lapse.
  await expect(warning).toBeVisible({ timeout: idleSeconds * 1000 });
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible({ timeout: idleSeconds * 1000 });
  await expect(
    page.getByRole('status').filter({ hasText: 'Your session has ended. Please sign in again.' }),
  ).toBeVisible();
  await expect(warning).toHaveCount(0);
});
