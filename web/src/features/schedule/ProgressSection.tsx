import { useCallback, useId } from 'react';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { addDays, formatDayShort, formatMinutes, spokenMinutes } from '../../base/ui/dates';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { fetchProgress, meetsMinimum, progressEncouragement, progressSummary, type WeekProgress } from './progress';

/** The participant's hours for the week shown, per program they are active in. */
export function ProgressSection({ week }: { week: string }) {
  const client = useHttpClient();
  const load = useCallback((signal: AbortSignal) => fetchProgress(client, week, signal), [client, week]);
  const { state, retry } = useResource(load);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="stack">
      <h2 id={headingId}>My progress</h2>
      {state.status === 'loading' && <Loading what="your progress" />}
      {state.status === 'error' && <LoadError what="your progress" error={state.error} onRetry={retry} />}
      {state.status === 'ready' &&
        (state.data.length === 0 ? (
          <p>Your progress shows here while you are in a program.</p>
        ) : (
          state.data.map((progress) => (
            <ProgramProgress key={progress.program.id} progress={progress} showName={state.data.length > 1} />
          ))
        ))}
    </section>
  );
}

function ProgramProgress({ progress, showName }: { progress: WeekProgress; showName: boolean }) {
  const headingId = useId();
  const { targets } = progress;
  // The bar's full width is the larger of the day's minimum and the longest day, so a long day
  // does not overflow and the minimum mark stays meaningful.
  const scale = Math.max(targets.dailyMinimumMinutes, ...progress.minutesByDay, 1);
  return (
    <article className="card progress" aria-labelledby={headingId}>
      <h3 id={headingId} className={showName ? undefined : 'visually-hidden'}>
        {progress.program.name}
      </h3>
      <p className="progress__summary">{progressSummary(progress)}</p>
      <p>{progressEncouragement(progress)}</p>
      <h4>Day by day</h4>
      <ul className="day-bars">
        {progress.minutesByDay.map((minutes, index) => {
          const date = addDays(progress.weekStart, index);
          const met = meetsMinimum(minutes, targets);
          return (
            <li key={date} className="day-bars__row">
              <span className="day-bars__day">{formatDayShort(date)}</span>
              <span className="day-bars__track" aria-hidden="true">
                <span
                  className={met ? 'day-bars__bar day-bars__bar--met' : 'day-bars__bar'}
                  style={{ width: `${Math.round((minutes / scale) * 100)}%` }}
                />
              </span>
              <span className="day-bars__value">
                <span aria-hidden="true">{formatMinutes(minutes)}</span>
                <span className="visually-hidden">{spokenMinutes(minutes)}</span>
                {met && <span className="day-bars__met"> — reached the {formatMinutes(targets.dailyMinimumMinutes)} minimum</span>}
              </span>
            </li>
          );
        })}
      </ul>
    </article>
  );
}
