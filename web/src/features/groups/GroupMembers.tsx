import { useCallback, useId, useRef, useState, type SyntheticEvent } from 'react';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useOutcome } from '../../base/ui/useOutcome';
import { useResource } from '../../base/http/useResource';
import { Dialog } from '../../base/ui/Dialog';
import { SelectField } from '../../base/ui/Field';
import { FormAlert, StatusMessage } from '../../base/ui/FormAlert';
import { formatDateTime } from '../../base/ui/format';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { TableWrap } from '../../base/ui/TableWrap';
import { fetchEnrollments, type ProgramDetail } from '../programs/program';
import { isCareTeam } from '../session/roles';
import { useSignedIn } from '../session/SessionContext';
import { useTimeZone } from '../session/useTimeZone';
import { fetchMembers, putMember, removeMember, type Group, type GroupMember } from './groups';

function stateText(member: GroupMember): string {
  if (member.state === 'member') return 'Member';
  if (member.state === 'waiting') return member.position === null ? 'Waiting' : `Waiting, number ${member.position}`;
  if (member.state === 'requested') return 'Asked to join';
  return member.state;
}

/** Order: members, then the waiting list by position, then requests. */
function ordered(members: GroupMember[]): GroupMember[] {
  const rank = (member: GroupMember) => (member.state === 'member' ? 0 : member.state === 'waiting' ? 1 : 2);
  return [...members].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.position ?? 0) - (b.position ?? 0) ||
      a.person.displayName.localeCompare(b.person.displayName),
  );
}

type Removal = { member: GroupMember; verb: 'remove' | 'decline' | 'unwait' };

