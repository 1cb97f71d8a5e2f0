/** The program overview from `GET /api/v1/programs`. */
import type { HttpClient } from '../../base/http/client';
import { array, integer, object, string } from '../../base/http/decode';

export interface Group {
  id: string;
  slug: string;
  name: string;
  description: string;
  /** e.g. `therapy`; see {@link groupKindLabel}. */
  kind: string;
  capacity: number;
}

export interface Program {
  id: string;
  slug: string;
  name: string;
  description: string;
  /** IANA time zone the program's schedule is kept in, e.g. `America/Chicago`. */
  timeZone: string;
  groups: Group[];
}

export function decodePrograms(json: unknown): Program[] {
  return array(object(json, 'body'), 'programs', 'body', decodeProgram);
}

function decodeProgram(value: unknown, where: string): Program {
  const record = object(value, where);
  return {
    id: string(record, 'id', where),
    slug: string(record, 'slug', where),
    name: string(record, 'name', where),
    description: string(record, 'description', where),
    timeZone: string(record, 'time_zone', where),
    groups: array(record, 'groups', where, decodeGroup),
  };
}

function decodeGroup(value: unknown, where: string): Group {
  const record = object(value, where);
  return {
    id: string(record, 'id', where),
    slug: string(record, 'slug', where),
    name: string(record, 'name', where),
    description: string(record, 'description', where),
    kind: string(record, 'kind', where),
    capacity: integer(record, 'capacity', where),
  };
}

export function fetchPrograms(client: HttpClient, signal: AbortSignal): Promise<Program[]> {
  return client.getJson('/api/v1/programs', decodePrograms, signal);
}

// The kinds of docs/api.md ("Programs, groups and the schedule", Group).
const kindLabels: Readonly<Record<string, string>> = {
  therapy: 'Therapy group',
  skills: 'Skills group',
  psychoeducation: 'Psychoeducation workshop',
  peer_support: 'Peer support group',
  family: 'Family group',
  social: 'Social group',
  individual: 'Individual session',
  medication: 'Medication consult',
  alumni: 'Alumni group',
};

/** The group kind in words; a kind this app does not know yet is spelled out from its code. */
export function groupKindLabel(kind: string): string {
  const known = kindLabels[kind];
  if (known !== undefined) return known;
  const words = kind.replace(/[_-]+/g, ' ').trim();
  if (words === '') return 'Group';
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function capacityLabel(capacity: number): string {
  return capacity === 1 ? 'For 1 participant' : `Up to ${capacity} participants`;
}
