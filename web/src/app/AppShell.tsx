import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { asApiError } from '../base/http/client';
import { productName } from '../base/ui/useDocumentTitle';
import { UnreadBadge, useTotalUnread } from '../features/chat/ChatPage';
import { MentionAnnouncer, MentionBadge, useTotalMentions } from '../features/chat/MentionNotices';
import { SafetyAlerts } from '../features/chat/SafetyAlerts';
import { ChatReportsNavLink } from '../features/chat-reports/ChatReportsNavLink';
import { ChatReportsProvider } from '../features/chat-reports/ChatReportsContext';
import { SafetyAlertsNavLink } from '../features/safety-alerts/SafetyAlertsNavLink';
import { SafetyAlertsProvider } from '../features/safety-alerts/SafetyAlertsContext';
import { IdleWarning } from '../features/session/IdleWarning';
import { NotificationCentre } from '../features/notifications/NotificationCentre';
import { NotificationsProvider } from '../features/notifications/NotificationsContext';
import { isAdmin, isCareTeam, isParticipant, isStaff } from '../features/session/roles';
import { useSession, type SessionState } from '../features/session/SessionContext';
import type { FromState } from '../features/session/RequireSession';

const mainId = 'main';

interface NavItem {
  to: string;
  label: string;
}

/** The pages this person can use; the server enforces the same rules (docs/api.md). */
export function navigationFor(state: SessionState): NavItem[] {
  if (state.status !== 'signed-in') {
    return [
      { to: '/sign-in', label: 'Sign in' },
      { to: '/about', label: 'About' },
    ];
  }
  if (state.info.secondFactor.enrollmentPending) {
    return [
      { to: '/two-factor', label: 'Two-factor set-up' },
      { to: '/about', label: 'About' },
    ];
  }
  const roles = state.info.user.roles;
  const items: NavItem[] = [
    { to: '/', label: 'Home' },
    { to: '/schedule', label: 'Schedule' },
  ];
  // Chat rooms belong to programs: their participants and staff.
  if (isParticipant(roles) || isStaff(roles)) items.push({ to: '/chat', label: 'Chat' });
  if (isParticipant(roles)) {
    items.push(
      { to: '/groups', label: 'Groups' },
      { to: '/my-program', label: 'My program' },
      { to: '/notifications', label: 'Notifications' },
    );
  }
  if (isStaff(roles)) items.push({ to: '/programs', label: 'Programs' });
  if (isCareTeam(roles)) {
    items.push(
      { to: '/participants', label: 'Participants' },
      { to: '/safety-alerts', label: 'Safety alerts' },
      { to: '/chat-reports', label: 'Reports' },
    );
  }
  if (isAdmin(roles)) {
    items.push(
      { to: '/admin/people', label: 'People' },
      { to: '/admin/break-glass', label: 'Break-glass' },
      { to: '/admin/audit', label: 'Audit' },
    );
  }
  items.push({ to: '/about', label: 'About' });
  return items;
}

/**
 * The frame around every page: skip link, header with the primary navigation, main, footer.
 *
 * After a client-side navigation, focus moves to the new page's h1 and a live region says which
 * page loaded, as a full page load would for a screen reader (the pattern Gatsby adopted after
 * user testing: https://www.gatsbyjs.com/blog/2019-07-11-user-testing-accessible-client-routing/).
 */
