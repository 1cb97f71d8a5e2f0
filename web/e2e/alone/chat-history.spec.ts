import type { Page } from '@playwright/test';
import { demo, expect, expectNoSeriousA11yViolations, signIn, test } from '../support/fixtures';
import { startHearth, type RunningHearth } from '../support/server';

// A server of its own: the history needs more than two pages of messages, more than the
// default burst lets one person send at once, and they must not crowd the shared server's room.
let server: RunningHearth;

test.beforeAll(async () => {
  server = await startHearth(['--chat-burst', '500']);
});

test.afterAll(async () => {
  await server.stop();
});

const room = 'Mood & Anxiety Group (Evening)';
const seeded = 109;
const seedText = (n: number) => `Seed message ${String(n).padStart(3, '0')}`;
const formatted = [
  '**Bold** and _italic_ with `code` and ~~struck~~ at https://example.org/a_b',
  '> a quote',
  '- one',
  '- two',
  '```',
  '<script>alert(1)</script>',
  '```',
].join('\n');

/** Sends messages into the room over a socket of the page's own, as the app does (docs/protocol/realtime.md). */
async function post(page: Page, texts: string[]): Promise<void> {
  await page.evaluate(
    async ({ roomName, texts }) => {
      const socket = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/api/v1/ws`);
      const answers = new Map<number, (frame: Record<string, unknown>) => void>();
      await new Promise<void>((resolve, reject) => {
        socket.onerror = () => {
          reject(new Error('the socket failed'));
        };
        socket.onmessage = (event: MessageEvent<string>) => {
          const frame = JSON.parse(event.data) as Record<string, unknown>;
          if (frame.type === 'hello') resolve();
          if (typeof frame.id === 'number') answers.get(frame.id)?.(frame);
        };
      });
      let nextId = 0;
      const request = (type: string, fields: Record<string, unknown> = {}) =>
        new Promise<Record<string, unknown>>((resolve, reject) => {
          nextId += 1;
          answers.set(nextId, (frame) => {
            if (frame.type === 'ack') resolve(frame);
            else reject(new Error(`${type}: ${JSON.stringify(frame)}`));
          });
          socket.send(JSON.stringify({ type, id: nextId, ...fields }));
        });
      const listed = await request('rooms.list');
      const rooms = listed.rooms as { id: string; name: string }[];
      const target = rooms.find((candidate) => candidate.name === roomName);
      if (!target) throw new Error(`no room ${roomName}`);
      for (const [index, text] of texts.entries()) {
        await request('message.send', { room_id: target.id, client_message_id: `seed-${index}`, text });
      }
      socket.close();
    },
    { roomName: room, texts },
  );
}

test('loading earlier messages keeps one’s place on screen and one’s focus; formatting is shown safely', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page.request, server.url, demo.participant);
  await page.goto(`${server.url}/chat`);
  await expect(page.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();
  await post(page, [...Array.from({ length: seeded }, (_, index) => seedText(index + 1)), formatted]);

  await page.getByRole('link', { name: room }).click();
  const log = page.getByRole('region', { name: `Messages in ${room}` });
  const messageNumbered = (n: number) => log.getByText(seedText(n), { exact: true });
  const formattedItem = log.locator('.chat__messages > li').last();
  await expect(formattedItem.locator('strong')).toBeVisible();

  // Formatting as elements; the script tag is text inside a code block, never run.
  await expect(formattedItem.locator('strong')).toHaveText('Bold');
  await expect(formattedItem.locator('em')).toHaveText('italic');
  await expect(formattedItem.locator('s')).toHaveText('struck');
  await expect(formattedItem.locator('blockquote')).toHaveText('a quote');
  await expect(formattedItem.getByRole('list').getByRole('listitem')).toHaveText(['one', 'two']);
  await expect(formattedItem.locator('pre')).toHaveText('<script>alert(1)</script>');
  await expect(formattedItem.getByRole('link')).toHaveText('https://example.org/a_b');
  await expect(page.locator('script:not([src]):not([type])')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'a chat room with formatted messages');

  // The newest page is in: the first message shown is the 61st.
  const first = log.locator('.chat__messages > li').first();
  await expect(first).toContainText(seedText(61));
  const button = log.getByRole('button', { name: 'Load earlier messages' });
  await log.evaluate((element) => {
    element.scrollTop = 0;
  });

  /** Where the message sits from the top of the scrolling box, in pixels. */
  const offsetOf = (n: number) =>
    messageNumbered(n).evaluate((element) => {
      const scroller = element.closest('.chat__scroller');
      if (!scroller) throw new Error('outside the message log');
      return element.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    });

  // By keyboard: more remain after this page, so the button stays and keeps focus.
  const before = await offsetOf(61);
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(messageNumbered(11)).toBeAttached();
  await expect(page.getByRole('status').filter({ hasText: 'Loaded 50 earlier messages.' })).toBeAttached();
  expect(Math.abs((await offsetOf(61)) - before), 'the message that was first stays where it was').toBeLessThanOrEqual(1);
  await expect(button).toBeFocused();
  await expect(messageNumbered(61)).toBeInViewport();

  // The last page: the button goes, and focus moves to the first message, where reading went on.
  await log.evaluate((element) => {
    element.scrollTop = 0;
  });
  const beforeLast = await offsetOf(11);
  await page.keyboard.press('Enter');
  await expect(button).toHaveCount(0);
  await expect(first).toContainText(seedText(1));
  await expect(first).toBeFocused();
  await expect(
    page.getByRole('status').filter({ hasText: 'This is the start of the conversation.' }),
  ).toBeAttached();
  expect(Math.abs((await offsetOf(11)) - beforeLast), 'the message that was first stays where it was').toBeLessThanOrEqual(1);
  await expect(messageNumbered(11)).toBeInViewport();
});
