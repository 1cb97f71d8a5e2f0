import { useCallback, useId, useRef, useState } from 'react';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { Dialog } from '../../base/ui/Dialog';
import { FormAlert, StatusMessage } from '../../base/ui/FormAlert';
import { formatDateTime } from '../../base/ui/format';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { useSession, useSignedIn } from '../session/SessionContext';
import { endSession, fetchSessions, type DeviceSession } from './account';
import { TableWrap } from '../../base/ui/TableWrap';

/** Where this account is signed in, with a way to end any other session or all of them. */
export function SessionsSection() {
  const client = useHttpClient();
  const { user } = useSignedIn();
  const { signOutEverywhere } = useSession();
  const headingId = useId();
  const load = useCallback((signal: AbortSignal) => fetchSessions(client, signal), [client]);
  const { state, retry } = useResource(load);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const end = async (session: DeviceSession) => {
    setProblem(null);
    setMessage(null);
    try {
      await endSession(client, session.id);
      setMessage(`The session on ${describe(session)} has ended.`);
      heading.current?.focus();
      retry();
    } catch (cause) {
      setProblem(asApiError(cause).message);
    }
  };

  const everywhere = async () => {
    try {
      await signOutEverywhere();
    } catch (cause) {
      setConfirming(false);
      setProblem(asApiError(cause).message);
    }
  };

  return (
    <section aria-labelledby={headingId} id="sessions">
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        Where you are signed in
      </h2>
      {message && <StatusMessage>{message}</StatusMessage>}
      {problem && (
        <FormAlert title="That did not work.">
          <p>{problem}</p>
        </FormAlert>
      )}
      {state.status === 'loading' && <Loading what="your sessions" />}
      {state.status === 'error' && <LoadError what="your sessions" error={state.error} onRetry={retry} />}
      {state.status === 'ready' && (
        <TableWrap label="Your sessions">
          <table className="table">
            <caption className="visually-hidden">Your sessions</caption>
            <thead>
              <tr>
                <th scope="col">Browser</th>
                <th scope="col">Device</th>
                <th scope="col">Signed in</th>
                <th scope="col">Last seen</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {state.data.map((session) => (
                <tr key={session.id}>
                  <th scope="row">
                    {session.browser || 'Unknown browser'}
                    {session.current && <span className="tag">This device</span>}
                  </th>
                  <td>{session.device || 'Unknown device'}</td>
                  <td>{formatDateTime(session.signedInAt, user.timeZone)}</td>
                  <td>{formatDateTime(session.lastSeenAt, user.timeZone)}</td>
                  <td>
                    {!session.current && (
                      <button
                        aria-label={`End the session on ${describe(session)}`}
                        type="button"
                        className="button button--quiet button--small"
                        onClick={() => void end(session)}
                      >
                        End
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <div className="actions">
        <button
          type="button"
          className="button button--danger"
          onClick={() => {
            setConfirming(true);
          }}
        >
          Sign out everywhere
        </button>
      </div>
      {confirming && (
        <Dialog
          role="alertdialog"
          title="Sign out everywhere?"
          description={<p>Every session of your account ends, this one included. You will need to sign in again.</p>}
          onCancel={() => {
            setConfirming(false);
          }}
        >
          <div className="actions">
            <button type="button" className="button button--danger" onClick={() => void everywhere()}>
              Sign out everywhere
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setConfirming(false);
              }}
            >
              Cancel
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

function describe(session: DeviceSession): string {
  return `${session.browser || 'an unknown browser'}, ${session.device || 'an unknown device'}`;
}
