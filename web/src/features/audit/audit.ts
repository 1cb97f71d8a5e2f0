/** The audit trail: `/api/v1/audit` and its CSV export (docs/api.md, AuditEvent). */
import type { HttpClient } from '../../base/http/client';
import {
  array,
  integer,
  nullableInteger,
  nullableString,
  object,
  optionalString,
  string,
} from '../../base/http/decode';

export interface AuditEvent {
  seq: number;
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  clientAddress: string;
  userAgent: string;
  outcome: string;
  detail: string;
}

export interface AuditPage {
  events: AuditEvent[];
  nextBefore: number | null;
}

export interface AuditFilter {
  from?: string;
  to?: string;
  actorId?: string;
  action?: string;
}

export const auditPageSize = 100;

function decodeEvent(value: unknown, where: string): AuditEvent {
  const record = object(value, where);
  const detail = record.detail;
  return {
    seq: integer(record, 'seq', where),
    id: string(record, 'id', where),
    at: string(record, 'at', where),
    actorId: nullableString(record, 'actor_id', where),
    action: string(record, 'action', where),
    subjectType: optionalString(record, 'subject_type', where),
    subjectId: nullableString(record, 'subject_id', where),
    clientAddress: optionalString(record, 'client_address', where),
    userAgent: optionalString(record, 'user_agent', where),
    outcome: string(record, 'outcome', where),
    // The contract leaves detail's shape open: show text as it is and anything else as JSON.
    detail: typeof detail === 'string' ? detail : detail === undefined || detail === null ? '' : JSON.stringify(detail),
  };
}

export function decodeAuditPage(json: unknown): AuditPage {
  const record = object(json, 'body');
  return {
    events: array(record, 'events', 'body', decodeEvent),
    nextBefore: nullableInteger(record, 'next_before', 'body'),
  };
}

function filterQuery(filter: AuditFilter): URLSearchParams {
  const query = new URLSearchParams();
  if (filter.from) query.set('from', filter.from);
  if (filter.to) query.set('to', filter.to);
  if (filter.actorId) query.set('actor_id', filter.actorId);
  if (filter.action) query.set('action', filter.action);
  return query;
}

export function auditPath(filter: AuditFilter, before: number | null, limit = auditPageSize): string {
  const query = filterQuery(filter);
  query.set('limit', String(limit));
  if (before !== null) query.set('before', String(before));
  return `/api/v1/audit?${query.toString()}`;
}

/** The export covers a date range only (docs/api.md): the other filters do not apply to it. */
export function exportPath(filter: AuditFilter): string {
  const query = new URLSearchParams();
  if (filter.from) query.set('from', filter.from);
  if (filter.to) query.set('to', filter.to);
  const text = query.toString();
  return text ? `/api/v1/audit/export?${text}` : '/api/v1/audit/export';
}

export function fetchAudit(
  client: HttpClient,
  filter: AuditFilter,
  before: number | null,
  signal?: AbortSignal,
): Promise<AuditPage> {
  return client.getJson(auditPath(filter, before), decodeAuditPage, signal);
}