/** For the group's managers: who is in, waiting or asking, and assigning participants. */
export function GroupMembers({
  group,
  program,
  onChanged,
}: {
  group: Group;
  program: ProgramDetail | null;
  onChanged: () => void;
}) {
  const client = useHttpClient();
  const timeZone = useTimeZone();
  // Only the care team may list the program's enrollments to choose from (docs/api.md).
  const careTeam = isCareTeam(useSignedIn().user.roles);
  const load = useCallback((signal: AbortSignal) => fetchMembers(client, group.id, signal), [client, group.id]);
  const { state, retry, reload } = useResource(load);
  const headingId = useId();
  const { heading, alert, message, problem, say, clear } = useOutcome();
  const [removal, setRemoval] = useState<Removal | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    clear();
    try {
      say({ message: await work() });
    } catch (cause) {
      say({ problem: asApiError(cause).message });
    } finally {
      setBusy(false);
      setRemoval(null);
      reload();
      onChanged();
    }
  };

  const members = state.status === 'ready' ? ordered(state.data) : [];

  return (
    <section aria-labelledby={headingId} className="stack">
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        Members
      </h2>
      {message && <StatusMessage>{message}</StatusMessage>}
      {problem && (
        <FormAlert ref={alert} title="That did not work.">
          <p>{problem}</p>
        </FormAlert>
      )}
      {state.status === 'loading' && <Loading what="members" />}
      {state.status === 'error' && <LoadError what="the members" error={state.error} onRetry={retry} />}
      {state.status === 'ready' &&
        (members.length === 0 ? (
          <p>No one is in this group yet.</p>
        ) : (
          <TableWrap label="Members">
            <table className="table">
              <caption className="visually-hidden">Members, waiting list and requests</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Place</th>
                  <th scope="col">Since</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {members.map((member) => (
                  <tr key={member.person.id}>
                    <th scope="row">{member.person.displayName}</th>
                    <td>{stateText(member)}</td>
                    <td>{formatDateTime(member.joinedAt ?? member.requestedAt, timeZone)}</td>
                    <td>
                      <div className="row-actions">
                        {member.state === 'requested' && (
                          <button
                            type="button"
                            className="button button--small"
                            disabled={busy}
                            aria-label={`Approve ${member.person.displayName}`}
                            onClick={() =>
                              void run(async () => {
                                await putMember(client, group.id, member.person.id);
                                return `${member.person.displayName} is now a member.`;
                              })
                            }
                          >
                            Approve
                          </button>
                        )}
                        <button
                          type="button"
                          className="button button--quiet button--small"
                          disabled={busy}
                          aria-label={
                            member.state === 'waiting'
                              ? `${removalVerb(member)}: ${member.person.displayName}`
                              : removalPhrase(member)
                          }
                          onClick={() => {
                            setRemoval({
                              member,
                              verb:
                                member.state === 'requested'
                                  ? 'decline'
                                  : member.state === 'waiting'
                                    ? 'unwait'
                                    : 'remove',
                            });
                          }}
                        >
                          {removalVerb(member)}
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ))}
      {program && !careTeam && (
        <p>The program’s care team assigns participants; you can approve requests above.</p>
      )}
      {program && careTeam && (
        <AssignForm
          group={group}
          programId={program.id}
          taken={new Set(state.status === 'ready' ? state.data.map((member) => member.person.id) : [])}
          busy={busy}
          onAssign={(personId, name) =>
            void run(async () => {
              const member = await putMember(client, group.id, personId);
              return member.state === 'member'
                ? `${name} is now a member.`
                : `${name} is on the waiting list${member.position === null ? '' : `, number ${member.position}`}.`;
            })
          }
        />
      )}
      {removal && (
        <Dialog
          role="alertdialog"
          title={`${removalPhrase(removal.member)}?`}
          onCancel={() => {
            setRemoval(null);
          }}
          description={
            <p>
              {removal.verb === 'remove'
                ? `${removal.member.person.displayName} leaves ${group.name}; the seat goes to the first person waiting, who is notified.`
                : removal.verb === 'decline'
                  ? `${removal.member.person.displayName}’s request to join ${group.name} is declined.`
                  : `${removal.member.person.displayName} comes off the waiting list for ${group.name}.`}
            </p>
          }
        >
          <div className="actions">
            <button
              type="button"
              className="button button--danger"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await removeMember(client, group.id, removal.member.person.id);
                  return removal.verb === 'remove'
                    ? `${removal.member.person.displayName} has left the group.`
                    : removal.verb === 'decline'
                      ? `The request from ${removal.member.person.displayName} is declined.`
                      : `${removal.member.person.displayName} is off the waiting list.`;
                })
              }
            >
              {removalVerb(removal.member)}
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setRemoval(null);
              }}
            >
              Cancel
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

function removalVerb(member: GroupMember): string {
  if (member.state === 'requested') return 'Decline';
  if (member.state === 'waiting') return 'Take off waiting list';
  return 'Remove';
}

/** "Remove Avery M.", "Take Avery M. off the waiting list": the button's name and the question. */
function removalPhrase(member: GroupMember): string {
  const name = member.person.displayName;
  if (member.state === 'requested') return `Decline ${name}`;
  if (member.state === 'waiting') return `Take ${name} off the waiting list`;
  return `Remove ${name}`;
}

/** Assigning one of the program's active participants (the care team may list them). */
function AssignForm({
  group,
  programId,
  taken,
  busy,
  onAssign,
}: {
  group: Group;
  programId: string;
  taken: ReadonlySet<string>;
  busy: boolean;
  onAssign: (personId: string, name: string) => void;
}) {
  const client = useHttpClient();
  const load = useCallback((signal: AbortSignal) => fetchEnrollments(client, programId, signal), [client, programId]);
  const { state, retry } = useResource(load);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | null>(null);
  const select = useRef<HTMLSelectElement>(null);
  const headingId = useId();

  if (state.status === 'loading') return <Loading what="the program’s participants" />;
  if (state.status === 'error') return <LoadError what="the program’s participants" error={state.error} onRetry={retry} />;
  const choices = state.data
    .filter((enrollment) => enrollment.status === 'active' && !taken.has(enrollment.participant.id))
    .sort((a, b) => a.participant.displayName.localeCompare(b.participant.displayName));

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const person = choices.find((enrollment) => enrollment.participant.id === chosen);
    if (!person) {
      setError('Choose a participant.');
      select.current?.focus();
      return;
    }
    setError(null);
    setChosen('');
    onAssign(person.participant.id, person.participant.displayName);
  };

  return (
    <form className="form" noValidate aria-labelledby={headingId} onSubmit={onSubmit}>
      <h3 id={headingId}>Assign a participant</h3>
      {choices.length === 0 ? (
        <p>Every active participant of the program is already in {group.name}, waiting or asking.</p>
      ) : (
        <>
          <SelectField
            ref={select}
            label="Participant"
            hint="Active participants of the program. A full group takes no one until a seat is free or its capacity is raised."
            value={chosen}
            error={error}
            onChange={(event) => {
              setChosen(event.target.value);
            }}
          >
            <option value="">Choose a participant</option>
            {choices.map((enrollment) => (
              <option key={enrollment.participant.id} value={enrollment.participant.id}>
                {enrollment.participant.displayName}
              </option>
            ))}
          </SelectField>
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              Assign
            </button>
          </div>
        </>
      )}
    </form>
  );
}
