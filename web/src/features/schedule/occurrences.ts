/**
 * Sessions on the calendar (docs/api.md, "Programs, groups and the schedule"): the Occurrence,
 * Clash and Attendance shapes, the schedule, one session, cancelling and moving it, attendance,
 * and the private calendar feed.
 */
import { noContent, type HttpClient } from '../../base/http/client';
import { array, boolean, integer, nullableString, object, string } from '../../base/http/decode';
import { decodePersonRef, type PersonRef } from '../people/people';

export interface Occurrence {
  id: string;
  seriesId: string | null;
  group: { id: string; name: string; kind: string };
  title: string;
  startsAt: string;
  endsAt: string;
  /** The zone the session was scheduled in (its local times are read there). */
  timeZone: string;
  /** `scheduled` or `cancelled`. */
  status: string;
  moved: boolean;
  originalStartsAt: string | null;
  changeReason: string | null;
  /** Ten minutes before the start. */
  joinOpensAt: string;
  /** `participant`, `facilitator`, `guest` (invited to this one session), or null. */
  myRole: string | null;
}

export function decodeOccurrence(value: unknown, where = 'body'): Occurrence {
  const record = object(value, where);
  const group = object(record.group, `${where}.group`);
  return {
    id: string(record, 'id', where),
    seriesId: nullableString(record, 'series_id', where),
    group: {
      id: string(group, 'id', `${where}.group`),
      name: string(group, 'name', `${where}.group`),
      kind: string(group, 'kind', `${where}.group`),
    },
    title: string(record, 'title', where),
    startsAt: string(record, 'starts_at', where),
    endsAt: string(record, 'ends_at', where),
    timeZone: string(record, 'time_zone', where),
    status: string(record, 'status', where),
    moved: record.moved === true,
    originalStartsAt: nullableString(record, 'original_starts_at', where),
    changeReason: nullableString(record, 'change_reason', where),
    joinOpensAt: string(record, 'join_opens_at', where),
    myRole: nullableString(record, 'my_role', where),
  };
}

export interface Clash {
  person: PersonRef;
  as: string;
  occurrence: { id: string; title: string; groupName: string; startsAt: string; endsAt: string };
  newStartsAt: string;
}

export function decodeClash(value: unknown, where: string): Clash {
  const record = object(value, where);
  const occurrence = object(record.occurrence, `${where}.occurrence`);
  const at = `${where}.occurrence`;
  return {
    person: decodePersonRef(record.person, `${where}.person`),
    as: string(record, 'as', where),
    occurrence: {
      id: string(occurrence, 'id', at),
      title: string(occurrence, 'title', at),
      groupName: string(occurrence, 'group_name', at),
      startsAt: string(occurrence, 'starts_at', at),
      endsAt: string(occurrence, 'ends_at', at),
    },
    newStartsAt: string(record, 'new_starts_at', where),
  };
}

export interface Schedule {
  timeZone: string;
  occurrences: Occurrence[];
}

export function decodeSchedule(json: unknown): Schedule {
  const record = object(json, 'body');
  return {
    timeZone: string(record, 'time_zone', 'body'),
    occurrences: array(record, 'occurrences', 'body', decodeOccurrence),
  };
}

export function decodeOccurrences(json: unknown): Occurrence[] {
  return array(object(json, 'body'), 'occurrences', 'body', decodeOccurrence);
}

/** An instant range as the API's `?from=&to=` (RFC 3339). */
export function rangeQuery(from: number, to: number): string {
  const query = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(to).toISOString() });
  return query.toString();
}

export function fetchSchedule(client: HttpClient, from: number, to: number, signal?: AbortSignal): Promise<Schedule> {
  return client.getJson(`/api/v1/me/schedule?${rangeQuery(from, to)}`, decodeSchedule, signal);
}

const occurrencePath = (id: string) => `/api/v1/occurrences/${encodeURIComponent(id)}`;

export type ManagedOccurrence = Occurrence & { canManage: boolean };

export function fetchOccurrence(client: HttpClient, id: string, signal?: AbortSignal): Promise<ManagedOccurrence> {
  return client.getJson(
    occurrencePath(id),
    (json) => ({ ...decodeOccurrence(json), canManage: object(json, 'body').can_manage === true }),
    signal,
  );
}

export function cancelOccurrence(client: HttpClient, id: string, reason: string): Promise<Occurrence> {
  return client.postJson(`${occurrencePath(id)}/cancel`, { reason }, (json) => decodeOccurrence(json));
}

