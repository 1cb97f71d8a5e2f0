'use strict';
// The chat benchmark's load generator (bench/chat.sh, issue 5). Connects N clients in rooms of
// G to one server (Hearth's WebSocket hub or an XMPP multi-user chat service), measures the
// server's resident memory idle and under load, then offers a rising rate of messages, each
// step bounded in time, until p99 from send to delivery passes --p99-limit or the rates run out.
//
// Latency is taken at the receivers: every message's text carries its step, whether it was sent
// inside the measured window, and the time it was sent (this process's monotonic clock), so no
// table of sent messages is kept. Every member of a room hears each message (the sender too, on
// both servers), so one message is G deliveries. A step's figures count the deliveries of the
// messages sent in its window, however late they arrive (up to --drain seconds after the step),
// so a server falling behind shows in p99 and in "lost", not as a shorter list of fast samples.
//
// The ramp goes on past failing steps until it has run --workload-rate (the 1,000
// messages a second), so that every server has a row for the same workload. A step during which
// the hypervisor took more than --stolen-limit percent of core 0 (the server's) is run again, at
// most --attempts runs, and no step starts that could end after --budget seconds.
//
// Writes one JSON document (--out) and a line per phase on stderr.
const fs = require('fs');
const { performance, monitorEventLoopDelay } = require('perf_hooks');
const { Histogram, cpuSeconds, rssKb, ioStallMicros, coreTicks } = require('./stats');
const { HearthClient } = require('./hearth_client');
const { XmppClient } = require('./xmpp_client');

function parseArgs(argv) {
  const o = {
    proto: 'hearth',
    name: '',
    url: 'ws://127.0.0.1:18480/api/v1/ws',
    origin: 'http://127.0.0.1:18480',
    tokens: '',
    xmppPort: 15222,
    domain: 'localhost',
    participants: 5000,
    groupSize: 10,
    serverPid: 0,
    rates: '1000',
    warmup: 3,
    measure: 10,
    drain: 5,
    idle: 10,
    p99Limit: 50,
    workloadRate: 1000,
    budget: 360,
    stolenLimit: 5,
    attempts: 3,
    concurrency: 100,
    out: '',
  };
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(key in o)) throw new Error(`unknown option ${argv[i]}`);
    o[key] = typeof o[key] === 'number' ? Number(argv[i + 1]) : argv[i + 1];
  }
  o.rates = o.rates.split(',').map(Number);
  return o;
}

