// One mode of the live-session benchmark (bench/live.sh): starts Hearth on a fresh demo database
// (with Janus's flags in Janus mode), makes a session that starts now, and RUNS times lets PEOPLE
// demo accounts join it through the web app in headless Chromium with fake media, one browser
// process each, one after another. For each joiner but the first (who has nobody to see yet) it
// times, inside the page, from the click on "Join" to the first decoded remote video frame and to
// frames from everyone (RTCPeerConnection.getStats: inbound-rtp framesDecoded > 0), and counts
// the session's WebSocket frames and bytes every page sent or received meanwhile. With everyone
// in, it reads the server's (and Janus's) CPU and resident memory over IDLE seconds of a quiet
// session. Prints one JSON object. Loopback only; every wait is bounded.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(repo, 'web/package.json'));
const { chromium, request } = require('playwright-core');

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const mode = args.mode ?? 'mesh';
const people = Number(args.people ?? 4);
const runs = Number(args.runs ?? 10);
const idleSeconds = Number(args.idle ?? 10);
const work = args.work;
const hearth = path.resolve(args.hearth ?? path.join(repo, 'build/hearth'));
const janusDir = args['janus-dir'];
const password = 'Riverbend-demo-2026';
const facilitator = 'priya.shah@riverbend.example';
const members = ['avery', 'blake', 'casey', 'devon', 'emery', 'finley', 'harper', 'kai'].map(
  (name) => `${name}@riverbend.example`,
);
const timeZone = 'America/Chicago';
const joinDeadlineMs = 30_000;

function fail(message) {
  console.error(`join.mjs: ${message}`);
  process.exit(1);
}

async function startHearth() {
  const data = path.join(work, `hearth-${mode}`);
  mkdirSync(data, { recursive: true });
  execFileSync(hearth, ['demo', '--data', data], { stdio: 'ignore' });
  const extra =
    mode === 'janus'
      ? [
          '--janus-url', `http://127.0.0.1:${readFileSync(path.join(janusDir, 'janus-port'), 'utf8').trim()}/janus`,
          '--janus-secret-file', path.join(janusDir, 'janus-api-secret'),
          '--janus-admin-key-file', path.join(janusDir, 'janus-admin-key'),
          '--mesh-limit', '0',
        ]
      : [];
  const server = spawn(
    hearth,
    ['serve', '--data', data, '--port', '0', '--static', path.join(repo, 'web/dist'), '--log-level', 'warn', ...extra],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('hearth did not start within 30 s')), 30_000);
    server.stdout.on('data', (chunk) => {
      const found = /Hearth is ready at (http:\/\/\S+?)\/?\s*$/m.exec(chunk.toString());
      if (found) {
        clearTimeout(timer);
        resolve(found[1].replace('localhost', '127.0.0.1'));
      }
    });
    server.on('exit', () => reject(new Error('hearth exited at start')));
  });
  return { server, url };
}

// utime + stime in seconds, and resident set in KiB, from /proc.
function processUse(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
  return { cpu: ticks / 100, rssKb: rss };
}

async function api(url, email) {
  const context = await request.newContext({ baseURL: url });
  const signedIn = await context.post('/api/v1/auth/sign-in', { data: { email, password }, headers: { Origin: url } });
  if (signedIn.status() !== 200) fail(`sign-in as ${email}: ${signedIn.status()}`);
  const csrf = (await signedIn.json()).session.csrf_token;
  const write = async (method, target, data) => {
    const answer = await context.fetch(target, { method, data, headers: { Origin: url, 'X-CSRF-Token': csrf } });
    if (answer.status() >= 300) fail(`${method} ${target}: ${answer.status()} ${await answer.text()}`);
    return answer.json().catch(() => ({}));
  };
  return { context, write };
}

// "YYYY-MM-DDTHH:MM" of the next minute in the program's zone: a session must start in the future,
// and may be entered from 10 minutes before its start.
function nextMinute() {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(Date.now() + 60_000))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