export function AppShell() {
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const announcer = useRef<HTMLParagraphElement>(null);
  const previousPath = useRef(pathname);
  const session = useSession();
  const navigation = navigationFor(session.state);
  useFollowSessionEnd(session.endings);

  useEffect(() => {
    if (previousPath.current === pathname) return;
    previousPath.current = pathname;
    // Page effects run before this parent effect, so document.title is already the new page's.
    if (announcer.current) announcer.current.textContent = document.title;
    const heading = main.current?.querySelector<HTMLElement>('h1');
    (heading ?? main.current)?.focus();
  }, [pathname]);

  const skipToMain = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    // focus() also scrolls main into view.
    main.current?.focus();
  };

  const signedIn = session.state.status === 'signed-in' && !session.state.info.secondFactor.enrollmentPending;
  const shell = (
    <div className="shell">
      <a className="skip-link" href={`#${mainId}`} onClick={skipToMain}>
        Skip to main content
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <p className="brand">
            <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <path d="M16 4c3.4 5.6 8 8.4 8 14.6a8 8 0 0 1-16 0c0-3.4 1.7-5.6 3.4-7.3 0 2.8 1.1 4.5 2.8 5.1C13.7 12 13.7 8 16 4z" />
            </svg>
            <span>{productName}</span>
          </p>
          <nav className="site-nav" aria-label="Primary">
            <ul>
              {navigation.map((item) => (
                <li key={item.to}>
                  {item.to === '/safety-alerts' ? (
                    <SafetyAlertsNavLink className="site-nav__link" label={item.label} />
                  ) : item.to === '/chat-reports' ? (
                    <ChatReportsNavLink className="site-nav__link" label={item.label} />
                  ) : (
                    <NavLink to={item.to} end={item.to !== '/chat'} className="site-nav__link">
                      {item.label}
                      {item.to === '/chat' && <ChatUnread />}
                    </NavLink>
                  )}
                </li>
              ))}
            </ul>
          </nav>
          <div className="site-header__tools">
            {signedIn && <NotificationCentre />}
            <UserMenu />
          </div>
        </div>
      </header>
      {session.state.status === 'signed-in' && session.state.info.demo && (
        <p className="demo-strip">This is a demo of Hearth — no real health information.</p>
      )}
      <main id={mainId} ref={main} tabIndex={-1} className="site-main">
        {signedIn && <SafetyAlerts />}
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>
          {productName} — virtual intensive outpatient programs. <Link to="/about">About this system</Link>
        </p>
      </footer>
      <p ref={announcer} className="visually-hidden" aria-live="polite" aria-atomic="true" />
      {signedIn && <MentionAnnouncer />}
      {session.state.status === 'signed-in' && <IdleWarning />}
    </div>
  );
  const careTeamMember =
    signedIn && session.state.status === 'signed-in' && isCareTeam(session.state.info.user.roles)
      ? session.state.info.user.id
      : null;
  return (
    <NotificationsProvider enabled={signedIn}>
      <SafetyAlertsProvider userId={careTeamMember}>
        <ChatReportsProvider userId={careTeamMember}>{shell}</ChatReportsProvider>
      </SafetyAlertsProvider>
    </NotificationsProvider>
  );
}

/**
 * A session that ended without the person asking here (signed out elsewhere, deactivated,
 * timed out) takes any open page, public ones too, to the sign-in page with its notice.
 */
function useFollowSessionEnd(endings: number) {
  const navigate = useNavigate();
  const location = useLocation();
  const seen = useRef(endings);
  useEffect(() => {
    if (endings === seen.current) return;
    seen.current = endings;
    if (location.pathname === '/sign-in') return;
    const from: FromState = { from: { pathname: location.pathname, search: location.search } };
    void navigate('/sign-in', { replace: true, state: from });
  }, [endings, navigate, location]);
}

/** The unread chat messages beside the navigation's Chat link, and how many of them name one. */
function ChatUnread() {
  const unread = useTotalUnread();
  const mentions = useTotalMentions();
  return (
    <>
      {unread > 0 && <UnreadBadge count={unread} />}
      <MentionBadge count={mentions} />
    </>
  );
}

function UserMenu() {
  const { state, signOut } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  if (state.status !== 'signed-in') return null;

  const onSignOut = async () => {
    setError(null);
    try {
      await signOut();
      await navigate('/sign-in', { replace: true });
    } catch (cause) {
      setError(asApiError(cause).message);
    }
  };

  return (
    <div className="user-menu">
      <p className="user-menu__name">
        <span className="visually-hidden">Signed in as </span>
        {state.info.user.displayName}
      </p>
      <NavLink to="/account" className="site-nav__link">
        Account
      </NavLink>
      <button type="button" className="button button--quiet" onClick={() => void onSignOut()}>
        Sign out
      </button>
      {error && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
