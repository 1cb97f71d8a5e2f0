// The demo's Mood & Anxiety evening group: Avery and Blake have seats, Dr. Priya Shah leads it and
// is a clinician of its program, so reports of its messages are hers to review. Blake only writes
// the message, in a browser closed before the test proper: the two who take part are the reporter
// and the reviewer.
import { log, openRoom, pageOf, room } from '../support/chat';
import { demo, expect, expectNoSeriousA11yViolations, test } from '../support/fixtures';

const blake = 'blake@riverbend.example';

test.use({ account: demo.participant });

test('a reported message reaches the clinician’s Reports page at once; hiding it there leaves the reporter a notice in its place', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const words = `Nothing matters much any more ${Date.now().toString(36)}`;

  const blakes = await pageOf(browser, baseURL, blake);
  await openRoom(blakes);
  await blakes.getByRole('textbox', { name: 'Message' }).fill(words);
  await blakes.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(log(blakes).getByText(words)).toBeVisible();
  await blakes.context().close();

  const priya = await pageOf(browser, baseURL, demo.clinician);
  await priya.goto('/');
  await priya.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: /^Reports/ }).click();
  await expect(priya.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  // Other tests may have left reports open; this one counts from what is there now.
  await expect(priya.getByText(/open reports?, newest first|No open reports/)).toBeVisible();
  const reviewButtons = priya.getByRole('button', { name: /^Review the report of/ });
  const openBefore = await reviewButtons.count();

  // Avery reports Blake's message from the room.
  await openRoom(page);
  const message = log(page).getByRole('listitem').filter({ hasText: words });
  await message.getByRole('button', { name: 'Report the message from Blake T.' }).click();
  const form = page.getByRole('dialog', { name: 'Report the message from Blake T.' });
  await form.getByRole('radio', { name: 'Worried about the person who wrote it' }).check();
  await form.getByRole('textbox', { name: /Anything the care team should know/ }).fill('He has sounded low all week.');
  await form.getByRole('button', { name: 'Send report' }).click();
  await expect(form.getByRole('status')).toHaveText('Thanks — the care team will look at it.');
  await form.getByRole('button', { name: 'Close' }).click();
  await expect(form).toHaveCount(0);

  // Heard live on Priya's open page: marked new, then filled in from the list (never the words).
  const report = priya.getByRole('listitem').filter({ has: priya.getByRole('heading', { name: /^Blake T\.’s message.*New/ }) });
  await expect(report).toHaveCount(1);
  await expect(report).toContainText(room);
  await expect(report).toContainText('Reported byAvery M.');
  await expect(report).toContainText('Worried about the person who wrote it');
  await expect(report).toContainText('He has sounded low all week.');
  await expect(report).not.toContainText(words);
  await expect(reviewButtons).toHaveCount(openBefore + 1);
  await expect(priya.locator('[aria-live="polite"]').filter({ hasText: `New report of a message in ${room}` })).toHaveCount(1);
  await expect(
    priya.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: `Reports, ${openBefore + 1} open` }),
  ).toBeVisible();

  // The review: the reported message among its neighbours, marked in words.
  await report.getByRole('button', { name: 'Review the report of Blake T.’s message' }).click();
  const context = report.getByRole('list', { name: 'The message in its conversation' });
  const reported = context.getByRole('listitem').filter({ hasText: 'Reported message' });
  await expect(reported).toHaveCount(1);
  await expect(reported).toContainText(words);
  await report.getByRole('radio', { name: 'Hide the message from the room' }).check();
  await report.getByRole('radio', { name: /^Could be upsetting for others/ }).check();
  await report.getByRole('textbox', { name: /Note for the other moderators/ }).fill('Called him; he is safe.');

  await expectNoSeriousA11yViolations(priya, 'the Reports page reviewing a report');

  await report.getByRole('button', { name: 'Save decision' }).click();
  await expect(report).toHaveCount(0);
  await expect(reviewButtons).toHaveCount(openBefore);
  await expect(priya.getByRole('status').filter({ hasText: 'You hid Blake T.’s message from the room.' })).toBeVisible();

  // The room hears it: Avery, who may not see a hidden message, sees the notice in its place.
  await expect(log(page).getByText(words)).toHaveCount(0);
  await expect(log(page).getByText('Hidden by a moderator because it could be upsetting for others.').last()).toBeVisible();

  // Every report, newest first: this one now says who decided it and what.
  await priya.getByRole('radio', { name: 'All reports, decided ones too' }).check();
  const newest = priya.getByRole('list', { name: 'All reports' }).getByRole('listitem').first();
  await expect(newest).toContainText('Hidden from the room, by Dr. Priya Shah');
  await expect(newest.getByRole('button', { name: /^Review/ })).toHaveCount(0);
  await priya.context().close();
});
