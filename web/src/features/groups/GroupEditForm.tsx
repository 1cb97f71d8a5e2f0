import { useId, useState, type SyntheticEvent } from 'react';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { SelectField } from '../../base/ui/Field';
import { FormAlert, StatusMessage } from '../../base/ui/FormAlert';
import { useFocusFirstError } from '../../base/ui/useFocusFirstError';
import type { ProgramDetail, StaffMember } from '../programs/program';
import { GroupFields } from './GroupFields';
import { formOfGroup, groupBody, groupFieldOf, updateGroup, type Group, type GroupFormErrors } from './groups';

/** Managers edit a group's details (not its kind), and archive or restore it. */
export function GroupEditForm({
  group,
  program,
  onSaved,
}: {
  group: Group;
  program: ProgramDetail | null;
  onSaved: () => void;
}) {
  const client = useHttpClient();
  const headingId = useId();
  const [form, setForm] = useState(() => formOfGroup(group));
  const [status, setStatus] = useState(group.status === 'archived' ? 'archived' : 'active');
  const [errors, setErrors] = useState<GroupFormErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [formRef, focusError] = useFocusFirstError<HTMLFormElement>();

  // The program's staff, plus whoever facilitates now (a former staff member stays listed).
  const staff: StaffMember[] = [...(program?.staff ?? [])];
  for (const person of [group.facilitator, group.coFacilitator]) {
    if (person && !staff.some((member) => member.id === person.id)) staff.push({ ...person, roles: [] });
  }

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setSaved(false);
    setProblem(null);
    const { body, errors: found } = groupBody(form, false);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusError();
      return;
    }
    setBusy(true);
    try {
      await updateGroup(client, group.id, { ...body, status });
      setSaved(true);
      onSaved();
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
    <section aria-labelledby={headingId} className="stack">
      <h2 id={headingId}>Group details</h2>
      <form ref={formRef} className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        {problem && (
          <FormAlert title="The group was not saved.">
            <p>{problem}</p>
          </FormAlert>
        )}
        <GroupFields
          form={form}
          onChange={setForm}
          errors={errors}
          staff={staff}
          forCreate={false}
          capacityCap={program?.groupCapacityCap ?? null}
        />
        <SelectField
          label="Status"
          hint="An archived group leaves the catalogue and schedules no new sessions."
          value={status}
          onChange={(event) => {
            setStatus(event.target.value === 'archived' ? 'archived' : 'active');
          }}
        >
          <option value="active">Active</option>
          <option value="archived">Archived</option>
        </SelectField>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            Save group
          </button>
        </div>
        {saved && <StatusMessage>The group has been saved.</StatusMessage>}
      </form>
    </section>
  );
}
