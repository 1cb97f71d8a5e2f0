/** Reading the server's JSON frames defensively: a missing or mistyped field reads as empty. */

export const text = (value: unknown): string => (typeof value === 'string' ? value : '');
export const flag = (value: unknown): boolean => value === true;
export const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
export const idOrNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
export const records = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value)
    ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    : [];
