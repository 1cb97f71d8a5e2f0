import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { HttpClient } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { FormAlert, StatusMessage } from '../../base/ui/FormAlert';
import { formatSessionTime } from '../../base/ui/dates';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { GroupChat } from '../chat/ChatPage';
import { nameWithPronouns } from '../people/people';
import { ageBandLabel, fetchProgram, type ProgramDetail } from '../programs/program';
import { groupKindLabel } from '../programs/programs';
import { isAdmin, isStaff } from '../session/roles';
import { useSignedIn } from '../session/SessionContext';
import { useTimeZone } from '../session/useTimeZone';
import { GroupEditForm } from './GroupEditForm';
import { GroupMembers } from './GroupMembers';
import { fetchGroup, fetchGroupOccurrences, placeText, type Group } from './groups';
import { PlaceActions, type PlaceOutcome } from './PlaceActions';
import { ScheduleSessionsForm } from './ScheduleSessionsForm';

/** How far ahead the group page lists sessions (the API answers at most 62 days). */
const upcomingDays = 56;

interface Loaded {
  group: Group;
  /** The program, for those who may read it (staff and admins); null for participants. */
  program: ProgramDetail | null;
}

async function loadGroup(client: HttpClient, id: string, staff: boolean, signal: AbortSignal): Promise<Loaded> {
  const group = await fetchGroup(client, id, signal);
  let program: ProgramDetail | null = null;
  if (staff) {
    try {
      program = await fetchProgram(client, group.programId, signal);
    } catch (cause) {
      if (signal.aborted) throw cause;
      program = null;
    }
  }
  return { group, program };
}

export function GroupPage() {
  const { id = '' } = useParams();
  const client = useHttpClient();
  const { user } = useSignedIn();
  const staff = isStaff(user.roles);
  const load = useCallback((signal: AbortSignal) => loadGroup(client, id, staff, signal), [client, id, staff]);
  const { state, retry, reload } = useResource(load);
  useDocumentTitle(state.status === 'ready' ? state.data.group.name : 'Group');

  // One heading element whatever the state, so the focus the shell gives it after navigation
  // stays on it when the group arrives.
  return (
    <div className="page-wide">
      <PageHeading>{state.status === 'ready' ? state.data.group.name : 'Group'}</PageHeading>
      {state.status === 'loading' && <Loading what="this group" />}
      {state.status === 'error' &&
        (state.error.status === 404 ? (
          <p className="lead">
            There is no such group, or it is not open to you. <Link to="/groups">See the groups you can join</Link>
          </p>
        ) : (
          <LoadError what="this group" error={state.error} onRetry={retry} />
        ))}
      {state.status === 'ready' && (
        <GroupDetails group={state.data.group} program={state.data.program} onChanged={reload} />
      )}
    </div>
  );
}

/**
 * Managers: the facilitators, the program's care team (its clinician staff) and admins
 * (docs/api.md). The server decides; this only chooses which controls to show.
 */
export function canManageGroup(group: Group, program: ProgramDetail | null, userId: string, roles: string[]): boolean {
  if (isAdmin(roles) || group.myPlace === 'facilitator') return true;
  if (group.facilitator?.id === userId || group.coFacilitator?.id === userId) return true;
  if (!roles.includes('clinician') || program === null) return false;
  return program.staff.some((member) => member.id === userId);
}

