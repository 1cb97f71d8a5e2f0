import { useCallback, useRef, useState, type SyntheticEvent } from 'react';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useOutcome } from '../../base/ui/useOutcome';
import { useResource } from '../../base/http/useResource';
import { Dialog } from '../../base/ui/Dialog';
import { SelectField } from '../../base/ui/Field';
import { FormAlert, StatusMessage } from '../../base/ui/FormAlert';
import { Loading } from '../../base/ui/Loading';
import { LoadError } from '../../base/ui/LoadError';
import { fetchPeople } from '../people/people';
import { roleList } from '../session/roles';
import { addStaff, removeStaff, type ProgramDetail, type StaffMember } from './program';

const staffRoles = ['clinician', 'peer_specialist', 'admin'];

/** The program's staff; admins add and remove them. */
export function ProgramStaffSection({
  program,
  editable,
  onChanged,
}: {
  program: ProgramDetail;
  editable: boolean;
  onChanged: () => void;
}) {
  const client = useHttpClient();
  const { heading, alert, message, problem, say, clear } = useOutcome();
  const [removing, setRemoving] = useState<StaffMember | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    clear();
    try {
      say({ message: await work() });
      onChanged();
    } catch (cause) {
      say({ problem: asApiError(cause).message });
    } finally {
      setBusy(false);
      setRemoving(null);
    }
  };

  const staff = [...program.staff].sort((a, b) => a.displayName.localeCompare(b.displayName));

  return (
    <section aria-labelledby="program-staff" className="stack">
      <h2 id="program-staff" ref={heading} tabIndex={-1}>
        Staff
      </h2>
      {message && <StatusMessage>{message}</StatusMessage>}
      {problem && (
        <FormAlert ref={alert} title="That did not work.">
          <p>{problem}</p>
        </FormAlert>
      )}
      {staff.length === 0 ? (
        <p>No staff yet.</p>
      ) : (
        <ul className="plain-list">
          {staff.map((member) => (
            <li key={member.id} className="plain-list__row">
              <span>
                <strong>{member.displayName}</strong>
                {member.pronouns && <span className="meta"> ({member.pronouns})</span>} — {roleList(member.roles)}
              </span>
              {editable && (
                <button
                  type="button"
                  className="button button--quiet button--small"
                  disabled={busy}
                  aria-label={`Remove ${member.displayName} from the staff`}
                  onClick={() => {
                    setRemoving(member);
                  }}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <AddStaffForm
          program={program}
          busy={busy}
          onAdd={(id, name) =>
            void run(async () => {
              await addStaff(client, program.id, id);
              return `${name} is now on the staff of ${program.name}.`;
            })
          }
        />
      )}
      {removing && (
        <Dialog
          role="alertdialog"
          title={`Remove ${removing.displayName} from the staff?`}
          onCancel={() => {
            setRemoving(null);
          }}
          description={
            <p>
              They stop seeing the program’s participants. Someone who still facilitates an active group must be replaced
              there first.
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
                  await removeStaff(client, program.id, removing.id);
                  return `${removing.displayName} is no longer on the staff.`;
                })
              }
            >
              Remove
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setRemoving(null);
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

function AddStaffForm({
  program,
  busy,
  onAdd,
}: {
  program: ProgramDetail;
  busy: boolean;
  onAdd: (id: string, name: string) => void;
}) {
  const client = useHttpClient();
  const load = useCallback((signal: AbortSignal) => fetchPeople(client, { status: 'active' }, signal), [client]);
  const { state, retry } = useResource(load);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | null>(null);
  const select = useRef<HTMLSelectElement>(null);

  if (state.status === 'loading') return <Loading what="people who can join the staff" />;
  if (state.status === 'error') return <LoadError what="the people" error={state.error} onRetry={retry} />;
  const choices = state.data
    .filter(
      (person) =>
        person.roles.some((role) => staffRoles.includes(role)) &&
        !program.staff.some((member) => member.id === person.id),
    )
    .sort((a, b) => a.displayName.localeCompare(b.displayName));

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const person = choices.find((candidate) => candidate.id === chosen);
    if (!person) {
      setError('Choose someone to add.');
      select.current?.focus();
      return;
    }
    setError(null);
    setChosen('');
    onAdd(person.id, person.displayName);
  };

  return (
    <form className="form" noValidate aria-label="Add to the staff" onSubmit={onSubmit}>
      {choices.length === 0 ? (
        <p>Everyone with a clinician, peer-specialist or administrator role is on the staff already.</p>
      ) : (
        <>
          <SelectField
            ref={select}
            label="Add to the staff"
            hint="Clinicians, peer specialists and administrators."
            value={chosen}
            error={error}
            onChange={(event) => {
              setChosen(event.target.value);
            }}
          >
            <option value="">Choose a person</option>
            {choices.map((person) => (
              <option key={person.id} value={person.id}>
                {person.displayName} ({roleList(person.roles.filter((role) => staffRoles.includes(role)))})
              </option>
            ))}
          </SelectField>
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              Add
            </button>
          </div>
        </>
      )}
    </form>
  );
}
