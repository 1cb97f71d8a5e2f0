import { Navigate, useNavigate } from 'react-router';
import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { useSession, useSignedIn } from '../session/SessionContext';
import { TotpEnrollment } from './TotpEnrollment';

/**
 * The enrolment step every page leads to while a staff account has no second factor yet
 * (SessionInfo.second_factor.enrollment_pending).
 */
export function EnrollTwoFactorPage() {
  useDocumentTitle('Set up two-factor authentication');
  const info = useSignedIn();
  const { refresh } = useSession();
  const navigate = useNavigate();

  if (!info.secondFactor.enrollmentPending && !info.secondFactor.enrolled) {
    return <Navigate to="/account#two-factor" replace />;
  }

  const onDone = async () => {
    await refresh();
    await navigate('/', { replace: true });
  };

  return (
    <>
      <PageHeading>Set up two-factor authentication</PageHeading>
      {info.secondFactor.enrollmentPending ? (
        <>
          <p className="lead">
            Staff accounts need a second factor before they can open anything else in Hearth, because they can see other
            people&apos;s health information.
          </p>
          <p>
            After your password, Hearth will ask for a code from an app on your phone. This takes about two minutes.
          </p>
          <h2>Your authenticator app</h2>
          <TotpEnrollment onDone={() => void onDone()} />
        </>
      ) : (
        <p className="lead">Two-factor authentication is already on for your account.</p>
      )}
    </>
  );
}
