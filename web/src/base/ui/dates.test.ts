import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatMinutes,
  groupByDay,
  isDate,
  localDate,
  mondayOf,
  placeInWeek,
  spokenMinutes,
  wallClock,
  weekBounds,
  weekDates,
  weekdayCode,
} from './dates';

const hours = (ms: number) => ms / 3_600_000;

describe('calendar days', () => {
  it('adds days across months and years', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
  });

  it('finds the Monday of a week and names weekdays as the API does', () => {
    expect(mondayOf('2026-11-25')).toBe('2026-11-23');
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(weekdayCode('2026-11-29')).toBe('SU');
    expect(weekdayCode('2026-11-23')).toBe('MO');
    expect(weekDates('2026-11-23')).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
  });

  it('accepts only real dates', () => {
    expect(isDate('2026-02-28')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2026-13-01')).toBe(false);
    expect(isDate('26-01-01')).toBe(false);
  });

  it('reads the wall clock of an instant in a zone', () => {
    expect(wallClock('2026-11-23T16:00:00Z', 'America/Chicago')).toEqual({ date: '2026-11-23', time: '10:00' });
    expect(wallClock('2026-11-24T05:30:00Z', 'America/Chicago')).toEqual({ date: '2026-11-23', time: '23:30' });
    expect(localDate('2026-11-24T05:30:00Z', 'Europe/Berlin')).toBe('2026-11-24');
  });
});

describe('weeks across a daylight-saving change', () => {
  // US daylight saving time ends on Sunday 1 November 2026 at 02:00 and starts on Sunday
  // 14 March 2027 at 02:00 (America/Chicago: UTC−5 ⇄ UTC−6).
  it('gives a fall-back week 169 hours and a spring-forward week 167', () => {
    const fall = weekBounds('2026-10-26', 'America/Chicago');
    expect(new Date(fall.from).toISOString()).toBe('2026-10-26T05:00:00.000Z');
    expect(new Date(fall.to).toISOString()).toBe('2026-11-02T06:00:00.000Z');
    expect(hours(fall.to - fall.from)).toBe(169);
    const spring = weekBounds('2027-03-08', 'America/Chicago');
    expect(hours(spring.to - spring.from)).toBe(167);
  });

  it('puts a daily 10:00 session in the right column on both sides of the change', () => {
    // 10:00 local is 15:00Z while on daylight time (to Saturday 31 Oct) and 16:00Z from Sunday.
    const daily = [
      '2026-10-26T15:00:00Z',
      '2026-10-27T15:00:00Z',
      '2026-10-28T15:00:00Z',
      '2026-10-29T15:00:00Z',
      '2026-10-30T15:00:00Z',
      '2026-10-31T15:00:00Z',
      '2026-11-01T16:00:00Z',
    ].map((startsAt, index) => ({ id: `d${index}`, startsAt }));
    const days = placeInWeek(daily, '2026-10-26', 'America/Chicago');
    expect(days.map((day) => day.map((item) => item.id))).toEqual([['d0'], ['d1'], ['d2'], ['d3'], ['d4'], ['d5'], ['d6']]);
    for (const [index, day] of days.entries()) {
      expect(wallClock(day[0]?.startsAt ?? '', 'America/Chicago').time, `day ${index}`).toBe('10:00');
    }
  });

  it('keeps late-evening sessions on their local day and leaves out the next week', () => {
    const items = [
      // Sunday 1 Nov, 23:30 CST = Monday 05:30Z: still Sunday for the viewer.
      { id: 'late-sunday', startsAt: '2026-11-02T05:30:00Z' },
      // Monday 2 Nov, 00:30 CST: the next week.
      { id: 'next-week', startsAt: '2026-11-02T06:30:00Z' },
      // Sunday 25 Oct, 23:00 CDT = Monday 26 Oct 04:00Z: the week before.
      { id: 'week-before', startsAt: '2026-10-26T04:00:00Z' },
      // The hour that happens twice: 01:30 CDT and 01:30 CST on Sunday 1 Nov.
      { id: 'first-0130', startsAt: '2026-11-01T06:30:00Z' },
      { id: 'second-0130', startsAt: '2026-11-01T07:30:00Z' },
    ];
    const days = placeInWeek(items, '2026-10-26', 'America/Chicago');
    expect(days[6]?.map((item) => item.id)).toEqual(['first-0130', 'second-0130', 'late-sunday']);
    expect(days.slice(0, 6).every((day) => day.length === 0)).toBe(true);
  });

  it('shows the same session on another day for a viewer far away', () => {
    // Monday 23 Nov 18:00 in Chicago is Tuesday 01:00 in Berlin.
    const items = [{ id: 'evening', startsAt: '2026-11-24T00:00:00Z' }];
    expect(placeInWeek(items, '2026-11-23', 'America/Chicago')[0]).toHaveLength(1);
    expect(placeInWeek(items, '2026-11-23', 'Europe/Berlin')[1]).toHaveLength(1);
  });

  it('groups an agenda by local day, in order', () => {
    const items = [
      { id: 'b', startsAt: '2026-11-02T05:30:00Z' },
      { id: 'a', startsAt: '2026-11-01T16:00:00Z' },
      { id: 'c', startsAt: '2026-11-02T15:00:00Z' },
    ];
    expect(groupByDay(items, 'America/Chicago')).toEqual([
      { date: '2026-11-01', items: [items[1], items[0]] },
      { date: '2026-11-02', items: [items[2]] },
    ]);
  });
});

describe('durations', () => {
  it.each([
    [0, '0 min', '0 minutes'],
    [45, '45 min', '45 minutes'],
    [60, '1 h', '1 hour'],
    [270, '4 h 30 min', '4 hours 30 minutes'],
    [540, '9 h', '9 hours'],
    [61, '1 h 1 min', '1 hour 1 minute'],
  ])('%i minutes read as %s', (minutes, short, spoken) => {
    expect(formatMinutes(minutes)).toBe(short);
    expect(spokenMinutes(minutes)).toBe(spoken);
  });
});
