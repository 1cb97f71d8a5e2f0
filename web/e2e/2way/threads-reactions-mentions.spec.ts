import { log, openRoom, otherMember, pageOf, room } from '../support/chat';
import { demo, expect, expectNoSeriousA11yViolations, test } from '../support/fixtures';

test.use({ account: demo.participant });

test('a reply in a thread, a heart and an @mention reach the other member live', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const blake = await pageOf(browser, baseURL, otherMember);
  await openRoom(page);
  await openRoom(blake);

  // Avery posts.
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(`Thirty days today ${stamp}`);
  await box.press('Enter');
  // The thread's first message comes first; its reply, quoting it, after.
  const rootOnAvery = log(page).getByRole('listitem').filter({ hasText: `Thirty days today ${stamp}` }).first();
  await expect(rootOnAvery).not.toContainText('Sending…');

  // Blake replies in a thread: focus goes to the thread's box.
  const rootOnBlake = log(blake).getByRole('listitem').filter({ hasText: `Thirty days today ${stamp}` }).first();
  await rootOnBlake.getByRole('button', { name: 'Reply', exact: true }).click();
  const blakesThread = blake.getByRole('region', { name: 'Thread' });
  const replyBox = blakesThread.getByRole('textbox', { name: 'Reply' });
  await expect(replyBox).toBeFocused();
  await replyBox.fill(`So proud of you ${stamp}`);
  await replyBox.press('Enter');
  await expect(blakesThread.getByRole('listitem').filter({ hasText: `So proud of you ${stamp}` })).not.toContainText('Sending…');
  await expect(blakesThread.getByText('1 reply', { exact: true })).toBeVisible();

  // Avery sees the count under her message, and the reply in the room saying what it answers.
  const count = rootOnAvery.getByRole('button', { name: /^1 reply · last / });
  await expect(count).toBeVisible();
  await expect(
    log(page).getByRole('listitem').filter({ hasText: `So proud of you ${stamp}` }).getByRole('button', { name: /^Replied to Avery/ }),
  ).toBeVisible();
  await count.click();
  const averysThread = page.getByRole('region', { name: 'Thread' });
  await expect(averysThread.getByText(`So proud of you ${stamp}`)).toBeVisible();
  await expect(averysThread.getByRole('textbox', { name: 'Reply' })).toBeFocused();
  await expectNoSeriousA11yViolations(page, 'a room with a thread open');
  await page.keyboard.press('Escape');
  await expect(averysThread).toHaveCount(0);
  await expect(count).toBeFocused();

  // Blake gives Avery's message a heart, from the menu, with the keyboard.
  const addReaction = rootOnBlake.getByRole('button', { name: 'Add reaction' });
  await addReaction.focus();
  await blake.keyboard.press('Enter');
  await expect(blake.getByRole('menuitemcheckbox', { name: 'Love' })).toBeFocused();
  await blake.keyboard.press('Enter');
  await expect(addReaction).toBeFocused();
  await expect(rootOnBlake.getByRole('button', { name: 'Love, you' })).toHaveAttribute('aria-pressed', 'true');
  const heart = rootOnAvery.getByRole('button', { name: 'Love, 1 person' });
  await expect(heart).toHaveAttribute('aria-pressed', 'false');
  await expect(heart).toHaveAttribute('title', /Blake/);

  // Blake goes to the list of rooms; Avery names him, chosen from the @ suggestions.
  await blake.goto('/chat');
  const roomOnBlakesList = blake.getByRole('listitem').filter({ has: blake.getByRole('link', { name: room, exact: true }) });
  await expect(roomOnBlakesList).toBeVisible();
  await box.click();
  await box.pressSequentially('@Bla', { delay: 30 });
  const suggestions = page.getByRole('listbox', { name: 'People to mention' });
  const blakeOption = suggestions.getByRole('option', { name: /^Blake/ });
  await expect(blakeOption).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await blakeOption.getAttribute('id')) ?? '');
  await expectNoSeriousA11yViolations(page, 'the @ suggestions');
  await box.press('Enter');
  await expect(suggestions).toHaveCount(0);
  await expect(box).toHaveValue(/^@Blake.* $/);
  await box.pressSequentially(`see you tonight ${stamp}`);
  await box.press('Enter');
  const mentionOnAvery = log(page).getByRole('listitem').filter({ hasText: `see you tonight ${stamp}` });
  await expect(mentionOnAvery).not.toContainText('Sending…');
  await expect(mentionOnAvery.locator('.mention').filter({ hasText: /^@Blake/ })).toBeVisible();

  // Blake hears it, politely, and sees the @ beside the room and in the navigation.
  await expect(blake.locator('[aria-live="polite"]').filter({ hasText: `mentioned you in ${room}` })).toHaveCount(1);
  await expect(roomOnBlakesList).toContainText(/@\d+ mentions? of you/);
  await expect(blake.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: /Chat/ })).toContainText(/mentions? of you/);

  // Opening the room shows his name set off as his, and reading it clears the marker.
  await roomOnBlakesList.getByRole('link', { name: room, exact: true }).click();
  await expect(log(blake).getByRole('listitem').filter({ hasText: `see you tonight ${stamp}` }).locator('.mention--me')).toBeVisible();
  await expect(blake.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: /Chat/ })).not.toContainText('of you');
  await blake.context().close();
});
