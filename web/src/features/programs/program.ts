/**
 * One program as its staff and admins see it (docs/api.md, "Programs, groups and the schedule"):
 * Program, Enrollment, staff, the idle time-out and the under-target list.
 */
import { noContent, type HttpClient } from '../../base/http/client';
import { array, boolean, integer, nullableInteger, nullableString, object, string, stringArray } from '../../base/http/decode';
import { decodePersonRef, type PersonRef } from '../people/people';

export interface Targets {
  weeklyMinutes: number;
  dailyMinimumMinutes: number;
  daysPerWeek: number;
}

export function decodeTargets(value: unknown, where: string): Targets {
  const record = object(value, where);
  return {
    weeklyMinutes: integer(record, 'weekly_minutes', where),
    dailyMinimumMinutes: integer(record, 'daily_minimum_minutes', where),
    daysPerWeek: integer(record, 'days_per_week', where),
  };
}

export type StaffMember = PersonRef & { roles: string[] };

/**
 * Who participants may write to privately in chat (docs/api.md, Program): `all`, people who share
 * a group with them as well as the program's staff; `care_team`, only the staff.
 */
export type PrivateMessages = 'all' | 'care_team';

export interface ProgramDetail {
  id: string;
  slug: string;
  name: string;
  description: string;
  timeZone: string;
  audience: string;
  targets: Targets;
  lengthWeeks: number | null;
  groupCapacityCap: number | null;
  idleTimeoutMinutes: number | null;
  privateMessages: PrivateMessages;
  staff: StaffMember[];
}

export function decodeProgramDetail(json: unknown, where = 'body'): ProgramDetail {
  const record = object(json, where);
  return {
    id: string(record, 'id', where),
    slug: string(record, 'slug', where),
    name: string(record, 'name', where),
    description: nullableString(record, 'description', where) ?? '',
    timeZone: string(record, 'time_zone', where),
    audience: nullableString(record, 'audience', where) ?? 'adult',
    targets: decodeTargets(record.targets, `${where}.targets`),
    lengthWeeks: nullableInteger(record, 'length_weeks', where),
    groupCapacityCap: nullableInteger(record, 'group_capacity_cap', where),
    idleTimeoutMinutes: nullableInteger(record, 'idle_timeout_minutes', where),
    // A server from before the setting sends none: it behaved as `all`.
    privateMessages: nullableString(record, 'private_messages', where) === 'care_team' ? 'care_team' : 'all',
    staff: Array.isArray(record.staff)
      ? array(record, 'staff', where, (value, at) => ({
          ...decodePersonRef(value, at),
          roles: stringArray(object(value, at), 'roles', at),
        }))
      : [],
  };
}

const programPath = (id: string) => `/api/v1/programs/${encodeURIComponent(id)}`;

export function fetchProgram(client: HttpClient, id: string, signal?: AbortSignal): Promise<ProgramDetail> {
  return client.getJson(programPath(id), (json) => decodeProgramDetail(json), signal);
}

/** What the create and edit forms hold, as typed (numbers as text). */
export interface ProgramForm {
  name: string;
  slug: string;
  description: string;
  timeZone: string;
  audience: 'adult' | 'adolescent';
  weeklyHours: string;
  dailyMinimumHours: string;
  daysPerWeek: string;
  lengthWeeks: string;
  groupCapacityCap: string;
}

export type ProgramFormErrors = Partial<Record<keyof ProgramForm, string>>;

/** Targets by audience when the form leaves them empty (docs/api.md, POST /programs). */
export const defaultTargets: Readonly<Record<'adult' | 'adolescent', Targets>> = {
  adult: { weeklyMinutes: 540, dailyMinimumMinutes: 180, daysPerWeek: 3 },
  adolescent: { weeklyMinutes: 360, dailyMinimumMinutes: 180, daysPerWeek: 3 },
};

/** "Evening IOP (Chicago)" → "evening-iop-chicago". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

/** Hours as typed ("2.5", "2,5") in whole minutes, or null when it is not a number ≥ 0. */
export function hoursToMinutes(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  return Math.round(Number(trimmed) * 60);
}

function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/**
 * The form as a POST /programs body (or, with `forCreate` false, a PATCH body without the slug).
 * Empty target fields are left out so the server's audience defaults apply; all three or none
 * are sent, since the API takes `targets` as one object.
 */
