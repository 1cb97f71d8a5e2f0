import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../base/http/client';
import { wireOccurrence as wire } from '../../testing/schedule';
import { decodeOccurrence, joinState, moveBody, rangeQuery } from './occurrences';

const wireOccurrence = wire();

describe('joinState', () => {
  const at = (iso: string) => Date.parse(iso);
  const occurrence = decodeOccurrence(wireOccurrence);

  it('opens ten minutes before the start and closes at the end', () => {
    expect(joinState(occurrence, at('2026-11-23T15:49:59.999Z'))).toBe('not-yet');
    expect(joinState(occurrence, at('2026-11-23T15:50:00.000Z'))).toBe('open');
    expect(joinState(occurrence, at('2026-11-23T17:29:59.999Z'))).toBe('open');
    expect(joinState(occurrence, at('2026-11-23T17:30:00.000Z'))).toBe('ended');
  });

  it('never opens for a cancelled session', () => {
    expect(joinState({ ...occurrence, status: 'cancelled' }, at('2026-11-23T16:10:00Z'))).toBe('cancelled');
  });
});

describe('decodeOccurrence', () => {
  it('maps the wire format', () => {
    expect(decodeOccurrence({ ...wireOccurrence, moved: true, change_reason: 'Room change' })).toMatchObject({
      id: 'o1',
      seriesId: 's1',
      group: { id: 'g1', name: 'Mood & Anxiety Group (Evening)', kind: 'therapy' },
      startsAt: '2026-11-23T16:00:00.000Z',
      joinOpensAt: '2026-11-23T15:50:00.000Z',
      moved: true,
      changeReason: 'Room change',
      myRole: 'participant',
    });
  });

  it('rejects an occurrence without a start', () => {
    expect(() => decodeOccurrence({ ...wireOccurrence, starts_at: undefined })).toThrow(DecodeError);
  });
});

describe('request bodies', () => {
  it('moves with a local start, and a duration only when it changes', () => {
    expect(moveBody({ start: '2026-11-24T18:00', reason: 'Holiday' })).toEqual({
      start: '2026-11-24T18:00',
      reason: 'Holiday',
    });
    expect(moveBody({ start: '2026-11-24T18:00', reason: 'Holiday', durationMinutes: 60 })).toEqual({
      start: '2026-11-24T18:00',
      reason: 'Holiday',
      duration_minutes: 60,
    });
  });

  it('asks for a range as RFC 3339 instants', () => {
    expect(rangeQuery(Date.parse('2026-10-26T05:00:00Z'), Date.parse('2026-11-02T06:00:00Z'))).toBe(
      'from=2026-10-26T05%3A00%3A00.000Z&to=2026-11-02T06%3A00%3A00.000Z',
    );
  });
});
