import type { WebSocketRoute } from '@playwright/test';
import { log, openRoom, pageOf, room } from '../support/chat';
import { demo, expect, expectNoSeriousA11yViolations, test } from '../support/fixtures';

test.use({ account: demo.participant });

test('a participant and the group’s facilitator chat live in the group’s room', async ({ page, browser, baseURL }) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const priya = await pageOf(browser, baseURL, demo.clinician);

  await openRoom(page);
  await openRoom(priya);

  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(`Made it through today ${stamp}`);
  await box.press('Enter');
  await expect(box).toHaveValue('');
  const mine = log(page).getByRole('listitem').filter({ hasText: `Made it through today ${stamp}` });
  await expect(mine).toContainText('Avery M.');
  await expect(mine).not.toContainText('Sending…');

  // Priya hears it without reloading, and answers.
  await expect(log(priya).getByText(`Made it through today ${stamp}`)).toBeVisible();
  const reply = priya.getByRole('textbox', { name: 'Message' });
  await reply.fill(`Proud of you ${stamp}\nSee you tonight.`);
  await priya.getByRole('button', { name: 'Send' }).click();
  await expect(log(page).getByText(`Proud of you ${stamp}`)).toBeVisible();
  // Announced politely to Avery, not to its author.
  await expect(page.locator('[aria-live="polite"]').filter({ hasText: `Dr. Priya Shah: Proud of you ${stamp}` })).toHaveCount(1);
  await expect(priya.locator('[aria-live="polite"]').filter({ hasText: `Proud of you ${stamp}` })).toHaveCount(0);

  // After a reload the conversation is still there, from the server's history.
  await priya.reload();
  await expect(log(priya).getByText(`Made it through today ${stamp}`)).toBeVisible();
  await expect(log(priya).getByText(`Proud of you ${stamp}`)).toBeVisible();

  await expectNoSeriousA11yViolations(page, 'a chat room with messages');

  // The same room sits on the group's page.
  await page.getByRole('link', { name: 'About this group' }).click();
  const groupChat = page.getByRole('region', { name: 'Group chat' });
  await expect(groupChat.getByRole('region', { name: `Messages in ${room}` }).getByText(`Proud of you ${stamp}`)).toBeVisible();
  await expect(groupChat.locator('[aria-live="polite"]')).toBeEmpty();
  await priya.context().close();
});

test('a dropped connection loses nothing: what was missed arrives, and what was written meanwhile is sent once', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  // Every socket of Avery's page goes through this proxy to the real server. The second one
  // (the reconnect) waits until Priya has posted, so that there is something to catch up on.
  const routes: WebSocketRoute[] = [];
  let priyaPosted: () => void = () => undefined;
  const posted = new Promise<void>((resolve) => {
    priyaPosted = resolve;
  });
  // The reconnect asks to resume the stream (`?resume=…&after=…`): its address has a query.
  await page.routeWebSocket(/\/api\/v1\/ws(\?.*)?$/, async (ws) => {
    routes.push(ws);
    if (routes.length > 1) await posted;
    ws.connectToServer();
  });

  const priya = await pageOf(browser, baseURL, demo.clinician);
  await openRoom(page);
  await openRoom(priya);

  // The line drops.
  await routes[0]?.close({ code: 1006 });
  await expect(page.getByRole('status').filter({ hasText: 'Reconnecting…' })).toBeVisible();
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(`Written while offline ${stamp}`);
  await box.press('Enter');
  await expect(log(page).getByRole('listitem').filter({ hasText: `Written while offline ${stamp}` })).toContainText(
    'Waiting for the connection…',
  );

  await priya.getByRole('textbox', { name: 'Message' }).fill(`Posted while Avery was away ${stamp}`);
  await priya.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(log(priya).getByText(`Posted while Avery was away ${stamp}`)).toBeVisible();
  priyaPosted();

  await expect(log(page).getByText(`Posted while Avery was away ${stamp}`)).toBeVisible({ timeout: 20_000 });
  await expect(log(priya).getByText(`Written while offline ${stamp}`)).toBeVisible();
  await expect(log(page).getByText(`Written while offline ${stamp}`)).toHaveCount(1);
  await expect(page.getByText('Waiting for the connection…')).toHaveCount(0);
  await priya.reload();
  await expect(log(priya).getByText(`Written while offline ${stamp}`)).toHaveCount(1);
  await priya.context().close();
});