export function programBody(
  form: ProgramForm,
  forCreate: boolean,
): { body: Record<string, unknown>; errors: ProgramFormErrors } {
  const errors: ProgramFormErrors = {};
  const body: Record<string, unknown> = {};
  const name = form.name.trim();
  if (name === '') errors.name = 'Enter the program’s name.';
  body.name = name;
  if (forCreate) {
    const slug = form.slug.trim() === '' ? slugify(name) : form.slug.trim();
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) {
      errors.slug = 'Use lower-case letters, digits and single hyphens, like evening-iop.';
    }
    body.slug = slug;
  }
  body.description = form.description.trim();
  if (form.timeZone === '') errors.timeZone = 'Choose the program’s time zone.';
  body.time_zone = form.timeZone;
  body.audience = form.audience;

  const typed = [form.weeklyHours, form.dailyMinimumHours, form.daysPerWeek].map((value) => value.trim());
  if (typed.some((value) => value !== '')) {
    const fallback = defaultTargets[form.audience];
    const weekly = typed[0] === '' ? fallback.weeklyMinutes : hoursToMinutes(form.weeklyHours);
    const daily = typed[1] === '' ? fallback.dailyMinimumMinutes : hoursToMinutes(form.dailyMinimumHours);
    const days = typed[2] === '' ? fallback.daysPerWeek : wholeNumber(form.daysPerWeek);
    if (weekly === null || weekly <= 0) errors.weeklyHours = 'Enter the weekly target in hours, like 9 or 7.5.';
    if (daily === null) errors.dailyMinimumHours = 'Enter the daily minimum in hours, like 3.';
    if (days === null || days < 1 || days > 7) errors.daysPerWeek = 'Enter a number of days from 1 to 7.';
    body.targets = { weekly_minutes: weekly, daily_minimum_minutes: daily, days_per_week: days };
  }
  if (form.lengthWeeks.trim() !== '') {
    const weeks = wholeNumber(form.lengthWeeks);
    if (weeks === null || weeks < 1) errors.lengthWeeks = 'Enter the length in whole weeks.';
    body.length_weeks = weeks;
  }
  if (form.groupCapacityCap.trim() !== '') {
    const cap = wholeNumber(form.groupCapacityCap);
    if (cap === null || cap < 1) errors.groupCapacityCap = 'Enter the largest group size, a whole number.';
    body.group_capacity_cap = cap;
  }
  return { body, errors };
}

/** The API's field names on the form's fields, for `error.field`. */
export const programFieldOf: Readonly<Record<string, keyof ProgramForm>> = {
  name: 'name',
  slug: 'slug',
  description: 'description',
  time_zone: 'timeZone',
  audience: 'audience',
  targets: 'weeklyHours',
  'targets.weekly_minutes': 'weeklyHours',
  weekly_minutes: 'weeklyHours',
  'targets.daily_minimum_minutes': 'dailyMinimumHours',
  daily_minimum_minutes: 'dailyMinimumHours',
  'targets.days_per_week': 'daysPerWeek',
  days_per_week: 'daysPerWeek',
  length_weeks: 'lengthWeeks',
  group_capacity_cap: 'groupCapacityCap',
};

export function formOfProgram(program: ProgramDetail): ProgramForm {
  const hours = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);
  return {
    name: program.name,
    slug: program.slug,
    description: program.description,
    timeZone: program.timeZone,
    audience: program.audience === 'adolescent' ? 'adolescent' : 'adult',
    weeklyHours: hours(program.targets.weeklyMinutes),
    dailyMinimumHours: hours(program.targets.dailyMinimumMinutes),
    daysPerWeek: String(program.targets.daysPerWeek),
    lengthWeeks: program.lengthWeeks === null ? '' : String(program.lengthWeeks),
    groupCapacityCap: program.groupCapacityCap === null ? '' : String(program.groupCapacityCap),
  };
}

export function createProgram(client: HttpClient, body: Record<string, unknown>): Promise<ProgramDetail> {
  return client.postJson('/api/v1/programs', body, (json) => decodeProgramDetail(json));
}

export function updateProgram(client: HttpClient, id: string, body: Record<string, unknown>): Promise<ProgramDetail> {
  return client.patchJson(programPath(id), body, (json) => decodeProgramDetail(json));
}

export function setPrivateMessages(client: HttpClient, id: string, value: PrivateMessages): Promise<ProgramDetail> {
  return updateProgram(client, id, { private_messages: value });
}

export function setSessionTimeout(client: HttpClient, id: string, minutes: number): Promise<undefined> {
  return client.putJson(`${programPath(id)}/session-timeout`, { idle_timeout_minutes: minutes }, noContent);
}

export function addStaff(client: HttpClient, id: string, userId: string): Promise<undefined> {
  return client.putJson(`${programPath(id)}/staff/${encodeURIComponent(userId)}`, {}, noContent);
}

export function removeStaff(client: HttpClient, id: string, userId: string): Promise<undefined> {
  return client.deleteJson(`${programPath(id)}/staff/${encodeURIComponent(userId)}`, undefined, noContent);
}

export interface Enrollment {
  program: { id: string; name: string; timeZone: string };
  participant: PersonRef;
  /** `active`, `on_hold` or `discharged`. */
  status: string;
  admittedOn: string;
  expectedDischargeOn: string | null;
  dischargedOn: string | null;
  ageBand: string | null;
}

