import { useMemo } from 'react';
import { SelectField } from './Field';
import { timeZones } from './format';

/** Time zone choice: every IANA zone, the current value always among them. */
export function TimeZoneSelect({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (zone: string) => void;
  error?: string | null | undefined;
}) {
  const zones = useMemo(() => timeZones(value), [value]);
  return (
    <SelectField
      label="Time zone"
      hint="Session times are shown in this time zone."
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
