import { useCallback, useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { asApiError, type HttpClient } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { CopyField } from '../../base/ui/CopyField';
import { CheckboxGroup, SelectField, TextField } from '../../base/ui/Field';
import { FormAlert, StatusMessage } from '../../base/ui/FormAlert';
import { formatDateTime } from '../../base/ui/format';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { fetchPerson } from '../people/people';
import { fetchPrograms } from '../programs/programs';
import { isAdmin, roleLabels, roleList, roles } from '../session/roles';
import { useSignedIn } from '../session/SessionContext';
import { createInvite, fetchInvites, revokeInvite, type Invite } from './invites';
import { TableWrap } from '../../base/ui/TableWrap';

interface ProgramChoice {
  id: string;
  name: string;
}

/** Admins choose among all programs; a clinician among the programs they staff. */
async function loadPrograms(
  client: HttpClient,
  userId: string,
  admin: boolean,
  signal: AbortSignal,
): Promise<ProgramChoice[]> {
  if (admin) return (await fetchPrograms(client, signal)).map(({ id, name }) => ({ id, name }));
  const self = await fetchPerson(client, userId, signal);
  return self.programs.filter((program) => program.membership === 'staff').map(({ id, name }) => ({ id, name }));
}

/**
 * Inviting someone and the invitations still open. `participant`: the clinician's form, where
 * the role is fixed and a program is required (the server allows nothing else for them).
 */
export function InvitesPanel({ mode }: { mode: 'any' | 'participant' }) {
  const client = useHttpClient();
  const { user } = useSignedIn();
  const admin = isAdmin(user.roles);
  const headingId = useId();
  const listHeadingId = useId();
  const loadList = useCallback((signal: AbortSignal) => fetchInvites(client, signal), [client]);
  const list = useResource(loadList);
  const loadChoices = useCallback(
    (signal: AbortSignal) => loadPrograms(client, user.id, admin, signal),
    [client, user.id, admin],
  );
  const programs = useResource(loadChoices);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const revoke = async (invite: Invite) => {
    setMessage(null);
    setProblem(null);
    try {
      await revokeInvite(client, invite.id);
      setMessage(`The invitation for ${invite.email} has been withdrawn.`);
      listHeading.current?.focus();
      list.retry();
    } catch (cause) {
      setProblem(asApiError(cause).message);
    }
  };

  const programName = (id: string | null) => {
    if (id === null) return '—';
    if (programs.state.status !== 'ready') return id;
    return programs.state.data.find((program) => program.id === id)?.name ?? id;
  };

  const pending = list.state.status === 'ready' ? list.state.data.filter((invite) => invite.status === 'pending') : [];

  return (
    <>
      <section aria-labelledby={headingId} className="stack">
        <h2 id={headingId}>{mode === 'participant' ? 'Invite a participant' : 'Invite someone'}</h2>
        {programs.state.status === 'loading' && <Loading what="programs" />}
        {programs.state.status === 'error' && (
          <LoadError what="the programs" error={programs.state.error} onRetry={programs.retry} />
        )}
        {programs.state.status === 'ready' && (
          <InviteForm mode={mode} programs={programs.state.data} onCreated={list.retry} />
        )}
      </section>
      <section aria-labelledby={listHeadingId} className="stack">
        <h2 id={listHeadingId} ref={listHeading} tabIndex={-1}>
          Open invitations
        </h2>
        {message && <StatusMessage>{message}</StatusMessage>}
        {problem && (
          <FormAlert title="The invitation was not withdrawn.">
            <p>{problem}</p>
          </FormAlert>
        )}
        {list.state.status === 'loading' && <Loading what="invitations" />}
        {list.state.status === 'error' && (
          <LoadError what="the invitations" error={list.state.error} onRetry={list.retry} />
        )}
        {list.state.status === 'ready' &&
          (pending.length === 0 ? (
            <p>No invitations are waiting to be accepted.</p>
          ) : (
            <TableWrap label="Open invitations">
              <table className="table">
                <caption className="visually-hidden">Open invitations</caption>
                <thead>
                  <tr>
                    <th scope="col">Email address</th>
                    <th scope="col">Roles</th>
                    <th scope="col">Program</th>
                    <th scope="col">Valid until</th>
                    <th scope="col">
                      <span className="visually-hidden">Action</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {pending.map((invite) => (
                    <tr key={invite.id}>
                      <th scope="row">{invite.email}</th>
                      <td>{roleList(invite.roles)}</td>
                      <td>{programName(invite.programId)}</td>
                      <td>{formatDateTime(invite.expiresAt, user.timeZone)}</td>
                      <td>
                        <button
                          aria-label={`Withdraw the invitation for ${invite.email}`}
                          type="button"
                          className="button button--quiet button--small"
                          onClick={() => void revoke(invite)}
                        >
                          Withdraw
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ))}
      </section>
    </>
  );
}

interface Errors {
  email?: string | undefined;
  roles?: string | undefined;
  program?: string | undefined;
}

function InviteForm({
  mode,
  programs,
  onCreated,
}: {
  mode: 'any' | 'participant';
  programs: ProgramChoice[];
  onCreated: () => void;
}) {
  const client = useHttpClient();
  const { user } = useSignedIn();
  const [email, setEmail] = useState('');
  const [chosenRoles, setChosenRoles] = useState<string[]>(mode === 'participant' ? ['participant'] : []);
  const [programId, setProgramId] = useState(
    mode === 'participant' && programs.length === 1 ? (programs[0]?.id ?? '') : '',
  );
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<{ invite: Invite; link: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);
  const firstRole = useRef<HTMLInputElement>(null);
  const programSelect = useRef<HTMLSelectElement>(null);
  const createdHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (created) createdHeading.current?.focus();
  }, [created]);

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setProblem(null);
    const found: Errors = {};
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) found.email = 'Enter an email address, like name@example.org.';
    if (chosenRoles.length === 0) found.roles = 'Choose at least one role.';
    if (mode === 'participant' && programId === '') found.program = 'Choose the program they will join.';
    setErrors(found);
    if (found.email) emailInput.current?.focus();
    else if (found.roles) firstRole.current?.focus();
    else if (found.program) programSelect.current?.focus();
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const result = await createInvite(client, {
        email: email.trim(),
        roles: chosenRoles,
        programId: programId || null,
      });
      setCreated(result);
      setEmail('');
      onCreated();
    } catch (cause) {
      const error = asApiError(cause);
      if (error.field === 'email') {
        setErrors({ email: error.message });
        emailInput.current?.focus();
      } else {
        setProblem(error.message);
      }
    } finally {
      setBusy(false);
    }
  };

  if (programs.length === 0 && mode === 'participant') {
    return <p>You do not staff any program yet, so you cannot invite participants. Ask an administrator.</p>;
  }

  return (
    <>
      {created && (
        <div className="card stack">
          <h3 ref={createdHeading} tabIndex={-1}>
            Invitation created for {created.invite.email}
          </h3>
          <p>
            Send this link to them yourself, for example by email. <strong>It is shown only now</strong> and works once,
            until {formatDateTime(created.invite.expiresAt, user.timeZone)}.
          </p>
          <CopyField label="Invitation link" value={created.link} />
          <div className="actions">
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setCreated(null);
                queueMicrotask(() => emailInput.current?.focus());
              }}
            >
              Invite someone else
            </button>
          </div>
        </div>
      )}
      {!created && (
        <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
          {problem && (
            <FormAlert title="No invitation was created.">
              <p>{problem}</p>
            </FormAlert>
          )}
          <TextField
            ref={emailInput}
            label="Email address"
            type="email"
            autoComplete="off"
            spellCheck={false}
            value={email}
            error={errors.email}
            onChange={(event) => {
              setEmail(event.target.value);
            }}
          />
          {mode === 'any' ? (
            <CheckboxGroup
              legend="Roles"
              options={roles.map((role) => ({ value: role, label: roleLabels[role] }))}
              value={chosenRoles}
              onChange={setChosenRoles}
              error={errors.roles}
              firstRef={firstRole}
              hint="Clinicians, peer specialists and administrators must set up two-factor authentication."
            />
          ) : (
            <p>They will join as a participant.</p>
          )}
          <SelectField
            ref={programSelect}
            label="Program"
            optional={mode === 'any'}
            value={programId}
            error={errors.program}
            onChange={(event) => {
              setProgramId(event.target.value);
            }}
          >
            <option value="">{mode === 'any' ? 'No program' : 'Choose a program'}</option>
            {programs.map((program) => (
              <option key={program.id} value={program.id}>
                {program.name}
              </option>
            ))}
          </SelectField>
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              Create invitation
            </button>
          </div>
        </form>
      )}
    </>
  );
}
