import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, type Answer } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { estimateSkew, localDeadline } from './idle';
import {
  authPaths,
  countsAsActivity,
  fetchSession,
  postKeepAlive,
  postSignIn,
  postSignOut,
  postSignOutEverywhere,
  type Account,
  type SessionInfo,
  type SignInRequest,
} from './session';

export type SessionState =
  | { status: 'loading' }
  | { status: 'unavailable'; error: ApiError }
  /** `byPerson`: they signed out here themselves, so sign-in starts afresh (no page to return to). */
  | { status: 'signed-out'; byPerson?: boolean }
  | { status: 'signed-in'; info: SessionInfo };

export const sessionEndedNotice = 'Your session has ended. Please sign in again.';
export const signedOutNotice = 'You have signed out.';

interface SessionContextValue {
  state: SessionState;
  /** Why the person is on the sign-in page (polite, shown there once), or null. */
  notice: string | null;
  setNotice: (notice: string | null) => void;
  /** When the session runs out without activity, on this browser's clock (ms); null when signed out. */
  idleDeadline: number | null;
  /** Counts sessions that ended without the person asking here; pages follow it to /sign-in. */
  endings: number;
  signIn: (request: SignInRequest) => Promise<SessionInfo>;
  /** Takes a SessionInfo the server just gave (invite accepted, second factor enrolled). */
  adopt: (info: SessionInfo) => void;
  /** Asks the server for the session again; a 401 ends it here too. */
  refresh: () => Promise<void>;
  /**
   * The idle deadline passed on this clock: ask the server. If it still knows the session
   * (clocks that disagree), look again at the next poll rather than at once.
   */
  checkIdle: () => Promise<void>;
  keepAlive: () => Promise<void>;
  signOut: () => Promise<void>;
  signOutEverywhere: () => Promise<void>;
  /** The account changed (profile saved): show the new one without asking the server. */
  updateUser: (account: Account) => void;
  retry: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Codes of a refused sign-in or a wrong password: a 401 that does not mean "no session". */
const credentialCodes = new Set(['invalid_credentials', 'second_factor_required', 'invalid_second_factor']);

interface Props {
  children: ReactNode;
  /** How often to ask whether the session still lives (docs/api.md: the poll is not activity). */
  pollIntervalMs?: number;
}

/**
 * The signed-in session: loads it at start, polls it so that a session ended elsewhere (signed
 * out everywhere, deactivated, idle) reaches this page, and keeps the idle deadline. Every
 * successful API call except the poll counts as activity on the server, so it moves the
 * deadline here too; each poll then brings the server's own deadline back (another tab's
 * activity, or a call the server did not count).
 */
export function SessionProvider({ children, pollIntervalMs = 15_000 }: Props) {
  const client = useHttpClient();
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [notice, setNotice] = useState<string | null>(null);
  const [idleDeadline, setIdleDeadline] = useState<number | null>(null);
  const [endings, setEndings] = useState(0);
  const [attempt, setAttempt] = useState(0);

  const stateRef = useRef(state);
  const skewRef = useRef(0);
  const lastActivityRef = useRef(0);

  const commit = useCallback(
    (next: SessionState) => {
      stateRef.current = next;
      // The token must be in place before the next request, not after the next render.
      client.setCsrfToken(next.status === 'signed-in' ? next.info.session.csrfToken : null);
      setState(next);
      if (next.status !== 'signed-in') setIdleDeadline(null);
    },
    [client],
  );

  /** `activity`: the request that brought `info` counted as activity, so its clock tells the skew. */
  const take = useCallback(
    (info: SessionInfo, activity: boolean) => {
      const now = Date.now();
      const { idleExpiresAt, idleTimeoutSeconds } = info.session;
      if (activity) {
        skewRef.current = estimateSkew(idleExpiresAt, idleTimeoutSeconds, now);
        lastActivityRef.current = now;
      }
      commit({ status: 'signed-in', info });
      setIdleDeadline(localDeadline(idleExpiresAt, idleTimeoutSeconds, skewRef.current, now));
    },
    [commit],
  );

  const end = useCallback(() => {
    if (stateRef.current.status !== 'signed-in') return;
    commit({ status: 'signed-out' });
    setNotice(sessionEndedNotice);
    setEndings((n) => n + 1);
  }, [commit]);

  useEffect(() => {
    const controller = new AbortController();
    fetchSession(client, controller.signal).then(
      (info) => {
        take(info, false);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) commit({ status: 'signed-out' });
        else
          commit({
            status: 'unavailable',
            error: error instanceof ApiError ? error : new ApiError(0, 'client_error', String(error)),
          });
      },
    );
    return () => {
      controller.abort();
    };
  }, [client, take, commit, attempt]);