const log = (...a) => console.error('loadgen:', ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The filler brings a message to about 80 characters of text, a short chat line.
const FILLER = 'x'.repeat(56);

function makeClients(o, onText, counters) {
  const clients = [];
  if (o.proto === 'hearth') {
    const lines = fs.readFileSync(o.tokens, 'utf8').trim().split('\n');
    for (const line of lines.slice(0, o.participants)) {
      const [token, group] = line.split(' ');
      const c = new HearthClient(o, token, onText, counters);
      c.group = Number(group);
      clients.push(c);
    }
  } else {
    const xo = { host: '127.0.0.1', port: o.xmppPort, domain: o.domain, mucDomain: `conference.${o.domain}` };
    for (let i = 0; i < o.participants; i++) {
      const group = Math.floor(i / o.groupSize);
      const c = new XmppClient(xo, `g${group}`, `u${i}`, onText, counters);
      c.group = group;
      clients.push(c);
    }
  }
  return clients;
}

async function connectAll(clients, concurrency) {
  let next = 0;
  const worker = async () => {
    while (next < clients.length) {
      const c = clients[next++];
      await c.connect();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function main() {
  const o = parseArgs(process.argv);
  const counters = { acks: 0, errors: 0, errorSamples: [], socketErrors: 0, closed: 0 };
  const server = o.serverPid;
  const result = {
    server: o.name || o.proto,
    proto: o.proto,
    participants: o.participants,
    group_size: o.groupSize,
    workload_rate: o.workloadRate,
    p99_limit_ms: o.p99Limit,
    messages_sent: 0,
    steps: [],
  };

  // The step being measured: deliveries of its window's messages go to its histogram.
  let current = null;
  const onText = (text) => {
    const now = performance.now();
    const bar = text.indexOf('|');
    const bar2 = text.indexOf('|', bar + 1);
    if (!current || text.slice(0, bar - 1) !== current.id) {
      counters.strays = (counters.strays || 0) + 1;
      return;
    }
    if (text.charCodeAt(bar - 1) !== 0x4d /* M: sent in the window */) return;
    current.hist.add(now - Number(text.slice(bar + 1, bar2)));
    current.delivered++;
  };

  result.rss_start_kb = rssKb(server);
  const clients = makeClients(o, onText, counters);
  const t0 = performance.now();
  const cpuBeforeConnect = cpuSeconds(server);
  await connectAll(clients, o.concurrency);
  result.connect_seconds = (performance.now() - t0) / 1000;
  result.connect_cpu_seconds = cpuSeconds(server) - cpuBeforeConnect;
  log(`${clients.length} clients connected and in their rooms in ${result.connect_seconds.toFixed(1)} s`);

  // Idle: every client connected and subscribed, nothing sent.
  const idleCpu0 = cpuSeconds(server);
  await sleep(o.idle * 1000);
  result.idle_cpu_per_second = (cpuSeconds(server) - idleCpu0) / o.idle;
  result.rss_idle_kb = rssKb(server);
  result.idle_kib_per_connection = (result.rss_idle_kb - result.rss_start_kb) / clients.length;
  log(`idle: RSS ${result.rss_idle_kb} kB (start ${result.rss_start_kb} kB)`);

  // Senders in an order that visits every room before any room twice, so each room gets
  // rate / rooms messages a second and each person rate / N.
  const order = clients
    .map((c, i) => ({ c, i }))
    .sort((a, b) => (a.i % o.groupSize) - (b.i % o.groupSize) || a.c.group - b.c.group)
    .map((x) => x.c);
  let turn = 0;

  // This process's own event-loop delay: when it grows, the generator rather than the server is
  // what delays deliveries (a frame waits in the socket until the loop reads it).
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  // Machine figures at the start of a window, and what they add up to at its end.
  const snapshot = () => ({ cpu: cpuSeconds(server), gen: process.cpuUsage(), io: ioStallMicros(), core0: coreTicks(0) });
  const since = (a, seconds) => {
    const gen = process.cpuUsage(a.gen);
    const core0 = coreTicks(0);
    return {
      serverCpu: cpuSeconds(server) - a.cpu,
      generatorCores: (gen.user + gen.system) / 1e6 / seconds,
      ioStall: (ioStallMicros() - a.io) / 1e6 / seconds,
      stolen: (core0[1] - a.core0[1]) / (core0[0] - a.core0[0]),
    };
  };

  // One step: `rate` messages a second for warm-up + window, then up to --drain seconds for the
  // window's late deliveries. `id` marks the step's messages, so that a late one of an earlier
  // step is not counted here.
  const runStep = async (rate, id) => {
    const step = { id, hist: new Histogram(), delivered: 0, window_sent: 0 };
    current = step;
    const errors0 = counters.errors;
    const start = performance.now();
    const windowFrom = start + o.warmup * 1000;
    const windowTo = windowFrom + o.measure * 1000;
    let sent = 0;
    let at = null;
    let tWindow = 0;
    await new Promise((resolve) => {
      const timer = setInterval(() => {
        const now = performance.now();
        if (now >= windowTo) {
          clearInterval(timer);
          return resolve();
        }
        if (now >= windowFrom && at === null) {
          at = snapshot();
          tWindow = now;
          loopDelay.reset();
        }
        const mark = at === null ? 'W' : 'M';
        const due = Math.floor((rate * (now - start)) / 1000) - sent;
        for (let k = 0; k < due; k++) {
          order[turn].send(`${id}${mark}|${performance.now().toFixed(3)}|${FILLER}`);
          turn = (turn + 1) % order.length;
          sent++;
          result.messages_sent++;
          if (at !== null) step.window_sent++;
        }
      }, 1);
    });
    // `current` stays on this step while it drains, so that its late deliveries still count; the
    // window's CPU is taken when sending stops.
    const windowSeconds = (performance.now() - tWindow) / 1000;
    const m = since(at, windowSeconds);
    const loopP99 = loopDelay.percentile(99) / 1e6;
    const rss = rssKb(server);
    const expected = step.window_sent * o.groupSize;
    const drainUntil = performance.now() + o.drain * 1000;
    while (step.delivered < expected && performance.now() < drainUntil) await sleep(20);
    current = null;
    return {
      rate_offered: rate,
      deliveries_offered_per_second: rate * o.groupSize,
      window_seconds: windowSeconds,
      window_messages: step.window_sent,
      deliveries_expected: expected,
      deliveries: step.delivered,
      lost: expected - step.delivered,
      deliveries_per_second: step.delivered / windowSeconds,
      p50_ms: step.hist.quantile(0.5),
      p99_ms: step.hist.quantile(0.99),
      max_ms: step.hist.max,
      server_cpu_cores: m.serverCpu / windowSeconds,
      server_cpu_s_per_10k: (m.serverCpu / step.delivered) * 10000,
      generator_cpu_cores: m.generatorCores,
      generator_loop_delay_p99_ms: loopP99,
      io_stall_share: m.ioStall,
      core0_stolen_share: m.stolen,
      rss_kb: rss,
      errors: counters.errors - errors0,
    };
  };

  const stepSeconds = o.warmup + o.measure + o.drain + 1;
  let stepId = 0;
  ramp: for (const rate of o.rates) {
    // A step during which the hypervisor took more than --stolen-limit of the server's core is
    // run again (at most --attempts runs): that time is neither server's doing. Every run is a
    // row; the last one counts.
    let row = null;
    for (let attempt = 1; attempt <= o.attempts; attempt++) {
      // The run is bounded in time: no step starts that could end after --budget seconds.
      if ((performance.now() - t0) / 1000 + stepSeconds > o.budget) {
        log(`time budget of ${o.budget} s reached: no step at ${rate} msg/s`);
        result.budget_reached = true;
        break ramp;
      }
      row = await runStep(rate, String(stepId++));
      row.attempt = attempt;
      result.steps.push(row);
      log(
        `rate ${rate} msg/s: ${row.deliveries_per_second.toFixed(0)} deliveries/s, p50 ${row.p50_ms.toFixed(2)} ms, ` +
          `p99 ${row.p99_ms.toFixed(2)} ms, lost ${row.lost}, errors ${row.errors}, server ${row.server_cpu_cores.toFixed(2)} ` +
          `cores, I/O stall ${(100 * row.io_stall_share).toFixed(0)}%, core 0 stolen ${(100 * row.core0_stolen_share).toFixed(0)}%, ` +
          `generator ${row.generator_cpu_cores.toFixed(2)} cores (loop delay p99 ${row.generator_loop_delay_p99_ms.toFixed(1)} ms), ` +
          `RSS ${row.rss_kb} kB`,
      );
      await sleep(1000);
      if (row.core0_stolen_share * 100 <= o.stolenLimit) break;
    }
    const failed = !(row.p99_ms <= o.p99Limit) || row.lost > row.deliveries_expected * 0.01;
    if (failed && rate >= o.workloadRate) break;
  }
  result.counters = counters;
  for (const c of clients) c.close();
  if (o.out) fs.writeFileSync(o.out, JSON.stringify(result, null, 1));
  // Sockets are destroyed; nothing else keeps the process, but do not wait on the server's side.
  setTimeout(() => process.exit(0), 200);
}

main().catch((e) => {
  log('failed:', e && e.stack ? e.stack : e);
  process.exit(1);
});
