import { demo, expect, test } from '../support/fixtures';

test.use({ account: demo.participant });

test('the app is served under the strict Content-Security-Policy', async ({ page }) => {
  const response = await page.goto('/');
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

// Guards the guard: every test fails on console errors, and this shows a CSP violation is one.
test('a CSP violation is caught by the console check', async ({ page, pageProblems }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.evaluate(() => {
    const probe = document.createElement('div');
    probe.innerHTML = '<span style="color: red">inline style</span>';
    document.body.append(probe);
    probe.remove();
  });
  await expect.poll(() => pageProblems.some((problem) => problem.includes('Content Security Policy'))).toBe(true);
  pageProblems.length = 0;
});
