/** The participant's own programs and groups (docs/api.md, `GET /api/v1/me/programs`). */
import type { HttpClient } from '../../base/http/client';
import { array, object } from '../../base/http/decode';
import { decodeGroup, type Group } from '../groups/groups';
import { decodePersonRef, type PersonRef } from '../people/people';
import { decodeEnrollment, type Enrollment } from './program';

export type MyEnrollment = Enrollment & { staff: PersonRef[] };

export interface MyPrograms {
  enrollments: MyEnrollment[];
  groups: Group[];
}

export function decodeMyPrograms(json: unknown): MyPrograms {
  const record = object(json, 'body');
  return {
    enrollments: array(record, 'enrollments', 'body', (value, where) => ({
      ...decodeEnrollment(value, where),
      staff: Array.isArray(object(value, where).staff) ? array(object(value, where), 'staff', where, decodePersonRef) : [],
    })),
    groups: array(record, 'groups', 'body', decodeGroup),
  };
}

export function fetchMyPrograms(client: HttpClient, signal?: AbortSignal): Promise<MyPrograms> {
  return client.getJson('/api/v1/me/programs', decodeMyPrograms, signal);
}