export function decodeEnrollment(value: unknown, where = 'body'): Enrollment {
  const record = object(value, where);
  const program = object(record.program, `${where}.program`);
  return {
    program: {
      id: string(program, 'id', `${where}.program`),
      name: string(program, 'name', `${where}.program`),
      timeZone: nullableString(program, 'time_zone', `${where}.program`) ?? '',
    },
    participant: decodePersonRef(record.participant, `${where}.participant`),
    status: string(record, 'status', where),
    admittedOn: string(record, 'admitted_on', where),
    expectedDischargeOn: nullableString(record, 'expected_discharge_on', where),
    dischargedOn: nullableString(record, 'discharged_on', where),
    ageBand: nullableString(record, 'age_band', where),
  };
}

const enrollmentStatusLabels: Readonly<Record<string, string>> = {
  active: 'Active',
  on_hold: 'On hold',
  discharged: 'Discharged',
};

export function enrollmentStatusLabel(status: string): string {
  return enrollmentStatusLabels[status] ?? status;
}

export const ageBands = ['adolescent', 'young_adult', 'adult', 'older_adult'] as const;

const ageBandLabels: Readonly<Record<string, string>> = {
  adolescent: 'Adolescent',
  young_adult: 'Young adult',
  adult: 'Adult',
  older_adult: 'Older adult',
};

export function ageBandLabel(band: string | null): string {
  if (band === null || band === '') return 'Any age';
  return ageBandLabels[band] ?? band;
}

export function fetchEnrollments(client: HttpClient, id: string, signal?: AbortSignal): Promise<Enrollment[]> {
  return client.getJson(
    `${programPath(id)}/enrollments`,
    (json) => array(object(json, 'body'), 'enrollments', 'body', decodeEnrollment),
    signal,
  );
}

export interface NewEnrollment {
  participantId: string;
  admittedOn: string;
  expectedDischargeOn: string;
  ageBand: string;
}

export function enrollmentBody(form: NewEnrollment): Record<string, string> {
  const body: Record<string, string> = { participant_id: form.participantId, admitted_on: form.admittedOn };
  if (form.expectedDischargeOn) body.expected_discharge_on = form.expectedDischargeOn;
  if (form.ageBand) body.age_band = form.ageBand;
  return body;
}

export function enroll(client: HttpClient, id: string, form: NewEnrollment): Promise<Enrollment> {
  return client.postJson(`${programPath(id)}/enrollments`, enrollmentBody(form), (json) => decodeEnrollment(json));
}

export function updateEnrollment(
  client: HttpClient,
  id: string,
  userId: string,
  change: { status?: string; expectedDischargeOn?: string | null; ageBand?: string | null },
): Promise<Enrollment> {
  const body: Record<string, string | null> = {};
  if (change.status !== undefined) body.status = change.status;
  if (change.expectedDischargeOn !== undefined) body.expected_discharge_on = change.expectedDischargeOn;
  if (change.ageBand !== undefined) body.age_band = change.ageBand;
  return client.patchJson(`${programPath(id)}/enrollments/${encodeURIComponent(userId)}`, body, (json) =>
    decodeEnrollment(json),
  );
}

export interface UnderTargetRow {
  person: PersonRef;
  attendedMinutes: number;
  daysMeetingMinimum: number;
  minutesShort: number;
  daysShort: number;
  meetsWeeklyTarget: boolean;
  meetsDaysTarget: boolean;
}

export interface UnderTarget {
  weekStart: string;
  targets: Targets;
  activeParticipants: number;
  participants: UnderTargetRow[];
}

export function decodeUnderTarget(json: unknown): UnderTarget {
  const record = object(json, 'body');
  return {
    weekStart: string(record, 'week_start', 'body'),
    targets: decodeTargets(record.targets, 'body.targets'),
    activeParticipants: integer(record, 'active_participants', 'body'),
    participants: array(record, 'participants', 'body', (value, where) => {
      const row = object(value, where);
      return {
        person: decodePersonRef(row.person, `${where}.person`),
        attendedMinutes: integer(row, 'attended_minutes', where),
        daysMeetingMinimum: integer(row, 'days_meeting_minimum', where),
        minutesShort: integer(row, 'minutes_short', where),
        daysShort: integer(row, 'days_short', where),
        meetsWeeklyTarget: boolean(row, 'meets_weekly_target', where),
        meetsDaysTarget: boolean(row, 'meets_days_target', where),
      };
    }),
  };
}

export function fetchUnderTarget(
  client: HttpClient,
  id: string,
  week: string,
  signal?: AbortSignal,
): Promise<UnderTarget> {
  return client.getJson(`${programPath(id)}/under-target?week=${encodeURIComponent(week)}`, decodeUnderTarget, signal);
}
