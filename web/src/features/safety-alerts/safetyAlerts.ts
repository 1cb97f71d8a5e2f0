/**
 * The care team's safety alerts (docs/api.md, "Safety net"; docs/protocol/realtime.md): the list
 * from `GET /api/v1/safety-alerts`, acknowledging one, and the two live events that change it.
 * Never the message's words: the server does not send them, and nothing here asks for them.
 */
import type { HttpClient } from '../../base/http/client';
import { array, boolean, nullableString, object, string } from '../../base/http/decode';

export interface Acknowledgement {
  byId: string;
  byName: string;
  at: string;
}

export interface CareTeamAlert {
  id: string;
  participantId: string;
  participantName: string;
  programId: string;
  /** Null for an alert heard live and not yet re-read from the list (the event carries no names). */
  programName: string | null;
  roomId: string;
  roomKind: string | null;
  roomName: string | null;
  messageId: string;
  category: string;
  createdAt: string;
  acknowledgement: Acknowledgement | null;
}

export type AlertFilter = 'open' | 'all';

function decodeAcknowledgement(record: Record<string, unknown>, where: string): Acknowledgement | null {
  if (!boolean(record, 'acknowledged', where)) return null;
  return {
    byId: string(record, 'acknowledged_by', where),
    byName: nullableString(record, 'acknowledged_by_name', where) ?? '',
    at: string(record, 'acknowledged_at', where),
  };
}

export function decodeCareTeamAlert(value: unknown, where: string): CareTeamAlert {
  const record = object(value, where);
  return {
    id: string(record, 'id', where),
    participantId: string(record, 'participant_id', where),
    participantName: string(record, 'participant_name', where),
    programId: string(record, 'program_id', where),
    programName: nullableString(record, 'program_name', where),
    roomId: string(record, 'room_id', where),
    roomKind: nullableString(record, 'room_kind', where),
    roomName: nullableString(record, 'room_name', where),
    messageId: string(record, 'message_id', where),
    category: string(record, 'category', where),
    createdAt: string(record, 'created_at', where),
    acknowledgement: decodeAcknowledgement(record, where),
  };
}

export function fetchSafetyAlerts(client: HttpClient, filter: AlertFilter, signal?: AbortSignal): Promise<CareTeamAlert[]> {
  return client.getJson(
    `/api/v1/safety-alerts?status=${filter}`,
    (json) => array(object(json, 'body'), 'alerts', 'body', decodeCareTeamAlert),
    signal,
  );
}

/** The first acknowledgement stands: a second answers with the first, unchanged. */
export function acknowledgeAlert(client: HttpClient, id: string): Promise<CareTeamAlert> {
  return client.postJson(`/api/v1/safety-alerts/${encodeURIComponent(id)}/acknowledge`, {}, (json) =>
    decodeCareTeamAlert(object(json, 'body').alert, 'body.alert'),
  );
}

/** A live change to the list, decoded from a server frame. */
export type AlertEvent =
  { kind: 'raised'; alert: CareTeamAlert } | { kind: 'acknowledged'; alertId: string; acknowledgement: Acknowledgement };

const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * The frame as a change to the list, or null for any other frame or a malformed one. A live
 * alert has no program or room names (the event does not carry them); the list fills them in.
 */
export function alertEventOf(frame: { type: string } & Record<string, unknown>): AlertEvent | null {
  if (frame.type === 'safety_alert_raised') {
    const alert = frame.alert;
    if (typeof alert !== 'object' || alert === null) return null;
    const { id, participant_id, participant_name, program_id, room_id, message_id, category, created_at } =
      alert as Record<string, unknown>;
    if (!isString(id) || !isString(participant_name) || !isString(room_id) || !isString(category)) return null;
    return {
      kind: 'raised',
      alert: {
        id,
        participantId: isString(participant_id) ? participant_id : '',
        participantName: participant_name,
        programId: isString(program_id) ? program_id : '',
        programName: null,
        roomId: room_id,
        roomKind: null,
        roomName: null,
        messageId: isString(message_id) ? message_id : '',
        category,
        createdAt: isString(created_at) ? created_at : new Date().toISOString(),
        acknowledgement: null,
      },
    };
  }
  if (frame.type === 'safety_alert_acknowledged') {
    const { alert_id, acknowledged_by, acknowledged_by_name, acknowledged_at } = frame;
    if (!isString(alert_id) || !isString(acknowledged_by) || !isString(acknowledged_at)) return null;
    return {
      kind: 'acknowledged',
      alertId: alert_id,
      acknowledgement: {
        byId: acknowledged_by,
        byName: isString(acknowledged_by_name) ? acknowledged_by_name : '',
        at: acknowledged_at,
      },
    };
  }
  return null;
}

/**
 * The list after an event, newest first. A raised alert already listed is left alone (heard
 * both live and in a re-read list). An acknowledgement leaves an "open" list; in an "all" list it
 * marks the alert, keeping the first acknowledgement as the server does.
 */
export function applyAlertEvent(alerts: readonly CareTeamAlert[], event: AlertEvent, filter: AlertFilter): CareTeamAlert[] {
  if (event.kind === 'raised') {
    if (alerts.some((alert) => alert.id === event.alert.id)) return [...alerts];
    return [event.alert, ...alerts].sort(newestFirst);
  }
  if (filter === 'open') return alerts.filter((alert) => alert.id !== event.alertId);
  return alerts.map((alert) =>
    alert.id === event.alertId && alert.acknowledgement === null ? { ...alert, acknowledgement: event.acknowledgement } : alert,
  );
}

function newestFirst(a: CareTeamAlert, b: CareTeamAlert): number {
  return Date.parse(b.createdAt) - Date.parse(a.createdAt);
}

/**
 * A list re-read from the server, keeping the alerts heard live since the request left (the
 * answer may predate them). Alerts it lacks that were heard earlier are gone (acknowledged
 * meanwhile, say), so they go here too.
 */
export function mergeReread(
  reread: readonly CareTeamAlert[],
  heardSinceRequest: readonly CareTeamAlert[],
): CareTeamAlert[] {
  const known = new Set(reread.map((alert) => alert.id));
  return [...reread, ...heardSinceRequest.filter((alert) => !known.has(alert.id))].sort(newestFirst);
}

const kindLabels: Readonly<Record<string, string>> = {
  suicidal_thoughts: 'Suicidal thoughts',
  self_harm: 'Self-harm',
  overdose: 'Overdose',
  farewell: 'Goodbye message',
};

/** The category in plain words, for a list's "Kind"; one this app does not know reads generically. */
export function alertKindLabel(category: string): string {
  return kindLabels[category] ?? 'Crisis language';
}

/** Where the alert was raised, as far as known. */
export function alertPlace(alert: CareTeamAlert): string {
  const room = alert.roomName ?? 'a chat room';
  return alert.programName ? `${room}, ${alert.programName}` : room;
}
