'use strict';
// Prints the chat benchmark's tables and verdicts (markdown) from loadgen.js's JSON results:
//   node report.js hearth.json [peer.json ...]
// A server's "rate at a p99 bound" is the highest delivery rate among its steps whose p99 stayed
// within the bound with nothing lost: as fine as the ramp's steps, and a lower bound when even
// the last step stayed within it.
const fs = require('fs');

const [hearthFile, ...peerFiles] = process.argv.slice(2);
const load = (f) => JSON.parse(fs.readFileSync(f, 'utf8'));
const results = [load(hearthFile), ...peerFiles.filter((f) => fs.existsSync(f)).map(load)];
const names = { hearth: 'Hearth', prosody: 'Prosody' }; // ejabberd spells itself in lower case
const name = (r) => names[r.server] || r.server;
const fmt = (v, d = 2) => (Number.isFinite(v) ? v.toFixed(d) : '-');
const int = (v) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '-');
const pct = (v) => (Number.isFinite(v) ? `${Math.round(v * 100)}%` : '-');
const within = (s, limit) => s.p99_ms <= limit && s.lost === 0;
// A step run again (the hypervisor took too much of the server's core) counts by its last run.
const counted = (r) => r.steps.filter((s, i) => !r.steps.slice(i + 1).some((t) => t.rate_offered === s.rate_offered));
for (const r of results) r.counted = counted(r);

function best(r, limit) {
  let top = null;
  for (const s of r.counted) {
    if (within(s, limit) && (!top || s.deliveries_per_second > top.deliveries_per_second)) top = s;
  }
  return top;
}
const workload = (r) => r.counted.find((s) => s.rate_offered === r.workload_rate);
const last = (r) => r.counted[r.counted.length - 1];
const perConnection = (r, s) => (s ? (s.rss_kb - r.rss_start_kb) / r.participants : NaN);

console.log('Every step, in the order run (a step during which the hypervisor took too much of core 0 is run again; the last run counts):');
console.log();
console.log(
  '| server | offered msg/s | deliveries/s | p50 ms | p99 ms | max ms | lost | errors | server CPU (cores) | ' +
    'server CPU-s per 10k deliveries | machine I/O stall | core 0 stolen | generator CPU (cores) | generator loop delay p99 ms | ' +
    'server RSS kB |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  for (const s of r.steps) {
    const again = r.counted.includes(s) ? '' : ' (run again)';
    console.log(
      `| ${name(r)} | ${int(s.rate_offered)}${again} | ${int(s.deliveries_per_second)} | ${fmt(s.p50_ms)} | ${fmt(s.p99_ms)} | ` +
        `${fmt(s.max_ms, 1)} | ${s.lost} | ${s.errors} | ${fmt(s.server_cpu_cores)} | ${fmt(s.server_cpu_s_per_10k, 3)} | ` +
        `${pct(s.io_stall_share)} | ${pct(s.core0_stolen_share)} | ${fmt(s.generator_cpu_cores)} | ${fmt(s.generator_loop_delay_p99_ms, 1)} | ${int(s.rss_kb)} |`,
    );
  }
}
console.log();

console.log(`Side by side at the issue's workload (${int(results[0].workload_rate)} messages a second):`);
console.log();
console.log(
  '| server | clients | connect all s | deliveries/s | p50 ms | p99 ms | lost | server CPU (cores) | RSS at start kB | ' +
    'RSS idle, all connected kB | KiB per idle connection | idle CPU (cores) | RSS under load kB | KiB per connection under load |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  const w = workload(r);
  console.log(
    `| ${name(r)} | ${int(r.participants)} | ${fmt(r.connect_seconds, 1)} | ${w ? int(w.deliveries_per_second) : '-'} | ` +
      `${w ? fmt(w.p50_ms) : '-'} | ${w ? fmt(w.p99_ms) : '-'} | ${w ? w.lost : '-'} | ${w ? fmt(w.server_cpu_cores) : '-'} | ` +
      `${int(r.rss_start_kb)} | ${int(r.rss_idle_kb)} | ${fmt(r.idle_kib_per_connection, 1)} | ${fmt(r.idle_cpu_per_second, 3)} | ` +
      `${w ? int(w.rss_kb) : '-'} | ${fmt(perConnection(r, w), 1)} |`,
  );
}
console.log();

