/** People and participants as the care team and admins see them (docs/api.md, Person). */
import type { HttpClient } from '../../base/http/client';
import { array, boolean, object, optionalString, string, stringArray } from '../../base/http/decode';

export interface PersonProgram {
  id: string;
  name: string;
  membership: string;
}

export interface Person {
  id: string;
  email: string;
  displayName: string;
  pronouns: string;
  timeZone: string;
  roles: string[];
  status: string;
  totpEnabled: boolean;
  createdAt: string;
  programs: PersonProgram[];
}

export function decodePerson(value: unknown, where = 'body'): Person {
  const record = object(value, where);
  return {
    id: string(record, 'id', where),
    email: string(record, 'email', where),
    displayName: string(record, 'display_name', where),
    pronouns: optionalString(record, 'pronouns', where),
    timeZone: optionalString(record, 'time_zone', where),
    roles: stringArray(record, 'roles', where),
    status: string(record, 'status', where),
    totpEnabled: boolean(record, 'totp_enabled', where),
    createdAt: string(record, 'created_at', where),
    programs: array(record, 'programs', where, (item, at) => {
      const program = object(item, at);
      return {
        id: string(program, 'id', at),
        name: string(program, 'name', at),
        membership: string(program, 'membership', at),
      };
    }),
  };
}

const decodePeople = (json: unknown) => array(object(json, 'body'), 'people', 'body', decodePerson);

export interface PeopleFilter {
  q?: string;
  role?: string;
  status?: string;
}

export function peoplePath(filter: PeopleFilter): string {
  const query = new URLSearchParams();
  if (filter.q) query.set('q', filter.q);
  if (filter.role) query.set('role', filter.role);
  if (filter.status) query.set('status', filter.status);
  const text = query.toString();
  return text ? `/api/v1/people?${text}` : '/api/v1/people';
}

export function fetchPeople(client: HttpClient, filter: PeopleFilter, signal?: AbortSignal): Promise<Person[]> {
  return client.getJson(peoplePath(filter), decodePeople, signal);
}

export function fetchParticipants(client: HttpClient, signal?: AbortSignal): Promise<Person[]> {
  return client.getJson('/api/v1/participants', decodePeople, signal);
}

const personPath = (id: string) => `/api/v1/people/${encodeURIComponent(id)}`;

export function fetchPerson(client: HttpClient, id: string, signal?: AbortSignal): Promise<Person> {
  return client.getJson(personPath(id), (json) => decodePerson(json), signal);
}

export function deactivatePerson(client: HttpClient, id: string): Promise<Person> {
  return client.postJson(`${personPath(id)}/deactivate`, {}, (json) => decodePerson(json));
}

export function reactivatePerson(client: HttpClient, id: string): Promise<Person> {
  return client.postJson(`${personPath(id)}/reactivate`, {}, (json) => decodePerson(json));
}

export function setRoles(client: HttpClient, id: string, roles: string[]): Promise<Person> {
  return client.putJson(`${personPath(id)}/roles`, { roles }, (json) => decodePerson(json));
}

export interface ResetLink {
  link: string;
  expiresAt: string;
}

export function issuePasswordReset(client: HttpClient, id: string): Promise<ResetLink> {
  return client.postJson(`${personPath(id)}/password-reset`, {}, (json) => {
    const record = object(json, 'body');
    return { link: string(record, 'link', 'body'), expiresAt: string(record, 'expires_at', 'body') };
  });
}

export const statusLabels: Readonly<Record<string, string>> = { active: 'Active', deactivated: 'Deactivated' };

export function statusLabel(status: string): string {
  return statusLabels[status] ?? status;
}

/** A person as the program and schedule routes name them (docs/api.md, PersonRef). */
export interface PersonRef {
  id: string;
  displayName: string;
  pronouns: string;
}

export function decodePersonRef(value: unknown, where: string): PersonRef {
  const record = object(value, where);
  return {
    id: string(record, 'id', where),
    displayName: string(record, 'display_name', where),
    pronouns: optionalString(record, 'pronouns', where),
  };
}

/** A PersonRef or null; a missing field reads as null. */
export function decodeNullablePersonRef(record: Record<string, unknown>, key: string, where: string): PersonRef | null {
  const value = record[key];
  if (value === null || value === undefined) return null;
  return decodePersonRef(value, `${where}.${key}`);
}

/** "Avery M. (they/them)" where pronouns are given. */
export function nameWithPronouns(person: PersonRef): string {
  return person.pronouns ? `${person.displayName} (${person.pronouns})` : person.displayName;
}
