import { log, openRoom, pageOf, room } from '../support/chat';
import { demo, expect, expectNoSeriousA11yViolations, test } from '../support/fixtures';

test.use({ account: demo.participant });

test('her clinician sees the participant typing, and whether she is online', async ({ page, browser, baseURL }) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const priya = await pageOf(browser, baseURL, demo.clinician);

  // Avery opens (or finds) her private conversation with Priya, so each is in the other's list.
  await page.goto('/chat/new');
  await page.getByRole('checkbox', { name: 'Dr. Priya Shah' }).check();
  await page.getByRole('button', { name: 'Start conversation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dr. Priya Shah' })).toBeVisible();

  await priya.goto('/chat');
  const averyThere = priya.getByRole('listitem').filter({ has: priya.getByRole('link', { name: 'Avery M.', exact: true }) });
  await expect(averyThere).toContainText('online');
  await expect(averyThere.locator('.presence--online')).toBeVisible();
  await averyThere.getByRole('link').click();
  const people = priya.getByRole('list', { name: 'People in this conversation' });
  await expect(people).toHaveText('Avery M.: online');
  await expectNoSeriousA11yViolations(priya, 'a private conversation showing presence');

  const box = page.getByRole('textbox', { name: 'Message' });
  await box.pressSequentially(`Are you free ${stamp}`, { delay: 30 });
  const typing = priya.getByText('Avery M. is typing…');
  await expect(typing).toBeVisible();
  // Shown, not read out on every event (see ChatPanel's TypingIndicator).
  await expect(typing).toHaveAttribute('aria-live', 'off');
  await expect(page.getByText(/is typing…/)).toHaveCount(0);
  await box.press('Enter');
  // Her message ends it at once, well before its 5 seconds.
  await expect(priya.getByRole('region', { name: 'Messages in Avery M.' }).getByText(`Are you free ${stamp}`)).toBeVisible();
  await expect(priya.getByText(/is typing…/)).toHaveCount(0, { timeout: 1_000 });

  // Avery leaves: after the server's 5 seconds of grace, Priya sees she is offline.
  await page.context().close();
  await expect(people).toHaveText('Avery M.: offline', { timeout: 15_000 });
  await priya.context().close();
});

test('a participant searches her messages without the words reaching the address bar', async ({ page }) => {
  test.setTimeout(60_000);
  const stamp = Date.now().toString(36);
  await openRoom(page);
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(`Sleep hygiene helped with the cravings ${stamp}`);
  await box.press('Enter');
  await expect(log(page).getByRole('listitem').filter({ hasText: stamp })).not.toContainText('Sending…');

  await page.goto('/chat');
  const form = page.getByRole('search', { name: 'Search messages' });
  const field = form.getByRole('searchbox', { name: 'Search messages' });
  await field.fill(`crav ${stamp}`);
  await field.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '1 message found.' })).toBeVisible();
  const results = page.getByRole('list', { name: 'Search results' });
  const found = results.getByRole('listitem');
  await expect(found).toHaveCount(1);
  await expect(found).toContainText('Avery M.');
  await expect(found.locator('mark')).toHaveText(['cravings', stamp]);
  await expect(field).toBeFocused();
  expect(page.url()).not.toContain(stamp);
  expect(page.url()).not.toContain('crav');

  await expectNoSeriousA11yViolations(page, 'the chat page with search results');

  await field.fill(`nothingmatches${stamp}`);
  await field.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'No messages found.' })).toBeVisible();
  await field.fill('?!');
  await field.press('Enter');
  await expect(field).toHaveAccessibleDescription('Type at least one word.');

  // In the room's own panel, the search is the room's only.
  await field.fill(stamp);
  await field.press('Enter');
  await results.getByRole('link', { name: room }).click();
  await expect(page.getByRole('heading', { level: 1, name: room })).toBeVisible();
  await page.getByText('Search this room', { exact: true }).first().click();
  const inRoom = page.getByRole('search', { name: 'Search this room' });
  await inRoom.getByRole('searchbox').fill(`hygiene ${stamp}`);
  await inRoom.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('list', { name: 'Search results' }).getByRole('listitem')).toHaveCount(1);
  expect(page.url()).not.toContain(stamp);
});
