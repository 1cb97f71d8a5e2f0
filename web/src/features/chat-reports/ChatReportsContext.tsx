import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useLiveOpenList, type LiveListKind, type OpenListState } from '../chat/liveCareTeamLists';
import {
  applyReportEvent,
  decidedEventOf,
  decideReport,
  fetchChatReports,
  mergeReread,
  reportEventOf,
  type ChatReport,
  type DecisionAnswer,
  type DecisionRequest,
  type ReportEvent,
} from './chatReports';

export type OpenReportsState = OpenListState<ChatReport>;

interface ChatReportsValue {
  /** The open reports of the programs where one is a clinician, newest first, kept live. */
  open: OpenReportsState;
  /** Reads the list again, showing the loading state (after a failed load). */
  retry: () => void;
  /** Decides for the whole care team; the report (and its message's others) leave the open list. */
  decide: (id: string, request: DecisionRequest) => Promise<DecisionAnswer>;
}

/** Chat reports as a live care-team list (liveCareTeamLists.ts). */
export const reportList: LiveListKind<ChatReport, ReportEvent> = {
  fetch: fetchChatReports,
  eventOf: reportEventOf,
  arrived: (event) => (event.kind === 'filed' ? event.report : null),
  // A decision settles every open report of its message.
  settles: (event, report) =>
    event.kind === 'decided' &&
    (event.reportId === report.id || (event.messageId !== null && event.messageId === report.messageId)),
  apply: applyReportEvent,
  mergeReread,
};

const ChatReportsContext = createContext<ChatReportsValue | null>(null);

/**
 * The care team's open chat reports for the whole app (useLiveOpenList): the navigation's count and
 * the Reports page share them. A new report's event carries no names and no message; the re-read
 * list does.
 */
export function ChatReportsProvider({
  children,
  userId,
}: {
  children: ReactNode;
  /** The signed-in member of the care team, or null: no one, or not on the care team. */
  userId: string | null;
}) {
  const client = useHttpClient();
  const { enabled, open, retry, apply } = useLiveOpenList(reportList, userId);

  const decide = useCallback(
    async (id: string, request: DecisionRequest) => {
      const answer = await decideReport(client, id, request);
      // The server tells only the program's other clinicians; this tab applies its own answer.
      const event = decidedEventOf(answer.report);
      if (event) apply(event);
      return answer;
    },
    [client, apply],
  );

  const value = useMemo(
    () => (enabled ? { open, retry, decide } : null),
    [enabled, open, retry, decide],
  );
  return <ChatReportsContext.Provider value={value}>{children}</ChatReportsContext.Provider>;
}

/** The open reports, or null outside the care team (or signed out). */
export function useChatReports(): ChatReportsValue | null {
  return useContext(ChatReportsContext);
}

/** How many reports are open, or null while unknown. */
export function useOpenReportCount(): number | null {
  const value = useChatReports();
  return value?.open.status === 'ready' ? value.open.items.length : null;
}
