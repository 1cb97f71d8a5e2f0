import type { Page } from '@playwright/test';
import { log, openRoom, otherMember, pageOf, realtimeRequest, room, userIdOf } from '../support/chat';
import { demo, expect, expectNoSeriousA11yViolations, test } from '../support/fixtures';

// Dr. Priya Shah leads the Mood & Anxiety evening group, so moderates its room; she mutes Avery
// (this page's account) and removes Blake, the group's other member, then restores each.
test.use({ account: demo.participant });

const say = async (page: Page, text: string) => {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
  await expect(log(page).getByRole('listitem').filter({ hasText: text })).not.toContainText('Sending…');
};

test('the facilitator mutes one member and removes another; each is told, and restoring undoes it', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const priya = await pageOf(browser, baseURL, demo.clinician);
  const blake = await pageOf(browser, baseURL, otherMember);
  const averyId = await userIdOf(page);
  const blakeId = await userIdOf(blake);
  for (const p of [page, priya, blake]) await openRoom(p);
  let roomId = '';

  try {
    roomId = decodeURIComponent(new URL(priya.url()).pathname.split('/').at(-1) ?? '');
    await say(page, `Avery here ${stamp}`);
    await say(blake, `Blake here ${stamp}`);
    // Members do not moderate: nothing to mute anyone with.
    await expect(log(page).getByRole('button', { name: /^Mute or remove/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Muted and removed people' })).toHaveCount(0);

    // Priya mutes Avery for 15 minutes from Avery's message.
    const averysMessage = log(priya).getByRole('listitem').filter({ hasText: `Avery here ${stamp}` });
    await averysMessage.getByRole('button', { name: 'Mute or remove Avery M.' }).click();
    const form = priya.getByRole('dialog', { name: 'Mute or remove Avery M.' });
    await expect(form).toBeVisible();
    await expect(form.getByRole('radio').first()).toBeFocused();
    await expectNoSeriousA11yViolations(priya, 'the form to mute or remove someone');
    await form.getByRole('radio', { name: 'Mute for 15 minutes' }).check();
    await form.getByRole('radio', { name: 'Disrespectful' }).check();
    await form.getByRole('textbox', { name: /^Note for the other moderators/ }).fill(`Cooling off ${stamp}`);
    await form.getByRole('button', { name: 'Mute', exact: true }).click();
    await expect(form).toHaveCount(0);
    await expect(averysMessage.getByRole('status')).toHaveText(/^Avery M\. is muted until .*\d:\d\d/);

    // Avery cannot write, and is told until when; she still reads the room.
    const averyBox = page.getByRole('textbox', { name: 'Message' });
    await expect(page.getByText(/^A moderator has muted you in this room until .*\d:\d\d/)).toBeVisible();
    await expect(averyBox).toBeDisabled();
    await say(blake, `Still reading ${stamp}`);
    await expect(log(page).getByText(`Still reading ${stamp}`)).toBeVisible();

    // Priya sees who is muted, with the note, and restores Avery.
    await priya.getByRole('button', { name: 'Muted and removed people' }).click();
    const list = priya.getByRole('dialog', { name: /^Muted and removed in / });
    const averyRow = list.getByRole('listitem').filter({ hasText: 'Avery M.' });
    await expect(averyRow).toContainText('Muted until');
    await expect(averyRow).toContainText('Reason: Disrespectful');
    await expect(averyRow).toContainText(`Note for moderators: Cooling off ${stamp}`);
    await expectNoSeriousA11yViolations(priya, 'the list of muted and removed people');
    await averyRow.getByRole('button', { name: 'Restore Avery M.' }).click();
    await expect(list.getByText('Avery M. can post again.')).toBeFocused();
    await list.getByRole('button', { name: 'Close' }).click();
    await expect(list).toHaveCount(0);

    // Avery may write again.
    await expect(page.getByText(/^A moderator has muted you/)).toHaveCount(0);
    await expect(averyBox).toBeEnabled();
    await say(page, `Back again ${stamp}`);
    await expect(log(blake).getByText(`Back again ${stamp}`)).toBeVisible();

    // Priya removes Blake: the room goes from Blake's chat, with a word why.
    const blakesMessage = log(priya).getByRole('listitem').filter({ hasText: `Blake here ${stamp}` });
    await blakesMessage.getByRole('button', { name: 'Mute or remove Blake T.' }).click();
    const removeForm = priya.getByRole('dialog', { name: 'Mute or remove Blake T.' });
    await removeForm.getByRole('radio', { name: 'Remove from this room’s chat' }).check();
    await removeForm.getByRole('radio', { name: 'Off topic' }).check();
    await removeForm.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(removeForm).toHaveCount(0);
    await expect(blakesMessage.getByRole('status')).toHaveText('Blake T. is removed from this room’s chat.');
    await expect(blake.getByRole('alert').filter({ hasText: 'You were removed from this room’s chat by a moderator.' })).toBeVisible();
    await expect(log(blake)).toHaveCount(0);
    await blake.getByRole('link', { name: 'See your rooms' }).click();
    await expect(blake.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();
    await expect(blake.getByRole('link', { name: room })).toHaveCount(0);

    // Restored, the room is Blake's again.
    await priya.getByRole('button', { name: 'Muted and removed people' }).click();
    const blakeRow = list.getByRole('listitem').filter({ hasText: 'Blake T.' });
    await expect(blakeRow).toContainText('Removed from this room’s chat');
    await blakeRow.getByRole('button', { name: 'Restore Blake T.' }).click();
    await expect(list.getByText('Blake T. is back in this room’s chat.')).toBeFocused();
    await expect(blake.getByRole('link', { name: room })).toBeVisible();
    await blake.getByRole('link', { name: room }).click();
    await expect(log(blake).getByText(`Back again ${stamp}`)).toBeVisible();
  } finally {
    // Whatever failed, the others' specs find both in the room again, free to write.
    if (roomId !== '') {
      for (const userId of [averyId, blakeId]) await realtimeRequest(priya, 'member.restore', { room_id: roomId, user_id: userId });
    }
    await priya.context().close();
    await blake.context().close();
  }
});