function GroupDetails({
  group,
  program,
  onChanged,
}: {
  group: Group;
  program: ProgramDetail | null;
  onChanged: () => void;
}) {
  const { user } = useSignedIn();
  const manager = canManageGroup(group, program, user.id, user.roles);
  const participant = user.roles.includes('participant');
  const [outcome, setOutcome] = useState<PlaceOutcome | null>(null);
  const [sessionsVersion, setSessionsVersion] = useState(0);
  const placeId = useId();
  const placeHeading = useRef<HTMLHeadingElement>(null);
  const alert = useRef<HTMLDivElement>(null);
  const place = placeText(group);

  useEffect(() => {
    if (outcome?.problem) alert.current?.focus();
    else if (outcome?.message) placeHeading.current?.focus();
  }, [outcome]);

  const facilitators = [group.facilitator, group.coFacilitator].filter((person) => person !== null);

  return (
    <>
      {group.description && <p className="lead">{group.description}</p>}
      <dl className="facts">
        <div>
          <dt>Kind</dt>
          <dd>{groupKindLabel(group.kind)}</dd>
        </div>
        <div>
          <dt>Program</dt>
          <dd>
            {program && manager ? (
              <Link to={`/programs/${encodeURIComponent(group.programId)}`}>{group.programName || program.name}</Link>
            ) : (
              group.programName || program?.name || '—'
            )}
          </dd>
        </div>
        <div>
          <dt>Facilitators</dt>
          <dd>{facilitators.length === 0 ? 'Not assigned yet' : facilitators.map(nameWithPronouns).join(', ')}</dd>
        </div>
        <div>
          <dt>Seats</dt>
          <dd>
            {group.seatsTaken} of {group.capacity} taken
          </dd>
        </div>
        <div>
          <dt>Waiting list</dt>
          <dd>{group.waiting === 0 ? 'No one waiting' : group.waiting === 1 ? '1 person' : `${group.waiting} people`}</dd>
        </div>
        <div>
          <dt>Joining</dt>
          <dd>{group.membership === 'closed' ? 'By request' : 'Open'}</dd>
        </div>
        <div>
          <dt>For</dt>
          <dd>{ageBandLabel(group.ageBand)}</dd>
        </div>
        {group.tags.length > 0 && (
          <div>
            <dt>Topics</dt>
            <dd>{group.tags.join(', ')}</dd>
          </div>
        )}
        {group.status === 'archived' && (
          <div>
            <dt>Status</dt>
            <dd>Archived</dd>
          </div>
        )}
      </dl>
      {(participant || place) && (
        <section aria-labelledby={placeId} className="stack">
          <h2 id={placeId} ref={placeHeading} tabIndex={-1}>
            My place
          </h2>
          {outcome?.problem && (
            <FormAlert ref={alert} title="That did not work.">
              <p>{outcome.problem}</p>
            </FormAlert>
          )}
          {outcome?.message && <StatusMessage>{outcome.message}</StatusMessage>}
          <p>{place ?? 'You are not in this group.'}</p>
          {participant && group.myPlace !== 'facilitator' && (
            <PlaceActions
              group={group}
              onOutcome={(next) => {
                setOutcome(next);
                onChanged();
                setSessionsVersion((n) => n + 1);
              }}
            />
          )}
        </section>
      )}
      <UpcomingSessions key={sessionsVersion} groupId={group.id} />
      <GroupChat groupId={group.id} />
      {manager && (
        <>
          <GroupMembers group={group} program={program} onChanged={onChanged} />
          <ScheduleSessionsForm
            group={group}
            defaultTimeZone={program?.timeZone ?? ''}
            onCreated={() => {
              setSessionsVersion((n) => n + 1);
            }}
          />
          <GroupEditForm group={group} program={program} onSaved={onChanged} />
        </>
      )}
    </>
  );
}

function UpcomingSessions({ groupId }: { groupId: string }) {
  const client = useHttpClient();
  const timeZone = useTimeZone();
  const [range] = useState(() => {
    const from = Date.now() - 3 * 3600_000;
    return { from, to: from + upcomingDays * 86_400_000 };
  });
  const load = useCallback(
    (signal: AbortSignal) => fetchGroupOccurrences(client, groupId, range.from, range.to, signal),
    [client, groupId, range],
  );
  const { state, retry } = useResource(load);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="stack">
      <h2 id={headingId}>Upcoming sessions</h2>
      {state.status === 'loading' && <Loading what="sessions" />}
      {state.status === 'error' && <LoadError what="the sessions" error={state.error} onRetry={retry} />}
      {state.status === 'ready' &&
        (state.data.length === 0 ? (
          <p>No sessions are scheduled in the next {upcomingDays / 7} weeks.</p>
        ) : (
          <ul className="occurrence-list">
            {[...state.data]
              .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
              .map((occurrence) => (
                <li key={occurrence.id}>
                  <Link to={`/sessions/${encodeURIComponent(occurrence.id)}`}>{occurrence.title}</Link>
                  {' — '}
                  {formatSessionTime(occurrence.startsAt, occurrence.endsAt, timeZone)}
                  {occurrence.status === 'cancelled' && <span className="tag tag--danger">Cancelled</span>}
                  {occurrence.status !== 'cancelled' && occurrence.moved && <span className="tag">Moved</span>}
                  {occurrence.changeReason && <span className="meta"> ({occurrence.changeReason})</span>}
                </li>
              ))}
          </ul>
        ))}
    </section>
  );
}
