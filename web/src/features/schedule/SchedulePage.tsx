import { useCallback, useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import {
  addDays,
  formatDayLong,
  formatDayShort,
  formatWeekRange,
  groupByDay,
  isDate,
  localDate,
  mondayOf,
  placeInWeek,
  weekBounds,
  weekDates,
} from '../../base/ui/dates';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { PageHeading } from '../../base/ui/PageHeading';
import { TableWrap } from '../../base/ui/TableWrap';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { useNow } from '../../base/ui/useNow';
import { useSignedIn } from '../session/SessionContext';
import { useTimeZone } from '../session/useTimeZone';
import { CalendarFeedSection } from './CalendarFeedSection';
import { fetchSchedule, type Occurrence } from './occurrences';
import { ProgressSection } from './ProgressSection';
import { SessionSummary } from './SessionSummary';

type View = 'week' | 'agenda';

/** The Join buttons open and close with the clock; this often is close enough for a 10-minute window. */
const clockTickMs = 15_000;

/**
 * My schedule: the person's sessions for one week (Monday to Sunday in their own time zone), as
 * a week table or an agenda list; the week and the view are in the address, so Back works and a
 * link can be shared with oneself. Participants also see their progress for that week.
 */
export function SchedulePage() {
  useDocumentTitle('My schedule');
  const client = useHttpClient();
  const { user } = useSignedIn();
  const timeZone = useTimeZone();
  const now = useNow(clockTickMs);
  const [params, setParams] = useSearchParams();
  const today = localDate(now, timeZone);
  const thisMonday = mondayOf(today);
  const asked = params.get('week') ?? '';
  const monday = isDate(asked) ? mondayOf(asked) : thisMonday;
  const view: View = params.get('view') === 'agenda' ? 'agenda' : 'week';
  const load = useCallback(
    (signal: AbortSignal) => {
      const { from, to } = weekBounds(monday, timeZone);
      return fetchSchedule(client, from, to, signal);
    },
    [client, monday, timeZone],
  );
  const { state, retry } = useResource(load);
  const weekHeadingId = useId();
  const range = formatWeekRange(monday);

  const go = (next: { week?: string; view?: View }) => {
    const query = new URLSearchParams(params);
    const week = next.week ?? monday;
    if (week === thisMonday) query.delete('week');
    else query.set('week', week);
    const nextView = next.view ?? view;
    if (nextView === 'week') query.delete('view');
    else query.set('view', nextView);
    setParams(query);
  };

  const count = state.status === 'ready' ? state.data.occurrences.length : null;

  return (
    <div className="page-wide">
      <PageHeading>My schedule</PageHeading>
      <p className="lead">
        Your sessions, in your time zone ({timeZone.replace(/_/g, ' ')}). You can change the time zone on your{' '}
        <Link to="/account">account page</Link>.
      </p>
      <section aria-labelledby={weekHeadingId} className="stack">
        <h2 id={weekHeadingId}>Week of {range}</h2>
        <div className="toolbar">
          <div className="toolbar__group" role="group" aria-label="Change week">
            <button
              type="button"
              className="button button--quiet button--small"
              onClick={() => {
                go({ week: addDays(monday, -7) });
              }}
            >
              Previous week
            </button>
            <button
              type="button"
              className="button button--quiet button--small"
              onClick={() => {
                go({ week: thisMonday });
              }}
            >
              This week
            </button>
            <button
              type="button"
              className="button button--quiet button--small"
              onClick={() => {
                go({ week: addDays(monday, 7) });
              }}
            >
              Next week
            </button>
          </div>
          <div className="toolbar__group" role="group" aria-label="Show as">
            <button
              type="button"
              className="button button--quiet button--small"
              aria-pressed={view === 'week'}
              onClick={() => {
                go({ view: 'week' });
              }}
            >
              Week
            </button>
            <button
              type="button"
              className="button button--quiet button--small"
              aria-pressed={view === 'agenda'}
              onClick={() => {
                go({ view: 'agenda' });
              }}
            >
              Agenda
            </button>
          </div>
        </div>
        <p className="visually-hidden" aria-live="polite" aria-atomic="true">
          {count === null ? '' : `Week of ${range}: ${sessionCount(count)}.`}
        </p>
        {state.status === 'loading' && <Loading what="your schedule" />}
        {state.status === 'error' && <LoadError what="your schedule" error={state.error} onRetry={retry} />}
        {state.status === 'ready' &&
          (view === 'week' ? (
            <WeekTable
              occurrences={state.data.occurrences}
              monday={monday}
              today={today}
              timeZone={timeZone}
              now={now}
              caption={`Your sessions, week of ${range}`}
            />
          ) : (
            <Agenda occurrences={state.data.occurrences} today={today} timeZone={timeZone} now={now} />
          ))}
      </section>
      {user.roles.includes('participant') && <ProgressSection week={monday} />}
      <CalendarFeedSection />
    </div>
  );
}

function sessionCount(count: number): string {
  if (count === 0) return 'no sessions';
  return count === 1 ? '1 session' : `${count} sessions`;
}

/**
 * The week as a table: one column per day with its header, so a screen reader announces the day
 * with each cell's sessions (WCAG 1.3.1), and the grid stays a grid at any text size (it scrolls
 * sideways inside its region rather than squeezing).
 */
function WeekTable({
  occurrences,
  monday,
  today,
  timeZone,
  now,
  caption,
}: {
  occurrences: Occurrence[];
  monday: string;
  today: string;
  timeZone: string;
  now: number;
  caption: string;
}) {
  const days = placeInWeek(occurrences, monday, timeZone);
  const dates = weekDates(monday);
  return (
    <TableWrap label={caption}>
      <table className="table week">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {dates.map((date) => (
              <th key={date} scope="col" className={date === today ? 'week__day week__day--today' : 'week__day'}>
                {formatDayShort(date)}
                {date === today && <span className="week__today"> (today)</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {days.map((items, index) => (
              <td key={dates[index]} className={dates[index] === today ? 'week__cell week__cell--today' : 'week__cell'}>
                {items.length === 0 ? (
                  <p className="meta week__empty">No sessions</p>
                ) : (
                  <ul className="session-list">
                    {items.map((occurrence) => (
                      <li key={occurrence.id}>
                        <SessionSummary occurrence={occurrence} now={now} timeZone={timeZone} />
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </TableWrap>
  );
}

function Agenda({
  occurrences,
  today,
  timeZone,
  now,
}: {
  occurrences: Occurrence[];
  today: string;
  timeZone: string;
  now: number;
}) {
  const days = groupByDay(occurrences, timeZone);
  if (days.length === 0) return <p>No sessions this week.</p>;
  return (
    <div className="agenda">
      {days.map((day) => (
        <section key={day.date} aria-labelledby={`agenda-${day.date}`} className="agenda__day">
          <h3 id={`agenda-${day.date}`}>
            {formatDayLong(day.date)}
            {day.date === today && ' (today)'}
          </h3>
          <ul className="session-list">
            {day.items.map((occurrence) => (
              <li key={occurrence.id}>
                <SessionSummary occurrence={occurrence} now={now} timeZone={timeZone} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
