import type { Page } from '@playwright/test';
import { demo, expect, expectNoSeriousA11yViolations, test } from '../support/fixtures';
import {
  expectVideoFromEveryone,
  mediaLaunchOptions,
  pageOf,
  passDeviceCheck,
  sessionStartingNow,
} from '../support/live';

// An invited guest of one session: Dr. Priya Shah, who leads the demo's Mood & Anxiety evening
// group, invites Robin M. (the demo's family member, on no roster) to a session of it that starts
// now. Robin sees it in their schedule as a guest and joins; auto-admit is on, yet a guest always
// waits to be let in. docs/api.md, "Guests"; docs/protocol/realtime.md, "Live sessions (video)".
const robin = { email: demo.family, name: 'Robin M.' };

test.use({
  account: demo.clinician,
  launchOptions: mediaLaunchOptions,
  // Chromium logs the refused invitation of an unknown address (404, the API's answer) as a console error.
  allowedConsoleErrors: [/status of 404/],
});

const guestsOf = (page: Page) => page.getByRole('region', { name: 'Guests' });

test('a facilitator invites a guest by email, who sees the session as a guest, waits despite auto-admit, is let in and seen, and is uninvited', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const origin = baseURL ?? '';
  const occurrenceId = await sessionStartingNow(page, origin, 'Family session');
  const { title } = (await (await page.request.get(`/api/v1/occurrences/${occurrenceId}`)).json()) as { title: string };

  await page.goto(`/sessions/${occurrenceId}`);
  const guests = guestsOf(page);
  await expect(guests.getByText(/^No guests are invited\. A guest is someone from outside the group/)).toBeVisible();
  const email = guests.getByLabel('Email of the guest’s Hearth account');

  // A mistyped address: no account uses it, and the page says what to do about that.
  await email.fill('robyn@riverbend.example');
  await guests.getByRole('button', { name: 'Invite guest' }).click();
  await expect(email).toHaveAccessibleDescription(/No active Hearth account uses this email\./);
  await expect(email).toHaveAccessibleDescription(/an administrator can invite them to Hearth first/);
  await expect(email).toBeFocused();

  // The right one, by keyboard: Enter in the field sends the form.
  await email.fill(robin.email);
  await email.press('Enter');
  await expect(guests.getByRole('status')).toHaveText(
    `${robin.name} is invited. They are notified and see this session in their schedule.`,
  );
  const listed = guests.getByRole('list', { name: 'Invited guests' }).getByRole('listitem');
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText(`${robin.name} — ${robin.email}`);
  await expect(listed).toContainText('Invited by Dr. Priya Shah');
  await expect(email).toHaveValue('');
  await expectNoSeriousA11yViolations(page, 'the session page with its guests');

  // Priya enters the room and lets people in without the waiting room.
  await page.getByRole('link', { name: 'Join session' }).click();
  await passDeviceCheck(page);
  await expect(page.getByRole('heading', { level: 2, name: 'In the room (1)' })).toBeVisible();
  const panel = page.getByRole('region', { name: 'Facilitator controls' });
  const autoAdmit = panel.getByRole('checkbox', { name: 'Let people in without the waiting room' });
  // The box follows the room's state: it turns checked once the server has the setting.
  await autoAdmit.click();
  await expect(autoAdmit).toBeChecked();

  const robins = await pageOf(browser, origin, robin.email);
  const robinsProblems: string[] = [];
  robins.on('pageerror', (error) => robinsProblems.push(error.message));
  try {
    await robins.goto('/schedule');
    const week = robins.getByRole('table', { name: /^Your sessions, week of/ });
    const entry = week.locator('.session', { has: robins.getByRole('link', { name: title, exact: true }) });
    await expect(entry).toContainText('Guest');
    await expect(entry.getByRole('link', { name: `Join ${title}` })).toBeVisible();
    await entry.getByRole('link', { name: title, exact: true }).click();
    await expect(robins.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(robins.getByText(/^Guest You are invited to this one session\./)).toBeVisible();
    await robins.getByRole('link', { name: 'Join session' }).click();
    await passDeviceCheck(robins);
    await expect(robins.getByRole('heading', { level: 2, name: 'You’re in the waiting room' })).toBeVisible();

    // Auto-admit lets members in; a guest waits, marked as a guest in the facilitator's line.
    const waiting = panel.getByRole('region', { name: 'Waiting room (1)' });
    const inLine = waiting.getByRole('listitem').filter({ hasText: robin.name });
    await expect(inLine.locator('.live-people__name')).toHaveText(`${robin.name} Guest`);
    await expect(robins.getByRole('heading', { level: 2, name: 'You’re in the waiting room' })).toBeVisible();
    await waiting.getByRole('button', { name: `Admit ${robin.name}` }).click();

    for (const p of [page, robins]) {
      await expect(p.getByRole('heading', { level: 2, name: 'In the room (2)' })).toBeVisible();
    }
    await expectVideoFromEveryone(page, 1, 'Priya');
    await expectVideoFromEveryone(robins, 1, 'Robin');
    const robinsTile = page.getByRole('figure', { name: `Video of ${robin.name}` });
    await expect(robinsTile.locator('video')).toBeVisible();
    await expect(robinsTile.locator('.live-tile__name')).toHaveText(`${robin.name} Guest`);
    await expect(robins.getByRole('figure', { name: 'Video of Dr. Priya Shah' }).locator('video')).toBeVisible();
    await expect(robins.getByRole('figure', { name: 'Your video' })).toContainText('Guest');
    const people = panel.getByRole('region', { name: 'People in the room (2)' });
    await expect(people.getByRole('listitem').filter({ hasText: robin.name }).locator('.live-people__name')).toHaveText(
      `${robin.name} Guest`,
    );
    await expectNoSeriousA11yViolations(page, 'the room with a guest, and the facilitator controls');

    // Back on the session's page, Priya withdraws the invitation, after a confirmation; Robin,
    // still in the room, is let go at once.
    await page.goto(`/sessions/${occurrenceId}`);
    await guestsOf(page).getByRole('button', { name: `Withdraw the invitation of ${robin.name}` }).click();
    const dialog = page.getByRole('alertdialog', { name: `Withdraw the invitation of ${robin.name}?` });
    await dialog.getByRole('button', { name: 'Withdraw' }).click();
    await expect(guestsOf(page).getByRole('status')).toHaveText(`The invitation of ${robin.name} is withdrawn.`);
    await expect(guestsOf(page).getByText(/^No guests are invited\./)).toBeVisible();
    await expect(robins.getByRole('heading', { level: 2, name: 'You were removed from the session' })).toBeVisible();

    // The session is no longer Robin's; the notifications say why.
    await robins.goto(`/sessions/${occurrenceId}`);
    await expect(robins.getByText(/There is no such session, or it is not open to you\./)).toBeVisible();
    await robins.goto('/notifications');
    await expect(robins.getByText(new RegExp(`Your invitation to ${title} on .* was withdrawn\\.$`))).toBeVisible();
    await expect(robins.getByText(new RegExp(`You are invited as a guest to ${title}`))).toBeVisible();
    expect(robinsProblems, 'uncaught errors on Robin’s page').toEqual([]);
  } finally {
    await robins.context().close();
  }
});
