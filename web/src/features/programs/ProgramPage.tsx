import { useCallback } from 'react';
import { Link, useParams } from 'react-router';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { isAdmin, isCareTeam } from '../session/roles';
import { useSignedIn } from '../session/SessionContext';
import { AppointmentSection } from './AppointmentSection';
import { CrisisResourcesSection } from './CrisisResourcesSection';
import { EnrollmentsSection } from './EnrollmentsSection';
import { fetchProgram, type ProgramDetail } from './program';
import { ProgramDetailsSection } from './ProgramDetailsSection';
import { ProgramGroupsSection } from './ProgramGroupsSection';
import { ProgramStaffSection } from './ProgramStaffSection';
import { UnderTargetSection } from './UnderTargetSection';

/** One program for its staff and admins; each section shows only to those the server lets act. */
export function ProgramPage() {
  const { id = '' } = useParams();
  const client = useHttpClient();
  const load = useCallback((signal: AbortSignal) => fetchProgram(client, id, signal), [client, id]);
  const { state, retry, reload } = useResource(load);
  useDocumentTitle(state.status === 'ready' ? state.data.name : 'Program');

  // One heading element whatever the state, so the focus the shell gives it after navigation
  // stays on it when the program arrives.
  return (
    <div className="page-wide">
      <PageHeading>{state.status === 'ready' ? state.data.name : 'Program'}</PageHeading>
      {state.status === 'loading' && <Loading what="this program" />}
      {state.status === 'error' &&
        (state.error.status === 404 ? (
          <p className="lead">
            There is no such program, or it is not open to you. <Link to="/programs">See your programs</Link>
          </p>
        ) : (
          <LoadError what="this program" error={state.error} onRetry={retry} />
        ))}
      {state.status === 'ready' && <ProgramSections program={state.data} onChanged={reload} />}
    </div>
  );
}

function ProgramSections({ program, onChanged }: { program: ProgramDetail; onChanged: () => void }) {
  const { user } = useSignedIn();
  const admin = isAdmin(user.roles);
  const careTeam = isCareTeam(user.roles);
  const clinicianHere =
    user.roles.includes('clinician') && program.staff.some((member) => member.id === user.id);
  return (
    <>
      {program.description && <p className="lead">{program.description}</p>}
      <nav aria-label="On this page" className="toc">
        <ul>
          <li>
            <a href="#program-details">Details</a>
          </li>
          <li>
            <a href="#program-staff">Staff</a>
          </li>
          {careTeam && (
            <li>
              <a href="#program-under-target">Under target</a>
            </li>
          )}
          {careTeam && (
            <li>
              <a href="#program-enrollments">Participants</a>
            </li>
          )}
          <li>
            <a href="#program-groups">Groups</a>
          </li>
          {clinicianHere && (
            <li>
              <a href="#program-appointment">Individual appointment</a>
            </li>
          )}
          {admin && (
            <li>
              <a href="#program-crisis-resources">Crisis resources</a>
            </li>
          )}
        </ul>
      </nav>
      <div className="sections">
        <ProgramDetailsSection program={program} editable={admin} onSaved={onChanged} />
        <ProgramStaffSection program={program} editable={admin} onChanged={onChanged} />
        {careTeam && <UnderTargetSection program={program} />}
        {careTeam && <EnrollmentsSection program={program} />}
        <ProgramGroupsSection program={program} canCreate={careTeam} />
        {clinicianHere && <AppointmentSection program={program} />}
        {admin && <CrisisResourcesSection program={program} />}
      </div>
    </>
  );
}
