import { addDays, localDate, weekdayIndex } from '../../src/base/ui/dates';
import { apiWrite, demo, expect, signIn, test } from '../support/fixtures';

// The demo program and its people live in America/Chicago (server/src/app/demo_*.cpp).
const zone = 'America/Chicago';

test.use({ account: demo.clinician });

test('a clinician creates a group with a weekly session and assigns two participants, who both see it in their week', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const name = 'Morning Skills Practice';

  await page.goto('/programs');
  await page.getByRole('link', { name: 'Riverbend Virtual IOP' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Riverbend Virtual IOP' })).toBeFocused();

  const create = page.getByRole('form', { name: 'Create a group' });
  await create.getByLabel('Name', { exact: true }).fill(name);
  await create.getByLabel('Kind').selectOption('skills');
  await create.getByLabel(/^Capacity/).fill('6');
  await create.getByLabel('Joining').selectOption('closed');
  await create.getByLabel(/^Facilitator/).selectOption({ label: 'Dr. Priya Shah' });
  await create.getByRole('button', { name: 'Create group' }).click();
  await page.getByRole('link', { name: 'Open it' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  for (const person of ['Casey R.', 'Blake T.']) {
    await page.getByLabel('Participant', { exact: true }).selectOption({ label: person });
    await page.getByRole('button', { name: 'Assign' }).click();
    await expect(page.getByText(`${person} is now a member.`)).toBeVisible();
  }
  const members = page.getByRole('table', { name: 'Members, waiting list and requests' });
  await expect(members).toContainText('Casey R.');
  await expect(members).toContainText('Blake T.');

  // Tomorrow at 07:00 in the program's zone, weekly on that weekday, three times.
  const first = addDays(localDate(Date.now(), zone), 1);
  const section = page.getByRole('region', { name: 'Schedule sessions' });
  await section.getByLabel('Date of the first session').fill(first);
  await section.getByLabel('Start time').fill('07:00');
  await section.getByLabel('Length in minutes').fill('60');
  await section.getByRole('radio', { name: 'Weekly' }).check();
  await section.getByRole('textbox', { name: 'Number of sessions' }).fill('3');
  await section.getByRole('button', { name: 'Preview' }).click();
  await expect(section.getByRole('heading', { name: 'Preview: 3 sessions' })).toBeFocused();
  await section.getByRole('button', { name: 'Create 3 sessions' }).click();
  await expect(section.getByText('3 sessions are scheduled.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Upcoming sessions' }).getByRole('link', { name })).toHaveCount(3);

  // Accounts no other spec counts the sessions of; each signs out again afterwards.
  for (const email of ['casey@riverbend.example', 'blake@riverbend.example']) {
    const context = await browser.newContext({ baseURL: baseURL ?? '' });
    await signIn(context.request, baseURL ?? '', email);
    const theirPage = await context.newPage();
    await theirPage.goto(`/schedule?week=${first}`);
    const week = theirPage.getByRole('table', { name: /^Your sessions, week of/ });
    const day = week.getByRole('cell').nth(weekdayIndex(first));
    await expect(day.getByRole('link', { name }), `${email} sees the session on its day`).toBeVisible();
    await expect(day).toContainText(name);
    expect((await apiWrite(context.request, baseURL ?? '', 'POST', '/api/v1/auth/sign-out')).status).toBe(204);
    await context.close();
  }
});
