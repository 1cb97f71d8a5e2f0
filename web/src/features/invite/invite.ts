/** Accepting an invitation: `/api/v1/invites/lookup` and `/accept` (docs/api.md). */
import type { HttpClient } from '../../base/http/client';
import { object, string, stringArray } from '../../base/http/decode';
import { decodeSessionInfo, type SessionInfo } from '../session/session';

export interface InviteDetails {
  email: string;
  roles: string[];
  expiresAt: string;
}

export function lookupInvite(client: HttpClient, token: string, signal?: AbortSignal): Promise<InviteDetails> {
  return client.postJson(
    '/api/v1/invites/lookup',
    { token },
    (json) => {
      const record = object(json, 'body');
      return {
        email: string(record, 'email', 'body'),
        roles: stringArray(record, 'roles', 'body'),
        expiresAt: string(record, 'expires_at', 'body'),
      };
    },
    signal,
  );
}

export interface Acceptance {
  token: string;
  password: string;
  displayName: string;
  pronouns: string;
  timeZone: string;
}

export function acceptInvite(client: HttpClient, acceptance: Acceptance): Promise<SessionInfo> {
  const body: Record<string, string> = {
    token: acceptance.token,
    password: acceptance.password,
    display_name: acceptance.displayName,
    time_zone: acceptance.timeZone,
  };
  if (acceptance.pronouns.trim() !== '') body.pronouns = acceptance.pronouns.trim();
  return client.postJson('/api/v1/invites/accept', body, decodeSessionInfo);
}

/** The token from a link `<site>/invite#<token>`: the fragment never reaches a server log. */
export function tokenFromHash(hash: string): string {
  return decodeURIComponent(hash.replace(/^#/, '')).trim();
}
