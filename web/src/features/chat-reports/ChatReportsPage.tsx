import { startTransition, useEffect, useOptimistic, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { RadioGroup } from '../../base/ui/Field';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { useNow } from '../../base/ui/useNow';
import { useLiveFullList, type OpenListState } from '../chat/liveCareTeamLists';
import { useTimeZone } from '../session/useTimeZone';
import { ChatReportItem } from './ChatReportItem';
import { reportList, useChatReports } from './ChatReportsContext';
import {
  decidedEventOf,
  decideReport,
  decisionLabel,
  reportPlace,
  reportReasonLabel,
  reportSubject,
  type ChatReport,
  type DecisionAnswer,
  type DecisionRequest,
  type ReportFilter,
} from './chatReports';
import { useReportEvents } from './useReportEvents';

const filterOptions = [
  { value: 'open', label: 'Open reports' },
  { value: 'all', label: 'All reports, decided ones too' },
] as const;

/** The relative times ("5 minutes ago") move on this often. */
const clockTickMs = 30_000;

type ListState = OpenListState<ChatReport>;

/**
 * The care team's review queue of reported chat messages: open ones by default (`?show=all` for
 * every one), kept live. New reports and colleagues' decisions are announced politely; the
 * outcome of one's own decision shows above the list, since the report may leave it.
 */
export function ChatReportsPage() {
  useDocumentTitle('Reports');
  const [params, setParams] = useSearchParams();
  const filterInUrl: ReportFilter = params.get('show') === 'all' ? 'all' : 'open';
  // The router changes the URL inside a transition, which would hold the radio on its old value
  // until the new list renders; the optimistic value moves it the moment it is chosen.
  const [filter, showFilter] = useOptimistic(filterInUrl);
  const [announcement, setAnnouncement] = useState('');
  const [outcome, setOutcome] = useState('');
  const [heardHere, setHeardHere] = useState<ReadonlySet<string>>(() => new Set());

  useReportEvents((event) => {
    if (event.kind === 'filed') {
      setHeardHere((known) => new Set(known).add(event.report.id));
      const program = event.report.programName ? `, ${event.report.programName}` : '';
      setAnnouncement(
        `New report of a message in ${reportPlace(event.report)}${program}: ${reportReasonLabel(event.report.reason)}.`,
      );
    } else {
      setAnnouncement(
        `${event.decision.byName || 'A colleague'} decided a report: ${decisionLabel(event.decision.decision).toLowerCase()}.`,
      );
    }
  });

  return (
    <div className="page-wide">
      <PageHeading>Reports</PageHeading>
      <p className="lead">
        When someone reports a chat message, the clinicians of its program review it here. Open a report to read the
        message among the ones around it, then dismiss the report or hide the message from the room. The reporter is
        not told who reviewed it nor what was decided.
      </p>
      <RadioGroup
        legend="Show"
        name="show"
        options={filterOptions}
        value={filter}
        onChange={(value) => {
          const chosen: ReportFilter = value === 'all' ? 'all' : 'open';
          setOutcome('');
          startTransition(() => {
            showFilter(chosen);
            setParams(chosen === 'all' ? { show: 'all' } : {}, { replace: true });
          });
        }}
      />
      <div role="status" className="chat-report-outcome">
        {outcome && <p className="notice notice--success">{outcome}</p>}
      </div>
      {filter === 'open' ? (
        <OpenReports heardHere={heardHere} onOutcome={setOutcome} />
      ) : (
        <AllReports heardHere={heardHere} onOutcome={setOutcome} />
      )}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </div>
  );
}

interface ListProps {
  heardHere: ReadonlySet<string>;
  onOutcome: (text: string) => void;
}

/** What one's own decision came to, in words, for the status above the list. */
function outcomeText(report: ChatReport, request: DecisionRequest, answer: DecisionAnswer, filter: ReportFilter): string {
  const leaves = filter === 'open' ? ' It has left the open list.' : '';
  const subject = reportSubject(answer.report.authorName ? answer.report : report);
  const decision = answer.report.decision;
  if (!answer.changed && decision) {
    return `${decision.byName || 'A colleague'} had already decided this report: ${decisionLabel(decision.decision).toLowerCase()}. Their decision stands.${leaves}`;
  }
  return request.decision === 'hide'
    ? `You hid ${subject} from the room.${leaves}`
    : `You dismissed the report of ${subject}; the message stays.${leaves}`;
}

/** The open ones, shared with the navigation's count (ChatReportsContext). */
function OpenReports({ heardHere, onOutcome }: ListProps) {
  const reports = useChatReports();
  if (reports === null) return null;
  return (
    <ReportList
      filter="open"
      state={reports.open}
      heardHere={heardHere}
      onRetry={reports.retry}
      onDecide={async (report, request) => {
        const answer = await reports.decide(report.id, request);
        onOutcome(outcomeText(report, request, answer, 'open'));
      }}
    />
  );
}

/** Every report, read for this view only; live events are applied on top of what was read. */
function AllReports({ heardHere, onOutcome }: ListProps) {
  const client = useHttpClient();
  const reports = useChatReports();
  const { list, retry, record } = useLiveFullList(reportList);
  return (
    <ReportList
      filter="all"
      state={list}
      heardHere={heardHere}
      onRetry={retry}
      onDecide={async (report, request) => {
        const answer = reports ? await reports.decide(report.id, request) : await decideReport(client, report.id, request);
        const event = decidedEventOf(answer.report);
        if (event) record(event);
        onOutcome(outcomeText(report, request, answer, 'all'));
      }}
    />
  );
}

function ReportList({
  filter,
  state,
  heardHere,
  onRetry,
  onDecide,
}: {
  filter: ReportFilter;
  state: ListState;
  heardHere: ReadonlySet<string>;
  onRetry: () => void;
  onDecide: (report: ChatReport, request: DecisionRequest) => Promise<void>;
}) {
  const now = useNow(clockTickMs);
  const timeZone = useTimeZone();
  const container = useRef<HTMLDivElement>(null);
  // After a decision the form goes (and, in the open list, the whole report): focus moves to the
  // report now in that place, or to the summary when none is left, not to the page's top. Set by
  // a decision, or by a colleague's decision taking away the report being read, and taken once
  // the list it changed is on screen.
  const focusIndex = useRef<number | null>(null);
  const focusedIndex = useRef<number | null>(null);
  const reports = state.status === 'ready' ? state.items : null;
  const ready = reports !== null;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const track = (event: FocusEvent) => {
      const item = event.target instanceof Element ? event.target.closest('li.chat-report') : null;
      const items = [...element.querySelectorAll('li.chat-report')];
      focusedIndex.current = item ? items.indexOf(item) : null;
    };
    // Leaving the list for elsewhere on the page forgets the place; losing focus to a removal does not.
    const leave = (event: FocusEvent) => {
      if (event.relatedTarget instanceof Node && !element.contains(event.relatedTarget)) focusedIndex.current = null;
    };
    element.addEventListener('focusin', track);
    element.addEventListener('focusout', leave);
    return () => {
      element.removeEventListener('focusin', track);
      element.removeEventListener('focusout', leave);
    };
  }, [ready]);

  useEffect(() => {
    if (reports === null) return;
    let index = focusIndex.current;
    focusIndex.current = null;
    // A colleague's decision can take away the report one was reading: focus would fall to the body.
    if (index === null && document.activeElement === document.body) index = focusedIndex.current;
    if (index === null) return;
    focusedIndex.current = null;
    const headings = container.current?.querySelectorAll<HTMLElement>('[data-report-heading]') ?? [];
    const target =
      headings[Math.min(index, headings.length - 1)] ??
      container.current?.querySelector<HTMLElement>('[data-report-summary]');
    target?.focus();
  }, [reports]);

  if (state.status === 'loading') return <Loading what="reports" />;
  if (state.status === 'error') {
    if (state.error.status === 403) {
      return <p className="lead">Reports are for the care team: clinicians and administrators.</p>;
    }
    return <LoadError what="reports" error={state.error} onRetry={onRetry} />;
  }
  const shown = state.items;
  return (
    <div ref={container} className="stack">
      <p className="chat-report-summary" tabIndex={-1} data-report-summary>
        {summaryOf(shown, filter)}
      </p>
      {shown.length > 0 && (
        <ul className="chat-report-list" aria-label={filter === 'open' ? 'Open reports' : 'All reports'}>
          {shown.map((report, index) => (
            <ChatReportItem
              key={report.id}
              report={report}
              now={now}
              timeZone={timeZone}
              isNew={heardHere.has(report.id)}
              onDecide={async (deciding, request) => {
                focusIndex.current = index;
                try {
                  await onDecide(deciding, request);
                } catch (cause) {
                  focusIndex.current = null;
                  throw cause;
                }
              }}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function summaryOf(reports: readonly ChatReport[], filter: ReportFilter): string {
  if (filter === 'all') {
    if (reports.length === 0) return 'There have been no reports in the programs where you are a clinician.';
    const open = reports.filter((report) => report.decision === null).length;
    return `${reports.length} ${reports.length === 1 ? 'report' : 'reports'}, newest first; ${open} open.`;
  }
  if (reports.length === 0) {
    return 'No open reports. New ones appear here as they are filed, in the programs where you are a clinician.';
  }
  return `${reports.length} open ${reports.length === 1 ? 'report' : 'reports'}, newest first.`;
}
