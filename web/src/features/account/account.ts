/** The signed-in person's own account: `/api/v1/account*` (docs/api.md). */
import { noContent, type HttpClient } from '../../base/http/client';
import { array, boolean, object, string } from '../../base/http/decode';
import { decodeAccount, type Account } from '../session/session';

export interface AccountChange {
  displayName?: string;
  pronouns?: string;
  timeZone?: string;
  textSize?: number;
  highContrast?: boolean;
}

export interface DeviceSession {
  id: string;
  browser: string;
  device: string;
  signedInAt: string;
  lastSeenAt: string;
  current: boolean;
}

export function patchAccount(client: HttpClient, change: AccountChange): Promise<Account> {
  const body: Record<string, string | number | boolean> = {};
  if (change.displayName !== undefined) body.display_name = change.displayName;
  if (change.pronouns !== undefined) body.pronouns = change.pronouns;
  if (change.timeZone !== undefined) body.time_zone = change.timeZone;
  if (change.textSize !== undefined) body.text_size = change.textSize;
  if (change.highContrast !== undefined) body.high_contrast = change.highContrast;
  return client.patchJson('/api/v1/account', body, (json) => decodeAccount(json));
}

export function changePassword(client: HttpClient, currentPassword: string, newPassword: string): Promise<undefined> {
  return client.postJson(
    '/api/v1/account/password',
    { current_password: currentPassword, new_password: newPassword },
    noContent,
  );
}

function decodeDeviceSession(value: unknown, where: string): DeviceSession {
  const record = object(value, where);
  return {
    id: string(record, 'id', where),
    browser: string(record, 'browser', where),
    device: string(record, 'device', where),
    signedInAt: string(record, 'signed_in_at', where),
    lastSeenAt: string(record, 'last_seen_at', where),
    current: boolean(record, 'current', where),
  };
}

export function fetchSessions(client: HttpClient, signal?: AbortSignal): Promise<DeviceSession[]> {
  return client.getJson(
    '/api/v1/account/sessions',
    (json) => array(object(json, 'body'), 'sessions', 'body', decodeDeviceSession),
    signal,
  );
}

export function endSession(client: HttpClient, id: string): Promise<undefined> {
  return client.deleteJson(`/api/v1/account/sessions/${encodeURIComponent(id)}`, undefined, noContent);
}
