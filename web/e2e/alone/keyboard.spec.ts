import { expect, tabUntil, test } from '../support/fixtures';

// Its own account: the display settings it saves on the account must not reach other tests.
test.use({ account: 'kai@riverbend.example' });

test('Tab reaches the skip link first, and it moves focus to main', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();

  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});

test('display settings are reachable and usable by keyboard alone, persist across a reload and apply', async ({
  page,
}) => {
  await page.goto('/');
  const root = page.locator('html');
  const rootFontPx = () => root.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const defaultFontPx = await rootFontPx();

  const settingsLink = page.getByRole('banner').getByRole('link', { name: 'Account' });
  await tabUntil(page, () => settingsLink.evaluate((element) => element === document.activeElement));
  const outline = await settingsLink.evaluate((element) => {
    const style = getComputedStyle(element);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(outline.style, 'focused link shows an outline').not.toBe('none');
  expect(outline.width).toBeGreaterThanOrEqual(2);

  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/account$/);
  await expect(page).toHaveTitle('Your account · Hearth');
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeFocused();

  const size = page.getByRole('slider', { name: 'Text size' });
  await tabUntil(page, () => size.evaluate((element) => element === document.activeElement), 40);
  await page.keyboard.press('End');
  await expect(size).toHaveValue('200');
  await expect(size).toHaveAttribute('aria-valuetext', '200%');

  const contrast = page.getByRole('checkbox', { name: 'High-contrast theme' });
  await tabUntil(page, () => contrast.evaluate((element) => element === document.activeElement));
  await page.keyboard.press('Space');
  await expect(contrast).toBeChecked();

  await expect(root).toHaveAttribute('data-theme', 'high-contrast');
  await expect.poll(rootFontPx).toBe(defaultFontPx * 2);

  await page.reload();
  await expect(size).toHaveValue('200');
  await expect(contrast).toBeChecked();
  await expect(root).toHaveAttribute('data-theme', 'high-contrast');
  expect(await rootFontPx()).toBe(defaultFontPx * 2);
  const background = await page.locator('body').evaluate((element) => getComputedStyle(element).backgroundColor);
  expect(background).toBe('rgb(0, 0, 0)');

  // A fresh page load elsewhere in the app starts in the stored settings too.
  await page.goto('/about');
  await expect(root).toHaveAttribute('data-theme', 'high-contrast');
  expect(await rootFontPx()).toBe(defaultFontPx * 2);
});
