import { NavLink } from 'react-router';
import { useOpenReportCount } from './ChatReportsContext';

/**
 * The navigation's "Reports" link with the open count as a badge, named "Reports, 2 open"
 * through aria-label as the Safety alerts link is (see SafetyAlertsNavLink for why).
 */
export function ChatReportsNavLink({ className, label }: { className: string; label: string }) {
  const open = useOpenReportCount();
  const counted = open !== null && open > 0;
  return (
    <NavLink to="/chat-reports" end className={className} aria-label={counted ? `${label}, ${open} open` : undefined}>
      {label}
      {counted && (
        <span className="badge" aria-hidden="true">
          {open > 99 ? '99+' : open}
        </span>
      )}
    </NavLink>
  );
}
