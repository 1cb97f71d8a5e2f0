import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { useSession } from './SessionContext';

export const enrollPath = '/two-factor';

/** Where sign-in returns to: the page the person asked for. */
export interface FromState {
  from?: { pathname: string; search: string };
}

/**
 * The signed-in part of the app. Signed out: to /sign-in, remembering the page. While a staff
 * account still has to enrol a second factor, every page leads to the enrolment step.
 */
export function RequireSession() {
  const { state, retry } = useSession();
  const location = useLocation();

  if (state.status === 'loading') return <Loading what="your session" />;
  if (state.status === 'unavailable') {
    return <LoadError what="your session" error={state.error} onRetry={retry} />;
  }
  if (state.status === 'signed-out') {
    if (state.byPerson) return <Navigate to="/sign-in" replace />;
    const from: FromState = { from: { pathname: location.pathname, search: location.search } };
    return <Navigate to="/sign-in" replace state={from} />;
  }
  if (state.info.secondFactor.enrollmentPending && location.pathname !== enrollPath) {
    return <Navigate to={enrollPath} replace />;
  }
  return <Outlet />;
}

/** Pages for some roles only; others see that the page is not for them (the server denies too). */
export function RequireRole({
  allow,
  children,
}: {
  allow: (roles: readonly string[]) => boolean;
  children?: ReactNode;
}) {
  const { state } = useSession();
  if (state.status !== 'signed-in') return null;
  if (!allow(state.info.user.roles)) return <NotForYou />;
  return children ?? <Outlet />;
}

function NotForYou() {
  useDocumentTitle('Not available');
  return (
    <>
      <PageHeading>Not available to your account</PageHeading>
      <p className="lead">
        This page is for other roles in the care team. If you think you need it, ask an administrator.
      </p>
    </>
  );
}