async function makeSession(url) {
  const { context, write } = await api(url, facilitator);
  const schedule = await (await context.get('/api/v1/me/schedule')).json();
  const mood = schedule.occurrences.find((o) => o.group.name.startsWith('Mood & Anxiety'));
  if (!mood) fail('the demo has no Mood & Anxiety session for the facilitator');
  const groupId = mood.group.id;
  // The demo group seats five members; Janus mode's larger rooms need more of the program's
  // people (found by the admin, who alone may search everyone).
  const listed = await (await context.get(`/api/v1/groups/${groupId}/members`)).json();
  const seated = new Set((listed.members ?? []).map((m) => m.person.id));
  const admin = await api(url, 'admin@riverbend.example');
  for (const email of members.slice(0, people - 1)) {
    const found = await (await admin.context.get(`/api/v1/people?q=${encodeURIComponent(email)}`)).json();
    const person = (found.people ?? []).find((p) => p.email === email);
    if (!person) fail(`cannot find ${email} to seat in the group`);
    if (!seated.has(person.id)) await write('PUT', `/api/v1/groups/${groupId}/members/${person.id}`, {});
  }
  await admin.context.dispose();
  const made = await write('POST', `/api/v1/groups/${groupId}/series`, {
    title: 'Benchmark session',
    start: nextMinute(),
    time_zone: timeZone,
    duration_minutes: 180,
    repeat: null,
  });
  await context.dispose();
  return made.occurrences[0].id;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  if (!work) fail('--work DIR is required');
  const { server, url } = await startHearth();
  const janusPid = mode === 'janus' ? Number(readFileSync(path.join(janusDir, 'janus.pid'), 'utf8')) : null;
  const occurrence = await makeSession(url);
  const liveUrl = `${url}/sessions/${occurrence}/live`;
  const accounts = [facilitator, ...members.slice(0, people - 1)];

  // One browser process per person: tabs of one browser stop rendering (DESIGN.md).
  const seats = [];
  for (const email of accounts) {
    const browser = await chromium.launch({
      executablePath: process.env.HEARTH_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
    });
    const context = await browser.newContext({ baseURL: url });
    const signedIn = await context.request.post('/api/v1/auth/sign-in', { data: { email, password }, headers: { Origin: url } });
    if (signedIn.status() !== 200) fail(`sign-in as ${email}: ${signedIn.status()}`);
    const page = await context.newPage();
    const frames = [];  // [time, bytes] of session traffic
    page.on('websocket', (socket) => {
      const keep = (frame) => {
        const text = typeof frame.payload === 'string' ? frame.payload : '';
        if (/"type":"(session[._]|ack|error)/.test(text)) frames.push([Date.now(), Buffer.byteLength(text)]);
      };
      socket.on('framesent', keep);
      socket.on('framereceived', keep);
    });
    seats.push({ email, browser, page, frames });
  }

  const baseline = processUse(server.pid);
  const baselineJanus = janusPid ? processUse(janusPid) : null;
  const firstFrame = [];
  const everyone = [];
  const messages = [];
  const bytes = [];
  for (let run = 0; run < runs; ++run) {
    for (let i = 0; i < seats.length; ++i) {
      const { page } = seats[i];
      await page.goto(liveUrl);
      const join = page.getByRole('button', { name: 'Join', exact: true });
      await join.waitFor({ timeout: joinDeadlineMs });
      await page.evaluate(() => {
        window.__bench = { clickAt: 0 };
        document.addEventListener('click', (event) => {
          const button = event.target instanceof Element ? event.target.closest('button') : null;
          if (button && button.textContent.trim() === 'Join' && !window.__bench.clickAt) window.__bench.clickAt = performance.now();
        }, true);
      });
      const wallBefore = Date.now();
      await join.click();
      if (i === 0) {
        // The facilitator lets everyone straight in ("after admission" is then at once).
        await page.waitForFunction(() => window.__hearthLive !== undefined, null, { timeout: joinDeadlineMs });
        await page.waitForFunction(() => document.body.textContent.includes('Leave'), null, { timeout: joinDeadlineMs });
        await page.evaluate((occurrenceId) => window.__hearthLive.request('session.settings', { occurrence_id: occurrenceId, auto_admit: true }), occurrence);
        continue;
      }
      const timing = await page.evaluate(async ({ want, deadline }) => {
        const start = window.__bench.clickAt;
        let first = 0;
        for (;;) {
          const connections = window.__hearthLive?.peerConnections() ?? [];
          let decoding = 0;
          for (const connection of connections) {
            const stats = await connection.getStats();
            let decoded = 0;
            stats.forEach((s) => {
              if (s.type === 'inbound-rtp' && s.kind === 'video') decoded += s.framesDecoded ?? 0;
            });
            if (decoded > 0) decoding += 1;
          }
          const now = performance.now();
          if (decoding > 0 && !first) first = now;
          if (decoding >= want) return { first: first - start, all: now - start };
          if (now - start > deadline) return { first: first ? first - start : null, all: null };
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }, { want: i, deadline: joinDeadlineMs });
      if (timing.first === null || timing.all === null) fail(`run ${run + 1}: joiner ${i + 1} saw no video from everyone within ${joinDeadlineMs} ms`);
      firstFrame.push(timing.first);
      everyone.push(timing.all);
      const wallAfter = wallBefore + Math.ceil(timing.all) + 50;
      await new Promise((resolve) => setTimeout(resolve, 60));
      let count = 0;
      let size = 0;
      for (const seat of seats) {
        for (const [at, n] of seat.frames) {
          if (at >= wallBefore && at <= wallAfter) {
            count += 1;
            size += n;
          }
        }
      }
      messages.push(count);
      bytes.push(size);
    }
    if (run === runs - 1) break;
    // Everyone leaves before the next run.
    for (const seat of seats) {
      await seat.page.evaluate((occurrenceId) => window.__hearthLive?.request('session.leave', { occurrence_id: occurrenceId }).catch(() => null), occurrence);
      seat.frames.length = 0;
    }
  }

  // Everyone in, nobody doing anything: what the server (and Janus) spend.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const before = processUse(server.pid);
  const beforeJanus = janusPid ? processUse(janusPid) : null;
  await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
  const after = processUse(server.pid);
  const afterJanus = janusPid ? processUse(janusPid) : null;

  for (const seat of seats) await seat.browser.close();
  server.kill('SIGTERM');

  const sorted = (list) => [...list].sort((a, b) => a - b);
  const round = (x) => (x === null ? null : Math.round(x));
  const summary = (list) => ({ p50: round(percentile(sorted(list), 50)), p95: round(percentile(sorted(list), 95)), n: list.length });
  const perPerson = (x) => Math.round((x / people) * 10) / 10;
  console.log(JSON.stringify({
    mode,
    people,
    runs,
    join_to_first_remote_frame_ms: summary(firstFrame),
    join_to_frames_from_everyone_ms: summary(everyone),
    session_frames_per_join: summary(messages),
    session_bytes_per_join: summary(bytes),
    idle: {
      seconds: idleSeconds,
      hearth_cpu_percent_per_person: perPerson(((after.cpu - before.cpu) / idleSeconds) * 100),
      hearth_rss_kib_per_person: perPerson(after.rssKb - baseline.rssKb),
      janus_cpu_percent_per_person: afterJanus ? perPerson(((afterJanus.cpu - beforeJanus.cpu) / idleSeconds) * 100) : null,
      janus_rss_kib_per_person: afterJanus ? perPerson(afterJanus.rssKb - baselineJanus.rssKb) : null,
    },
  }));
}

main().catch((error) => fail(error.stack ?? String(error)));
