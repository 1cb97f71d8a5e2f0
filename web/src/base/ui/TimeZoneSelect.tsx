import { useMemo, type ReactNode } from 'react';
import { SelectField } from './Field';
import { timeZones } from './format';

/** Time zone choice: every IANA zone, the current value always among them. */
export function TimeZoneSelect({
  value,
  onChange,
  error,
  label = 'Time zone',
  hint = 'Session times are shown in this time zone.',
}: {
  value: string;
  onChange: (zone: string) => void;
  error?: string | null | undefined;
  label?: string;
  hint?: ReactNode;
}) {
  const zones = useMemo(() => timeZones(value), [value]);
  return (
    <SelectField
      label={label}
      hint={hint}
      value={value}
      error={error}
      onChange={(event) => {
        onChange(event.target.value);
      }}
    >
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replace(/_/g, ' ')}
        </option>
      ))}
    </SelectField>
  );
}
