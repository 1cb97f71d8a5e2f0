/**
 * Groups, their members, the catalogue and scheduling (docs/api.md, "Programs, groups and the
 * schedule"): the Group and GroupMember shapes, their calls, and the forms' request bodies.
 */
import { noContent, type HttpClient } from '../../base/http/client';
import {
  array,
  integer,
  nullableInteger,
  nullableString,
  object,
  optionalString,
  string,
  stringArray,
} from '../../base/http/decode';
import { isDate, weekdayCodes, type WeekdayCode } from '../../base/ui/dates';
import { decodeNullablePersonRef, decodePersonRef, type PersonRef } from '../people/people';
import { decodeClash, decodeOccurrence, decodeOccurrences, rangeQuery, type Clash, type Occurrence } from '../schedule/occurrences';

export interface Group {
  id: string;
  programId: string;
  programName: string;
  slug: string;
  name: string;
  description: string;
  kind: string;
  capacity: number;
  seatsTaken: number;
  waiting: number;
  /** `open` or `closed`. */
  membership: string;
  tags: string[];
  ageBand: string | null;
  facilitator: PersonRef | null;
  coFacilitator: PersonRef | null;
  /** `active` or `archived`. */
  status: string;
  /** `member`, `waiting`, `requested`, `facilitator`, or null. */
  myPlace: string | null;
  waitingPosition: number | null;
}

export function decodeGroup(value: unknown, where = 'body'): Group {
  const record = object(value, where);
  return {
    id: string(record, 'id', where),
    programId: string(record, 'program_id', where),
    programName: optionalString(record, 'program_name', where),
    slug: optionalString(record, 'slug', where),
    name: string(record, 'name', where),
    description: optionalString(record, 'description', where),
    kind: string(record, 'kind', where),
    capacity: integer(record, 'capacity', where),
    seatsTaken: integer(record, 'seats_taken', where),
    waiting: nullableInteger(record, 'waiting', where) ?? 0,
    membership: string(record, 'membership', where),
    tags: Array.isArray(record.tags) ? stringArray(record, 'tags', where) : [],
    ageBand: nullableString(record, 'age_band', where),
    facilitator: decodeNullablePersonRef(record, 'facilitator', where),
    coFacilitator: decodeNullablePersonRef(record, 'co_facilitator', where),
    status: optionalString(record, 'status', where) || 'active',
    myPlace: nullableString(record, 'my_place', where),
    waitingPosition: nullableInteger(record, 'waiting_position', where),
  };
}

export const decodeGroups = (json: unknown): Group[] => array(object(json, 'body'), 'groups', 'body', decodeGroup);

export interface GroupMember {
  person: PersonRef;
  /** `member`, `waiting` or `requested`. */
  state: string;
  requestedAt: string | null;
  joinedAt: string | null;
  position: number | null;
}

export function decodeGroupMember(value: unknown, where = 'body'): GroupMember {
  const record = object(value, where);
  return {
    person: decodePersonRef(record.person, `${where}.person`),
    state: string(record, 'state', where),
    requestedAt: nullableString(record, 'requested_at', where),
    joinedAt: nullableString(record, 'joined_at', where),
    position: nullableInteger(record, 'position', where),
  };
}

/** The kinds of docs/api.md, in the order a form offers them. */
export const groupKinds = [
  'therapy',
  'skills',
  'psychoeducation',
  'peer_support',
  'family',
  'social',
  'individual',
  'medication',
  'alumni',
] as const;

/** Kinds a participant finds in the catalogue (alumni groups only for alumni). */
export const catalogueKinds = ['peer_support', 'skills', 'psychoeducation', 'social', 'alumni'] as const;

export function seatsLeft(group: Pick<Group, 'capacity' | 'seatsTaken'>): number {
  return Math.max(0, group.capacity - group.seatsTaken);
}

/** What a participant can do about a group in the catalogue, from its state and their place. */
export type CatalogueAction =
  | { kind: 'member' }
  | { kind: 'facilitator' }
  | { kind: 'waiting'; position: number | null }
  | { kind: 'requested' }
  | { kind: 'join' }
  | { kind: 'waitlist' }
  | { kind: 'request' };

export function catalogueAction(group: Group): CatalogueAction {
  switch (group.myPlace) {
    case 'member':
      return { kind: 'member' };
    case 'facilitator':
      return { kind: 'facilitator' };
    case 'waiting':
      return { kind: 'waiting', position: group.waitingPosition };
    case 'requested':
      return { kind: 'requested' };
    default:
      break;
  }
  if (group.membership === 'closed') return { kind: 'request' };
  return seatsLeft(group) > 0 ? { kind: 'join' } : { kind: 'waitlist' };
}

