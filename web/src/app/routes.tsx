import { Route, Routes } from 'react-router';
import { AboutPage } from '../features/about/AboutPage';
import { AccountPage } from '../features/account/AccountPage';
import { AuditPage } from '../features/audit/AuditPage';
import { BreakGlassPage } from '../features/break-glass/BreakGlassPage';
import { HomePage } from '../features/home/HomePage';
import { InvitePage } from '../features/invite/InvitePage';
import { PasswordResetPage } from '../features/password-reset/PasswordResetPage';
import { ParticipantsPage } from '../features/people/ParticipantsPage';
import { PeoplePage } from '../features/people/PeoplePage';
import { PersonPage } from '../features/people/PersonPage';
import { DisplaySettingsPage } from '../features/settings/DisplaySettingsPage';
import { RequireRole, RequireSession } from '../features/session/RequireSession';
import { isAdmin, isCareTeam } from '../features/session/roles';
import { SignInPage } from '../features/sign-in/SignInPage';
import { EnrollTwoFactorPage } from '../features/two-factor/EnrollTwoFactorPage';
import { AppShell } from './AppShell';
import { NotFoundPage } from './NotFoundPage';

/**
 * Client-side routes. The server answers index.html for any non-/api path without a file
 * extension, so each of these can be loaded directly. Only /sign-in, /invite, /reset, /about and
 * /settings (display settings) are open without a session; everything else (unknown addresses too) asks for sign-in first.
 */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route path="sign-in" element={<SignInPage />} />
        <Route path="invite" element={<InvitePage />} />
        <Route path="reset" element={<PasswordResetPage />} />
        <Route path="about" element={<AboutPage />} />
        <Route path="settings" element={<DisplaySettingsPage />} />
        <Route element={<RequireSession />}>
          <Route index element={<HomePage />} />
          <Route path="account" element={<AccountPage />} />
          <Route path="two-factor" element={<EnrollTwoFactorPage />} />
          <Route path="people/:id" element={<PersonPage />} />
          <Route element={<RequireRole allow={isCareTeam} />}>
            <Route path="participants" element={<ParticipantsPage />} />
          </Route>
          <Route element={<RequireRole allow={isAdmin} />}>
            <Route path="admin/people" element={<PeoplePage />} />
            <Route path="admin/break-glass" element={<BreakGlassPage />} />
            <Route path="admin/audit" element={<AuditPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
