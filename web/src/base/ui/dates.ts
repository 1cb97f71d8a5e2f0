/**
 * Calendar days and wall-clock times in a named IANA time zone. The API sends instants (RFC 3339
 * UTC) and takes local dates and times beside a zone name (docs/api.md, "Programs, groups and
 * the schedule"); people read both in their own zone. Calendar dates are `YYYY-MM-DD` strings,
 * computed with UTC arithmetic so no browser zone leaks in.
 */
import { startOfDay } from './format';

export const weekdayCodes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type WeekdayCode = (typeof weekdayCodes)[number];

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function toInstant(value: string | number | Date): number {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  return Date.parse(value);
}

/** The wall clock of an instant in a zone: `{ date: 'YYYY-MM-DD', time: 'HH:MM' }`. */
export function wallClock(value: string | number | Date, timeZone: string): { date: string; time: string } {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = partsFormatter(timeZone).formatToParts(new Date(toInstant(value)));
  } catch {
    parts = partsFormatter('UTC').formatToParts(new Date(toInstant(value)));
  }
  const field = (type: string) => parts.find((part) => part.type === type)?.value ?? '00';
  return {
    date: `${field('year')}-${field('month')}-${field('day')}`,
    time: `${field('hour')}:${field('minute')}`,
  };
}

/** The calendar day an instant falls on in a zone. */
export function localDate(value: string | number | Date, timeZone: string): string {
  return wallClock(value, timeZone).date;
}

function parseDate(date: string): [number, number, number] {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  return [year, month, day];
}

export function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = parseDate(value);
  const back = new Date(Date.UTC(year, month - 1, day));
  return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day;
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = parseDate(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** 0 for Monday … 6 for Sunday (ISO 8601 order, as the API's weekdays). */
export function weekdayIndex(date: string): number {
  const [year, month, day] = parseDate(date);
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

export function weekdayCode(date: string): WeekdayCode {
  return weekdayCodes[weekdayIndex(date)] ?? 'MO';
}

/** The Monday of the week `date` is in. */
export function mondayOf(date: string): string {
  return addDays(date, -weekdayIndex(date));
}

/** Monday to Sunday of the week starting `monday`. */
export function weekDates(monday: string): string[] {
  return Array.from({ length: 7 }, (_, index) => addDays(monday, index));
}

/** The instants where the week of `monday` begins and ends in a zone (a DST week is 167 or 169 h). */
export function weekBounds(monday: string, timeZone: string): { from: number; to: number } {
  return { from: startOfDay(monday, timeZone), to: startOfDay(addDays(monday, 7), timeZone) };
}

/**
 * Puts each item in the column of the local day it starts on, Monday first; items outside the
 * week are left out, and each day is in order of start.
 */
export function placeInWeek<T extends { startsAt: string }>(items: readonly T[], monday: string, timeZone: string): T[][] {
  const days: T[][] = Array.from({ length: 7 }, () => []);
  const dates = weekDates(monday);
  for (const item of items) {
    const index = dates.indexOf(localDate(item.startsAt, timeZone));
    if (index >= 0) days[index]?.push(item);
  }
  for (const day of days) day.sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return days;
}

/** The days that have items, in order, each with its items in order of start. */
export function groupByDay<T extends { startsAt: string }>(
  items: readonly T[],
  timeZone: string,
): { date: string; items: T[] }[] {
  const sorted = [...items].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const days: { date: string; items: T[] }[] = [];
  for (const item of sorted) {
    const date = localDate(item.startsAt, timeZone);
    const last = days[days.length - 1];
    if (last?.date === date) last.items.push(item);
    else days.push({ date, items: [item] });
  }
  return days;
}

// Calendar dates are formatted as noon UTC read in UTC: the same day everywhere.
function dateAsInstant(date: string): Date {
  const [year, month, day] = parseDate(date);
  return new Date(Date.UTC(year, month - 1, day, 12));
}

/** "Monday 23 November" (the order follows the browser's locale). */
export function formatDayLong(date: string): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(dateAsInstant(date));
}

/** "Mon 23 Nov". */
export function formatDayShort(date: string): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(dateAsInstant(date));
}

/** "23 November 2026". */
export function formatCalendarDate(date: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: 'UTC' }).format(dateAsInstant(date));
}

/** "23–29 November 2026", for a week heading. */
export function formatWeekRange(monday: string): string {
  const format = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const start = dateAsInstant(monday);
  const end = dateAsInstant(addDays(monday, 6));
  return typeof format.formatRange === 'function'
    ? format.formatRange(start, end)
    : `${format.format(start)} – ${format.format(end)}`;
}

function safeFormat(options: Intl.DateTimeFormatOptions, timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone });
  } catch {
    return new Intl.DateTimeFormat(undefined, options);
  }
}

/** "10:00 AM" in the zone. */
export function formatTime(value: string | number, timeZone: string): string {
  return safeFormat({ hour: 'numeric', minute: '2-digit' }, timeZone).format(new Date(toInstant(value)));
}

/**
 * "10:00 – 11:30 AM" in the zone; when the end falls on another local day than the start, the
 * end carries its date.
 */
export function formatTimeRange(start: string | number, end: string | number, timeZone: string): string {
  const sameDay = localDate(start, timeZone) === localDate(end, timeZone);
  const format = safeFormat(
    sameDay ? { hour: 'numeric', minute: '2-digit' } : { weekday: 'short', hour: 'numeric', minute: '2-digit' },
    timeZone,
  );
  const from = new Date(toInstant(start));
  const to = new Date(toInstant(end));
  return typeof format.formatRange === 'function'
    ? format.formatRange(from, to)
    : `${format.format(from)} – ${format.format(to)}`;
}

/** "Monday 23 November, 10:00 – 11:30 AM" in the zone. */
export function formatSessionTime(start: string, end: string, timeZone: string): string {
  return `${formatDayLong(localDate(start, timeZone))}, ${formatTimeRange(start, end, timeZone)}`;
}

/** "4 h 30 min", "9 h", "45 min", "0 min". */
export function formatMinutes(total: number): string {
  const minutes = Math.max(0, Math.round(total));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** The same in words a screen reader says well: "4 hours 30 minutes". */
export function spokenMinutes(total: number): string {
  const minutes = Math.max(0, Math.round(total));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const h = `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  const m = `${rest} ${rest === 1 ? 'minute' : 'minutes'}`;
  if (hours === 0) return m;
  return rest === 0 ? h : `${h} ${m}`;
}

/** "Monday 23 November, 10:00 AM" in the zone. */
export function formatDayAndTime(value: string | number, timeZone: string): string {
  return `${formatDayLong(localDate(value, timeZone))}, ${formatTime(value, timeZone)}`;
}
