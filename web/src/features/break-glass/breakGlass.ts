/** Emergency ("break-glass") access grants: `/api/v1/break-glass` (docs/api.md, Grant). */
import { noContent, type HttpClient } from '../../base/http/client';
import { array, boolean, nullableString, object, string } from '../../base/http/decode';

export interface Grant {
  id: string;
  clinicianId: string;
  participantId: string;
  reason: string;
  grantedBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  active: boolean;
}

export const reasonLength = { min: 10, max: 500 } as const;
export const minutesRange = { min: 1, max: 1440 } as const;

function decodeGrant(value: unknown, where = 'body'): Grant {
  const record = object(value, where);
  return {
    id: string(record, 'id', where),
    clinicianId: string(record, 'clinician_id', where),
    participantId: string(record, 'participant_id', where),
    reason: string(record, 'reason', where),
    grantedBy: string(record, 'granted_by', where),
    createdAt: string(record, 'created_at', where),
    expiresAt: string(record, 'expires_at', where),
    revokedAt: nullableString(record, 'revoked_at', where),
    active: boolean(record, 'active', where),
  };
}

export interface NewGrant {
  clinicianId: string;
  participantId: string;
  reason: string;
  minutes: number;
}

export function createGrant(client: HttpClient, grant: NewGrant): Promise<Grant> {
  return client.postJson(
    '/api/v1/break-glass',
    {
      clinician_id: grant.clinicianId,
      participant_id: grant.participantId,
      reason: grant.reason,
      minutes: grant.minutes,
    },
    (json) => decodeGrant(json),
  );
}

export function fetchGrants(client: HttpClient, signal?: AbortSignal): Promise<Grant[]> {
  return client.getJson(
    '/api/v1/break-glass',
    (json) => array(object(json, 'body'), 'grants', 'body', decodeGrant),
    signal,
  );
}

export function revokeGrant(client: HttpClient, id: string): Promise<undefined> {
  return client.deleteJson(`/api/v1/break-glass/${encodeURIComponent(id)}`, undefined, noContent);
}
