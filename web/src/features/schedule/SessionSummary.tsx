import { Link } from 'react-router';
import { formatTime, formatTimeRange } from '../../base/ui/dates';
import { joinState, type Occurrence } from './occurrences';

/**
 * The Join control. Until the live session exists it leads to the session page, where joining
 * records attendance. Before `join_opens_at` it is a disabled button with the opening time beside
 * it, after the end it is gone.
 */
export function JoinControl({
  occurrence,
  now,
  timeZone,
}: {
  occurrence: Pick<Occurrence, 'id' | 'title' | 'status' | 'joinOpensAt' | 'endsAt'>;
  now: number;
  timeZone: string;
}) {
  const state = joinState(occurrence, now);
  if (state === 'open') {
    return (
      <Link
        className="button button--small"
        to={`/sessions/${encodeURIComponent(occurrence.id)}`}
        aria-label={`Join ${occurrence.title}`}
      >
        Join
      </Link>
    );
  }
  if (state === 'not-yet') {
    return (
      <span className="join">
        <button type="button" className="button button--small" disabled aria-label={`Join ${occurrence.title}`}>
          Join
        </button>
        <span className="meta"> opens at {formatTime(occurrence.joinOpensAt, timeZone)}</span>
      </span>
    );
  }
  return null;
}

/** One session in the week grid or the agenda: title, group, local times, a guest's invitation, changes, Join. */
export function SessionSummary({
  occurrence,
  now,
  timeZone,
}: {
  occurrence: Occurrence;
  now: number;
  timeZone: string;
}) {
  const cancelled = occurrence.status === 'cancelled';
  return (
    <div className={cancelled ? 'session session--cancelled' : 'session'}>
      <p className="session__title">
        <Link to={`/sessions/${encodeURIComponent(occurrence.id)}`}>{occurrence.title}</Link>
      </p>
      <p className="session__time">{formatTimeRange(occurrence.startsAt, occurrence.endsAt, timeZone)}</p>
      <p className="meta session__group">{occurrence.group.name}</p>
      {occurrence.myRole === 'guest' && (
        <p className="session__change">
          <span className="tag">Guest</span> <span className="meta">invited to this session</span>
        </p>
      )}
      {cancelled && (
        <p className="session__change">
          <span className="tag tag--danger">Cancelled</span>
          {occurrence.changeReason && <span> {occurrence.changeReason}</span>}
        </p>
      )}
      {!cancelled && occurrence.moved && (
        <p className="session__change">
          <span className="tag">Moved</span>
          {occurrence.changeReason && <span> {occurrence.changeReason}</span>}
        </p>
      )}
      <JoinControl occurrence={occurrence} now={now} timeZone={timeZone} />
    </div>
  );
}