/** "Your place" in words. */
export function placeText(group: Pick<Group, 'myPlace' | 'waitingPosition'>): string | null {
  switch (group.myPlace) {
    case 'member':
      return 'You are a member.';
    case 'facilitator':
      return 'You facilitate this group.';
    case 'waiting':
      return group.waitingPosition === null
        ? 'You are on the waiting list.'
        : `You are number ${group.waitingPosition} on the waiting list.`;
    case 'requested':
      return 'You have asked to join; the facilitators will answer.';
    default:
      return null;
  }
}

const groupPath = (id: string) => `/api/v1/groups/${encodeURIComponent(id)}`;

export function fetchGroup(client: HttpClient, id: string, signal?: AbortSignal): Promise<Group> {
  return client.getJson(groupPath(id), (json) => decodeGroup(json), signal);
}

export function updateGroup(client: HttpClient, id: string, body: Record<string, unknown>): Promise<Group> {
  return client.patchJson(groupPath(id), body, (json) => decodeGroup(json));
}

export function fetchMembers(client: HttpClient, id: string, signal?: AbortSignal): Promise<GroupMember[]> {
  return client.getJson(
    `${groupPath(id)}/members`,
    (json) => array(object(json, 'body'), 'members', 'body', decodeGroupMember),
    signal,
  );
}

/** Assigns a participant, or approves their request. */
export function putMember(client: HttpClient, id: string, userId: string): Promise<GroupMember> {
  return client.putJson(`${groupPath(id)}/members/${encodeURIComponent(userId)}`, {}, (json) =>
    decodeGroupMember(json),
  );
}

/** Leaves (oneself), removes, declines a request, or takes someone off the waiting list. */
export function removeMember(client: HttpClient, id: string, userId: string): Promise<undefined> {
  return client.deleteJson(`${groupPath(id)}/members/${encodeURIComponent(userId)}`, undefined, noContent);
}

export function joinGroup(client: HttpClient, id: string): Promise<GroupMember> {
  return client.postJson(`${groupPath(id)}/join`, {}, (json) => decodeGroupMember(json));
}

export function joinWaitingList(client: HttpClient, id: string): Promise<GroupMember> {
  return client.postJson(`${groupPath(id)}/waitlist`, {}, (json) => decodeGroupMember(json));
}

export function askToJoin(client: HttpClient, id: string): Promise<GroupMember> {
  return client.postJson(`${groupPath(id)}/requests`, {}, (json) => decodeGroupMember(json));
}

export interface CatalogueFilter {
  kind?: string;
  tag?: string;
}

export function cataloguePath(filter: CatalogueFilter): string {
  const query = new URLSearchParams();
  if (filter.kind) query.set('kind', filter.kind);
  if (filter.tag) query.set('tag', filter.tag);
  const text = query.toString();
  return text ? `/api/v1/catalogue?${text}` : '/api/v1/catalogue';
}

export function fetchCatalogue(client: HttpClient, filter: CatalogueFilter, signal?: AbortSignal): Promise<Group[]> {
  return client.getJson(cataloguePath(filter), decodeGroups, signal);
}

export function fetchGroupOccurrences(
  client: HttpClient,
  id: string,
  from: number,
  to: number,
  signal?: AbortSignal,
): Promise<Occurrence[]> {
  return client.getJson(`${groupPath(id)}/occurrences?${rangeQuery(from, to)}`, decodeOccurrences, signal);
}

export function fetchProgramGroups(client: HttpClient, programId: string, signal?: AbortSignal): Promise<Group[]> {
  return client.getJson(`/api/v1/programs/${encodeURIComponent(programId)}/groups`, decodeGroups, signal);
}

export function createGroup(client: HttpClient, programId: string, body: Record<string, unknown>): Promise<Group> {
  return client.postJson(`/api/v1/programs/${encodeURIComponent(programId)}/groups`, body, (json) =>
    decodeGroup(json),
  );
}

/** The group form as typed. */
export interface GroupForm {
  name: string;
  description: string;
  kind: string;
  capacity: string;
  membership: 'open' | 'closed';
  /** Comma-separated. */
  tags: string;
  ageBand: string;
  facilitatorId: string;
  coFacilitatorId: string;
}

export type GroupFormErrors = Partial<Record<keyof GroupForm, string>>;

