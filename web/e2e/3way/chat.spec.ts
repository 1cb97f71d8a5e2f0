import { demo, expect, signIn, test } from '../support/fixtures';

// The demo's Mood & Anxiety evening group: Avery and Blake have seats, Dr. Priya Shah leads it.
const room = 'Mood & Anxiety Group (Evening)';
const blake = 'blake@riverbend.example';

test.use({ account: demo.participant });

const unreadOf = (label: string | null) => Number(/(\d+) unread/.exec(label ?? '')?.[1] ?? 0);

test('three people in a group: each message reaches the others, and unread counts follow', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const open = async (email: string) => {
    const context = await browser.newContext({ baseURL: baseURL ?? '' });
    await signIn(context.request, baseURL ?? '', email);
    return { context, page: await context.newPage() };
  };
  const priya = await open(demo.clinician);
  const blakes = await open(blake);

  for (const p of [page, priya.page]) {
    await p.goto('/chat');
    await p.getByRole('link', { name: room }).click();
    await expect(p.getByRole('region', { name: `Messages in ${room}` })).toBeVisible();
  }
  // Blake is on the Chat page, outside the room: the navigation and the room's row count what
  // arrives. (The rooms are listed once the heading shows, so the counts are the server's.)
  await blakes.page.goto('/chat');
  await expect(blakes.page.getByRole('heading', { name: 'Your groups' })).toBeVisible();
  const chatLink = blakes.page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: /^Chat/ });
  const roomRow = blakes.page.getByRole('listitem').filter({ has: blakes.page.getByRole('link', { name: room }) });
  const before = unreadOf(await chatLink.textContent());
  const roomBefore = unreadOf(await roomRow.textContent());

  const say = async (who: typeof page, text: string) => {
    const box = who.getByRole('textbox', { name: 'Message' });
    await box.fill(text);
    await box.press('Enter');
  };
  await say(page, `From Avery ${stamp}`);
  await say(priya.page, `From Priya ${stamp}`);
  for (const p of [page, priya.page]) {
    const messages = p.getByRole('region', { name: `Messages in ${room}` });
    await expect(messages.getByText(`From Avery ${stamp}`)).toBeVisible();
    await expect(messages.getByText(`From Priya ${stamp}`)).toBeVisible();
  }
  await expect.poll(async () => unreadOf(await chatLink.textContent())).toBe(before + 2);
  await expect.poll(async () => unreadOf(await roomRow.textContent())).toBe(roomBefore + 2);

  // Blake opens the room: both are there, its count clears, and Blake's reply reaches the others.
  await blakes.page.getByRole('link', { name: room }).click();
  const blakeLog = blakes.page.getByRole('region', { name: `Messages in ${room}` });
  await expect(blakeLog.getByText(`From Avery ${stamp}`)).toBeVisible();
  await expect(blakeLog.getByText(`From Priya ${stamp}`)).toBeVisible();
  await expect.poll(async () => unreadOf(await chatLink.textContent())).toBe(before - roomBefore);
  await say(blakes.page, `From Blake ${stamp}`);
  for (const p of [page, priya.page]) {
    await expect(p.getByRole('region', { name: `Messages in ${room}` }).getByText(`From Blake ${stamp}`)).toBeVisible();
  }
  await priya.context.close();
  await blakes.context.close();
});
