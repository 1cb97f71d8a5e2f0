import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { formatDayAndTime, formatSessionTime, formatTime } from '../../base/ui/dates';
import { FormAlert, StatusMessage } from '../../base/ui/FormAlert';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { useNow } from '../../base/ui/useNow';
import { groupKindLabel } from '../programs/programs';
import { isCareTeam } from '../session/roles';
import { useSignedIn } from '../session/SessionContext';
import { useTimeZone } from '../session/useTimeZone';
import { AttendanceSection } from './AttendanceSection';
import { ClashList } from './ClashList';
import { fetchOccurrence, joinState, postAttendanceEvent, type Clash, type ManagedOccurrence } from './occurrences';
import { CancelDialog, MoveDialog } from './SessionDialogs';

/** One session: when and where, joining (attendance until the live session exists), and for its managers cancel, move and attendance. */
export function SessionPage() {
  const { id = '' } = useParams();
  const client = useHttpClient();
  const load = useCallback((signal: AbortSignal) => fetchOccurrence(client, id, signal), [client, id]);
  const { state, retry, reload } = useResource(load);
  useDocumentTitle(state.status === 'ready' ? state.data.title : 'Session');

  // One heading element whatever the state, so the focus the shell gives it after navigation
  // stays on it when the session arrives.
  return (
    <div className="page-wide">
      <PageHeading>{state.status === 'ready' ? state.data.title : 'Session'}</PageHeading>
      {state.status === 'loading' && <Loading what="this session" />}
      {state.status === 'error' &&
        (state.error.status === 404 ? (
          <p className="lead">
            There is no such session, or it is not open to you. <Link to="/schedule">Go to your schedule</Link>
          </p>
        ) : (
          <LoadError what="this session" error={state.error} onRetry={retry} />
        ))}
      {state.status === 'ready' && <SessionDetails occurrence={state.data} onChanged={reload} />}
    </div>
  );
}

