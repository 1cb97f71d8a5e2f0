/** Setting a new password from a reset link: `/api/v1/password-resets/*` (docs/api.md). */
import { noContent, type HttpClient } from '../../base/http/client';
import { object, string } from '../../base/http/decode';

export interface ResetDetails {
  email: string;
  expiresAt: string;
}

export function lookupReset(client: HttpClient, token: string, signal?: AbortSignal): Promise<ResetDetails> {
  return client.postJson(
    '/api/v1/password-resets/lookup',
    { token },
    (json) => {
      const record = object(json, 'body');
      return { email: string(record, 'email', 'body'), expiresAt: string(record, 'expires_at', 'body') };
    },
    signal,
  );
}

export function acceptReset(client: HttpClient, token: string, password: string): Promise<undefined> {
  return client.postJson('/api/v1/password-resets/accept', { token, password }, noContent);
}
