import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { formatDayAndTime, formatSessionTime, formatTime } from '../../base/ui/dates';
import { StatusMessage } from '../../base/ui/FormAlert';
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
import { GuestsSection } from './GuestsSection';
import { fetchOccurrence, joinState, type Clash, type ManagedOccurrence } from './occurrences';
import { CancelDialog, MoveDialog } from './SessionDialogs';

/**
 * One session: when and where, the way into its live session, and for its managers cancel, move,
 * guests and attendance.
 */
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
  const guest = occurrence.myRole === 'guest';
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
            {/* A guest is asked to one session, not into the group: its page is not theirs to open. */}
            {guest ? (
              occurrence.group.name
            ) : (
              <Link to={`/groups/${encodeURIComponent(occurrence.group.id)}`}>{occurrence.group.name}</Link>
            )}{' '}
            <span className="meta">({groupKindLabel(occurrence.group.kind)})</span>
          </dd>
        </div>
        {guest && (
          <div>
            <dt>Your invitation</dt>
            <dd>
              <span className="tag">Guest</span> You are invited to this one session. In the live session
              you wait in the waiting room until a facilitator lets you in.
            </dd>
          </div>
        )}
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
          <GuestsSection occurrence={occurrence} onChanged={onChanged} />
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
 * Joining: the way into the live session (features/live), open from 10 minutes before the start
 * until the end, for members and invited guests alike. The server records attendance from the
 * live session itself (guests count towards none).
 */
function JoinSection({ occurrence, timeZone }: { occurrence: ManagedOccurrence; timeZone: string }) {
  const now = useNow(15_000);
  const headingId = useId();
  const state = joinState(occurrence, now);
  if (state === 'cancelled') return null;
  return (
    <section aria-labelledby={headingId} className="stack">
      <h2 id={headingId}>Join</h2>
      {state === 'not-yet' && (
        <>
          <p>You can join from 10 minutes before the start, at {formatTime(occurrence.joinOpensAt, timeZone)}.</p>
          <div className="actions">
            <button type="button" className="button" disabled>
              Join session
            </button>
          </div>
        </>
      )}
      {state === 'ended' && <p>This session has ended.</p>}
      {state === 'open' && (
        <>
          <p>
            {occurrence.myRole === 'guest'
              ? 'First you check your camera and microphone; then you wait in the waiting room until a facilitator lets you in.'
              : 'First you check your camera and microphone; then you join the group, by way of the waiting room.'}
          </p>
          <div className="actions">
            <Link className="button" to={`/sessions/${encodeURIComponent(occurrence.id)}/live`}>
              Join session
            </Link>
          </div>
        </>
      )}
    </section>
  );
}
