import { describe, expect, it } from 'vitest';
import { createHttpClient } from '../../base/http/client';
import { fakeFetch, json } from '../../testing/fakeFetch';
import {
  applyReportEvent,
  decideReport,
  decisionLabel,
  fetchChatReports,
  fetchReportReview,
  mergeReread,
  reportEventOf,
  reportPlace,
  reportReasonLabel,
  reportSubject,
  type ChatReport,
} from './chatReports';

function wireReport(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    message_id: `m-${id}`,
    room_id: 'room_g',
    room_kind: 'group',
    room_name: 'Mood & Anxiety Group (Evening)',
    program_id: 'p1',
    program_name: 'Riverbend Virtual IOP',
    reporter_id: 'u-avery',
    reporter_name: 'Avery M.',
    author_id: 'u-blake',
    author_name: 'Blake T.',
    reason: 'worried_about_someone',
    note: 'He sounded low all week.',
    created_at: '2026-11-24T20:00:00.000Z',
    decided: false,
    ...overrides,
  };
}

function report(id: string, createdAt: string, messageId: string | null = `m-${id}`): ChatReport {
  return {
    id,
    programId: 'p1',
    programName: null,
    roomKind: 'group',
    roomName: 'Room',
    reason: 'spam',
    createdAt,
    messageId,
    roomId: null,
    reporterName: null,
    authorName: null,
    note: '',
    decision: null,
  };
}

describe('chat reports API', () => {
  it('reads the open list, newest first as sent, with who, why and no message text', async () => {
    const fetch = fakeFetch({ 'GET /api/v1/chat-reports?status=open': json({ reports: [wireReport('cr_1')] }) });
    const [first] = await fetchChatReports(createHttpClient(fetch), 'open');
    expect(first).toEqual({
      id: 'cr_1',
      programId: 'p1',
      programName: 'Riverbend Virtual IOP',
      roomKind: 'group',
      roomName: 'Mood & Anxiety Group (Evening)',
      reason: 'worried_about_someone',
      createdAt: '2026-11-24T20:00:00.000Z',
      messageId: 'm-cr_1',
      roomId: 'room_g',
      reporterName: 'Avery M.',
      authorName: 'Blake T.',
      note: 'He sounded low all week.',
      decision: null,
    });
  });

  it('reads every report with its decision', async () => {
    const fetch = fakeFetch({
      'GET /api/v1/chat-reports?status=all': json({
        reports: [
          wireReport('cr_1', {
            note: null,
            decided: true,
            decision: 'hidden',
            decided_by: 'u-sam',
            decided_by_name: 'Dr. Sam Okafor',
            decided_at: '2026-11-24T20:05:00.000Z',
          }),
        ],
      }),
    });
    const [first] = await fetchChatReports(createHttpClient(fetch), 'all');
    expect(first?.note).toBe('');
    expect(first?.decision).toEqual({ decision: 'hidden', byName: 'Dr. Sam Okafor', at: '2026-11-24T20:05:00.000Z' });
  });

  it('reads one report with the messages around it, deleted and hidden ones as moderators see them', async () => {
    const fetch = fakeFetch({
      'GET /api/v1/chat-reports/cr%2F1': json({
        report: wireReport('cr/1'),
        messages: [
          { id: 'm1', seq: 4, author_id: 'u-a', author_name: 'Avery M.', text: '', created_at: '2026-11-24T19:58:00.000Z', edited: false, deleted: true, hidden: false, reported: false },
          {
            id: 'm2',
            seq: 5,
            author_id: 'u-blake',
            author_name: 'Blake T.',
            text: 'the words',
            created_at: '2026-11-24T19:59:00.000Z',
            edited: true,
            deleted: false,
            hidden: true,
            hidden_reason: 'triggering',
            hidden_note: 'graphic',
            reported: true,
          },
        ],
      }),
    });
    const review = await fetchReportReview(createHttpClient(fetch), 'cr/1');
    expect(review.report.id).toBe('cr/1');
    expect(review.messages.map((m) => [m.id, m.deleted, m.reported, m.hiddenReason, m.hiddenNote])).toEqual([
      ['m1', true, false, null, ''],
      ['m2', false, true, 'triggering', 'graphic'],
    ]);
  });

  it('posts a decision: dismiss alone, hide with its reason and a trimmed note (none when blank)', async () => {
    const decided = wireReport('cr_1', { decided: true, decision: 'hidden', decided_by_name: 'Priya', decided_at: '2026-11-24T20:01:00.000Z' });
    const fetch = fakeFetch({ 'POST /api/v1/chat-reports/cr_1/decision': json({ report: decided, changed: true }) });
    const client = createHttpClient(fetch);
    client.setCsrfToken('csrf-1');
    const answer = await decideReport(client, 'cr_1', { decision: 'hide', reason: 'triggering', note: '  detail  ' });
    expect(answer.changed).toBe(true);
    expect(answer.report.decision?.decision).toBe('hidden');
    await decideReport(client, 'cr_1', { decision: 'hide', reason: 'spam', note: '   ' });
    await decideReport(client, 'cr_1', { decision: 'dismiss' });
    expect(fetch.requests.map((r) => r.body)).toEqual([
      { decision: 'hide', reason: 'triggering', note: 'detail' },
      { decision: 'hide', reason: 'spam' },
      { decision: 'dismiss' },
    ]);
    expect(fetch.requests[0]?.headers.get('X-CSRF-Token')).toBe('csrf-1');
  });
});

