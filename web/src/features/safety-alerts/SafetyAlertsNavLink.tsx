import { NavLink } from 'react-router';
import { useOpenAlertCount } from './SafetyAlertsContext';

/**
 * The navigation's "Safety alerts" link with the open count as a badge. The count is in the
 * link's name ("Safety alerts, 2 open") through aria-label: browsers put a space around an
 * inline-block badge, so hidden words inside it read unevenly.
 */
export function SafetyAlertsNavLink({ className, label }: { className: string; label: string }) {
  const open = useOpenAlertCount();
  const counted = open !== null && open > 0;
  return (
    <NavLink to="/safety-alerts" end className={className} aria-label={counted ? `${label}, ${open} open` : undefined}>
      {label}
      {counted && (
        <span className="badge badge--alert" aria-hidden="true">
          {open > 99 ? '99+' : open}
        </span>
      )}
    </NavLink>
  );
}
