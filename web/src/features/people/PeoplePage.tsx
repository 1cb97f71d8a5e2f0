import { useCallback, useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { CopyField } from '../../base/ui/CopyField';
import { Dialog } from '../../base/ui/Dialog';
import { CheckboxGroup, SelectField, TextField } from '../../base/ui/Field';
import { FormAlert, StatusMessage } from '../../base/ui/FormAlert';
import { formatDateTime } from '../../base/ui/format';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { InvitesPanel } from '../invites/InvitesPanel';
import { roleLabels, roleList, roles } from '../session/roles';
import { useSignedIn } from '../session/SessionContext';
import {
  deactivatePerson,
  fetchPeople,
  issuePasswordReset,
  reactivatePerson,
  setRoles,
  statusLabel,
  type PeopleFilter,
  type Person,
  type ResetLink,
} from './people';
import { TableWrap } from '../../base/ui/TableWrap';

type Action =
  | { kind: 'deactivate'; person: Person }
  | { kind: 'reactivate'; person: Person }
  | { kind: 'roles'; person: Person }
  | { kind: 'reset'; person: Person }
  | { kind: 'reset-link'; person: Person; reset: ResetLink };

export function PeoplePage() {
  useDocumentTitle('People');
  const client = useHttpClient();
  const [filter, setFilter] = useState<PeopleFilter>({});
  const load = useCallback((signal: AbortSignal) => fetchPeople(client, filter, signal), [client, filter]);
  const { state, retry, reload } = useResource(load);
  const [action, setAction] = useState<Action | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const resultsId = useId();
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  const done = (text: string) => {
    setAction(null);
    setMessage(text);
    reload();
  };

  // After an action the button that opened the dialog may be gone (Deactivate became
  // Reactivate): focus goes to the list's heading, above the status message that says what
  // happened. This runs after the dialog's own focus return.
  useEffect(() => {
    if (message !== null) resultsHeading.current?.focus();
  }, [message]);

  return (
    <div className="page-wide">
      <PageHeading>People</PageHeading>
      <p className="lead">
        Everyone with an account: their roles, whether they can sign in, and their two-factor status.
      </p>
      <SearchForm
        onSearch={(next) => {
          setMessage(null);
          setFilter(next);
        }}
      />
      <section aria-labelledby={resultsId} className="stack">
        <h2 id={resultsId} ref={resultsHeading} tabIndex={-1}>
          Accounts
        </h2>
        {message && <StatusMessage>{message}</StatusMessage>}
        {state.status === 'loading' && <Loading what="people" />}
        {state.status === 'error' && <LoadError what="the people" error={state.error} onRetry={retry} />}
        {state.status === 'ready' && (
          <PeopleTable
            people={state.data}
            onAction={(next) => {
              setMessage(null);
              setAction(next);
            }}
          />
        )}
      </section>
      <InvitesPanel mode="any" />
      {action && (
        <ActionDialog
          key={`${action.kind} ${action.person.id}`}
          action={action}
          onCancel={() => {
            setAction(null);
          }}
          onDone={done}
          onResetLink={(person, reset) => {
            setAction({ kind: 'reset-link', person, reset });
          }}
        />
      )}
    </div>
  );
}

function SearchForm({ onSearch }: { onSearch: (filter: PeopleFilter) => void }) {
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const [status, setStatus] = useState('');
  const headingId = useId();
  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const filter: PeopleFilter = {};
    if (q.trim()) filter.q = q.trim();
    if (role) filter.role = role;
    if (status) filter.status = status;
    onSearch(filter);
  };
  return (
    <form role="search" aria-labelledby={headingId} className="filters" onSubmit={onSubmit}>
      <h2 id={headingId} className="visually-hidden">
        Find people
      </h2>
      <TextField
        label="Name or email contains"
        type="search"
        value={q}
        onChange={(event) => {
          setQ(event.target.value);
        }}
      />
      <SelectField
        label="Role"
        value={role}
        onChange={(event) => {
          setRole(event.target.value);
        }}
      >
        <option value="">Any role</option>
        {roles.map((value) => (
          <option key={value} value={value}>
            {roleLabels[value]}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Status"
        value={status}
        onChange={(event) => {
          setStatus(event.target.value);
        }}
      >
        <option value="">Any status</option>
        <option value="active">Active</option>
        <option value="deactivated">Deactivated</option>
      </SelectField>
      <div className="actions">
        <button type="submit" className="button">
          Search
        </button>
      </div>
    </form>
  );
}

function PeopleTable({ people, onAction }: { people: Person[]; onAction: (action: Action) => void }) {
  const { user } = useSignedIn();
  return (
    <>
      <p role="status">{people.length === 1 ? '1 person' : `${people.length} people`}</p>
      {people.length > 0 && (
        <TableWrap label="People">
          <table className="table">
            <caption className="visually-hidden">People</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email address</th>
                <th scope="col">Roles</th>
                <th scope="col">Status</th>
                <th scope="col">Two-factor</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id}>
                  <th scope="row">
                    <Link to={`/people/${encodeURIComponent(person.id)}`}>{person.displayName}</Link>
                  </th>
                  <td>{person.email}</td>
                  <td>{roleList(person.roles)}</td>
                  <td>
                    <span className={person.status === 'active' ? 'tag' : 'tag tag--off'}>
                      {statusLabel(person.status)}
                    </span>
                  </td>
                  <td>{person.totpEnabled ? 'On' : 'Off'}</td>
                  <td>
                    <div className="row-actions">
                      <button
                        aria-label={`Edit roles of ${person.displayName}`}
                        type="button"
                        className="button button--quiet button--small"
                        onClick={() => {
                          onAction({ kind: 'roles', person });
                        }}
                      >
                        Edit roles
                      </button>
                      {person.id !== user.id &&
                        (person.status === 'active' ? (
                          <button
                            aria-label={`Deactivate ${person.displayName}`}
                            type="button"
                            className="button button--quiet button--small"
                            onClick={() => {
                              onAction({ kind: 'deactivate', person });
                            }}
                          >
                            Deactivate
                          </button>
                        ) : (
                          <button
                            aria-label={`Reactivate ${person.displayName}`}
                            type="button"
                            className="button button--quiet button--small"
                            onClick={() => {
                              onAction({ kind: 'reactivate', person });
                            }}
                          >
                            Reactivate
                          </button>
                        ))}
                      <button
                        aria-label={`Reset link for ${person.displayName}`}
                        type="button"
                        className="button button--quiet button--small"
                        onClick={() => {
                          onAction({ kind: 'reset', person });
                        }}
                      >
                        Reset link
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

function ActionDialog({
  action,
  onCancel,
  onDone,
  onResetLink,
}: {
  action: Action;
  onCancel: () => void;
  onDone: (message: string) => void;
  onResetLink: (person: Person, reset: ResetLink) => void;
}) {
  const client = useHttpClient();
  const { user } = useSignedIn();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[]>(action.person.roles);
  const [rolesError, setRolesError] = useState<string | null>(null);
  const firstRole = useRef<HTMLInputElement>(null);
  const { person } = action;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (cause) {
      setProblem(asApiError(cause).message);
    } finally {
      setBusy(false);
    }
  };

  const cancel = (
    <button type="button" className="button button--quiet" onClick={onCancel}>
      Cancel
    </button>
  );
  const problemAlert = problem && (
    <FormAlert title="That did not work.">
      <p>{problem}</p>
    </FormAlert>
  );

  if (action.kind === 'deactivate' || action.kind === 'reactivate') {
    const deactivate = action.kind === 'deactivate';
    return (
      <Dialog
        role="alertdialog"
        title={deactivate ? `Deactivate ${person.displayName}?` : `Reactivate ${person.displayName}?`}
        onCancel={onCancel}
        description={
          <p>
            {deactivate
              ? `${person.displayName} (${person.email}) will be signed out everywhere at once and cannot sign in until reactivated. Their records are kept.`
              : `${person.displayName} (${person.email}) will be able to sign in again.`}
          </p>
        }
      >
        {problemAlert}
        <div className="actions">
          <button
            type="button"
            className={deactivate ? 'button button--danger' : 'button'}
            disabled={busy}
            onClick={() =>
              void run(async () => {
                if (deactivate) await deactivatePerson(client, person.id);
                else await reactivatePerson(client, person.id);
                onDone(`${person.displayName} has been ${deactivate ? 'deactivated' : 'reactivated'}.`);
              })
            }
          >
            {deactivate ? 'Deactivate' : 'Reactivate'}
          </button>
          {cancel}
        </div>
      </Dialog>
    );
  }

  if (action.kind === 'roles') {
    const self = person.id === user.id;
    const onSave = (event: SyntheticEvent) => {
      event.preventDefault();
      if (chosen.length === 0) {
        setRolesError('Choose at least one role.');
        firstRole.current?.focus();
        return;
      }
      void run(async () => {
        await setRoles(client, person.id, chosen);
        onDone(`The roles of ${person.displayName} have been saved.`);
      });
    };
    return (
      <Dialog title={`Roles of ${person.displayName}`} onCancel={onCancel} description={<p>{person.email}</p>}>
        <form noValidate onSubmit={onSave} className="stack">
          {problemAlert}
          <CheckboxGroup
            legend="Roles"
            options={roles.map((role) => ({
              value: role,
              label: roleLabels[role],
              disabled: self && role === 'admin',
            }))}
            value={chosen}
            onChange={setChosen}
            error={rolesError}
            firstRef={firstRole}
            hint={self ? 'You cannot remove your own administrator role.' : undefined}
          />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              Save roles
            </button>
            {cancel}
          </div>
        </form>
      </Dialog>
    );
  }

  if (action.kind === 'reset') {
    return (
      <Dialog
        role="alertdialog"
        title={`Password reset link for ${person.displayName}?`}
        onCancel={onCancel}
        description={
          <p>
            A link lets {person.displayName} choose a new password. It works once, for 24 hours. Their current password
            keeps working until they use it.
          </p>
        }
      >
        {problemAlert}
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                onResetLink(person, await issuePasswordReset(client, person.id));
              })
            }
          >
            Make reset link
          </button>
          {cancel}
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      title={`Reset link for ${person.displayName}`}
      onCancel={onCancel}
      description={
        <p>
          Give this link to {person.displayName} ({person.email}) yourself. It is shown only now and works once, until{' '}
          {formatDateTime(action.reset.expiresAt, user.timeZone)}.
        </p>
      }
    >
      <CopyField label="Password reset link" value={action.reset.link} />
      <div className="actions">
        <button type="button" className="button" onClick={onCancel}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
