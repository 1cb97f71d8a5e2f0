import { describe, expect, it } from 'vitest';
import { levelOfBytes, loudest, qualityOf, qualityText, sampleOf, type StatsSample } from './quality';

const sample = (overrides: Partial<StatsSample> = {}): StatsSample => ({
  packetsReceived: 1000,
  packetsLost: 0,
  roundTripTime: 0.05,
  audioLevel: null,
  framesDecoded: 0,
  ...overrides,
});

describe('sampleOf', () => {
  it('adds up the inbound streams and takes the selected pair’s round trip', () => {
    expect(
      sampleOf([
        { type: 'inbound-rtp', kind: 'audio', packetsReceived: 500, packetsLost: 5, audioLevel: 0.2 },
        { type: 'inbound-rtp', kind: 'video', packetsReceived: 1500, packetsLost: 10, framesDecoded: 300 },
        { type: 'candidate-pair', id: 'cp1', nominated: true, state: 'succeeded', currentRoundTripTime: 0.9 },
        { type: 'candidate-pair', id: 'cp2', nominated: false, state: 'succeeded', currentRoundTripTime: 0.12 },
        { type: 'transport', id: 't', selectedCandidatePairId: 'cp2' },
        { type: 'outbound-rtp', kind: 'video', packetsSent: 99 },
      ]),
    ).toEqual({ packetsReceived: 2000, packetsLost: 15, roundTripTime: 0.12, audioLevel: 0.2, framesDecoded: 300 });
  });

  it('falls back on the nominated pair, and says nothing it does not know', () => {
    expect(
      sampleOf([{ type: 'candidate-pair', id: 'cp1', nominated: true, state: 'succeeded', currentRoundTripTime: 0.3 }]),
    ).toEqual({ packetsReceived: 0, packetsLost: 0, roundTripTime: 0.3, audioLevel: null, framesDecoded: 0 });
    expect(sampleOf([]).roundTripTime).toBeNull();
  });
});

describe('qualityOf', () => {
  it('is good with little loss and a short round trip', () => {
    expect(qualityOf(sample(), sample({ packetsReceived: 1990, packetsLost: 10 }))).toEqual({
      quality: 'good',
      lossPercent: 1,
      rttMs: 50,
    });
  });

  it('is fair from 3 % loss or a 300 ms round trip, poor from 10 % or 800 ms', () => {
    expect(qualityOf(sample(), sample({ packetsReceived: 1960, packetsLost: 40 })).quality).toBe('fair');
    expect(qualityOf(sample(), sample({ packetsReceived: 1100, roundTripTime: 0.3 })).quality).toBe('fair');
    expect(qualityOf(sample(), sample({ packetsReceived: 1900, packetsLost: 100 })).quality).toBe('poor');
    expect(qualityOf(null, sample({ roundTripTime: 0.8 })).quality).toBe('poor');
  });

  it('is unknown before anything is measured, and reads it in words', () => {
    expect(qualityOf(null, sample({ roundTripTime: null }))).toEqual({ quality: 'unknown', lossPercent: null, rttMs: null });
    expect(qualityText('poor')).toBe('Poor connection');
    expect(qualityText('unknown')).toBe('Connecting…');
  });
});

describe('who is speaking', () => {
  it('is the loudest above the threshold, or nobody', () => {
    expect(loudest(new Map([['a', 0.1], ['b', 0.3], ['c', 0.02]]))).toBe('b');
    expect(loudest(new Map([['a', 0.01]]))).toBeNull();
    expect(loudest(new Map())).toBeNull();
  });

  it('reads silence as 0 and a full-scale signal as 1', () => {
    expect(levelOfBytes(new Uint8Array(64).fill(128))).toBe(0);
    expect(levelOfBytes(Uint8Array.from({ length: 64 }, (_, i) => (i % 2 ? 255 : 0)))).toBe(1);
    expect(levelOfBytes([])).toBe(0);
  });
});