export interface MoveRequest {
  /** Local `YYYY-MM-DDTHH:MM` in the session's time zone. */
  start: string;
  durationMinutes?: number;
  reason: string;
}

export function moveBody(request: MoveRequest): Record<string, string | number> {
  const body: Record<string, string | number> = { start: request.start, reason: request.reason };
  if (request.durationMinutes !== undefined) body.duration_minutes = request.durationMinutes;
  return body;
}

export function moveOccurrence(
  client: HttpClient,
  id: string,
  request: MoveRequest,
): Promise<{ occurrence: Occurrence; clashes: Clash[] }> {
  return client.postJson(`${occurrencePath(id)}/move`, moveBody(request), (json) => {
    const record = object(json, 'body');
    return {
      occurrence: decodeOccurrence(record.occurrence, 'body.occurrence'),
      clashes: Array.isArray(record.clashes) ? array(record, 'clashes', 'body', decodeClash) : [],
    };
  });
}

/** Whether the Join button works now: from `join_opens_at` until the end, for scheduled sessions. */
export type JoinState = 'cancelled' | 'not-yet' | 'open' | 'ended';

export function joinState(occurrence: Pick<Occurrence, 'status' | 'joinOpensAt' | 'endsAt'>, now: number): JoinState {
  if (occurrence.status === 'cancelled') return 'cancelled';
  if (now < Date.parse(occurrence.joinOpensAt)) return 'not-yet';
  if (now >= Date.parse(occurrence.endsAt)) return 'ended';
  return 'open';
}

export const attendanceStatuses = [
  'expected',
  'present',
  'late',
  'left_early',
  'absent_excused',
  'absent_unexcused',
] as const;

const attendanceLabels: Readonly<Record<string, string>> = {
  expected: 'Expected',
  present: 'Present',
  late: 'Late',
  left_early: 'Left early',
  absent_excused: 'Absent (excused)',
  absent_unexcused: 'Absent (unexcused)',
};

export function attendanceLabel(status: string): string {
  return attendanceLabels[status] ?? status;
}

export interface Attendance {
  person: PersonRef;
  status: string;
  minutes: number;
  firstJoinedAt: string | null;
  lastLeftAt: string | null;
  connected: boolean;
  corrected: boolean;
  correctionReason: string | null;
}

export function decodeAttendance(value: unknown, where = 'body'): Attendance {
  const record = object(value, where);
  return {
    person: decodePersonRef(record.person, `${where}.person`),
    status: string(record, 'status', where),
    minutes: integer(record, 'minutes', where),
    firstJoinedAt: nullableString(record, 'first_joined_at', where),
    lastLeftAt: nullableString(record, 'last_left_at', where),
    connected: boolean(record, 'connected', where),
    corrected: boolean(record, 'corrected', where),
    correctionReason: nullableString(record, 'correction_reason', where),
  };
}

export function fetchAttendance(client: HttpClient, id: string, signal?: AbortSignal): Promise<Attendance[]> {
  return client.getJson(
    `${occurrencePath(id)}/attendance`,
    (json) => array(object(json, 'body'), 'attendance', 'body', decodeAttendance),
    signal,
  );
}

export interface Correction {
  status: string;
  minutes: number;
  reason: string;
}

export function correctAttendance(
  client: HttpClient,
  id: string,
  userId: string,
  correction: Correction,
): Promise<Attendance> {
  return client.putJson(
    `${occurrencePath(id)}/attendance/${encodeURIComponent(userId)}`,
    { status: correction.status, minutes: correction.minutes, reason: correction.reason },
    (json) => decodeAttendance(json),
  );
}

export interface CalendarFeed {
  active: boolean;
  createdAt: string | null;
}

const feedPath = '/api/v1/me/calendar-feed';

export function fetchCalendarFeed(client: HttpClient, signal?: AbortSignal): Promise<CalendarFeed> {
  return client.getJson(
    feedPath,
    (json) => {
      const record = object(json, 'body');
      return { active: boolean(record, 'active', 'body'), createdAt: nullableString(record, 'created_at', 'body') };
    },
    signal,
  );
}

export function createCalendarFeed(client: HttpClient): Promise<{ url: string; createdAt: string }> {
  return client.postJson(feedPath, {}, (json) => {
    const record = object(json, 'body');
    return { url: string(record, 'url', 'body'), createdAt: string(record, 'created_at', 'body') };
  });
}

export function deleteCalendarFeed(client: HttpClient): Promise<undefined> {
  return client.deleteJson(feedPath, undefined, noContent);
}
