// What the live-session specs share: the browser flags for fake media, a session of the demo
// group that starts now, the device check, and reading the page's WebRTC statistics through the
// test hook (src/features/live/testHook.ts). docs/protocol/realtime.md, "Live sessions (video)".
import type { Browser, LaunchOptions, Page } from '@playwright/test';
import config from '../../playwright.config';
import { apiWrite, expect, expectNoSeriousA11yViolations, signIn } from './fixtures';

/** The demo's Mood & Anxiety evening group: Dr. Priya Shah leads it; Avery and Blake have seats. */
export const liveGroup = 'Mood & Anxiety Group (Evening)';
/** The demo program's zone (server/src/app/demo_*.cpp). */
export const programZone = 'America/Chicago';

const projectLaunch = config.use?.launchOptions ?? {};

/**
 * The project's browser flags, plus Chromium's fake camera and microphone (a test pattern and a
 * tone) and automatic consent to them; background throttling off, so that no page stops
 * rendering while another has the focus (DESIGN.md, "Measured on this machine type").
 */
export const mediaLaunchOptions: LaunchOptions = {
  ...projectLaunch,
  args: [
    ...(projectLaunch.args ?? []),
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    '--autoplay-policy=no-user-gesture-required',
    '--disable-renderer-backgrounding',
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
  ],
};

/**
 * `YYYY-MM-DDTHH:MM` of the coming minute, in `timeZone`: the series API reads starts as the
 * program's local time and takes only starts in the future; joining opens 10 minutes before.
 */
export function nextMinute(timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(Date.now() + 60_000))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/**
 * A one-off session of the demo group starting at the coming minute, made through the API by its
 * facilitator (the page's account): the group's demo sessions start tomorrow.
 */
export async function sessionStartingNow(page: Page, baseURL: string, title = 'Live check'): Promise<string> {
  const schedule = await page.request.get('/api/v1/me/schedule');
  expect(schedule.status()).toBe(200);
  const { occurrences } = (await schedule.json()) as { occurrences: { group: { id: string; name: string } }[] };
  const groupId = occurrences.find((o) => o.group.name === liveGroup)?.group.id;
  if (!groupId) throw new Error(`the demo gives Dr. Priya Shah a session of ${liveGroup} within a week`);
  const made = await apiWrite(page.request, baseURL, 'POST', `/api/v1/groups/${groupId}/series`, {
    title: `${title} ${Date.now().toString(36)}`,
    start: nextMinute(programZone),
    duration_minutes: 60,
    repeat: null,
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const id = (made.body as { occurrences: { id: string }[] }).occurrences[0]?.id;
  if (!id) throw new Error('the series made no session');
  return id;
}

/** A page in a browser context of its own, signed in as `email` (close its context when done). */
export async function pageOf(browser: Browser, baseURL: string, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  await signIn(context.request, baseURL, email);
  return context.newPage();
}

/**
 * Through the device check: the fake camera's picture is up, the connection checked, then Join.
 * The test servers run without STUN or TURN, so `session.check` gives no ICE servers and the
 * route for video is direct.
 */
export async function passDeviceCheck(page: Page, axe = false): Promise<void> {
  await expect(page.getByRole('heading', { level: 2, name: 'Check your camera and microphone' })).toBeVisible();
  await expect(page.getByRole('figure', { name: /Your camera preview/ }).locator('video')).toBeVisible();
  await expect(page.getByText(/^Hearth answered in \d+ ms/)).toBeVisible();
  await expect(page.getByText('Your browser can make video calls.')).toBeVisible();
  await expect(page.getByText(/^This Hearth server connects video directly between browsers\./)).toBeVisible();
  if (axe) await expectNoSeriousA11yViolations(page, 'the device check');
  await page.getByRole('button', { name: 'Join', exact: true }).click();
}

/** The test hook the live page exposes (src/features/live/testHook.ts). */
export interface LiveHook {
  peerConnections: () => RTCPeerConnection[];
  peerConnectionOf: (name: string) => RTCPeerConnection | null;
  media: () => string | null;
  request: (type: string, fields: Record<string, unknown>) => Promise<unknown>;
}

/** Video frames decoded so far from each peer connection of the page. */
export function framesDecoded(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const hook = (window as unknown as { __hearthLive?: LiveHook }).__hearthLive;
    return Promise.all(
      (hook?.peerConnections() ?? []).map(async (pc) => {
        let frames = 0;
        (await pc.getStats()).forEach((entry: { type: string; kind?: string; framesDecoded?: number }) => {
          if (entry.type === 'inbound-rtp' && entry.kind === 'video') frames += entry.framesDecoded ?? 0;
        });
        return frames;
      }),
    );
  });
}

/**
 * The received video a tile shows (the figure named `tileName`, "Video of Avery M."): the id of
 * its track and the frames decoded of that track so far; null while the tile shows no received
 * track (initials, or a track no connection of the page brings).
 */
export function tileVideo(page: Page, tileName: string): Promise<{ track: string; frames: number } | null> {
  return page.evaluate(async (name) => {
    const figure = Array.from(document.querySelectorAll('figure')).find((f) => f.getAttribute('aria-label') === name);
    const source = figure?.querySelector('video')?.srcObject;
    const track = source instanceof MediaStream ? source.getVideoTracks()[0] : undefined;
    if (!track) return null;
    const hook = (window as unknown as { __hearthLive?: LiveHook }).__hearthLive;
    for (const pc of hook?.peerConnections() ?? []) {
      const receiver = pc.getReceivers().find((r) => r.track === track);
      if (!receiver) continue;
      let frames = 0;
      (await receiver.getStats()).forEach((entry: { type: string; kind?: string; framesDecoded?: number }) => {
        if (entry.type === 'inbound-rtp' && entry.kind === 'video') frames += entry.framesDecoded ?? 0;
      });
      return { track: track.id, frames };
    }
    return null;
  }, tileName);
}

/** Every one of the page's `peers` connections decodes video, and keeps decoding. */
export async function expectVideoFromEveryone(page: Page, peers: number, who: string): Promise<void> {
  let first: number[] = [];
  await expect
    .poll(
      async () => {
        first = await framesDecoded(page);
        return first.length === peers && first.every((frames) => frames > 0);
      },
      { message: `${who} decodes video from ${peers} others`, timeout: 30_000 },
    )
    .toBe(true);
  await expect
    .poll(
      async () => {
        const later = await framesDecoded(page);
        return later.length === peers && later.every((frames, i) => frames > (first[i] ?? 0));
      },
      { message: `${who} keeps decoding video`, timeout: 15_000 },
    )
    .toBe(true);
}
