import { describe, expect, it } from 'vitest';
import { formatRelative, nextDay, startOfDay } from './format';

describe('startOfDay', () => {
  it('finds local midnight as a UTC instant', () => {
    expect(new Date(startOfDay('2026-11-23', 'America/Chicago')).toISOString()).toBe('2026-11-23T06:00:00.000Z');
    expect(new Date(startOfDay('2026-07-01', 'America/Chicago')).toISOString()).toBe('2026-07-01T05:00:00.000Z');
    expect(new Date(startOfDay('2026-11-23', 'Asia/Kolkata')).toISOString()).toBe('2026-11-22T18:30:00.000Z');
    expect(new Date(startOfDay('2026-11-23', 'UTC')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });

  it('handles the days the clocks change', () => {
    expect(new Date(startOfDay('2026-03-08', 'America/Chicago')).toISOString()).toBe('2026-03-08T06:00:00.000Z');
    expect(new Date(startOfDay('2026-11-01', 'America/Chicago')).toISOString()).toBe('2026-11-01T05:00:00.000Z');
  });

  it('falls back to UTC for a zone the browser does not know', () => {
    expect(new Date(startOfDay('2026-11-23', 'Not/AZone')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });
});

describe('nextDay', () => {
  it('crosses months and years', () => {
    expect(nextDay('2026-11-30')).toBe('2026-12-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-11-24T12:00:00.000Z');
  it('reads under a minute as just now, then minutes, hours and days', () => {
    expect(formatRelative('2026-11-24T11:59:30.000Z', now)).toBe('just now');
    expect(formatRelative('2026-11-24T11:55:00.000Z', now)).toBe('5 minutes ago');
    expect(formatRelative('2026-11-24T09:00:00.000Z', now)).toBe('3 hours ago');
    expect(formatRelative('2026-11-23T11:00:00.000Z', now)).toBe('yesterday');
  });

  it('says nothing for a time it cannot read', () => {
    expect(formatRelative('not a time', now)).toBe('');
  });
});
