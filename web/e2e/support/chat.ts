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

/** The signed-in person's user id, from the session of `page`'s browser context. */
export async function userIdOf(page: Page): Promise<string> {
  const answer = await page.request.get('/api/v1/auth/session');
  expect(answer.status()).toBe(200);
  return ((await answer.json()) as { user: { id: string } }).user.id;
}

/**
 * Sends one real-time request from `page`'s browser on a socket of its own (with the context's
 * session cookie and the site's Origin) and resolves with the answer, `ack` or `error`. For putting
 * things back after a test, whatever the page on screen shows; `page` must be on the site.
 */
export async function realtimeRequest(page: Page, type: string, fields: Record<string, unknown>): Promise<Record<string, unknown>> {
  return page.evaluate(
    ([requestType, requestFields]) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/v1/ws`);
        const timer = setTimeout(() => {
          socket.close();
          reject(new Error(`no answer to ${requestType}`));
        }, 10_000);
        socket.onmessage = (event) => {
          const frame = JSON.parse(String(event.data)) as Record<string, unknown>;
          if (frame.type === 'hello') socket.send(JSON.stringify({ ...requestFields, type: requestType, id: 'e2e-cleanup' }));
          else if (frame.id === 'e2e-cleanup') {
            clearTimeout(timer);
            socket.close();
            resolve(frame);
          }
        };
        socket.onerror = () => {
          clearTimeout(timer);
          reject(new Error('the socket failed'));
        };
      }),
    [type, fields] as const,
  );
}
