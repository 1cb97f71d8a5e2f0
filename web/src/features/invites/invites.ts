/** Invitations the care team sends: `/api/v1/invites` (docs/api.md, Invite). */
import { noContent, type HttpClient } from '../../base/http/client';
import { array, nullableString, object, string, stringArray } from '../../base/http/decode';

export interface Invite {
  id: string;
  email: string;
  roles: string[];
  programId: string | null;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  status: string;
}

export function decodeInvite(value: unknown, where = 'body'): Invite {
  const record = object(value, where);
  return {
    id: string(record, 'id', where),
    email: string(record, 'email', where),
    roles: stringArray(record, 'roles', where),
    programId: nullableString(record, 'program_id', where),
    invitedBy: string(record, 'invited_by', where),
    createdAt: string(record, 'created_at', where),
    expiresAt: string(record, 'expires_at', where),
    status: string(record, 'status', where),
  };
}

export interface NewInvite {
  email: string;
  roles: string[];
  programId: string | null;
}

export function createInvite(client: HttpClient, invite: NewInvite): Promise<{ invite: Invite; link: string }> {
  const body: Record<string, unknown> = { email: invite.email, roles: invite.roles };
  if (invite.programId) body.program_id = invite.programId;
  return client.postJson('/api/v1/invites', body, (json) => {
    const record = object(json, 'body');
    return { invite: decodeInvite(record.invite, 'body.invite'), link: string(record, 'link', 'body') };
  });
}

export function fetchInvites(client: HttpClient, signal?: AbortSignal): Promise<Invite[]> {
  return client.getJson(
    '/api/v1/invites',
    (json) => array(object(json, 'body'), 'invites', 'body', decodeInvite),
    signal,
  );
}

export function revokeInvite(client: HttpClient, id: string): Promise<undefined> {
  return client.deleteJson(`/api/v1/invites/${encodeURIComponent(id)}`, undefined, noContent);
}