test('crisis language brings its author help at once and the care team an alert, without the words', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(60_000);
  const stamp = Date.now().toString(36);
  const priya = await pageOf(browser, baseURL, demo.clinician);
  await priya.goto('/schedule');
  await openRoom(page);

  const words = `I want to end my life ${stamp}`;
  await page.getByRole('textbox', { name: 'Message' }).fill(words);
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  const help = page.getByRole('alert').filter({ hasText: 'You do not have to face this alone.' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('link', { name: /988/ })).toBeVisible();
  // Never blocked or hidden: the message is in the room.
  await expect(log(page).getByText(words)).toBeVisible();

  // Priya is on another page; the alert comes to her there.
  const alert = priya.getByRole('alert').filter({ hasText: 'Safety alert' });
  await expect(alert).toContainText(`Avery M. wrote about suicidal thoughts in ${room}.`);
  await expect(alert).not.toContainText(stamp);
  await alert.getByRole('link', { name: 'Open the room' }).click();
  await expect(log(priya).getByText(words)).toBeVisible();
  await priya.getByRole('button', { name: 'Dismiss' }).click();
  // Exact: the navigation's "Safety alerts" link holds these words too.
  await expect(priya.getByText('Safety alert', { exact: true })).toHaveCount(0);
  await priya.context().close();
});

test('the author edits and deletes; the facilitator removes a message and reads what it said', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(60_000);
  const stamp = Date.now().toString(36);
  const priya = await pageOf(browser, baseURL, demo.clinician);
  await openRoom(page);
  await openRoom(priya);

  const say = async (text: string) => {
    await page.getByRole('textbox', { name: 'Message' }).fill(text);
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect(log(page).getByRole('listitem').filter({ hasText: text })).not.toContainText('Sending…');
  };
  await say(`typo mesage ${stamp}`);
  await say(`wrong room ${stamp}`);
  await say(`something harsh ${stamp}`);

  // Avery corrects the typo, with the keyboard only.
  const typo = log(page).getByRole('listitem').filter({ hasText: `typo mesage ${stamp}` });
  await typo.getByRole('button', { name: 'Edit' }).click();
  // (While it is being edited the item holds a box, not the text: find the box on its own.)
  const box = log(page).getByRole('textbox', { name: 'Edit message' });
  await expect(box).toBeFocused();
  await box.fill(`typo message ${stamp}`);
  await box.press('Enter');
  const fixed = log(priya).getByRole('listitem').filter({ hasText: `typo message ${stamp}` });
  await expect(fixed).toContainText('(edited');

  // Avery takes one back.
  const wrong = log(page).getByRole('listitem').filter({ hasText: `wrong room ${stamp}` });
  await wrong.getByRole('button', { name: 'Delete' }).click();
  await wrong.getByRole('button', { name: 'Delete' }).click();
  await expect(log(priya).getByText(`wrong room ${stamp}`)).toHaveCount(0);

  // Priya, who leads the group, removes another and can read what it said; Avery cannot.
  const harsh = log(priya).getByRole('listitem').filter({ hasText: `something harsh ${stamp}` });
  await harsh.getByRole('button', { name: 'Delete' }).click();
  await harsh.getByRole('button', { name: 'Remove' }).click();
  await expect(log(page).getByText(`something harsh ${stamp}`)).toHaveCount(0);
  const removed = log(priya).getByRole('listitem').filter({ hasText: 'Message removed by a moderator.' }).last();
  await removed.getByRole('button', { name: 'Show earlier versions' }).click();
  await expect(removed).toContainText(`something harsh ${stamp}`);
  await expect(log(page).getByRole('listitem').filter({ hasText: 'Message removed by a moderator.' }).last()).toBeVisible();
  await expect(log(page).getByRole('button', { name: 'Show earlier versions' })).toHaveCount(0);
  await priya.context().close();
});

test('a participant writes privately to her clinician, who hears of it at once; each sees the other has read', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(60_000);
  const stamp = Date.now().toString(36);
  const priya = await pageOf(browser, baseURL, demo.clinician);
  await priya.goto('/chat');
  await expect(priya.getByRole('heading', { name: 'Private conversations' })).toBeVisible();

  await page.goto('/chat');
  await page.getByRole('link', { name: 'Start a conversation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Start a conversation' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Dr. Priya Shah' }).check();
  await page.getByRole('button', { name: 'Start conversation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dr. Priya Shah' })).toBeVisible();
  const mine = page.getByRole('region', { name: 'Messages in Dr. Priya Shah' });
  await page.getByRole('textbox', { name: 'Message' }).fill(`Can we talk before group? ${stamp}`);
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(mine.getByText(`Can we talk before group? ${stamp}`)).toBeVisible();

  // Priya's Chat page lists the new conversation without a reload, with its unread message.
  const link = priya.getByRole('link', { name: 'Avery M.' });
  await expect(link).toBeVisible();
  await link.click();
  const theirs = priya.getByRole('region', { name: 'Messages in Avery M.' });
  await expect(theirs.getByText(`Can we talk before group? ${stamp}`)).toBeVisible();
  // Avery sees that Priya has read it.
  await expect(page.getByText('Seen by Dr. Priya Shah')).toBeVisible();
  await priya.getByRole('textbox', { name: 'Message' }).fill(`Of course, 10 minutes early? ${stamp}`);
  await priya.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(mine.getByText(`Of course, 10 minutes early? ${stamp}`)).toBeVisible();
  await expect(priya.getByText('Seen by Avery M.')).toBeVisible();
  await priya.context().close();
});
