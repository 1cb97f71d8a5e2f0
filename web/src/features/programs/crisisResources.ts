/**
 * A program's crisis resources (docs/api.md, "Safety net"): the help shown at once to a
 * participant whose chat message holds crisis language. The program's own list, or the server's
 * default (988, Crisis Text Line, emergency services) when it has none.
 */
import type { HttpClient } from '../../base/http/client';
import { array, boolean, object, string } from '../../base/http/decode';

export interface CrisisResource {
  name: string;
  contact: string;
  url: string;
}

export interface ProgramCrisisResources {
  resources: CrisisResource[];
  /** False: the server's default list, shown because the program has none of its own. */
  own: boolean;
}

/** The server's limits (docs/api.md): it counts bytes of UTF-8, so this does too. */
export const crisisResourceLimits = { rows: 10, name: 120, contact: 200, url: 500 } as const;

export type ResourceField = keyof CrisisResource;
/** Problems by row, then field: `errors[2]?.url`. */
export type ResourceErrors = Partial<Record<number, Partial<Record<ResourceField, string>>>>;

export const resourceFieldLabels: Readonly<Record<ResourceField, string>> = {
  name: 'Name',
  contact: 'How to reach them',
  url: 'Web address',
};

function decodeResource(value: unknown, where: string): CrisisResource {
  const record = object(value, where);
  return { name: string(record, 'name', where), contact: string(record, 'contact', where), url: string(record, 'url', where) };
}

export function decodeProgramCrisisResources(json: unknown): ProgramCrisisResources {
  const record = object(json, 'body');
  return { resources: array(record, 'resources', 'body', decodeResource), own: boolean(record, 'own', 'body') };
}

const path = (programId: string) => `/api/v1/programs/${encodeURIComponent(programId)}/crisis-resources`;

export function fetchCrisisResources(client: HttpClient, programId: string, signal?: AbortSignal) {
  return client.getJson(path(programId), decodeProgramCrisisResources, signal);
}

/** Replaces the whole list; an empty list returns the program to the default. */
export function saveCrisisResources(client: HttpClient, programId: string, resources: CrisisResource[]) {
  return client.putJson(path(programId), { resources }, decodeProgramCrisisResources);
}

const byteLength = (text: string) => new TextEncoder().encode(text).length;
// The server refuses control characters (C0 and DEL) in any field.
// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u001f\u007f]/;

function fieldProblem(field: ResourceField, value: string): string | null {
  const label = resourceFieldLabels[field];
  if (field !== 'url' && value.trim() === '') return `${label} is required.`;
  if (byteLength(value) > crisisResourceLimits[field]) {
    return `${label} can be at most ${crisisResourceLimits[field]} characters (fewer with accents or symbols).`;
  }
  if (controlCharacter.test(value)) return `${label} cannot hold tabs or line breaks.`;
  if (field === 'url' && value !== '' && !/^https?:\/\/[^\s<>"']+$/.test(value)) {
    return 'Web address must start with https:// or http://, or be left empty.';
  }
  return null;
}

/** The problems the server would find, found before sending (the same rules, in people's words). */
export function resourceProblems(resources: readonly CrisisResource[]): ResourceErrors {
  const errors: ResourceErrors = {};
  resources.forEach((resource, row) => {
    for (const field of ['name', 'contact', 'url'] as const) {
      const problem = fieldProblem(field, resource[field]);
      if (problem) errors[row] = { ...errors[row], [field]: problem };
    }
  });
  return errors;
}

/**
 * A 422's row and field. The server names the list (`field: "resources"`) and puts the row in
 * its message ("resources[2].url must be …"); a field naming the row itself is read too.
 */
export function resourceErrorOf(field: string | undefined, message: string): { row: number; field: ResourceField; text: string } | null {
  const pattern = /^resources\[(\d+)\]\.(name|contact|url)\b\s*(.*)$/;
  const match = pattern.exec(field ?? '') ?? pattern.exec(message);
  if (!match) return null;
  const [, row = '0', name = 'name'] = match;
  const resourceField = name as ResourceField;
  const detail = pattern.exec(message)?.[3] ?? message;
  return { row: Number(row), field: resourceField, text: `${resourceFieldLabels[resourceField]} ${detail}.` };
}
