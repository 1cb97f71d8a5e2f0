import { log, openRoom, otherMember, pageOf } from '../support/chat';
import { demo, expect, expectNoSeriousA11yViolations, test } from '../support/fixtures';

// Avery writes, Dr. Priya Shah (who leads the group, so moderates its room) hides it, and Blake,
// the group's other member, is the room everyone else stands for.
test.use({ account: demo.participant });

test('the facilitator hides a message with a reason: its author sees why, the others a placeholder; unhiding restores it', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const words = `Anyone watching the match tonight? ${stamp}`;
  const note = `Steer back to tonight’s topic ${stamp}`;
  const priya = await pageOf(browser, baseURL, demo.clinician);
  const blake = await pageOf(browser, baseURL, otherMember);
  for (const p of [page, priya, blake]) await openRoom(p);

  await page.getByRole('textbox', { name: 'Message' }).fill(words);
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(log(page).getByRole('listitem').filter({ hasText: words })).not.toContainText('Sending…');
  await expect(log(blake).getByText(words)).toBeVisible();
  // Neither participant moderates the room.
  await expect(log(page).getByRole('button', { name: /^(Un)?hide/ })).toHaveCount(0);
  await expect(log(blake).getByRole('button', { name: /^(Un)?hide/ })).toHaveCount(0);

  // Priya opens the form from the keyboard; focus starts on the reasons.
  const hide = log(priya).getByRole('listitem').filter({ hasText: words }).getByRole('button', { name: 'Hide Avery M.’s message' });
  await hide.press('Enter');
  const form = priya.getByRole('dialog', { name: 'Hide Avery M.’s message' });
  await expect(form).toBeVisible();
  await expect(form.getByRole('radio').first()).toBeFocused();
  await expectNoSeriousA11yViolations(priya, 'the form to hide a message');

  // The reason is required.
  await form.getByRole('button', { name: 'Hide', exact: true }).click();
  await expect(form.getByText('Choose why you are hiding it.')).toBeVisible();
  const offTopic = form.getByRole('radio', { name: 'Off topic' });
  await offTopic.click();
  await expect(offTopic).toBeChecked();
  const noteBox = form.getByRole('textbox', { name: /^Note for the other moderators/ });
  await noteBox.fill(note);
  await expect(form.getByText(`${note.length} of 280 characters.`)).toBeVisible();
  await form.getByRole('button', { name: 'Hide', exact: true }).click();
  await expect(form).toHaveCount(0);

  // The moderator reads it all, and focus is on the button that undoes it.
  const moderated = log(priya).getByRole('listitem').filter({ hasText: words });
  await expect(moderated).toContainText('Hidden from the group: Off topic. Hidden by you.');
  await expect(moderated).toContainText(`Note for moderators: ${note}`);
  const unhide = moderated.getByRole('button', { name: 'Unhide Avery M.’s message' });
  await expect(unhide).toBeFocused();

  // Blake, another member, sees only the placeholder with the reason; never the words or the note.
  await expect(log(blake).getByText(words)).toHaveCount(0);
  await expect(log(blake).getByRole('listitem').last()).toContainText('Hidden by a moderator because it was off topic.');
  await expect(log(blake).getByText(note)).toHaveCount(0);

  // Avery still reads her own words, and that and why they were hidden; not who hid them, nor the note.
  const mine = log(page).getByRole('listitem').filter({ hasText: words });
  await expect(mine).toContainText('A moderator hid this message from the group because it was off topic.');
  await expect(mine).not.toContainText(note);
  await expect(mine).not.toContainText('Hidden by');
  await expect(mine.getByRole('button', { name: 'Edit' })).toHaveCount(0);

  // Unhiding shows it to everyone again.
  await unhide.press('Enter');
  await expect(moderated.getByRole('button', { name: 'Hide Avery M.’s message' })).toBeFocused();
  await expect(moderated).not.toContainText('Hidden from the group');
  await expect(log(blake).getByText(words)).toBeVisible();
  await expect(log(blake).getByText('Hidden by a moderator because it was off topic.')).toHaveCount(0);
  await expect(mine).not.toContainText('A moderator hid this message');
  await expect(mine.getByRole('button', { name: 'Edit' })).toBeVisible();

  await priya.context().close();
  await blake.context().close();
});
