import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { DisplaySettings } from '../settings/DisplaySettings';
import { PasswordSection } from './PasswordSection';
import { ProfileSection } from './ProfileSection';
import { SessionsSection } from './SessionsSection';
import { TwoFactorSection } from './TwoFactorSection';

export function AccountPage() {
  useDocumentTitle('Your account');
  return (
    <>
      <PageHeading>Your account</PageHeading>
      <nav aria-label="On this page" className="toc">
        <ul>
          <li>
            <a href="#profile">Profile</a>
          </li>
          <li>
            <a href="#display">Display</a>
          </li>
          <li>
            <a href="#password">Password</a>
          </li>
          <li>
            <a href="#two-factor">Two-factor authentication</a>
          </li>
          <li>
            <a href="#sessions">Where you are signed in</a>
          </li>
        </ul>
      </nav>
      <div className="sections">
        <ProfileSection />
        <DisplaySettings />
        <PasswordSection />
        <TwoFactorSection />
        <SessionsSection />
      </div>
    </>
  );
}
