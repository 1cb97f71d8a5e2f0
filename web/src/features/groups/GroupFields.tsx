import { SelectField, TextAreaField, TextField } from '../../base/ui/Field';
import { ageBandLabel, ageBands, type StaffMember } from '../programs/program';
import { groupKindLabel } from '../programs/programs';
import { groupKinds, type GroupForm, type GroupFormErrors } from './groups';

/** The fields of the create-group and edit-group forms. */
export function GroupFields({
  form,
  onChange,
  errors,
  staff,
  forCreate,
  capacityCap,
}: {
  form: GroupForm;
  onChange: (form: GroupForm) => void;
  errors: GroupFormErrors;
  staff: StaffMember[];
  forCreate: boolean;
  capacityCap: number | null;
}) {
  const set = <K extends keyof GroupForm>(key: K, value: GroupForm[K]) => {
    onChange({ ...form, [key]: value });
  };
  const people = [...staff].sort((a, b) => a.displayName.localeCompare(b.displayName));
  return (
    <>
      <TextField
        label="Name"
        value={form.name}
        error={errors.name}
        onChange={(event) => {
          set('name', event.target.value);
        }}
      />
      {forCreate && (
        <SelectField
          label="Kind"
          hint="Therapy, individual and medication groups need a clinician as facilitator."
          value={form.kind}
          error={errors.kind}
          onChange={(event) => {
            set('kind', event.target.value);
          }}
        >
          <option value="">Choose a kind</option>
          {groupKinds.map((kind) => (
            <option key={kind} value={kind}>
              {groupKindLabel(kind)}
            </option>
          ))}
        </SelectField>
      )}
      <TextAreaField
        label="Description"
        optional
        value={form.description}
        error={errors.description}
        onChange={(event) => {
          set('description', event.target.value);
        }}
      />
      <TextField
        label="Capacity"
        optional={forCreate}
        inputMode="numeric"
        hint={
          forCreate
            ? `Seats for participants. Empty: 8 for therapy groups, 10 for others, 1 for individual sessions${
                capacityCap === null ? '' : `; at most ${capacityCap}`
              }.`
            : `Seats for participants${capacityCap === null ? '' : `, at most ${capacityCap}`}. New seats go to the waiting list first.`
        }
        value={form.capacity}
        error={errors.capacity}
        onChange={(event) => {
          set('capacity', event.target.value);
        }}
      />
      <SelectField
        label="Joining"
        value={form.membership}
        error={errors.membership}
        onChange={(event) => {
          set('membership', event.target.value === 'closed' ? 'closed' : 'open');
        }}
      >
        <option value="open">Open: participants join themselves</option>
        <option value="closed">Closed: participants ask, managers decide</option>
      </SelectField>
      <TextField
        label="Topics"
        optional
        hint="Tags separated by commas, like grief, LGBTQ+. Participants can filter by them."
        value={form.tags}
        error={errors.tags}
        onChange={(event) => {
          set('tags', event.target.value);
        }}
      />
      <SelectField
        label="Age band"
        value={form.ageBand}
        error={errors.ageBand}
        onChange={(event) => {
          set('ageBand', event.target.value);
        }}
      >
        <option value="">Any age</option>
        {ageBands.map((band) => (
          <option key={band} value={band}>
            {ageBandLabel(band)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Facilitator"
        optional
        value={form.facilitatorId}
        error={errors.facilitatorId}
        onChange={(event) => {
          set('facilitatorId', event.target.value);
        }}
      >
        <option value="">No one yet</option>
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {person.displayName}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Co-facilitator"
        optional
        value={form.coFacilitatorId}
        error={errors.coFacilitatorId}
        onChange={(event) => {
          set('coFacilitatorId', event.target.value);
        }}
      >
        <option value="">No one</option>
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {person.displayName}
          </option>
        ))}
      </SelectField>
    </>
  );
}
