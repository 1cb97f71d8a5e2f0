import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { Link, useParams } from 'react-router';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { useRealtimeConnection } from '../chat/ChatContext';
import { fetchOccurrence, type ManagedOccurrence } from '../schedule/occurrences';
import { DeviceCheck } from './DeviceCheck';
import { useLiveEnvironment } from './LiveEnvironment';
import { LiveSession, type LiveSnapshot } from './liveSession';
import { Room } from './Room';
import { SessionClosed } from './SessionClosed';
import { exposeForTests } from './testHook';
import { WaitingRoom } from './WaitingRoom';

/** `/sessions/:id/live`: the live group session, from the device check to the end. */
export function LivePage() {
  const { id = '' } = useParams();
  const client = useHttpClient();
  const load = useCallback((signal: AbortSignal) => fetchOccurrence(client, id, signal), [client, id]);
  const { state, retry } = useResource(load);
  const title = state.status === 'ready' ? state.data.title : 'Live session';
  useDocumentTitle(title === 'Live session' ? title : `${title} (live)`);
  // A new attempt (joining again after leaving) starts from a fresh session object.
  const [attempt, setAttempt] = useState(0);

  return (
    <div className="page-wide">
      <PageHeading>{title}</PageHeading>
      {state.status === 'loading' && <Loading what="this session" />}
      {state.status === 'error' &&
        (state.error.status === 404 ? (
          <p className="lead">
            There is no such session, or it is not open to you. <Link to="/schedule">Go to your schedule</Link>
          </p>
        ) : (
          <LoadError what="this session" error={state.error} onRetry={retry} />
        ))}
      {state.status === 'ready' && (
        <LiveSessionView
          key={attempt}
          occurrence={state.data}
          again={attempt > 0}
          onRestart={() => {
            setAttempt((n) => n + 1);
          }}
        />
      )}
    </div>
  );
}

const noSnapshot = () => null;
const noSubscription = () => () => undefined;

function LiveSessionView({
  occurrence,
  again,
  onRestart,
}: {
  occurrence: ManagedOccurrence;
  /** Not the first attempt on this page: the device check takes focus, as a new screen would. */
  again: boolean;
  onRestart: () => void;
}) {
  const connection = useRealtimeConnection();
  const environment = useLiveEnvironment();
  const session = useMemo(
    () => (connection ? new LiveSession({ connection, occurrenceId: occurrence.id, media: environment }) : null),
    [connection, occurrence.id, environment],
  );
  useEffect(() => {
    if (!session) return;
    session.start();
    const hide = exposeForTests(session);
    return () => {
      hide();
      session.stop();
    };
  }, [session]);
  const snapshot = useSyncExternalStore(session?.subscribe ?? noSubscription, session?.getSnapshot ?? noSnapshot);
  const screen = screenOf(snapshot);
  // Every screen after the first takes focus on its heading when it appears.
  const [firstScreen] = useState(screen);
  const focusNew = again || screen !== firstScreen;

  if (!session || !snapshot) return <Loading what="the live session" />;
  const { state } = snapshot;
  return (
    <>
      <Announcements snapshot={snapshot} />
      {state.phase === 'rejoining' && (
        <p role="status" className="notice notice--info">
          The connection dropped. Reconnecting and joining again…
        </p>
      )}
      {screen === 'check' && (
        <DeviceCheck
          occurrenceId={occurrence.id}
          joining={state.phase === 'joining'}
          joinError={state.joinError}
          focusOnMount={focusNew}
          onJoin={(media) => void session.join(media)}
        />
      )}
      {screen === 'joining' && <Loading what="the session" />}
      {state.view?.stage === 'waiting' && (
        <WaitingRoom view={state.view} onLeave={() => void session.leave()} focusOnMount={focusNew} />
      )}
      {state.view?.stage === 'in_room' && (
        <Room
          session={session}
          snapshot={snapshot}
          view={state.view}
          groupId={occurrence.group.id}
          focusOnMount={focusNew}
        />
      )}
      {state.phase === 'closed' && state.closedReason && (
        <SessionClosed
          reason={state.closedReason}
          occurrenceId={occurrence.id}
          onRejoin={onRestart}
          focusOnMount={focusNew}
        />
      )}
    </>
  );
}

type Screen = 'check' | 'joining' | 'waiting' | 'room' | 'closed';

function screenOf(snapshot: LiveSnapshot | null): Screen {
  const state = snapshot?.state;
  if (!state || state.phase === 'idle' || state.phase === 'joining') return 'check';
  if (state.phase === 'closed') return 'closed';
  if (state.view?.stage === 'waiting') return 'waiting';
  if (state.view?.stage === 'in_room') return 'room';
  return 'joining';
}

/**
 * What happens in the session, said politely (someone joined, a hand went up, a reaction, one's
 * place in line), what a facilitator must hear at once (a breakout room calls for one; shown in
 * the panel, said assertively), and what one asked for that did not happen, at once (role=alert).
 */
function Announcements({ snapshot }: { snapshot: LiveSnapshot }) {
  const { announcement, problem, urgent } = snapshot;
  return (
    <>
      <div className="visually-hidden" aria-live="polite">
        {announcement && <p key={announcement.key}>{announcement.text}</p>}
      </div>
      <div className="visually-hidden" aria-live="assertive">
        {urgent && <p key={urgent.key}>{urgent.text}</p>}
      </div>
      <div role="alert">
        {problem && (
          <p key={problem.key} className="notice notice--error">
            {problem.text}
          </p>
        )}
      </div>
    </>
  );
}
