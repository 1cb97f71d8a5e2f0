import { formatDayShort, formatSessionTime, formatTime, localDate } from '../../base/ui/dates';
import type { Clash } from './occurrences';

/**
 * "Avery M. is already attending “Skills” (DBT Skills Workshop), Monday 30 November,
 * 6:00 – 7:00 PM — at the same time as the new session on Mon 30 Nov at 6:30 PM."
 */
export function clashText(clash: Clash, timeZone: string): string {
  const role = clash.as === 'facilitator' ? 'facilitating' : 'attending';
  const when = `${formatDayShort(localDate(clash.newStartsAt, timeZone))} at ${formatTime(clash.newStartsAt, timeZone)}`;
  return (
    `${clash.person.displayName} is already ${role} “${clash.occurrence.title}” (${clash.occurrence.groupName}), ` +
    `${formatSessionTime(clash.occurrence.startsAt, clash.occurrence.endsAt, timeZone)} — ` +
    `at the same time as the new session on ${when}.`
  );
}

/**
 * Clashes are warnings, not refusals (docs/api.md, Clash): the session is scheduled all the same,
 * so this is a notice, not an alert.
 */
export function ClashList({ clashes, timeZone }: { clashes: Clash[]; timeZone: string }) {
  if (clashes.length === 0) return null;
  return (
    <div className="notice notice--demo">
      <p className="notice__title">
        {clashes.length === 1 ? '1 clash' : `${clashes.length} clashes`} with other sessions (a warning: you can still
        go ahead)
      </p>
      <ul>
        {clashes.map((clash) => (
          <li key={`${clash.person.id} ${clash.occurrence.id} ${clash.newStartsAt}`}>{clashText(clash, timeZone)}</li>
        ))}
      </ul>
    </div>
  );
}
