import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { asApiError, type ApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import {
  applyReportEvent,
  decidedEventOf,
  decideReport,
  fetchChatReports,
  mergeReread,
  type ChatReport,
  type DecisionAnswer,
  type DecisionRequest,
  type ReportEvent,
} from './chatReports';
import { useReportEvents } from './useReportEvents';

export type OpenReportsState =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; reports: ChatReport[] };

interface ChatReportsValue {
  /** The open reports of the programs where one is a clinician, newest first, kept live. */
  open: OpenReportsState;
  /** Reads the list again, showing the loading state (after a failed load). */
  retry: () => void;
  /** Decides for the whole care team; the report (and its message's others) leave the open list. */
  decide: (id: string, request: DecisionRequest) => Promise<DecisionAnswer>;
}

const loadingState: OpenReportsState = { status: 'loading' };

const ChatReportsContext = createContext<ChatReportsValue | null>(null);

/**
 * The care team's open chat reports for the whole app: the navigation's count and the Reports
 * page share them. Read once when signed in, then kept by the live events; read again after a
 * reconnect (events may have been missed) and after a new report (the event carries no names and
 * no message, the list does).
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
  // Tagged with whose list it is, so a new sign-in in this tab never sees the last person's.
  const [listed, setListed] = useState<{ userId: string | null; open: OpenReportsState }>({
    userId: null,
    open: { status: 'loading' },
  });
  const enabled = userId !== null;
  const userRef = useRef(userId);
  useEffect(() => {
    userRef.current = userId;
  }, [userId]);
  const setOpen = useCallback((change: (current: OpenReportsState) => OpenReportsState) => {
    setListed((current) => {
      const mine = current.userId === userRef.current ? current.open : { status: 'loading' as const };
      return { userId: userRef.current, open: change(mine) };
    });
  }, []);
  const open: OpenReportsState = listed.userId === userId ? listed.open : loadingState;
  // Reports heard live, with the number of the read that was current when each arrived, so that
  // a read answered after them does not drop them (its answer may predate them).
  const heardLive = useRef<{ report: ChatReport; afterRead: number }[]>([]);
  const reads = useRef(0);
  const controller = useRef<AbortController | null>(null);

  const read = useCallback(
    (showLoading: boolean) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      const readNumber = ++reads.current;
      if (showLoading) setOpen(() => ({ status: 'loading' }));
      fetchChatReports(client, 'open', abort.signal).then(
        (reports) => {
          if (abort.signal.aborted) return;
          heardLive.current = heardLive.current.filter((heard) => heard.afterRead >= readNumber);
          const since = heardLive.current.map((heard) => heard.report);
          setOpen(() => ({ status: 'ready', reports: mergeReread(reports, since) }));
        },
        (cause: unknown) => {
          if (abort.signal.aborted) return;
          // A failed re-read keeps the list on screen; only a first load shows the error.
          setOpen((current) => (current.status === 'ready' ? current : { status: 'error', error: asApiError(cause) }));
        },
      );
    },
    [client, setOpen],
  );

  useEffect(() => {
    if (!enabled) return;
    heardLive.current = [];
    read(false);
    return () => {
      controller.current?.abort();
    };
  }, [enabled, userId, read]);

  const apply = useCallback(
    (event: ReportEvent) => {
      if (event.kind === 'filed') heardLive.current.push({ report: event.report, afterRead: reads.current });
      else heardLive.current = heardLive.current.filter((heard) => heard.report.id !== event.reportId);
      setOpen((current) =>
        current.status === 'ready' ? { status: 'ready', reports: applyReportEvent(current.reports, event, 'open') } : current,
      );
    },
    [setOpen],
  );

  useReportEvents(
    (event) => {
      if (!enabled) return;
      apply(event);
      if (event.kind === 'filed') read(false);
    },
    () => {
      if (enabled) read(false);
    },
  );

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

  const retry = useCallback(() => {
    read(true);
  }, [read]);

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
  return value?.open.status === 'ready' ? value.open.reports.length : null;
}
