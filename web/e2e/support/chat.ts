// What the chat specs share: the demo group's room, opening it, and a second person's browser.
import type { Browser, Page } from '@playwright/test';
import { expect, signIn } from './fixtures';

/** The demo's Mood & Anxiety evening group: Avery and Blake have seats, Dr. Priya Shah leads it. */
export const room = 'Mood & Anxiety Group (Evening)';

/** Blake T., who has the group's other participant seat beside Avery (demo.participant). */
export const otherMember = 'blake@riverbend.example';

/** Opens the group's room from the Chat page. */
export async function openRoom(page: Page): Promise<void> {
  await page.goto('/chat');
  await page.getByRole('link', { name: room }).click();
  await expect(page.getByRole('heading', { level: 1, name: room })).toBeVisible();
  await expect(page.getByRole('region', { name: `Messages in ${room}` })).toBeVisible();
}

/** A page in a browser of its own, signed in as `email` (close its context when done). */
export async function pageOf(browser: Browser, baseURL: string | undefined, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseURL ?? '' });
  await signIn(context.request, baseURL ?? '', email);
  return context.newPage();
}

/** The room's message log. */
export const log = (page: Page) => page.getByRole('region', { name: `Messages in ${room}` });