export const groupFieldOf: Readonly<Record<string, keyof GroupForm>> = {
  name: 'name',
  description: 'description',
  kind: 'kind',
  capacity: 'capacity',
  membership: 'membership',
  tags: 'tags',
  age_band: 'ageBand',
  facilitator_id: 'facilitatorId',
  co_facilitator_id: 'coFacilitatorId',
};

/** "Grief, LGBTQ+ , grief" → ["Grief", "LGBTQ+"]: trimmed, empty ones and repeats dropped. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of text.split(',')) {
    const tag = raw.trim();
    if (tag === '' || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  return tags;
}

/**
 * The group form as a POST (create) or PATCH (edit) body. On create, empty optional fields are
 * left out so the server's defaults apply; on edit, an emptied choice is sent as null to clear it.
 */
export function groupBody(form: GroupForm, forCreate: boolean): { body: Record<string, unknown>; errors: GroupFormErrors } {
  const errors: GroupFormErrors = {};
  const body: Record<string, unknown> = {};
  const name = form.name.trim();
  if (name === '') errors.name = 'Enter the group’s name.';
  body.name = name;
  body.description = form.description.trim();
  if (forCreate) {
    if (form.kind === '') errors.kind = 'Choose what kind of group it is.';
    body.kind = form.kind;
  }
  if (form.capacity.trim() !== '') {
    const capacity = /^\d+$/.test(form.capacity.trim()) ? Number(form.capacity.trim()) : NaN;
    if (!(capacity >= 1)) errors.capacity = 'Enter the number of seats, a whole number from 1.';
    body.capacity = capacity;
  }
  body.membership = form.membership;
  body.tags = parseTags(form.tags);
  const optional = (key: string, value: string) => {
    if (value !== '') body[key] = value;
    else if (!forCreate) body[key] = null;
  };
  optional('age_band', form.ageBand);
  optional('facilitator_id', form.facilitatorId);
  optional('co_facilitator_id', form.coFacilitatorId);
  if (form.facilitatorId !== '' && form.facilitatorId === form.coFacilitatorId) {
    errors.coFacilitatorId = 'Choose someone other than the facilitator, or no one.';
  }
  return { body, errors };
}

export function formOfGroup(group: Group): GroupForm {
  return {
    name: group.name,
    description: group.description,
    kind: group.kind,
    capacity: String(group.capacity),
    membership: group.membership === 'closed' ? 'closed' : 'open',
    tags: group.tags.join(', '),
    ageBand: group.ageBand ?? '',
    facilitatorId: group.facilitator?.id ?? '',
    coFacilitatorId: group.coFacilitator?.id ?? '',
  };
}

/** The "Schedule sessions" form as typed. */
export interface SeriesForm {
  title: string;
  /** `YYYY-MM-DD`, local to `timeZone`. */
  date: string;
  /** `HH:MM`. */
  time: string;
  durationMinutes: string;
  timeZone: string;
  repeat: 'none' | 'weekly';
  weekdays: WeekdayCode[];
  intervalWeeks: string;
  end: 'until' | 'count';
  until: string;
  count: string;
}

export type SeriesFormErrors = Partial<Record<keyof SeriesForm, string>>;

export const seriesFieldOf: Readonly<Record<string, keyof SeriesForm>> = {
  title: 'title',
  start: 'date',
  time_zone: 'timeZone',
  duration_minutes: 'durationMinutes',
  repeat: 'weekdays',
  'repeat.weekdays': 'weekdays',
  weekdays: 'weekdays',
  'repeat.interval_weeks': 'intervalWeeks',
  interval_weeks: 'intervalWeeks',
  'repeat.until': 'until',
  until: 'until',
  'repeat.count': 'count',
  count: 'count',
};

function wholeIn(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : null;
}

/**
 * The form as a `POST /groups/{id}/series` body. The API takes the first start as a local time
 * beside its zone (`"2026-11-30T10:00"`, `"America/Chicago"`), not as an instant, so the server
 * keeps it at 10:00 local across daylight-saving changes; nothing is converted here.
 */
