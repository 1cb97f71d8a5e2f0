import { demo, expect, signIn, test } from '../support/fixtures';

test.use({ account: demo.admin });

test('an admin deactivates someone whose open page then lands on sign-in', async ({ page, browser, baseURL }) => {
  test.setTimeout(60_000);
  const person = 'finley@riverbend.example';
  const other = await browser.newContext({ baseURL: baseURL ?? '' });
  await signIn(other.request, baseURL ?? '', person);
  const theirPage = await other.newPage();
  await theirPage.goto('/account');
  await expect(theirPage.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();

  await page.goto('/admin/people');
  const row = page.getByRole('row', { name: /Finley O\./ });
  await row.getByRole('button', { name: 'Deactivate Finley O.' }).click();
  await page
    .getByRole('alertdialog', { name: 'Deactivate Finley O.?' })
    .getByRole('button', { name: 'Deactivate' })
    .click();
  await expect(page.getByText('Finley O. has been deactivated.')).toBeVisible();
  await expect(row).toContainText('Deactivated');

  await expect(theirPage.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible({ timeout: 25_000 });
  await expect(
    theirPage.getByRole('status').filter({ hasText: 'Your session has ended. Please sign in again.' }),
  ).toBeVisible();

  // Signing in again does not work while deactivated.
  await theirPage.getByLabel('Email address').fill(person);
  await theirPage.getByLabel('Password').fill('Riverbend-demo-2026');
  await theirPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(theirPage.getByRole('alert')).toContainText('You are not signed in.');

  // Leave the demo data as it was for the other tests.
  await row.getByRole('button', { name: 'Reactivate Finley O.' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Reactivate' }).click();
  await expect(page.getByText('Finley O. has been reactivated.')).toBeVisible();
  await other.close();
});
