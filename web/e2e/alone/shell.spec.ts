import { demo, expect, test, type ProgramsBody } from '../support/fixtures';

// The program overview and every page but /sign-in, /invite, /reset and /about need a session.
test.use({ account: demo.participant });

test('the shell shows the product name and the demo program with its groups from the API', async ({
  page,
  request,
}) => {
  const answer = await request.get('/api/v1/programs');
  expect(answer.ok()).toBe(true);
  const { programs } = (await answer.json()) as ProgramsBody;
  expect(programs.length, 'hearth demo loads at least one program').toBeGreaterThan(0);

  await page.goto('/');
  await expect(page).toHaveTitle('Home · Hearth');
  await expect(page.getByRole('banner')).toContainText('Hearth');
  await expect(page.getByRole('navigation', { name: 'Primary' })).toBeVisible();
  await expect(page.getByRole('main')).toBeVisible();
  await expect(page.getByRole('contentinfo')).toBeVisible();

  for (const program of programs) {
    const card = page.getByRole('article', { name: program.name });
    await expect(card).toBeVisible();
    await expect(card).toContainText(program.description);
    expect(program.groups.length, `${program.name} has groups`).toBeGreaterThan(0);
    for (const group of program.groups) {
      const item = card.getByRole('listitem').filter({ has: page.getByRole('heading', { name: group.name }) });
      await expect(item).toBeVisible();
      await expect(item).toContainText(`${group.capacity} participant`);
    }
  }
});

test('the About page shows the server version from the API', async ({ page, request }) => {
  const version = (await (await request.get('/api/v1/version')).json()) as {
    name: string;
    version: string;
    api: number;
  };

  await page.goto('/');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'About' }).click();
  await expect(page).toHaveURL(/\/about$/);
  await expect(page).toHaveTitle('About · Hearth');
  await expect(page.getByRole('heading', { level: 1, name: 'About Hearth' })).toBeFocused();
  await expect(page.getByText(`${version.name} ${version.version}`)).toBeVisible();
});

test('an unknown route is answered with the app (HTTP 200) and shows the not-found page in the shell', async ({
  page,
}) => {
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-type']).toContain('text/html');
  await expect(page).toHaveTitle('Page not found · Hearth');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Primary' })).toBeVisible();

  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Hearth' })).toBeFocused();
});

for (const path of ['/account', '/about', '/settings']) {
  test(`${path} loads directly from the server`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });
}

test('the header shows who is signed in, with the account link and Sign out', async ({ page }) => {
  await page.goto('/');
  const banner = page.getByRole('banner');
  await expect(banner).toContainText('Avery M.');
  await expect(banner.getByRole('link', { name: 'Account' })).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByText('This is a demo of Hearth — no real health information.')).toBeVisible();
});

test.describe('signed out', () => {
  test.use({ account: null });

  for (const path of ['/', '/account', '/admin/people', '/no/such/page']) {
    test(`${path} leads to the sign-in page`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
      await expect(page).toHaveURL(/\/sign-in$/);
    });
  }

  test('text size and contrast can be set before signing in', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Text size and contrast' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Display settings' })).toBeVisible();
    await page.getByRole('checkbox', { name: /high-contrast/i }).check();
    await page.goto('/sign-in');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'high-contrast');
  });

  test('the About page stays open without a session', async ({ page }) => {
    await page.goto('/about');
    await expect(page.getByRole('heading', { level: 1, name: 'About Hearth' })).toBeVisible();
  });
});

test.describe('when the programs request fails', () => {
  test.use({ allowedConsoleErrors: [/status of 503/] });

  test('an alert explains it and Try again loads the programs', async ({ page }) => {
    let failures = 1;
    await page.route('**/api/v1/programs', async (route) => {
      if (failures > 0) {
        failures -= 1;
        await route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'unavailable', message: 'The server is starting up.' } }),
        });
      } else {
        await route.continue();
      }
    });

    await page.goto('/');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('We could not load the programs.');
    await expect(alert).toContainText('The server is starting up.');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('article').first()).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 2, name: 'Programs' })).toBeFocused();
  });
});
