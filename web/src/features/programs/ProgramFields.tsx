import { SelectField, TextAreaField, TextField } from '../../base/ui/Field';
import { TimeZoneSelect } from '../../base/ui/TimeZoneSelect';
import { defaultTargets, slugify, type ProgramForm, type ProgramFormErrors } from './program';

/** The fields of the create-program and edit-program forms. */
export function ProgramFields({
  form,
  onChange,
  errors,
  forCreate,
}: {
  form: ProgramForm;
  onChange: (form: ProgramForm) => void;
  errors: ProgramFormErrors;
  forCreate: boolean;
}) {
  const set = <K extends keyof ProgramForm>(key: K, value: ProgramForm[K]) => {
    onChange({ ...form, [key]: value });
  };
  const defaults = defaultTargets[form.audience];
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
        <TextField
          label="Short name for addresses"
          optional
          hint={`Lower-case letters, digits and hyphens; it cannot change later. Empty: ${
            slugify(form.name) || 'made from the name'
          }.`}
          spellCheck={false}
          autoCapitalize="none"
          value={form.slug}
          error={errors.slug}
          onChange={(event) => {
            set('slug', event.target.value);
          }}
        />
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
      <TimeZoneSelect
        value={form.timeZone}
        error={errors.timeZone}
        hint="Weeks, days and the default time of new sessions follow this zone."
        onChange={(value) => {
          set('timeZone', value);
        }}
      />
      <SelectField
        label="Audience"
        value={form.audience}
        error={errors.audience}
        onChange={(event) => {
          set('audience', event.target.value === 'adolescent' ? 'adolescent' : 'adult');
        }}
      >
        <option value="adult">Adults</option>
        <option value="adolescent">Adolescents</option>
      </SelectField>
      <fieldset className="fieldset stack">
        <legend className="field__label">Attendance targets</legend>
        <p className="field__hint">
          Empty fields take the defaults for {form.audience === 'adolescent' ? 'adolescents' : 'adults'}:{' '}
          {defaults.weeklyMinutes / 60} hours a week, at least {defaults.dailyMinimumMinutes / 60} hours on{' '}
          {defaults.daysPerWeek} days.
        </p>
        <TextField
          label="Weekly target in hours"
          optional
          inputMode="decimal"
          value={form.weeklyHours}
          error={errors.weeklyHours}
          onChange={(event) => {
            set('weeklyHours', event.target.value);
          }}
        />
        <TextField
          label="Daily minimum in hours"
          optional
          inputMode="decimal"
          value={form.dailyMinimumHours}
          error={errors.dailyMinimumHours}
          onChange={(event) => {
            set('dailyMinimumHours', event.target.value);
          }}
        />
        <TextField
          label="Days a week at the daily minimum"
          optional
          inputMode="numeric"
          value={form.daysPerWeek}
          error={errors.daysPerWeek}
          onChange={(event) => {
            set('daysPerWeek', event.target.value);
          }}
        />
      </fieldset>
      <TextField
        label="Length in weeks"
        optional
        inputMode="numeric"
        value={form.lengthWeeks}
        error={errors.lengthWeeks}
        onChange={(event) => {
          set('lengthWeeks', event.target.value);
        }}
      />
      <TextField
        label="Largest group size"
        optional
        inputMode="numeric"
        hint="No group of the program may have more seats."
        value={form.groupCapacityCap}
        error={errors.groupCapacityCap}
        onChange={(event) => {
          set('groupCapacityCap', event.target.value);
        }}
      />
    </>
  );
}
