'use strict';
// Latency histogram and the server's figures from /proc, for loadgen.js.
const fs = require('fs');

// Buckets of 10 µs up to 10 s, one for anything later: percentiles within 10 µs with no per-sample
// allocation, which matters at tens of thousands of deliveries a second on the generator's core.
const BUCKET_MS = 0.01;
const BUCKETS = 1_000_000;

class Histogram {
  constructor() {
    this.counts = new Uint32Array(BUCKETS + 1);
    this.n = 0;
    this.max = 0;
  }
  add(ms) {
    const b = ms <= 0 ? 0 : Math.min(BUCKETS, Math.floor(ms / BUCKET_MS));
    this.counts[b]++;
    this.n++;
    if (ms > this.max) this.max = ms;
  }
  // The upper edge of the bucket holding the q-quantile (so never optimistic by more than 10 µs).
  quantile(q) {
    if (this.n === 0) return NaN;
    const rank = Math.ceil(q * this.n);
    let seen = 0;
    for (let b = 0; b <= BUCKETS; b++) {
      seen += this.counts[b];
      if (seen >= rank) return b === BUCKETS ? this.max : (b + 1) * BUCKET_MS;
    }
    return this.max;
  }
}

const CLK_TCK = 100; // getconf CLK_TCK on Linux/x86-64

// utime + stime of a process and of its threads, in seconds.
function cpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

// Resident set size in kB (VmRSS).
function rssKb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) : NaN;
}

// Microseconds so far in which some task of the machine waited on storage (Linux PSI, "some"
// line of /proc/pressure/io); NaN where the kernel does not keep it. A durable store's commits
// wait on fsync, so this tells whether a step was bound by the disk.
function ioStallMicros() {
  try {
    const m = /^some .*total=(\d+)/m.exec(fs.readFileSync('/proc/pressure/io', 'utf8'));
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
}

// [total, stolen] clock ticks of one core so far (/proc/stat): stolen is the time the
// hypervisor ran something else while this virtual core had work, which shows as latency that
// neither the server nor the generator caused.
function coreTicks(core) {
  const line = fs
    .readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`cpu${core} `));
  const f = line.trim().split(/\s+/).slice(1, 9).map(Number);
  return [f.reduce((a, b) => a + b, 0), f[7]];
}

module.exports = { Histogram, cpuSeconds, rssKb, ioStallMicros, coreTicks };
