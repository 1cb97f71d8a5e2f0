import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { RealtimeConnection, realtimeUrl, type SocketLike } from '../../base/realtime/connection';
import { useSession } from '../session/SessionContext';
import { ChatStore, type ChatSnapshot } from './chatStore';
import { watchPresence } from './presenceActivity';

const ChatContext = createContext<ChatStore | null>(null);
const RealtimeContext = createContext<RealtimeConnection | null>(null);

/**
 * One real-time connection and chat store per tab, while someone is signed in (with any second
 * factor done). Signing out, or another person signing in, closes it and starts afresh, so
 * nothing of one person's chat stays in memory for the next.
 */
export function ChatProvider({
  children,
  createSocket,
}: {
  children: ReactNode;
  /** Tests pass a fake; the browser's WebSocket otherwise. */
  createSocket?: (url: string) => SocketLike;
}) {
  const { state } = useSession();
  const userId =
    state.status === 'signed-in' && !state.info.secondFactor.enrollmentPending ? state.info.user.id : null;
  // Made while rendering (nothing opens yet); the effect opens the socket and closes it again.
  const live = useMemo(() => {
    if (userId === null) return null;
    const connection = new RealtimeConnection({
      url: realtimeUrl(window.location),
      ...(createSocket ? { createSocket } : {}),
    });
    return { connection, store: new ChatStore(connection, userId) };
  }, [userId, createSocket]);

  useEffect(() => {
    if (live === null) return;
    const { connection, store } = live;
    connection.start();
    const stopWatching = watchPresence((status) => {
      store.setPresence(status);
    });
    const online = () => {
      connection.retryNow();
    };
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      stopWatching();
      connection.stop();
    };
  }, [live]);

  return (
    <RealtimeContext.Provider value={live?.connection ?? null}>
      <ChatContext.Provider value={live?.store ?? null}>{children}</ChatContext.Provider>
    </RealtimeContext.Provider>
  );
}

/** The chat store, or null when no one is signed in (or it is starting). */
export function useChatStore(): ChatStore | null {
  return useContext(ChatContext);
}

/**
 * The tab's one real-time connection, or null when no one is signed in: for features other than
 * chat that listen to its events (safety alerts), so the tab keeps a single socket.
 */
export function useRealtimeConnection(): RealtimeConnection | null {
  return useContext(RealtimeContext);
}

const noSnapshot = () => null;
const noSubscription = () => () => undefined;

/** The chat as it is now, re-rendering on every change; null without a store. */
export function useChat(): ChatSnapshot | null {
  const store = useChatStore();
  return useSyncExternalStore(store?.subscribe ?? noSubscription, store?.getSnapshot ?? noSnapshot);
}
