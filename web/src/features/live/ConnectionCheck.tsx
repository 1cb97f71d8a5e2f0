import { useEffect, useId, useState } from 'react';
import { useRealtimeConnection } from '../chat/ChatContext';
import {
  checkRoute,
  measureRoundTrip,
  roundTripText,
  routeText,
  type CheckConnection,
  type RouteCheck,
} from './connectivity';
import { useLiveEnvironment, type LiveEnvironment } from './LiveEnvironment';
import { refusalText } from './refusals';

/** The device check's connection test (connectivity.ts says what it can and cannot tell). */
export function ConnectionCheck({ occurrenceId }: { occurrenceId: string }) {
  const connection = useRealtimeConnection();
  const environment = useLiveEnvironment();
  return <ConnectionChecks connection={connection} environment={environment} occurrenceId={occurrenceId} />;
}

/** `checking` until the answer comes; the route is `null` where the browser cannot make video calls. */
interface Results {
  roundTrip: { ms: number | null; webRtc: boolean } | 'checking';
  route: RouteCheck | null | 'checking';
}

const checking: Results = { roundTrip: 'checking', route: 'checking' };

/**
 * The checks on a given connection and browser: the round trip and WebRTC at once, then the route
 * for video when it is known (gathering through a TURN server may take a few seconds). Nothing
 * here holds up joining.
 */
export function ConnectionChecks({
  connection,
  environment,
  occurrenceId,
}: {
  connection: CheckConnection | null;
  environment: LiveEnvironment;
  occurrenceId: string;
}) {
  const headingId = useId();
  const [results, setResults] = useState<Results>(checking);
  const [round, setRound] = useState(0);

  useEffect(() => {
    let current = true;
    const webRtc = environment.canUseWebRtc();
    const roundTrip = connection ? measureRoundTrip(connection) : Promise.resolve(null);
    void roundTrip.then((ms) => {
      if (current) setResults((now) => ({ ...now, roundTrip: { ms, webRtc } }));
    });
    const route = webRtc
      ? checkRoute(connection, occurrenceId, (iceServers, stopAt) => environment.gatherIceCandidates(iceServers, stopAt))
      : Promise.resolve(null);
    void route.then((found) => {
      if (current) setResults((now) => ({ ...now, route: found }));
    });
    return () => {
      current = false;
    };
  }, [connection, environment, occurrenceId, round]);

  const { roundTrip, route } = results;
  const busy = roundTrip === 'checking' || route === 'checking';
  const found = route === 'checking' ? null : route;
  return (
    <section aria-labelledby={headingId} className="stack">
      <h3 id={headingId}>Connection</h3>
      <div role="status" className="stack">
        {roundTrip === 'checking' ? (
          <p>Checking your connection to Hearth…</p>
        ) : (
          <>
            <ul className="check-results">
              <li>{roundTripText(roundTrip.ms)}</li>
              <li>
                {roundTrip.webRtc
                  ? 'Your browser can make video calls.'
                  : 'This browser cannot make video calls (WebRTC is missing or turned off). You can still join and use the chat; an up-to-date Chrome, Edge, Firefox or Safari can do video.'}
              </li>
              {found && routeTone(found) !== 'warning' && <li>{routeWords(found)}</li>}
            </ul>
            {route === 'checking' && <p>Checking the route for video…</p>}
            {found && routeTone(found) === 'warning' && <p className="notice notice--warning">{routeWords(found)}</p>}
          </>
        )}
      </div>
      <div className="actions">
        <button
          type="button"
          className="button button--quiet"
          disabled={busy}
          onClick={() => {
            setResults(checking);
            setRound((n) => n + 1);
          }}
        >
          Check the connection again
        </button>
      </div>
    </section>
  );
}

function routeTone(route: RouteCheck): 'good' | 'neutral' | 'warning' {
  return route.kind === 'unchecked' ? 'neutral' : routeText(route).tone;
}

function routeWords(route: RouteCheck): string {
  if (route.kind !== 'unchecked') return routeText(route).text;
  // Refused like a join would be (not open yet, say): the join will say so too, in the same words.
  return `The route for video was not checked. ${refusalText(route.code, 'join')}`;
}