const hearth = results[0];
const w = workload(hearth);
const verdict = (ok) => (ok ? '**met**' : '**NOT met**');
console.log('Against the targets:');
if (w) {
  const by = w.p99_ms < 20 ? '' : ` (${fmt(w.p99_ms - 20)} ms over)`;
  console.log(
    `- Hearth p99 under 20 ms at ${int(w.rate_offered)} msg/s (${int(w.deliveries_per_second)} deliveries/s), every ` +
      `message committed before it is delivered: p99 ${fmt(w.p99_ms)} ms, ${w.lost} lost: ${verdict(w.p99_ms < 20 && w.lost === 0)}${by}`,
  );
} else {
  console.log(`- Hearth did not run the ${int(hearth.workload_rate)} msg/s step`);
}
console.log(
  `- Hearth at most 20 KiB per idle connection: ${fmt(hearth.idle_kib_per_connection, 1)} KiB: ` +
    verdict(hearth.idle_kib_per_connection <= 20),
);
for (const limit of [20, 50]) {
  const h = best(hearth, limit);
  const parts = [];
  for (const r of results) {
    const b = best(r, limit);
    const lowerBound = b && b === last(r) ? ' or more (its last step)' : '';
    parts.push(`${name(r)} ${b ? int(b.deliveries_per_second) : 'none'}${lowerBound}`);
  }
  for (const peer of results.slice(1)) {
    const p = best(peer, limit);
    if (h && p) {
      const ratio = h.deliveries_per_second / p.deliveries_per_second;
      // A server that stayed within the bound at its last step has a lower bound only.
      const open = h === last(hearth) || p === last(peer);
      parts.push(`ratio ${fmt(ratio)}x${open ? ' (from a lower bound: not decided)' : ''}`);
      if (limit === 20 && !open) parts.push(`Hearth at least 2x ${name(peer)}: ${verdict(ratio >= 2)}`);
    } else if (limit === 20 && p) {
      parts.push(`Hearth at least 2x ${name(peer)}: ${verdict(false)} (no Hearth step within the bound)`);
    }
  }
  console.log(`- Highest sustained deliveries/s with p99 <= ${limit} ms and nothing lost: ${parts.join(', ')}`);
}
// The sweep goes on past a failing step until it has run the workload rate, so the first step
// over 50 ms and the highest step within it may differ: both are printed.
const steps = hearth.counted;
const over = steps.findIndex((s) => !within(s, 50));
const before = steps.slice(0, over < 0 ? steps.length : over);
const h50 = before.length ? before[before.length - 1] : null;
const any50 = best(hearth, 50);
console.log(
  `- Hearth's highest sustained rate before p99 first passes 50 ms: ${h50 ? int(h50.deliveries_per_second) : 'none'} deliveries/s` +
    (over >= 0 ? ` (the next step, ${int(steps[over].rate_offered)} msg/s, had p99 ${fmt(steps[over].p99_ms)} ms)` : ' (no step passed it)') +
    (any50 && any50 !== h50 ? `; the highest step within 50 ms anywhere in the ramp: ${int(any50.deliveries_per_second)} deliveries/s` : ''),
);
for (const r of results) {
  const busy = r.counted.filter((s) => s.generator_cpu_cores > 0.8).map((s) => int(s.rate_offered));
  if (busy.length) {
    console.log(`- ${name(r)}: the generator used over 0.8 of its core at ${busy.join(', ')} msg/s: those steps may measure the generator`);
  }
  if (r.counters && r.counters.errorSamples.length) {
    console.log(`- ${name(r)}: first errors: ${r.counters.errorSamples.join(' / ')}`);
  }
}
