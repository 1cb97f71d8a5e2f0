import { useCallback, useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { FormAlert, StatusMessage } from '../../base/ui/FormAlert';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { TableWrap } from '../../base/ui/TableWrap';
import { useFocusFirstError } from '../../base/ui/useFocusFirstError';
import { GroupFields } from '../groups/GroupFields';
import {
  createGroup,
  fetchProgramGroups,
  groupBody,
  groupFieldOf,
  type GroupForm,
  type GroupFormErrors,
} from '../groups/groups';
import type { ProgramDetail } from './program';
import { groupKindLabel } from './programs';

const emptyGroup: GroupForm = {
  name: '',
  description: '',
  kind: '',
  capacity: '',
  membership: 'open',
  tags: '',
  ageBand: '',
  facilitatorId: '',
  coFacilitatorId: '',
};

/** The program's groups, with links to each group's page; the care team creates groups. */
export function ProgramGroupsSection({ program, canCreate }: { program: ProgramDetail; canCreate: boolean }) {
  const client = useHttpClient();
  const load = useCallback((signal: AbortSignal) => fetchProgramGroups(client, program.id, signal), [client, program.id]);
  const { state, retry, reload } = useResource(load);
  const [created, setCreated] = useState<{ id: string; name: string } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (created) heading.current?.focus();
  }, [created]);

  return (
    <section aria-labelledby="program-groups" className="stack">
      <h2 id="program-groups" ref={heading} tabIndex={-1}>
        Groups
      </h2>
      {created && (
        <StatusMessage>
          {created.name} is created. <Link to={`/groups/${encodeURIComponent(created.id)}`}>Open it</Link> to assign
          participants and schedule its sessions.
        </StatusMessage>
      )}
      {state.status === 'loading' && <Loading what="groups" />}
      {state.status === 'error' && <LoadError what="the groups" error={state.error} onRetry={retry} />}
      {state.status === 'ready' &&
        (state.data.length === 0 ? (
          <p>This program has no groups yet.</p>
        ) : (
          <TableWrap label="Groups of the program">
            <table className="table">
              <caption className="visually-hidden">Groups of the program</caption>
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Seats taken</th>
                  <th scope="col">Waiting</th>
                  <th scope="col">Facilitator</th>
                </tr>
              </thead>
              <tbody>
                {state.data.map((group) => (
                  <tr key={group.id}>
                    <th scope="row">
                      <Link to={`/groups/${encodeURIComponent(group.id)}`}>{group.name}</Link>
                      {group.status === 'archived' && <span className="tag tag--off">Archived</span>}
                    </th>
                    <td>{groupKindLabel(group.kind)}</td>
                    <td>
                      {group.seatsTaken} of {group.capacity}
                    </td>
                    <td>{group.waiting}</td>
                    <td>{group.facilitator?.displayName ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ))}
      {canCreate && (
        <CreateGroupForm
          program={program}
          onCreated={(group) => {
            setCreated(group);
            reload();
          }}
        />
      )}
    </section>
  );
}

function CreateGroupForm({
  program,
  onCreated,
}: {
  program: ProgramDetail;
  onCreated: (group: { id: string; name: string }) => void;
}) {
  const client = useHttpClient();
  const headingId = useId();
  const [form, setForm] = useState<GroupForm>(emptyGroup);
  const [errors, setErrors] = useState<GroupFormErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [formRef, focusError] = useFocusFirstError<HTMLFormElement>();

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setProblem(null);
    const { body, errors: found } = groupBody(form, true);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusError();
      return;
    }
    setBusy(true);
    try {
      const group = await createGroup(client, program.id, body);
      setForm(emptyGroup);
      onCreated({ id: group.id, name: group.name });
    } catch (cause) {
      const failure = asApiError(cause);
      const field = failure.field === undefined ? undefined : groupFieldOf[failure.field];
      if (field) setErrors({ [field]: failure.message });
      else setProblem(failure.message);
      focusError();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} className="form" noValidate aria-labelledby={headingId} onSubmit={(event) => void onSubmit(event)}>
      <h3 id={headingId}>Create a group</h3>
      {problem && (
        <FormAlert title="The group was not created.">
          <p>{problem}</p>
        </FormAlert>
      )}
      <GroupFields
        form={form}
        onChange={setForm}
        errors={errors}
        staff={program.staff}
        forCreate
        capacityCap={program.groupCapacityCap}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          Create group
        </button>
      </div>
    </form>
  );
}
