import { Navigate } from 'react-router';
import { Loading } from '../../base/ui/Loading';
import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { useSession } from '../session/SessionContext';
import { DisplaySettings } from './DisplaySettings';

/**
 * Text size and contrast before signing in: someone who needs larger text or more contrast must
 * be able to set it on the way to the sign-in form. Signed in, the same settings live on the
 * account page, where they are saved on the account.
 */
export function DisplaySettingsPage() {
  useDocumentTitle('Display settings');
  const { state } = useSession();
  if (state.status === 'loading') return <Loading what="your settings" />;
  if (state.status === 'signed-in') return <Navigate to="/account#display" replace />;
  return (
    <>
      <PageHeading>Display settings</PageHeading>
      <DisplaySettings />
    </>
  );
}
