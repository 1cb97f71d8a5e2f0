import { localDate, weekdayIndex } from '../../src/base/ui/dates';
import { apiWrite, demo, expect, signIn, test } from '../support/fixtures';

const zone = 'America/Chicago';
const title = 'Mood & Anxiety Group';

test.use({ account: demo.clinician });

const unread = (label: string | null) => Number(/(\d+) unread/.exec(label ?? '')?.[1] ?? 0);

test('a clinician cancels a session: it leaves the participant’s schedule and a notification arrives', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const other = await browser.newContext({ baseURL: baseURL ?? '' });
  await signIn(other.request, baseURL ?? '', demo.participant);

  // Avery is in the demo's Mood & Anxiety group, which meets three evenings a week.
  const answer = await other.request.get('/api/v1/me/schedule');
  expect(answer.status()).toBe(200);
  const { occurrences } = (await answer.json()) as { occurrences: { id: string; title: string; starts_at: string }[] };
  const session = occurrences.find((occurrence) => occurrence.title === title);
  if (!session) throw new Error('the demo gives Avery a Mood & Anxiety session within a week');
  const date = localDate(session.starts_at, zone);

  const theirPage = await other.newPage();
  await theirPage.goto(`/schedule?week=${date}`);
  const day = theirPage.getByRole('table', { name: /^Your sessions, week of/ }).getByRole('cell').nth(weekdayIndex(date));
  await expect(day.locator(`a[href="/sessions/${session.id}"]`)).toBeVisible();
  const bell = theirPage.getByRole('banner').getByRole('button', { name: /^Notifications/ });
  await expect(bell).toHaveAttribute('aria-label', /^Notifications, /);
  const before = unread(await bell.getAttribute('aria-label'));

  await page.goto(`/sessions/${session.id}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel session' }).click();
  const dialog = page.getByRole('alertdialog', { name: `Cancel “${title}”?` });
  await dialog.getByLabel('Reason').fill('Facilitator unwell; we meet again at the next session.');
  await dialog.getByRole('button', { name: 'Cancel session' }).click();
  await expect(page.getByText('The session is cancelled. Its members have been notified.')).toBeVisible();
  await expect(page.getByText('Cancelled', { exact: true })).toBeVisible();

  // The open page hears of it at its next poll of the unread count (every 30 s), and says so.
  await expect
    .poll(async () => unread(await bell.getAttribute('aria-label')), { timeout: 40_000, intervals: [1000] })
    .toBeGreaterThan(before);
  await expect(theirPage.getByText(/^You have \d+ unread notifications?\.$/)).toBeAttached();
  await bell.click();
  const panel = theirPage.getByRole('region', { name: 'Notifications' });
  await expect(panel.getByRole('listitem').filter({ hasText: `Cancelled: ${title}` })).toContainText(
    'Facilitator unwell; we meet again at the next session.',
  );

  await theirPage.reload();
  await expect(theirPage.getByRole('table', { name: /^Your sessions, week of/ })).toBeVisible();
  await expect(day.locator(`a[href="/sessions/${session.id}"]`)).toHaveCount(0);
  await theirPage.close();
  expect((await apiWrite(other.request, baseURL ?? '', 'POST', '/api/v1/auth/sign-out')).status).toBe(204);
  await other.close();
});
