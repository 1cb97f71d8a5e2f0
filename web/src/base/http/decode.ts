/**
 * Small checks for decoders of API answers. Each throws DecodeError with the path of the
 * offending field, which the http client turns into a `bad_response` ApiError.
 */
import { DecodeError, isRecord } from './client';

export function object(value: unknown, where: string): Record<string, unknown> {
  if (!isRecord(value)) throw new DecodeError(`${where}: expected an object`);
  return value;
}

export function string(record: Record<string, unknown>, key: string, where: string): string {
  const value = record[key];
  if (typeof value !== 'string') throw new DecodeError(`${where}.${key}: expected a string`);
  return value;
}

export function integer(record: Record<string, unknown>, key: string, where: string): number {
  const value = record[key];
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new DecodeError(`${where}.${key}: expected an integer`);
  }
  return value;
}

export function array<T>(
  record: Record<string, unknown>,
  key: string,
  where: string,
  item: (value: unknown, where: string) => T,
): T[] {
  const value = record[key];
  if (!Array.isArray(value)) throw new DecodeError(`${where}.${key}: expected an array`);
  return value.map((element, index) => item(element, `${where}.${key}[${index}]`));
}

export function boolean(record: Record<string, unknown>, key: string, where: string): boolean {
  const value = record[key];
  if (typeof value !== 'boolean') throw new DecodeError(`${where}.${key}: expected a boolean`);
  return value;
}

/** A string or null; a missing field reads as null. */
export function nullableString(record: Record<string, unknown>, key: string, where: string): string | null {
  const value = record[key];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new DecodeError(`${where}.${key}: expected a string or null`);
  return value;
}

/** A string that may be missing or null (optional fields such as pronouns); reads as ''. */
export function optionalString(record: Record<string, unknown>, key: string, where: string): string {
  return nullableString(record, key, where) ?? '';
}

/** An integer or null; a missing field reads as null. */
export function nullableInteger(record: Record<string, unknown>, key: string, where: string): number | null {
  const value = record[key];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new DecodeError(`${where}.${key}: expected an integer or null`);
  }
  return value;
}

export function stringArray(record: Record<string, unknown>, key: string, where: string): string[] {
  return array(record, key, where, (value, at) => {
    if (typeof value !== 'string') throw new DecodeError(`${at}: expected a string`);
    return value;
  });
}
