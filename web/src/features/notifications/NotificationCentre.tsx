import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { NotificationList } from './NotificationList';
import { notificationsLabel } from './notifications';
import { useNotifications } from './NotificationsContext';

/** How many the header's panel shows; the page shows more. */
const panelLimit = 10;

/**
 * The header's notification button with the unread count, opening a panel of the latest
 * notifications (a disclosure, not a modal: WAI-ARIA APG "Disclosure"). Escape closes it and
 * returns focus to the button; so does following a link in it.
 */
export function NotificationCentre() {
  const { unread } = useNotifications();
  const { pathname } = useLocation();
  // Open on the page where it was opened; another page closes it (it has done its job).
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const panelId = useId();
  const headingId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open]);

  const close = () => {
    setOpenOn(null);
    button.current?.focus();
  };

  return (
    <div className="notification-centre">
      <button
        ref={button}
        type="button"
        className="button button--quiet notification-centre__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={notificationsLabel(unread)}
        onClick={() => {
          setOpenOn(open ? null : pathname);
        }}
      >
        <svg className="notification-centre__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
        </svg>
        <span>Notifications</span>
        {unread !== null && unread > 0 && <span className="badge">{unread}</span>}
      </button>
      {open && (
        // The panel is a labelled region; Escape anywhere in it closes it.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- Escape handling for the disclosure
        <section
          id={panelId}
          className="notification-panel"
          aria-labelledby={headingId}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              close();
            }
          }}
        >
          <h2 id={headingId} ref={heading} tabIndex={-1} className="notification-panel__title">
            Notifications
          </h2>
          <NotificationList limit={panelLimit} onNavigate={close} />
          <div className="actions">
            <Link to="/notifications" onClick={close}>
              All notifications
            </Link>
            <button type="button" className="button button--quiet button--small" onClick={close}>
              Close
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