export function seriesBody(form: SeriesForm, preview: boolean): { body: Record<string, unknown>; errors: SeriesFormErrors } {
  const errors: SeriesFormErrors = {};
  const title = form.title.trim();
  if (title === '') errors.title = 'Enter a title, like “Evening group”.';
  if (!isDate(form.date)) errors.date = 'Enter the date of the first session.';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(form.time)) errors.time = 'Enter the start time, like 18:00.';
  const duration = wholeIn(form.durationMinutes, 5, 720);
  if (duration === null) errors.durationMinutes = 'Enter the length in minutes, from 5 to 720.';
  if (form.timeZone === '') errors.timeZone = 'Choose a time zone.';

  let repeat: Record<string, unknown> | null = null;
  if (form.repeat === 'weekly') {
    if (form.weekdays.length === 0) errors.weekdays = 'Choose at least one day of the week.';
    const interval = wholeIn(form.intervalWeeks || '1', 1, 52);
    if (interval === null) errors.intervalWeeks = 'Enter how many weeks apart, from 1 to 52.';
    const weekdays = weekdayCodes.filter((code) => form.weekdays.includes(code));
    repeat = { weekdays, interval_weeks: interval ?? 1 };
    if (form.end === 'until') {
      if (!isDate(form.until)) errors.until = 'Enter the date of the last session.';
      else if (isDate(form.date) && form.until < form.date) errors.until = 'The last date is before the first session.';
      repeat.until = form.until;
    } else {
      const count = wholeIn(form.count, 1, 400);
      if (count === null) errors.count = 'Enter how many sessions, from 1 to 400.';
      repeat.count = count ?? 0;
    }
  }
  const body: Record<string, unknown> = {
    title,
    start: `${form.date}T${form.time}`,
    time_zone: form.timeZone,
    duration_minutes: duration ?? 0,
    repeat,
  };
  if (preview) body.preview = true;
  return { body, errors };
}

export interface SeriesResult {
  series: { id: string; rrule: string } | null;
  occurrences: Occurrence[];
  clashes: Clash[];
}

export function decodeSeriesResult(json: unknown): SeriesResult {
  const record = object(json, 'body');
  let series: SeriesResult['series'] = null;
  if (record.series !== null && record.series !== undefined) {
    const value = object(record.series, 'body.series');
    series = { id: string(value, 'id', 'body.series'), rrule: optionalString(value, 'rrule', 'body.series') };
  }
  return {
    series,
    occurrences: array(record, 'occurrences', 'body', decodeOccurrence),
    clashes: Array.isArray(record.clashes) ? array(record, 'clashes', 'body', decodeClash) : [],
  };
}

export function createSeries(client: HttpClient, groupId: string, body: Record<string, unknown>): Promise<SeriesResult> {
  return client.postJson(`${groupPath(groupId)}/series`, body, decodeSeriesResult);
}

/** The individual appointment form (`POST /api/v1/appointments`) as typed. */
export interface AppointmentForm {
  participantId: string;
  kind: 'individual' | 'medication';
  date: string;
  time: string;
  durationMinutes: string;
  title: string;
  timeZone: string;
}

export type AppointmentFormErrors = Partial<Record<keyof AppointmentForm, string>>;

export const appointmentFieldOf: Readonly<Record<string, keyof AppointmentForm>> = {
  participant_id: 'participantId',
  kind: 'kind',
  start: 'date',
  duration_minutes: 'durationMinutes',
  title: 'title',
  time_zone: 'timeZone',
};

export function appointmentBody(form: AppointmentForm): { body: Record<string, unknown>; errors: AppointmentFormErrors } {
  const errors: AppointmentFormErrors = {};
  if (form.participantId === '') errors.participantId = 'Choose the participant.';
  if (!isDate(form.date)) errors.date = 'Enter the date.';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(form.time)) errors.time = 'Enter the start time, like 14:30.';
  const duration = wholeIn(form.durationMinutes, 5, 720);
  if (duration === null) errors.durationMinutes = 'Enter the length in minutes, from 5 to 720.';
  const body: Record<string, unknown> = {
    participant_id: form.participantId,
    kind: form.kind,
    start: `${form.date}T${form.time}`,
    duration_minutes: duration ?? 0,
  };
  if (form.title.trim() !== '') body.title = form.title.trim();
  if (form.timeZone !== '') body.time_zone = form.timeZone;
  return { body, errors };
}

export interface AppointmentResult {
  group: Group;
  occurrence: Occurrence;
  clashes: Clash[];
}

export function createAppointment(client: HttpClient, body: Record<string, unknown>): Promise<AppointmentResult> {
  return client.postJson('/api/v1/appointments', body, (json) => {
    const record = object(json, 'body');
    return {
      group: decodeGroup(record.group, 'body.group'),
      occurrence: decodeOccurrence(record.occurrence, 'body.occurrence'),
      clashes: Array.isArray(record.clashes) ? array(record, 'clashes', 'body', decodeClash) : [],
    };
  });
}
