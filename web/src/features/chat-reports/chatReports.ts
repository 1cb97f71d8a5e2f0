/**
 * Chat reports (docs/api.md, "Chat reports"; docs/protocol/realtime.md, "Reports"): the care
 * team's review queue from `GET /api/v1/chat-reports`, one report with the messages around it,
 * the decision, and the two live events that change the queue. The list never carries a
 * message's words; only the review of one report reads them.
 */
import type { HttpClient } from '../../base/http/client';
import { array, boolean, integer, nullableString, object, optionalString, string } from '../../base/http/decode';
import type { HideReason } from '../chat/chat';

export type ReportReason =
  'worried_about_someone' | 'triggering' | 'private_information' | 'disrespectful' | 'spam' | 'other';

/**
 * The reasons in the order the report form offers them, in plain words; `example` says what the
 * reason covers where the label alone might not.
 */
export const reportReasons: readonly { value: ReportReason; label: string; example?: string }[] = [
  { value: 'worried_about_someone', label: 'Worried about the person who wrote it' },
  { value: 'triggering', label: 'Could be upsetting for others', example: 'graphic detail of self-harm, use or trauma' },
  { value: 'private_information', label: 'Shares someone’s private information', example: 'a name, address or phone number' },
  { value: 'disrespectful', label: 'Disrespectful' },
  { value: 'spam', label: 'Spam' },
  { value: 'other', label: 'Another reason' },
];

/** A reason code in plain words; one this app does not know reads as "Another reason". */
export function reportReasonLabel(reason: string): string {
  return (reportReasons.find((r) => r.value === reason) ?? { label: 'Another reason' }).label;
}

/** The most a reporter's note may hold, in characters, as the server counts. */
export const maxReportNoteCharacters = 500;

export interface ReportDecision {
  /** `dismissed` or `hidden` (the protocol's words; `dismiss` and `hide` are read the same). */
  decision: string;
  byName: string;
  at: string;
}

export interface ChatReport {
  id: string;
  programId: string;
  programName: string | null;
  roomKind: string | null;
  roomName: string | null;
  reason: string;
  createdAt: string;
  /**
   * The rest is null for a report heard live and not yet re-read from the list: the event
   * carries neither the message nor who is involved.
   */
  messageId: string | null;
  roomId: string | null;
  reporterName: string | null;
  authorName: string | null;
  note: string;
  decision: ReportDecision | null;
}

export type ReportFilter = 'open' | 'all';

function decodeDecision(record: Record<string, unknown>, where: string): ReportDecision | null {
  if (!boolean(record, 'decided', where)) return null;
  return {
    decision: string(record, 'decision', where),
    byName: nullableString(record, 'decided_by_name', where) ?? '',
    at: string(record, 'decided_at', where),
  };
}

export function decodeChatReport(value: unknown, where: string): ChatReport {
  const record = object(value, where);
  return {
    id: string(record, 'id', where),
    programId: string(record, 'program_id', where),
    programName: nullableString(record, 'program_name', where),
    roomKind: nullableString(record, 'room_kind', where),
    roomName: nullableString(record, 'room_name', where),
    reason: string(record, 'reason', where),
    createdAt: string(record, 'created_at', where),
    messageId: string(record, 'message_id', where),
    roomId: string(record, 'room_id', where),
    reporterName: nullableString(record, 'reporter_name', where),
    authorName: nullableString(record, 'author_name', where),
    note: optionalString(record, 'note', where),
    decision: decodeDecision(record, where),
  };
}

export function fetchChatReports(client: HttpClient, filter: ReportFilter, signal?: AbortSignal): Promise<ChatReport[]> {
  return client.getJson(
    `/api/v1/chat-reports?status=${filter}`,
    (json) => array(object(json, 'body'), 'reports', 'body', decodeChatReport),
    signal,
  );
}

/** A message as the room's moderators read it, around the reported one. */
export interface ReviewMessage {
  id: string;
  seq: number;
  authorName: string;
  /** Empty for a deleted message. */
  text: string;
  createdAt: string;
  edited: boolean;
  deleted: boolean;
  reported: boolean;
  /** The reason it was hidden, or null when it shows. */
  hiddenReason: string | null;
  hiddenNote: string;
}

export interface ReportReview {
  report: ChatReport;
  /** Oldest first: the reported one with up to three on each side. */
  messages: ReviewMessage[];
}

function decodeReviewMessage(value: unknown, where: string): ReviewMessage {
  const record = object(value, where);
  const hidden = boolean(record, 'hidden', where);
  return {
    id: string(record, 'id', where),
    seq: integer(record, 'seq', where),
    authorName: string(record, 'author_name', where),
    text: optionalString(record, 'text', where),
    createdAt: string(record, 'created_at', where),
    edited: boolean(record, 'edited', where),
    deleted: boolean(record, 'deleted', where),
    reported: boolean(record, 'reported', where),
    hiddenReason: hidden ? (nullableString(record, 'hidden_reason', where) ?? 'other') : null,
    hiddenNote: hidden ? optionalString(record, 'hidden_note', where) : '',
  };
}

export function fetchReportReview(client: HttpClient, id: string, signal?: AbortSignal): Promise<ReportReview> {
  return client.getJson(
    `/api/v1/chat-reports/${encodeURIComponent(id)}`,
    (json) => {
      const body = object(json, 'body');
      return {
        report: decodeChatReport(body.report, 'body.report'),
        messages: array(body, 'messages', 'body', decodeReviewMessage),
      };
    },
    signal,
  );
}

export type DecisionRequest = { decision: 'dismiss' } | { decision: 'hide'; reason: HideReason; note: string };

