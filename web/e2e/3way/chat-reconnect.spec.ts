import type { Page, WebSocketRoute } from '@playwright/test';
import { log, openRoom, otherMember, pageOf } from '../support/chat';
import { demo, expect, test } from '../support/fixtures';

test.use({ account: demo.participant });

type Frame = { type: string } & Record<string, unknown>;

/** One socket of Avery's page as the proxy saw it: its address, what the server sent, what the page sent. */
interface ProxiedSocket {
  url: string;
  route: WebSocketRoute;
  fromServer: Frame[];
  fromPage: Frame[];
}

const parsed = (message: string | Buffer): Frame => JSON.parse(message.toString()) as Frame;
const textOf = (frame: Frame): unknown => (frame.message as { text?: unknown } | undefined)?.text;

async function say(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

test('a dropped connection resumes its stream: what the room did meanwhile arrives once, and what was written goes once', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const before = `Before the line drops ${stamp}`;
  const edited = `Before the line dropped, edited ${stamp}`;
  const fromPriya = `Priya while Avery was away ${stamp}`;
  const fromBlake = `Blake while Avery was away ${stamp}`;
  const fromAvery = `Avery written offline ${stamp}`;

  // Every socket of Avery's page goes through this proxy to the real server, which keeps a
  // dropped connection for a minute. The reconnect waits until the others are done, so that the
  // server has frames to replay.
  const sockets: ProxiedSocket[] = [];
  let othersDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    othersDone = resolve;
  });
  await page.routeWebSocket(/\/api\/v1\/ws(\?.*)?$/, async (route) => {
    const socket: ProxiedSocket = { url: route.url(), route, fromServer: [], fromPage: [] };
    sockets.push(socket);
    if (sockets.length > 1) await done;
    const server = route.connectToServer();
    server.onMessage((message) => {
      socket.fromServer.push(parsed(message));
      route.send(message);
    });
    route.onMessage((message) => {
      socket.fromPage.push(parsed(message));
      server.send(message);
    });
  });

  const priya = await pageOf(browser, baseURL, demo.clinician);
  const blake = await pageOf(browser, baseURL, otherMember);
  for (const p of [page, priya, blake]) await openRoom(p);
  await say(priya, before);
  for (const p of [page, priya, blake]) await expect(log(p).getByText(before)).toBeVisible();

  // Avery's line drops; she writes on regardless.
  const first = sockets[0];
  if (!first) throw new Error('the page opened no socket');
  await first.route.close({ code: 1006 });
  await expect(page.getByRole('status').filter({ hasText: 'Reconnecting…' })).toBeVisible();
  await say(page, fromAvery);
  await expect(log(page).getByRole('listitem').filter({ hasText: fromAvery })).toContainText('Waiting for the connection…');

  // Meanwhile Priya and Blake each post, and Priya edits the message from before the drop.
  await say(priya, fromPriya);
  await say(blake, fromBlake);
  const mine = log(priya).getByRole('listitem').filter({ hasText: before });
  await mine.getByRole('button', { name: 'Edit' }).click();
  const editBox = log(priya).getByRole('textbox', { name: 'Edit message' });
  await editBox.fill(edited);
  await editBox.press('Enter');
  for (const p of [priya, blake]) {
    await expect(log(p).getByText(fromPriya)).toBeVisible();
    await expect(log(p).getByText(fromBlake)).toBeVisible();
    await expect(log(p).getByRole('listitem').filter({ hasText: edited })).toContainText('(edited');
  }
  othersDone();

  // Avery has each once, and her message reaches both others once.
  await expect(log(page).getByText(fromPriya)).toBeVisible({ timeout: 20_000 });
  await expect(log(page).getByText(fromPriya)).toHaveCount(1);
  await expect(log(page).getByText(fromBlake)).toHaveCount(1);
  await expect(log(page).getByRole('listitem').filter({ hasText: edited })).toHaveCount(1);
  await expect(log(page).getByRole('listitem').filter({ hasText: edited })).toContainText('(edited');
  await expect(log(page).getByText(before)).toHaveCount(0);
  await expect(page.getByText('Waiting for the connection…')).toHaveCount(0);
  for (const p of [priya, blake]) {
    await expect(log(p).getByText(fromAvery)).toBeVisible();
    await expect(log(p).getByText(fromAvery)).toHaveCount(1);
  }
  await expect(log(page).getByText(fromAvery)).toHaveCount(1);

  // It was a resumed stream: the reconnect asked for it, the server replayed the missed frames
  // before a hello saying so, and the page read nothing again.
  const hello = first.fromServer.find((frame) => frame.type === 'hello');
  const reconnect = sockets[1];
  if (!reconnect) throw new Error('the page did not reconnect');
  expect(reconnect.url).toContain(`resume=${String(hello?.connection_id)}&after=`);
  const helloAt = reconnect.fromServer.findIndex((frame) => frame.type === 'hello');
  expect(helloAt).toBeGreaterThan(0);
  expect(reconnect.fromServer[helloAt]).toMatchObject({ resumed: true, connection_id: hello?.connection_id });
  const replayed = reconnect.fromServer.slice(0, helloAt);
  expect(replayed.filter((frame) => frame.type === 'message_posted').map(textOf)).toEqual(
    expect.arrayContaining([fromPriya, fromBlake]),
  );
  expect(replayed.filter((frame) => frame.type === 'message_posted')).toHaveLength(2);
  expect(replayed.filter((frame) => frame.type === 'message_changed').map(textOf)).toEqual([edited]);
  // Events numbered on from the last one the page handled, without a gap (answers carry no number).
  const after = Number(new URL(reconnect.url).searchParams.get('after'));
  const events = reconnect.fromServer.filter((frame) => !['ack', 'error', 'pong'].includes(frame.type));
  expect(events.every((frame) => typeof frame.event_seq === 'number')).toBe(true);
  expect(events.map((frame) => frame.event_seq)).toEqual(events.map((_, index) => after + 1 + index));
  const asked = reconnect.fromPage.map((frame) => frame.type);
  expect(asked).not.toContain('rooms.list');
  expect(asked).not.toContain('resume');
  expect(reconnect.fromPage.filter((frame) => frame.type === 'message.send').map((frame) => frame.text)).toEqual([fromAvery]);

  // Stored once: a fresh read of the room has it once.
  await blake.reload();
  await expect(log(blake).getByText(fromAvery)).toHaveCount(1);
  await priya.context().close();
  await blake.context().close();
});
