import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { addDays, formatMinutes, formatTime, formatWeekRange, localDate, mondayOf } from '../../base/ui/dates';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { TableWrap } from '../../base/ui/TableWrap';
import { useLiveRefresh } from '../../base/ui/useLiveRefresh';
import { useNow } from '../../base/ui/useNow';
import { useTimeZone } from '../session/useTimeZone';
import { fetchUnderTarget, type ProgramDetail, type UnderTarget } from './program';

export const underTargetRefreshMs = 15_000;
/** Refreshing pauses after this long without the person touching the page (see useLiveRefresh). */
const pauseAfterMs = 5 * 60_000;

/**
 * Participants short of the weekly target or the days at the daily minimum, most minutes short
 * first, refreshed every 15 s while the page is open and in use, and at once on coming back to it.
 */
export function UnderTargetSection({ program }: { program: ProgramDetail }) {
  const client = useHttpClient();
  const viewerZone = useTimeZone();
  // "This week" moves on at midnight on a page left open.
  const now = useNow(60_000);
  const thisWeek = mondayOf(localDate(now, program.timeZone));
  const [chosen, setWeek] = useState<string | null>(null);
  const week = chosen ?? thisWeek;
  const load = useCallback(
    async (signal: AbortSignal) => ({
      data: await fetchUnderTarget(client, program.id, week, signal),
      at: Date.now(),
    }),
    [client, program.id, week],
  );
  const { state, retry, reload } = useResource(load);
  const { paused } = useLiveRefresh(reload, { intervalMs: underTargetRefreshMs, pauseAfterMs });

  return (
    <section aria-labelledby="program-under-target" className="stack">
      <h2 id="program-under-target">{week === thisWeek ? 'Under target this week' : 'Under target'}</h2>
      <p>
        Week of {formatWeekRange(week)} ({program.timeZone.replace(/_/g, ' ')} time).
      </p>
      <div className="toolbar__group" role="group" aria-label="Change week">
        <button
          type="button"
          className="button button--quiet button--small"
          onClick={() => {
            setWeek(addDays(week, -7));
          }}
        >
          Previous week
        </button>
        <button
          type="button"
          className="button button--quiet button--small"
          onClick={() => {
            setWeek(null);
          }}
        >
          This week
        </button>
        <button
          type="button"
          className="button button--quiet button--small"
          disabled={week >= thisWeek}
          onClick={() => {
            setWeek(addDays(week, 7));
          }}
        >
          Next week
        </button>
      </div>
      {state.status === 'loading' && <Loading what="attendance against targets" />}
      {state.status === 'error' && (
        <LoadError what="attendance against targets" error={state.error} onRetry={retry} />
      )}
      {state.status === 'ready' && (
        <>
          <p className="meta">
            {paused
              ? 'Live updates are paused while you are away from this page; they resume when you come back.'
              : `Updated live, every ${underTargetRefreshMs / 1000} seconds while this page is open.`}{' '}
            Last updated at {formatTime(state.data.at, viewerZone)}.
          </p>
          <UnderTargetTable programName={program.name} result={state.data.data} />
        </>
      )}
    </section>
  );
}

function UnderTargetTable({ programName, result }: { programName: string; result: UnderTarget }) {
  const under = result.participants.filter((row) => !row.meetsWeeklyTarget || !row.meetsDaysTarget);
  const { targets } = result;
  return (
    <>
      <p>
        {under.length === 0
          ? `All ${result.activeParticipants} active participants are on target.`
          : `${under.length} of ${result.activeParticipants} active participants are under target`}
        {under.length > 0 &&
          ` (${formatMinutes(targets.weeklyMinutes)} a week, ${targets.daysPerWeek} days at ${formatMinutes(
            targets.dailyMinimumMinutes,
          )}).`}
      </p>
      {under.length > 0 && (
        <TableWrap label={`Under target, ${programName}`}>
          <table className="table">
            <caption className="visually-hidden">Participants under target, most minutes short first</caption>
            <thead>
              <tr>
                <th scope="col">Participant</th>
                <th scope="col">Attended</th>
                <th scope="col">Days at the minimum</th>
                <th scope="col">Short by</th>
              </tr>
            </thead>
            <tbody>
              {under.map((row) => (
                <tr key={row.person.id}>
                  <th scope="row">
                    <Link to={`/people/${encodeURIComponent(row.person.id)}`}>{row.person.displayName}</Link>
                  </th>
                  <td>{formatMinutes(row.attendedMinutes)}</td>
                  <td>
                    {row.daysMeetingMinimum} of {targets.daysPerWeek}
                  </td>
                  <td>
                    {[
                      row.minutesShort > 0 ? formatMinutes(row.minutesShort) : null,
                      row.daysShort > 0 ? `${row.daysShort} ${row.daysShort === 1 ? 'day' : 'days'}` : null,
                    ]
                      .filter(Boolean)
                      .join(' and ') || '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
