/**
 * Invited guests of one session (docs/api.md, `/api/v1/occurrences/{id}/guests`): someone from
 * outside the group, a family member at a family session say, asked to that one session by its
 * facilitators or the program's care team. Guests always wait to be let in and count towards no
 * attendance; the server decides all of that, this is the list and the invitations.
 */
import { noContent, type ApiError, type HttpClient } from '../../base/http/client';
import { array, object, string } from '../../base/http/decode';
import { decodePersonRef, type PersonRef } from '../people/people';

/** The server takes at most this many guests per session (a `409` past it). */
export const maxGuests = 10;

export interface Guest {
  person: PersonRef;
  email: string;
  invitedBy: PersonRef;
  invitedAt: string;
}

export function decodeGuest(value: unknown, where = 'body'): Guest {
  const record = object(value, where);
  return {
    person: decodePersonRef(record.person, `${where}.person`),
    email: string(record, 'email', where),
    invitedBy: decodePersonRef(record.invited_by, `${where}.invited_by`),
    invitedAt: string(record, 'invited_at', where),
  };
}

const guestsPath = (occurrenceId: string) => `/api/v1/occurrences/${encodeURIComponent(occurrenceId)}/guests`;

/** First invited first, as the server lists them. */
export function fetchGuests(client: HttpClient, occurrenceId: string, signal?: AbortSignal): Promise<Guest[]> {
  return client.getJson(guestsPath(occurrenceId), (json) => array(object(json, 'body'), 'guests', 'body', decodeGuest), signal);
}

export function inviteGuest(client: HttpClient, occurrenceId: string, email: string): Promise<Guest> {
  return client.postJson(guestsPath(occurrenceId), { email }, (json) =>
    decodeGuest(object(json, 'body').guest, 'body.guest'),
  );
}

export function withdrawGuest(client: HttpClient, occurrenceId: string, userId: string): Promise<undefined> {
  return client.deleteJson(`${guestsPath(occurrenceId)}/${encodeURIComponent(userId)}`, undefined, noContent);
}

/** How the invite form says a refusal: beside the email field, or as the form's alert. */
export interface InviteRefusal {
  onEmail: boolean;
  text: string;
}

/**
 * A refused invitation in plain words. The server names the `email` field for what is about the
 * person (no such account, on the roster, invited already) and none for what is about the session
 * (cancelled, over, full); its two email conflicts share a code, so `invitedAlready` (the address
 * is in the list on screen) tells them apart.
 */
export function inviteRefusal(error: ApiError, invitedAlready: boolean): InviteRefusal {
  const onEmail = error.field === 'email';
  switch (error.code) {
    case 'invalid_argument':
      return { onEmail: true, text: 'Enter the whole email address, like name@example.org.' };
    case 'not_found':
      if (!onEmail) return { onEmail: false, text: 'This session is no longer open to you. Reload the page.' };
      return {
        onEmail: true,
        text:
          'No active Hearth account uses this email. Check it for typing mistakes; if the person has no ' +
          'account yet, an administrator can invite them to Hearth first.',
      };
    case 'conflict':
      if (!onEmail) return { onEmail: false, text: sentence(error.message) };
      return {
        onEmail: true,
        text: invitedAlready
          ? 'This person is invited to this session already.'
          : 'This person belongs to the session already (a member or facilitator of its group), so they need no invitation.',
      };
    case 'permission_denied':
      return { onEmail: false, text: 'Only the group’s facilitators and the program’s care team can invite guests.' };
    default:
      return { onEmail, text: error.message };
  }
}

/** The server's short message ("this session is over") as a sentence. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1) + (text.endsWith('.') ? '' : '.');
}

/** Email addresses compare without case or surrounding spaces (the server normalises them so). */
export function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
