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
  await warning.getByRole('button', { name: 'Stay signed in' }).click();
  await expect(warning).toHaveCount(0);

  // The server moved the deadline past the first one (read from the session, not the clock).
  const firstDeadline = Date.parse(session.session.idle_expires_at);
  const kept = await page.request.get(`${server.url}/api/v1/auth/session`);
  expect(kept.status()).toBe(200);
  const keptBody = (await kept.json()) as { session: { idle_expires_at: string } };
  expect(Date.parse(keptBody.session.idle_expires_at)).toBeGreaterThan(firstDeadline);

  // The warning's second appearance comes at about the first deadline: the session is still there.
  await expect(warning).toBeVisible({ timeout: idleSeconds * 1000 });
  const check = await page.request.get(`${server.url}/api/v1/auth/session`);
  expect(check.status(), 'the session outlived its first deadline').toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'About Hearth' })).toBeVisible();

  // Now let it lapse.
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible({ timeout: idleSeconds * 1000 });
  await expect(
    page.getByRole('status').filter({ hasText: 'Your session has ended. Please sign in again.' }),
  ).toBeVisible();
  await expect(warning).toHaveCount(0);
});
