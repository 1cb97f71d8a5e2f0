import { demo, expect, test } from '../support/fixtures';

test.use({ account: demo.admin });

test('an admin grants break-glass access, sees it listed, and revokes it', async ({ page }) => {
  await page.goto('/admin/break-glass');
  const form = page.getByRole('region', { name: 'Grant emergency access' });
  await form.getByLabel('Clinician').selectOption({ label: 'Dr. Sam Okafor (sam.okafor@riverbend.example)' });
  await form.getByLabel('Participant').selectOption({ label: 'Harper J. (harper@riverbend.example)' });
  await form.getByLabel('Reason').fill('Crisis line call overnight; care team unreachable.');
  await form.getByLabel('Minutes of access').fill('30');
  await form.getByRole('button', { name: 'Grant emergency access' }).click();
  await expect(page.getByText(/Dr\. Sam Okafor can see the record of Harper J\. until/)).toBeVisible();

  const grants = page.getByRole('table', { name: 'Break-glass grants' });
  const row = grants.getByRole('row', { name: /Crisis line call overnight/ });
  await expect(row).toContainText('Active');
  await row.getByRole('button', { name: 'Revoke access of Dr. Sam Okafor to Harper J.' }).click();
  await expect(page.getByText('Access of Dr. Sam Okafor to Harper J. has been revoked.')).toBeVisible();
  await expect(row).toContainText('Revoked');
});

test('the audit trail shows sign-ins and exports the date range as CSV', async ({ page }) => {
  await page.goto('/admin/audit');
  const events = page.getByRole('table', { name: 'Audit events, newest first' });
  await expect(events).toBeVisible();
  // The filter's days are the admin's own (the demo admin lives in America/Chicago).
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(new Date());
  const filters = page.getByRole('search', { name: 'Filter the audit trail' });
  await filters.getByLabel('From').fill(today);
  await filters.getByLabel('To').fill(today);
  await filters.getByLabel('Action').fill('sign_in');
  await filters.getByRole('button', { name: 'Show events' }).click();
  await expect(events.getByRole('row').nth(1)).toContainText('sign_in');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV for these dates' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);
  const text = await (await file.createReadStream()).toArray();
  const csv = Buffer.concat(text as Buffer[]).toString('utf8');
  expect(csv.split('\n')[0]).toContain('hash');
});
