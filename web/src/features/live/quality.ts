/**
 * Connection quality and who is speaking, read from a peer connection's statistics (W3C
 * "Identifiers for WebRTC's Statistics API": inbound-rtp, candidate-pair). Pure: the React side
 * polls getStats() and hands the reports here.
 */

/** What one poll of one connection says. Counters are cumulative; rates come from two samples. */
export interface StatsSample {
  packetsReceived: number;
  packetsLost: number;
  /** Seconds, of the selected candidate pair; null before one is chosen. */
  roundTripTime: number | null;
  /** 0..1 of the incoming audio; null when there is none. */
  audioLevel: number | null;
  /** Video frames decoded so far (the end-to-end tests watch it grow). */
  framesDecoded: number;
}

export type Quality = 'good' | 'fair' | 'poor' | 'unknown';

type StatsEntry = Record<string, unknown> & { type?: unknown };

const numberOf = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** Sums what a report's entries say; `report` is an RTCStatsReport or any iterable of its values. */
export function sampleOf(entries: Iterable<StatsEntry>): StatsSample {
  const sample: StatsSample = {
    packetsReceived: 0,
    packetsLost: 0,
    roundTripTime: null,
    audioLevel: null,
    framesDecoded: 0,
  };
  const pairs = new Map<unknown, StatsEntry>();
  let selectedPairId: unknown = null;
  for (const entry of entries) {
    if (entry.type === 'inbound-rtp') {
      sample.packetsReceived += numberOf(entry.packetsReceived) ?? 0;
      sample.packetsLost += Math.max(0, numberOf(entry.packetsLost) ?? 0);
      if (entry.kind === 'audio') {
        const level = numberOf(entry.audioLevel);
        if (level !== null) sample.audioLevel = Math.max(sample.audioLevel ?? 0, level);
      }
      if (entry.kind === 'video') sample.framesDecoded += numberOf(entry.framesDecoded) ?? 0;
    } else if (entry.type === 'candidate-pair') {
      pairs.set(entry.id, entry);
    } else if (entry.type === 'transport' && entry.selectedCandidatePairId !== undefined) {
      selectedPairId = entry.selectedCandidatePairId;
    }
  }
  const selected =
    pairs.get(selectedPairId) ??
    [...pairs.values()].find((pair) => pair.nominated === true && pair.state === 'succeeded') ??
    null;
  sample.roundTripTime = selected ? numberOf(selected.currentRoundTripTime) : null;
  return sample;
}

/**
 * Good, fair or poor from the packets lost since the previous sample and the round-trip time.
 * ITU-T G.114 keeps one-way delay under 150 ms for natural conversation (so a round trip under
 * about 300 ms); above 400 ms one way it breaks down. Loss of a few per cent is what Opus and
 * video concealment hide well; beyond about 10 % speech and picture break up. The bands here
 * follow those two marks; they are rules of thumb, shown in words beside the indicator.
 */
export function qualityOf(
  previous: StatsSample | null,
  current: StatsSample,
): { quality: Quality; lossPercent: number | null; rttMs: number | null } {
  const rttMs = current.roundTripTime === null ? null : Math.round(current.roundTripTime * 1000);
  let lossPercent: number | null = null;
  if (previous) {
    const received = current.packetsReceived - previous.packetsReceived;
    const lost = current.packetsLost - previous.packetsLost;
    if (received + lost > 0) lossPercent = (100 * Math.max(0, lost)) / (received + Math.max(0, lost));
  }
  if (rttMs === null && lossPercent === null) return { quality: 'unknown', lossPercent, rttMs };
  const loss = lossPercent ?? 0;
  const rtt = rttMs ?? 0;
  const quality: Quality = loss >= 10 || rtt >= 800 ? 'poor' : loss >= 3 || rtt >= 300 ? 'fair' : 'good';
  return { quality, lossPercent, rttMs };
}

const qualityWords: Readonly<Record<Quality, string>> = {
  good: 'Good connection',
  fair: 'Fair connection',
  poor: 'Poor connection',
  unknown: 'Connecting…',
};

export function qualityText(quality: Quality): string {
  return qualityWords[quality];
}

/** Below this level (0..1) nobody counts as speaking: breathing and room noise stay out. */
export const speakingThreshold = 0.05;

/** The loudest of the people above the threshold; null when nobody speaks. */
export function loudest(levels: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  let bestLevel = speakingThreshold;
  for (const [id, level] of levels) {
    if (level > bestLevel) {
      best = id;
      bestLevel = level;
    }
  }
  return best;
}

/**
 * The root mean square of an AnalyserNode's time-domain bytes (128 is silence), scaled to 0..1
 * the way a level meter reads: speech at a normal distance lands around 0.1–0.4.
 */
export function levelOfBytes(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i += 1) {
    const centred = ((samples[i] ?? 128) - 128) / 128;
    sum += centred * centred;
  }
  return Math.min(1, Math.sqrt(sum / samples.length) * 2);
}
