import { describe, expect, it } from 'vitest';
import { durationText, estimateSkew, localDeadline, warningLeadMs } from './idle';

describe('warningLeadMs', () => {
  it.each([
    [900, 60_000],
    [121, 60_000],
    [120, 60_000],
    [70, 35_000],
    [30, 15_000],
  ])('warns %d s time-outs %d ms ahead', (timeout, lead) => {
    expect(warningLeadMs(timeout)).toBe(lead);
  });
});

describe('localDeadline', () => {
  const now = Date.parse('2026-11-23T07:00:00.000Z');
  it('takes the server deadline on a clock that agrees', () => {
    expect(localDeadline('2026-11-23T07:10:00.000Z', 900, 0, now)).toBe(now + 600_000);
  });
  it('corrects for a server clock that runs ahead', () => {
    expect(localDeadline('2026-11-23T07:10:00.000Z', 900, 60_000, now)).toBe(now + 540_000);
  });
  it('never lies further ahead than one whole time-out', () => {
    expect(localDeadline('2026-11-23T09:00:00.000Z', 900, 0, now)).toBe(now + 900_000);
    expect(localDeadline('not a date', 900, 0, now)).toBe(now + 900_000);
  });
});

describe('estimateSkew', () => {
  const now = Date.parse('2026-11-23T07:00:00.000Z');
  it('is the server clock minus ours, right after activity', () => {
    expect(estimateSkew('2026-11-23T07:17:00.000Z', 900, now)).toBe(120_000);
    expect(estimateSkew('2026-11-23T07:14:00.000Z', 900, now)).toBe(-60_000);
  });
  it('takes a few seconds either way as none: the server moves its deadline in steps', () => {
    expect(estimateSkew('2026-11-23T07:15:02.000Z', 900, now)).toBe(0);
    expect(estimateSkew('2026-11-23T07:14:56.000Z', 900, now)).toBe(0);
  });
});

describe('durationText', () => {
  it.each([
    [60_000, '1 minute'],
    [90_000, '1 minute 30 seconds'],
    [900_000, '15 minutes'],
    [45_000, '45 seconds'],
    [1_000, '1 second'],
    [400, '1 second'],
    [-5, '0 seconds'],
  ])('%d ms reads "%s"', (ms, text) => {
    expect(durationText(ms)).toBe(text);
  });
});