function SessionDetails({ occurrence, onChanged }: { occurrence: ManagedOccurrence; onChanged: () => void }) {
  const timeZone = useTimeZone();
  const { user } = useSignedIn();
  const cancelled = occurrence.status === 'cancelled';
  const [dialog, setDialog] = useState<'cancel' | 'move' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [clashes, setClashes] = useState<Clash[]>([]);
  const manageHeading = useRef<HTMLHeadingElement>(null);
  const manageId = useId();

  useEffect(() => {
    if (message) manageHeading.current?.focus();
  }, [message]);

  return (
    <>
      <dl className="facts">
        <div>
          <dt>Group</dt>
          <dd>
            <Link to={`/groups/${encodeURIComponent(occurrence.group.id)}`}>{occurrence.group.name}</Link>{' '}
            <span className="meta">({groupKindLabel(occurrence.group.kind)})</span>
          </dd>
        </div>
        <div>
          <dt>When</dt>
          <dd>
            {formatSessionTime(occurrence.startsAt, occurrence.endsAt, timeZone)}
            {occurrence.timeZone !== timeZone && (
              <span className="meta">
                {' '}
                ({formatSessionTime(occurrence.startsAt, occurrence.endsAt, occurrence.timeZone)},{' '}
                {occurrence.timeZone.replace(/_/g, ' ')} time)
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{cancelled ? <span className="tag tag--danger">Cancelled</span> : 'Scheduled'}</dd>
        </div>
        {occurrence.moved && occurrence.originalStartsAt && (
          <div>
            <dt>Moved</dt>
            <dd>
              It was to start {formatDayAndTime(occurrence.originalStartsAt, timeZone)}.
            </dd>
          </div>
        )}
        {occurrence.changeReason && (
          <div>
            <dt>{cancelled ? 'Why it was cancelled' : 'Why it changed'}</dt>
            <dd>{occurrence.changeReason}</dd>
          </div>
        )}
      </dl>
      <JoinSection occurrence={occurrence} timeZone={timeZone} />
      {occurrence.canManage && (
        <section aria-labelledby={manageId} className="stack">
          <h2 id={manageId} ref={manageHeading} tabIndex={-1}>
            Manage this session
          </h2>
          {message && <StatusMessage>{message}</StatusMessage>}
          <ClashList clashes={clashes} timeZone={timeZone} />
          {cancelled ? (
            <p>This session is cancelled; its members have been told.</p>
          ) : (
            <div className="actions">
              <button
                type="button"
                className="button button--quiet"
                onClick={() => {
                  setDialog('move');
                }}
              >
                Move
              </button>
              <button
                type="button"
                className="button button--danger"
                onClick={() => {
                  setDialog('cancel');
                }}
              >
                Cancel session
              </button>
            </div>
          )}
          <AttendanceSection occurrenceId={occurrence.id} canCorrect={isCareTeam(user.roles)} />
        </section>
      )}
      {dialog === 'cancel' && (
        <CancelDialog
          occurrence={occurrence}
          onClose={() => {
            setDialog(null);
          }}
          onDone={() => {
            setDialog(null);
            setClashes([]);
            setMessage('The session is cancelled. Its members have been notified.');
            onChanged();
          }}
        />
      )}
      {dialog === 'move' && (
        <MoveDialog
          occurrence={occurrence}
          onClose={() => {
            setDialog(null);
          }}
          onDone={(found) => {
            setDialog(null);
            setClashes(found);
            setMessage('The session has moved. Its members have been notified.');
            onChanged();
          }}
        />
      )}
    </>
  );
}

/**
 * Joining. Until the live session (a later issue) exists, joining records attendance with the
 * server's clock (docs/api.md, attendance events) and leaving records the leave.
 */
function JoinSection({ occurrence, timeZone }: { occurrence: ManagedOccurrence; timeZone: string }) {
  const client = useHttpClient();
  const now = useNow(15_000);
  const [checkedIn, setCheckedIn] = useState(false);
  const [left, setLeft] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const leaveButton = useRef<HTMLButtonElement>(null);
  const joinButton = useRef<HTMLButtonElement>(null);
  const state = joinState(occurrence, now);

  useEffect(() => {
    if (checkedIn) leaveButton.current?.focus();
    else if (left) joinButton.current?.focus();
  }, [checkedIn, left]);

  if (state === 'cancelled') return null;

  const send = async (kind: 'join' | 'leave') => {
    setBusy(true);
    setProblem(null);
    try {
      await postAttendanceEvent(client, occurrence.id, kind);
      setCheckedIn(kind === 'join');
      setLeft(kind === 'leave');
    } catch (cause) {
      setProblem(asApiError(cause).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={headingId} className="stack">
      <h2 id={headingId}>Join</h2>
      {problem && (
        <FormAlert title="That did not work.">
          <p>{problem}</p>
        </FormAlert>
      )}
      {state === 'not-yet' && (
        <>
          <p>You can join from 10 minutes before the start, at {formatTime(occurrence.joinOpensAt, timeZone)}.</p>
          <div className="actions">
            <button type="button" className="button" disabled>
              Join
            </button>
          </div>
        </>
      )}
      {state === 'ended' && <p>This session has ended.</p>}
      {state === 'open' && (
        <>
          <div role="status">
            {checkedIn && <p className="notice notice--success">You’re checked in.</p>}
            {left && <p className="notice notice--info">You have left the session. You can join again until it ends.</p>}
          </div>
          <div className="actions">
            {checkedIn ? (
              <button
                ref={leaveButton}
                type="button"
                className="button button--quiet"
                disabled={busy}
                onClick={() => void send('leave')}
              >
                Leave
              </button>
            ) : (
              <button
                ref={joinButton}
                type="button"
                className="button"
                disabled={busy}
                onClick={() => void send('join')}
              >
                {left ? 'Join again' : 'Join'}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