  useEffect(
    () =>
      client.onAnswer((answer: Answer) => {
        if (stateRef.current.status !== 'signed-in') return;
        if (answer.status === 401) {
          if (answer.path === authPaths.signIn || credentialCodes.has(answer.code ?? '')) return;
          end();
          return;
        }
        if (!countsAsActivity(answer.method, answer.path) || answer.status < 200 || answer.status > 299) return;
        const now = Date.now();
        lastActivityRef.current = now;
        setIdleDeadline(now + stateRef.current.info.session.idleTimeoutSeconds * 1000);
      }),
    [client, end],
  );

  const refresh = useCallback(async () => {
    const started = Date.now();
    try {
      const info = await fetchSession(client);
      if (stateRef.current.status !== 'signed-in') return;
      if (lastActivityRef.current > started) {
        // Activity since the poll left: its deadline is newer than the one in this answer.
        commit({ status: 'signed-in', info });
        return;
      }
      take(info, false);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) end();
      // Anything else (offline, a restart): try again at the next poll.
    }
  }, [client, commit, take, end]);

  const checkIdle = useCallback(async () => {
    await refresh();
    if (stateRef.current.status !== 'signed-in') return;
    const now = Date.now();
    setIdleDeadline((deadline) => (deadline !== null && deadline <= now ? now + pollIntervalMs : deadline));
  }, [refresh, pollIntervalMs]);

  const signedIn = state.status === 'signed-in';
  useEffect(() => {
    if (!signedIn) return;
    const timer = setInterval(() => {
      void refresh();
    }, pollIntervalMs);
    return () => {
      clearInterval(timer);
    };
  }, [signedIn, refresh, pollIntervalMs]);

  const signIn = useCallback(
    async (request: SignInRequest) => {
      const info = await postSignIn(client, request);
      setNotice(null);
      take(info, true);
      return info;
    },
    [client, take],
  );

  const adopt = useCallback(
    (info: SessionInfo) => {
      setNotice(null);
      take(info, true);
    },
    [take],
  );

  const keepAlive = useCallback(async () => {
    take(await postKeepAlive(client), true);
  }, [client, take]);

  const leave = useCallback(
    async (request: () => Promise<unknown>) => {
      try {
        await request();
      } catch (error) {
        // Already gone on the server: signed out all the same.
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      }
      commit({ status: 'signed-out', byPerson: true });
      setNotice(signedOutNotice);
    },
    [commit],
  );

  const signOut = useCallback(() => leave(() => postSignOut(client)), [leave, client]);
  const signOutEverywhere = useCallback(() => leave(() => postSignOutEverywhere(client)), [leave, client]);

  const updateUser = useCallback(
    (account: Account) => {
      const current = stateRef.current;
      if (current.status !== 'signed-in') return;
      commit({ status: 'signed-in', info: { ...current.info, user: account } });
    },
    [commit],
  );

  const retry = useCallback(() => {
    commit({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, [commit]);

  const value = useMemo(
    () => ({
      state,
      notice,
      setNotice,
      idleDeadline,
      endings,
      signIn,
      adopt,
      refresh,
      checkIdle,
      keepAlive,
      signOut,
      signOutEverywhere,
      updateUser,
      retry,
    }),
    [
      state,
      notice,
      idleDeadline,
      endings,
      signIn,
      adopt,
      refresh,
      checkIdle,
      keepAlive,
      signOut,
      signOutEverywhere,
      updateUser,
      retry,
    ],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in session; only for components rendered behind the sign-in guard. */
export function useSignedIn(): SessionInfo {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useSignedIn outside the signed-in part of the app');
  return state.info;
}