export interface DecisionAnswer {
  report: ChatReport;
  /** False when someone had decided first: `report` then carries their decision, which stands. */
  changed: boolean;
}

export function decideReport(client: HttpClient, id: string, request: DecisionRequest): Promise<DecisionAnswer> {
  const trimmed = request.decision === 'hide' ? request.note.trim() : '';
  const body =
    request.decision === 'hide'
      ? { decision: 'hide', reason: request.reason, ...(trimmed === '' ? {} : { note: trimmed }) }
      : { decision: 'dismiss' };
  return client.postJson(`/api/v1/chat-reports/${encodeURIComponent(id)}/decision`, body, (json) => {
    const answer = object(json, 'body');
    return { report: decodeChatReport(answer.report, 'body.report'), changed: boolean(answer, 'changed', 'body') };
  });
}

/** A live change to the queue, decoded from a server frame. */
export type ReportEvent =
  | { kind: 'filed'; report: ChatReport }
  | { kind: 'decided'; reportId: string; messageId: string | null; decision: ReportDecision };

const isString = (value: unknown): value is string => typeof value === 'string';

/** The frame as a change to the queue, or null for any other frame or a malformed one. */
export function reportEventOf(frame: { type: string } & Record<string, unknown>): ReportEvent | null {
  const report = frame.report;
  if (typeof report !== 'object' || report === null) return null;
  const fields = report as Record<string, unknown>;
  if (frame.type === 'chat_report_filed') {
    const { id, program_id, program_name, room_kind, room_name, reason, created_at } = fields;
    if (!isString(id) || !isString(reason)) return null;
    return {
      kind: 'filed',
      report: {
        id,
        programId: isString(program_id) ? program_id : '',
        programName: isString(program_name) ? program_name : null,
        roomKind: isString(room_kind) ? room_kind : null,
        roomName: isString(room_name) ? room_name : null,
        reason,
        createdAt: isString(created_at) ? created_at : new Date().toISOString(),
        messageId: null,
        roomId: null,
        reporterName: null,
        authorName: null,
        note: '',
        decision: null,
      },
    };
  }
  if (frame.type === 'chat_report_decided') {
    const { id, message_id, decision, decided_by_name, decided_at } = fields;
    if (!isString(id) || !isString(decision)) return null;
    return {
      kind: 'decided',
      reportId: id,
      messageId: isString(message_id) ? message_id : null,
      decision: {
        decision,
        byName: isString(decided_by_name) ? decided_by_name : '',
        at: isString(decided_at) ? decided_at : new Date().toISOString(),
      },
    };
  }
  return null;
}

/** The event that a decision answered here amounts to (the server tells only the others). */
export function decidedEventOf(report: ChatReport): ReportEvent | null {
  if (report.decision === null) return null;
  return { kind: 'decided', reportId: report.id, messageId: report.messageId, decision: report.decision };
}

/**
 * The queue after an event, newest first. A filed report already listed is left alone (heard
 * both live and in a re-read list). A decision settles every open report of the same message
 * (docs/api.md), so those leave an "open" list too; in an "all" list they are marked, keeping the
 * first decision as the server does.
 */
export function applyReportEvent(reports: readonly ChatReport[], event: ReportEvent, filter: ReportFilter): ChatReport[] {
  if (event.kind === 'filed') {
    if (reports.some((report) => report.id === event.report.id)) return [...reports];
    return [event.report, ...reports].sort(newestFirst);
  }
  const settled = (report: ChatReport) =>
    report.id === event.reportId || (event.messageId !== null && report.messageId === event.messageId);
  if (filter === 'open') return reports.filter((report) => !settled(report));
  return reports.map((report) =>
    settled(report) && report.decision === null ? { ...report, decision: event.decision } : report,
  );
}

function newestFirst(a: ChatReport, b: ChatReport): number {
  return Date.parse(b.createdAt) - Date.parse(a.createdAt);
}

/**
 * A list re-read from the server, keeping the reports heard live since the request left (the
 * answer may predate them).
 */
export function mergeReread(reread: readonly ChatReport[], heardSinceRequest: readonly ChatReport[]): ChatReport[] {
  const known = new Set(reread.map((report) => report.id));
  return [...reread, ...heardSinceRequest.filter((report) => !known.has(report.id))].sort(newestFirst);
}

const roomKindLabels: Readonly<Record<string, string>> = {
  group: 'group chat',
  program: 'program community room',
  private: 'private conversation',
};

/** Where the message was written, as far as known: "Mood & Anxiety Group (Evening), group chat". */
export function reportPlace(report: Pick<ChatReport, 'roomKind' | 'roomName'>): string {
  const kind = report.roomKind === null ? null : (roomKindLabels[report.roomKind] ?? 'chat room');
  if (report.roomName && kind) return `${report.roomName}, ${kind}`;
  if (report.roomName) return report.roomName;
  return kind ? kind.charAt(0).toUpperCase() + kind.slice(1) : 'A chat room';
}

/** Whose message the report is about, for headings and button names. */
export function reportSubject(report: Pick<ChatReport, 'authorName' | 'roomName'>): string {
  if (report.authorName) return `${report.authorName}’s message`;
  return report.roomName ? `a message in ${report.roomName}` : 'a message';
}

/** What was decided, in plain words. */
export function decisionLabel(decision: string): string {
  if (decision === 'hidden' || decision === 'hide') return 'Hidden from the room';
  if (decision === 'dismissed' || decision === 'dismiss') return 'Dismissed: the message stays';
  return 'Decided';
}
