import { useCallback, useId } from 'react';
import { Link } from 'react-router';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { formatCalendarDate } from '../../base/ui/dates';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { placeText, type Group } from '../groups/groups';
import { nameWithPronouns } from '../people/people';
import { fetchMyPrograms, type MyEnrollment } from './myPrograms';
import { enrollmentStatusLabel } from './program';
import { groupKindLabel } from './programs';

/** The participant's program(s): status, dates, their care team, and their groups. */
export function MyProgramPage() {
  useDocumentTitle('My program');
  const client = useHttpClient();
  const load = useCallback((signal: AbortSignal) => fetchMyPrograms(client, signal), [client]);
  const { state, retry } = useResource(load);
  const groupsId = useId();

  return (
    <>
      <PageHeading>My program</PageHeading>
      {state.status === 'loading' && <Loading what="your program" />}
      {state.status === 'error' && <LoadError what="your program" error={state.error} onRetry={retry} />}
      {state.status === 'ready' && (
        <>
          {state.data.enrollments.length === 0 ? (
            <p className="lead">You are not enrolled in a program yet. Your care team will add you.</p>
          ) : (
            state.data.enrollments.map((enrollment) => (
              <ProgramCard key={enrollment.program.id} enrollment={enrollment} />
            ))
          )}
          <section aria-labelledby={groupsId} className="stack">
            <h2 id={groupsId}>My groups</h2>
            {state.data.groups.length === 0 ? (
              <p>
                You are not in any group yet. <Link to="/groups">Find a peer group or workshop</Link>.
              </p>
            ) : (
              <ul className="group-list">
                {state.data.groups.map((group) => (
                  <GroupItem key={group.id} group={group} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
}

function ProgramCard({ enrollment }: { enrollment: MyEnrollment }) {
  const headingId = useId();
  return (
    <article className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{enrollment.program.name}</h2>
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>{enrollment.status === 'discharged' ? 'Completed (alumni)' : enrollmentStatusLabel(enrollment.status)}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{formatCalendarDate(enrollment.admittedOn)}</dd>
        </div>
        {enrollment.expectedDischargeOn && enrollment.status !== 'discharged' && (
          <div>
            <dt>Expected to finish</dt>
            <dd>{formatCalendarDate(enrollment.expectedDischargeOn)}</dd>
          </div>
        )}
        {enrollment.dischargedOn && (
          <div>
            <dt>Finished</dt>
            <dd>{formatCalendarDate(enrollment.dischargedOn)}</dd>
          </div>
        )}
        {enrollment.program.timeZone && (
          <div>
            <dt>Program time zone</dt>
            <dd>{enrollment.program.timeZone.replace(/_/g, ' ')}</dd>
          </div>
        )}
      </dl>
      <h3>Your care team</h3>
      {enrollment.staff.length === 0 ? (
        <p>Not assigned yet.</p>
      ) : (
        <ul>
          {enrollment.staff.map((person) => (
            <li key={person.id}>{nameWithPronouns(person)}</li>
          ))}
        </ul>
      )}
    </article>
  );
}

function GroupItem({ group }: { group: Group }) {
  return (
    <li className="group">
      <h3 className="group__name">
        <Link to={`/groups/${encodeURIComponent(group.id)}`}>{group.name}</Link>
      </h3>
      <p className="group__facts">
        {groupKindLabel(group.kind)}
        {group.facilitator && ` · with ${group.facilitator.displayName}`}
      </p>
      <p>{placeText(group)}</p>
    </li>
  );
}
