import { demo, expect, signIn, test } from '../support/fixtures';
import { totp } from '../support/totp';

/** The 30-second TOTP step a time falls in (RFC 6238 §4.2). */
const stepOf = (ms: number) => Math.floor(ms / 30_000);

/** Waits until the authenticator shows a code the server has not seen yet (it refuses replays). */
async function nextCode(secret: string, usedStep: number): Promise<string> {
  while (stepOf(Date.now()) <= usedStep) await new Promise((resolve) => setTimeout(resolve, 500));
  // Not in the last seconds of a step, so the code does not expire in flight.
  if (Date.now() % 30_000 > 27_000) await new Promise((resolve) => setTimeout(resolve, 3_500));
  return totp(secret);
}

test.describe('an invited clinician', () => {
  test.use({ account: demo.admin });

  test('accepts the invitation, sets a password, enrols TOTP and signs in with it', async ({
    page,
    browser,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const email = `new.clinician.${Date.now()}@riverbend.example`;
    const password = 'kettle harbour lantern 42';

    // The admin invites them.
    await page.goto('/admin/people');
    const inviteForm = page.getByRole('region', { name: 'Invite someone' });
    await inviteForm.getByLabel('Email address').fill(email);
    await inviteForm.getByRole('checkbox', { name: 'Clinician' }).check();
    await inviteForm.getByRole('button', { name: 'Create invitation' }).click();
    await expect(inviteForm.getByRole('heading', { name: `Invitation created for ${email}` })).toBeFocused();
    const link = await inviteForm.getByRole('textbox', { name: 'Invitation link' }).inputValue();
    expect(link).toMatch(/\/invite#.+/);
    await expect(page.getByRole('table', { name: 'Open invitations' })).toContainText(email);

    // They open the link in their own browser.
    const context = await browser.newContext({ baseURL: baseURL ?? '' });
    const invitee = await context.newPage();
    const { pathname, hash } = new URL(link);
    await invitee.goto(`${pathname}${hash}`);
    await expect(invitee.getByRole('heading', { level: 1, name: 'Accept your invitation' })).toBeVisible();
    await expect(invitee.getByText(email)).toBeVisible();
    await expect(invitee.getByText('Clinician', { exact: true })).toBeVisible();
    await invitee.getByLabel('Display name').fill('Dr. Robin Vale');
    await invitee.getByLabel('Pronouns (optional)').fill('she/her');
    await invitee.getByLabel('Password', { exact: true }).fill('short');
    await invitee.getByLabel('Confirm password').fill('short');
    await invitee.getByRole('button', { name: 'Create account' }).click();
    await expect(invitee.getByLabel('Password', { exact: true })).toBeFocused();
    await expect(invitee.getByText('Use at least 12 characters.')).toBeVisible();
    await invitee.getByLabel('Password', { exact: true }).fill(password);
    await invitee.getByLabel('Confirm password').fill(password);
    await invitee.getByRole('button', { name: 'Create account' }).click();

    // Signed in; in demo mode the second factor is not forced, so they turn it on themselves.
    await expect(invitee.getByRole('heading', { level: 1, name: 'Welcome to Hearth' })).toBeVisible();
    await expect(invitee.getByRole('banner')).toContainText('Dr. Robin Vale');
    await invitee.getByRole('banner').getByRole('link', { name: 'Account' }).click();
    await invitee.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    await expect(invitee.getByRole('img', { name: /QR code to add Hearth/ })).toBeVisible();
    const secret = (await invitee.getByRole('textbox', { name: 'Key for manual entry' }).inputValue()).replace(
      /\s+/g,
      '',
    );
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    const enrolStep = stepOf(Date.now());
    await invitee.getByLabel('6-digit code').fill(totp(secret));
    await invitee.getByRole('button', { name: 'Turn on two-factor authentication' }).click();

    const codes = invitee.getByRole('region', { name: 'Save your recovery codes' }).getByRole('listitem');
    await expect(codes).toHaveCount(10);
    await expect(invitee.getByRole('heading', { name: 'Save your recovery codes' })).toBeFocused();
    await expect(invitee.getByRole('link', { name: 'Download codes' })).toHaveAttribute(
      'download',
      'hearth-recovery-codes.txt',
    );
    await invitee.getByRole('button', { name: 'Done' }).click();
    await expect(invitee.getByText('Confirm that you have saved the codes')).toBeVisible();
    await invitee.getByRole('checkbox', { name: 'I have saved my recovery codes' }).check();
    await invitee.getByRole('button', { name: 'Done' }).click();
    await expect(invitee.getByText('Two-factor authentication is now on.')).toBeVisible();

    // Sign out, then in again: password, then the code.
    await invitee.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await expect(invitee.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await invitee.getByLabel('Email address').fill(email);
    await invitee.getByLabel('Password').fill(password);
    await invitee.getByRole('button', { name: 'Sign in' }).click();
    const code = invitee.getByLabel('6-digit code');
    await expect(code).toBeFocused();
    await code.fill(await nextCode(secret, enrolStep));
    await invitee.getByRole('button', { name: 'Sign in' }).click();
    await expect(invitee.getByRole('heading', { level: 1, name: 'Welcome to Hearth' })).toBeVisible();
    await expect(invitee.getByRole('banner')).toContainText('Dr. Robin Vale');
    await context.close();
  });
});

test.describe('sign out everywhere', () => {
  test.use({ account: 'emery@riverbend.example' });

  test('ends the session in another browser too, which lands on sign-in with a notice', async ({
    page,
    browser,
    baseURL,
  }) => {
    test.setTimeout(60_000);
    const other = await browser.newContext({ baseURL: baseURL ?? '' });
    await signIn(other.request, baseURL ?? '', 'emery@riverbend.example');
    const otherPage = await other.newPage();
    await otherPage.goto('/');
    await expect(otherPage.getByRole('heading', { level: 1, name: 'Welcome to Hearth' })).toBeVisible();

    await page.goto('/account');
    const sessions = page.getByRole('table', { name: 'Your sessions' });
    await expect(sessions.getByRole('row')).toHaveCount(3);
    await expect(sessions).toContainText('This device');
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Sign out everywhere?' });
    await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(page.getByText('You have signed out.')).toBeVisible();

    // The other browser hears of it at its next session check (every 15 s).
    await expect(otherPage.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible({ timeout: 25_000 });
    await expect(
      otherPage.getByRole('status').filter({ hasText: 'Your session has ended. Please sign in again.' }),
    ).toBeVisible();
    await other.close();
  });
});
