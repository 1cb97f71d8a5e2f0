// The demo's Mood & Anxiety evening group: Avery has a seat, Dr. Priya Shah leads it and is a
// clinician of its program, so its alerts are hers to see and acknowledge.
import { pageOf, room } from '../support/chat';
import { demo, expect, expectNoSeriousA11yViolations, test } from '../support/fixtures';

test.use({ account: demo.participant });

test('a crisis message reaches the clinician’s Safety alerts page at once, and acknowledging takes it off the open list', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(60_000);
  const priya = await pageOf(browser, baseURL, demo.clinician);
  await priya.goto('/');
  await priya.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: /^Safety alerts/ }).click();
  await expect(priya.getByRole('heading', { level: 1, name: 'Safety alerts' })).toBeVisible();
  // Other tests may have left alerts open; this one counts from what is there now.
  await expect(priya.getByText(/open alerts?, newest first|No open safety alerts/)).toBeVisible();
  const acknowledgeButtons = priya.getByRole('button', { name: /^Acknowledge the alert for/ });
  const openBefore = await acknowledgeButtons.count();

  await page.goto('/chat');
  await page.getByRole('link', { name: room }).click();
  await expect(page.getByRole('region', { name: `Messages in ${room}` })).toBeVisible();
  await page.getByRole('textbox', { name: 'Message' }).fill('I don\u2019t want to be here anymore');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'You do not have to face this alone.' })).toBeVisible();

  // Heard live on Priya's open page: marked new, with where it happened (never the words).
  const alert = priya.getByRole('listitem').filter({ has: priya.getByRole('heading', { name: /^Avery M\..*New/ }) });
  await expect(alert).toHaveCount(1);
  await expect(alert.getByRole('heading', { level: 2 })).toContainText('Suicidal thoughts');
  await expect(alert).toContainText(room);
  await expect(alert).toContainText('just now');
  await expect(alert).not.toContainText('want to be here');
  await expect(acknowledgeButtons).toHaveCount(openBefore + 1);
  await expect(priya.locator('[aria-live="polite"]').filter({ hasText: 'New safety alert: Avery M.' })).toHaveCount(1);
  await expect(
    priya.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: `Safety alerts, ${openBefore + 1} open` }),
  ).toBeVisible();

  await expectNoSeriousA11yViolations(priya, 'the Safety alerts page with an open alert');

  await alert.getByRole('button', { name: 'Acknowledge the alert for Avery M.' }).click();
  await expect(alert).toHaveCount(0);
  await expect(acknowledgeButtons).toHaveCount(openBefore);

  // Every alert, newest first: this one now says who acknowledged it.
  await priya.getByRole('radio', { name: 'All alerts, acknowledged ones too' }).check();
  const newest = priya.getByRole('list', { name: 'All safety alerts' }).getByRole('listitem').first();
  await expect(newest).toContainText('Acknowledged by Dr. Priya Shah');
  await expect(newest.getByRole('button', { name: /^Acknowledge/ })).toHaveCount(0);
  await priya.context().close();
});
