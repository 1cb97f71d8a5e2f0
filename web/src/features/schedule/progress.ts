/** A participant's hours against the program's targets (docs/api.md, WeekProgress). */
import { DecodeError, type HttpClient } from '../../base/http/client';
import { array, boolean, integer, object, string } from '../../base/http/decode';
import { formatMinutes } from '../../base/ui/dates';
import { decodeTargets, type Targets } from '../programs/program';

export interface WeekProgress {
  program: { id: string; name: string };
  weekStart: string;
  targets: Targets;
  attendedMinutes: number;
  /** Seven entries, Monday first, in the program's time zone. */
  minutesByDay: number[];
  daysMeetingMinimum: number;
  meetsWeeklyTarget: boolean;
  meetsDaysTarget: boolean;
  minutesShort: number;
  daysShort: number;
  scheduledMinutesLeft: number;
}

export function decodeWeekProgress(value: unknown, where: string): WeekProgress {
  const record = object(value, where);
  const program = object(record.program, `${where}.program`);
  return {
    program: { id: string(program, 'id', `${where}.program`), name: string(program, 'name', `${where}.program`) },
    weekStart: string(record, 'week_start', where),
    targets: decodeTargets(record.targets, `${where}.targets`),
    attendedMinutes: integer(record, 'attended_minutes', where),
    minutesByDay: array(record, 'minutes_by_day', where, (item, at) => {
      if (typeof item !== 'number' || !Number.isInteger(item)) throw new DecodeError(`${at}: expected an integer`);
      return item;
    }),
    daysMeetingMinimum: integer(record, 'days_meeting_minimum', where),
    meetsWeeklyTarget: boolean(record, 'meets_weekly_target', where),
    meetsDaysTarget: boolean(record, 'meets_days_target', where),
    minutesShort: integer(record, 'minutes_short', where),
    daysShort: integer(record, 'days_short', where),
    scheduledMinutesLeft: integer(record, 'scheduled_minutes_left', where),
  };
}

export function fetchProgress(client: HttpClient, week: string, signal?: AbortSignal): Promise<WeekProgress[]> {
  return client.getJson(
    `/api/v1/me/progress?week=${encodeURIComponent(week)}`,
    (json) => array(object(json, 'body'), 'weeks', 'body', decodeWeekProgress),
    signal,
  );
}

/** "4 h 30 min of 9 h this week — 2 of 3 days at 3 h". */
export function progressSummary(progress: WeekProgress): string {
  const { targets } = progress;
  return (
    `${formatMinutes(progress.attendedMinutes)} of ${formatMinutes(targets.weeklyMinutes)} this week — ` +
    `${Math.min(progress.daysMeetingMinimum, targets.daysPerWeek)} of ${targets.daysPerWeek} ` +
    `${targets.daysPerWeek === 1 ? 'day' : 'days'} at ${formatMinutes(targets.dailyMinimumMinutes)}`
  );
}

/**
 * A word of encouragement that stays true: praise when the goals are met, what is still
 * possible from the sessions left on the schedule, and otherwise no blame.
 */
export function progressEncouragement(progress: WeekProgress): string {
  if (progress.meetsWeeklyTarget && progress.meetsDaysTarget) {
    return 'You have reached this week’s goals. Well done.';
  }
  if (progress.scheduledMinutesLeft > 0 && progress.scheduledMinutesLeft >= progress.minutesShort) {
    return `${formatMinutes(progress.minutesShort)} to go, and ${formatMinutes(progress.scheduledMinutesLeft)} of sessions are still on your schedule this week. You can get there.`;
  }
  if (progress.attendedMinutes > 0) {
    return 'Every session you join counts. If this week is hard to fit in, talk with your care team about what would help.';
  }
  return 'Your sessions for the week will show here as you join them. Your care team can help if the times are hard for you.';
}

/** Whether a day's minutes reach the daily minimum (whole minutes, as the server counts). */
export function meetsMinimum(minutes: number, targets: Targets): boolean {
  return minutes >= targets.dailyMinimumMinutes && minutes > 0;
}