describe('chat report events', () => {
  it('reads a filed report without names or message, and a decision', () => {
    const filed = reportEventOf({
      type: 'chat_report_filed',
      report: { id: 'cr_9', program_id: 'p1', program_name: 'Riverbend', room_kind: 'private', room_name: 'Blake T.', reason: 'spam', created_at: '2026-11-24T20:00:00.000Z' },
    });
    expect(filed).toMatchObject({ kind: 'filed', report: { id: 'cr_9', roomKind: 'private', authorName: null, messageId: null } });
    expect(
      reportEventOf({
        type: 'chat_report_decided',
        report: { id: 'cr_9', message_id: 'm9', decision: 'dismissed', decided_by_name: 'Sam', decided_at: '2026-11-24T20:01:00.000Z' },
      }),
    ).toEqual({ kind: 'decided', reportId: 'cr_9', messageId: 'm9', decision: { decision: 'dismissed', byName: 'Sam', at: '2026-11-24T20:01:00.000Z' } });
    expect(reportEventOf({ type: 'chat_report_filed', report: { reason: 'spam' } })).toBeNull();
    expect(reportEventOf({ type: 'message_posted', report: {} })).toBeNull();
  });

  it('adds a filed report once, newest first', () => {
    const older = report('a', '2026-11-24T19:00:00.000Z');
    const newer = report('b', '2026-11-24T20:00:00.000Z');
    const once = applyReportEvent([older], { kind: 'filed', report: newer }, 'open');
    expect(once.map((r) => r.id)).toEqual(['b', 'a']);
    expect(applyReportEvent(once, { kind: 'filed', report: newer }, 'open').map((r) => r.id)).toEqual(['b', 'a']);
  });

  it('settles every open report of the decided message, and keeps the first decision in the full list', () => {
    const reports = [report('a', '2026-11-24T20:00:00.000Z', 'm1'), report('b', '2026-11-24T19:00:00.000Z', 'm1'), report('c', '2026-11-24T18:00:00.000Z', 'm2')];
    const decision = { decision: 'hidden', byName: 'Sam', at: '2026-11-24T20:01:00.000Z' };
    const event = { kind: 'decided' as const, reportId: 'a', messageId: 'm1', decision };
    expect(applyReportEvent(reports, event, 'open').map((r) => r.id)).toEqual(['c']);
    const all = applyReportEvent(reports, event, 'all');
    expect(all.map((r) => r.decision?.byName ?? null)).toEqual(['Sam', 'Sam', null]);
    const later = { ...event, decision: { ...decision, byName: 'Priya' } };
    expect(applyReportEvent(all, later, 'all')[0]?.decision?.byName).toBe('Sam');
  });

  it('keeps reports heard live that a re-read predates', () => {
    const live = report('live', '2026-11-24T21:00:00.000Z', null);
    const listed = report('listed', '2026-11-24T20:00:00.000Z');
    expect(mergeReread([listed], [live, listed]).map((r) => r.id)).toEqual(['live', 'listed']);
  });
});

describe('chat report words', () => {
  it('says reasons, places, subjects and decisions in plain words', () => {
    expect(reportReasonLabel('worried_about_someone')).toBe('Worried about the person who wrote it');
    expect(reportReasonLabel('something_new')).toBe('Another reason');
    expect(reportPlace({ roomKind: 'group', roomName: 'Mood' })).toBe('Mood, group chat');
    expect(reportPlace({ roomKind: 'private', roomName: null })).toBe('Private conversation');
    expect(reportPlace({ roomKind: null, roomName: null })).toBe('A chat room');
    expect(reportSubject({ authorName: 'Blake T.', roomName: 'Mood' })).toBe('Blake T.’s message');
    expect(reportSubject({ authorName: null, roomName: 'Mood' })).toBe('a message in Mood');
    expect(decisionLabel('hidden')).toBe('Hidden from the room');
    expect(decisionLabel('dismissed')).toBe('Dismissed: the message stays');
  });
});
