import { localDate, weekdayIndex } from '../../src/base/ui/dates';
import { expect, test } from '../support/fixtures';

const zone = 'America/Chicago';
const group = 'Young Adults Peer Support';

// Kai is a young adult in the demo, not yet in the peer group (server/src/app/demo_schedule.cpp).
test.use({ account: 'kai@riverbend.example' });

test('a participant joins a peer group from the catalogue and sees it in their week', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/groups');
  const card = page.getByRole('article', { name: group });
  await expect(card).toContainText('Open to join');
  await card.getByRole('button', { name: `Join: ${group}` }).click();
  await expect(page.getByText(`You joined ${group}. Its sessions are on your schedule.`)).toBeVisible();
  await expect(card).toContainText('You are a member.');
  await expect(card.getByRole('heading', { name: group })).toBeFocused();

  // The group meets weekly from the day after the demo was made, so its next session can be
  // more than seven days away (the demo made just after midnight on its weekday): ask for two weeks.
  const twoWeeksOn = new Date(Date.now() + 14 * 24 * 3600 * 1000).toISOString().slice(0, 19) + 'Z';
  const answer = await page.request.get(`/api/v1/me/schedule?to=${twoWeeksOn}`);
  expect(answer.status()).toBe(200);
  const { occurrences } = (await answer.json()) as { occurrences: { starts_at: string; group: { name: string } }[] };
  const next = occurrences.find((occurrence) => occurrence.group.name === group);
  expect(next, 'the group has a session within two weeks').toBeDefined();
  const date = localDate(next?.starts_at ?? '', zone);

  await page.goto(`/schedule?week=${date}`);
  const day = page.getByRole('table', { name: /^Your sessions, week of/ }).getByRole('cell').nth(weekdayIndex(date));
  await expect(day).toContainText(group);

  await page.getByRole('button', { name: 'Agenda' }).click();
  await expect(page.getByRole('heading', { level: 3 }).first()).toBeVisible();
  await expect(page.getByRole('main')).toContainText(group);

  // Leave again, so the demo stays as it was for the other tests.
  await page.goto('/groups');
  await card.getByRole('button', { name: `Leave group: ${group}` }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Leave group' }).click();
  await expect(page.getByText(`You left ${group}.`)).toBeVisible();
  await expect(card.getByRole('button', { name: `Join: ${group}` })).toBeVisible();
});
