import { Route, Routes } from 'react-router';
import { AboutPage } from '../features/about/AboutPage';
import { AccountPage } from '../features/account/AccountPage';
import { AuditPage } from '../features/audit/AuditPage';
import { BreakGlassPage } from '../features/break-glass/BreakGlassPage';
import { ChatReportsPage } from '../features/chat-reports/ChatReportsPage';
import { ChatPage, ChatRoomPage } from '../features/chat/ChatPage';
import { NewConversationPage } from '../features/chat/NewConversationPage';
import { CataloguePage } from '../features/groups/CataloguePage';
import { GroupPage } from '../features/groups/GroupPage';
import { HomePage } from '../features/home/HomePage';
import { InvitePage } from '../features/invite/InvitePage';
import { LivePage } from '../features/live/LivePage';
import { NotificationsPage } from '../features/notifications/NotificationsPage';
import { PasswordResetPage } from '../features/password-reset/PasswordResetPage';
import { ParticipantsPage } from '../features/people/ParticipantsPage';
import { PeoplePage } from '../features/people/PeoplePage';
import { PersonPage } from '../features/people/PersonPage';
import { MyProgramPage } from '../features/programs/MyProgramPage';
import { ProgramPage } from '../features/programs/ProgramPage';
import { ProgramsPage } from '../features/programs/ProgramsPage';
import { SchedulePage } from '../features/schedule/SchedulePage';
import { SessionPage } from '../features/schedule/SessionPage';
import { SafetyAlertsPage } from '../features/safety-alerts/SafetyAlertsPage';
import { DisplaySettingsPage } from '../features/settings/DisplaySettingsPage';
import { RequireRole, RequireSession } from '../features/session/RequireSession';
import { isAdmin, isCareTeam, isStaff } from '../features/session/roles';
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
          <Route path="schedule" element={<SchedulePage />} />
          <Route path="sessions/:id" element={<SessionPage />} />
          <Route path="sessions/:id/live" element={<LivePage />} />
          <Route path="notifications" element={<NotificationsPage />} />
          <Route path="chat" element={<ChatPage />} />
          <Route path="chat/new" element={<NewConversationPage />} />
          <Route path="chat/:id" element={<ChatRoomPage />} />
          <Route path="groups" element={<CataloguePage />} />
          <Route path="groups/:id" element={<GroupPage />} />
          <Route path="my-program" element={<MyProgramPage />} />
          <Route element={<RequireRole allow={isStaff} />}>
            <Route path="programs" element={<ProgramsPage />} />
            <Route path="programs/:id" element={<ProgramPage />} />
          </Route>
          <Route element={<RequireRole allow={isCareTeam} />}>
            <Route path="participants" element={<ParticipantsPage />} />
            <Route path="safety-alerts" element={<SafetyAlertsPage />} />
            <Route path="chat-reports" element={<ChatReportsPage />} />
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
