/** TOTP (RFC 6238) enrolment and recovery codes: `/api/v1/account/totp*` (docs/api.md). */
import { noContent, type HttpClient } from '../../base/http/client';
import { object, string, stringArray } from '../../base/http/decode';

export interface TotpSetup {
  secret: string;
  otpauthUri: string;
}

export function setupTotp(client: HttpClient): Promise<TotpSetup> {
  return client.postJson('/api/v1/account/totp/setup', {}, (json) => {
    const record = object(json, 'body');
    return { secret: string(record, 'secret', 'body'), otpauthUri: string(record, 'otpauth_uri', 'body') };
  });
}

const decodeCodes = (json: unknown) => stringArray(object(json, 'body'), 'recovery_codes', 'body');

export function confirmTotp(client: HttpClient, code: string): Promise<string[]> {
  return client.postJson('/api/v1/account/totp/confirm', { code }, decodeCodes);
}

export function disableTotp(client: HttpClient, password: string): Promise<undefined> {
  return client.deleteJson('/api/v1/account/totp', { password }, noContent);
}

export function regenerateRecoveryCodes(client: HttpClient, password: string): Promise<string[]> {
  return client.postJson('/api/v1/account/recovery-codes', { password }, decodeCodes);
}

/** The key in groups of four, as authenticator apps show it for typing in by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}
