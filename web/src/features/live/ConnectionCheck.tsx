import { useEffect, useId, useState } from 'react';
import { useRealtimeConnection } from '../chat/ChatContext';
import { measureRoundTrip, roundTripText } from './connectivity';
import { useLiveEnvironment } from './LiveEnvironment';

type Result = { status: 'checking' } | { status: 'done'; roundTripMs: number | null; webRtc: boolean };

/** The device check's connection test (connectivity.ts says what it can and cannot tell). */
export function ConnectionCheck() {
  const connection = useRealtimeConnection();
  const environment = useLiveEnvironment();
  const headingId = useId();
  const [result, setResult] = useState<Result>({ status: 'checking' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let current = true;
    const roundTrip = connection ? measureRoundTrip(connection) : Promise.resolve(null);
    void roundTrip.then((roundTripMs) => {
      if (current) setResult({ status: 'done', roundTripMs, webRtc: environment.canUseWebRtc() });
    });
    return () => {
      current = false;
    };
  }, [connection, environment, round]);

  return (
    <section aria-labelledby={headingId} className="stack">
      <h3 id={headingId}>Connection</h3>
      <div role="status">
        {result.status === 'checking' ? (
          <p>Checking your connection to Hearth…</p>
        ) : (
          <ul className="check-results">
            <li>{roundTripText(result.roundTripMs)}</li>
            <li>
              {result.webRtc
                ? 'Your browser can make video calls.'
                : 'This browser cannot make video calls (WebRTC is missing or turned off). You can still join and use the chat; an up-to-date Chrome, Edge, Firefox or Safari can do video.'}
            </li>
          </ul>
        )}
      </div>
      <div className="actions">
        <button
          type="button"
          className="button button--quiet"
          disabled={result.status === 'checking'}
          onClick={() => {
            setResult({ status: 'checking' });
            setRound((n) => n + 1);
          }}
        >
          Check the connection again
        </button>
      </div>
    </section>
  );
}
