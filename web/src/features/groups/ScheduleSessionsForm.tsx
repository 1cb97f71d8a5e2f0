import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { addDays, formatSessionTime, localDate, weekdayCode, weekdayCodes, type WeekdayCode } from '../../base/ui/dates';
import { CheckboxGroup, RadioGroup, TextField } from '../../base/ui/Field';
import { FormAlert, StatusMessage } from '../../base/ui/FormAlert';
import { browserTimeZone } from '../../base/ui/format';
import { TimeZoneSelect } from '../../base/ui/TimeZoneSelect';
import { useFocusFirstError } from '../../base/ui/useFocusFirstError';
import { ClashList } from '../schedule/ClashList';
import { useTimeZone } from '../session/useTimeZone';
import {
  createSeries,
  seriesBody,
  seriesFieldOf,
  type Group,
  type SeriesForm,
  type SeriesFormErrors,
  type SeriesResult,
} from './groups';

const weekdayLabels: Readonly<Record<WeekdayCode, string>> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

function initialForm(group: Group, timeZone: string): SeriesForm {
  const date = addDays(localDate(Date.now(), timeZone), 7);
  return {
    title: group.name,
    date,
    time: '18:00',
    durationMinutes: '90',
    timeZone,
    repeat: 'none',
    weekdays: [weekdayCode(date)],
    intervalWeeks: '1',
    end: 'count',
    until: addDays(date, 8 * 7),
    count: '8',
  };
}

/**
 * Scheduling a session or a weekly series. The first submit asks the server for a preview (the
 * dates it would make, and who would be double-booked); "Create" then stores exactly that. The
 * times are local to the chosen zone, which defaults to the program's (docs/api.md, "Times").
 */
export function ScheduleSessionsForm({
  group,
  defaultTimeZone,
  onCreated,
}: {
  group: Group;
  defaultTimeZone: string;
  onCreated: () => void;
}) {
  const client = useHttpClient();
  const viewerZone = useTimeZone();
  const zone = defaultTimeZone || viewerZone || browserTimeZone();
  const headingId = useId();
  const [form, setForm] = useState<SeriesForm>(() => initialForm(group, zone));
  const [errors, setErrors] = useState<SeriesFormErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [preview, setPreview] = useState<SeriesResult | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [formRef, focusError] = useFocusFirstError<HTMLFormElement>();
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (preview) previewHeading.current?.focus();
  }, [preview]);
  useEffect(() => {
    if (created) heading.current?.focus();
  }, [created]);

  // Any change after a preview makes it stale: the next submit previews again.
  const change = (next: SeriesForm) => {
    setForm(next);
    setPreview(null);
    setCreated(null);
  };
  const set = <K extends keyof SeriesForm>(key: K, value: SeriesForm[K]) => {
    change({ ...form, [key]: value });
  };

  const submit = async (asPreview: boolean) => {
    setProblem(null);
    setCreated(null);
    const { body, errors: found } = seriesBody(form, asPreview);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusError();
      return;
    }
    setBusy(true);
    try {
      const result = await createSeries(client, group.id, body);
      if (asPreview) {
        setPreview(result);
      } else {
        setPreview(null);
        const count = result.occurrences.length;
        setCreated(count === 1 ? '1 session is scheduled.' : `${count} sessions are scheduled.`);
        onCreated();
      }
    } catch (cause) {
      const failure = asApiError(cause);
      const field = failure.field === undefined ? undefined : seriesFieldOf[failure.field];
      if (field) setErrors({ [field]: failure.message });
      else setProblem(failure.message);
      focusError();
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    void submit(preview === null);
  };

  return (
    <section aria-labelledby={headingId} className="stack">
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        Schedule sessions
      </h2>
      {created && <StatusMessage>{created} Members see them on their schedules.</StatusMessage>}
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        {problem && (
          <FormAlert title="Nothing was scheduled.">
            <p>{problem}</p>
          </FormAlert>
        )}
        <TextField
          label="Title"
          value={form.title}
          error={errors.title}
          onChange={(event) => {
            set('title', event.target.value);
          }}
        />
        <TextField
          label="Date of the first session"
          type="date"
          value={form.date}
          error={errors.date}
          onChange={(event) => {
            const date = event.target.value;
            // A weekly series starting on another weekday usually meets on that day.
            const weekdays =
              form.repeat === 'none' || form.weekdays.length <= 1 ? [weekdayCode(date)] : form.weekdays;
            change({ ...form, date, weekdays });
          }}
        />
        <TextField
          label="Start time"
          type="time"
          hint="In the time zone below."
          value={form.time}
          error={errors.time}
          onChange={(event) => {
            set('time', event.target.value);
          }}
        />
        <TextField
          label="Length in minutes"
          inputMode="numeric"
          value={form.durationMinutes}
          error={errors.durationMinutes}
          onChange={(event) => {
            set('durationMinutes', event.target.value);
          }}
        />
        <TimeZoneSelect
          value={form.timeZone}
          error={errors.timeZone}
          hint="The session stays at the same local time in this zone, also across daylight-saving changes."
          onChange={(value) => {
            set('timeZone', value);
          }}
        />
        <RadioGroup
          legend="Repeat"
          name="repeat"
          options={[
            { value: 'none', label: 'Does not repeat' },
            { value: 'weekly', label: 'Weekly' },
          ]}
          value={form.repeat}
          onChange={(value) => {
            set('repeat', value === 'weekly' ? 'weekly' : 'none');
          }}
        />
        {form.repeat === 'weekly' && (
          <>
            <CheckboxGroup
              legend="On these days"
              options={weekdayCodes.map((code) => ({ value: code, label: weekdayLabels[code] }))}
              value={form.weekdays}
              error={errors.weekdays}
              onChange={(value) => {
                set(
                  'weekdays',
                  weekdayCodes.filter((code) => value.includes(code)),
                );
              }}
            />
            <TextField
              label="Every how many weeks"
              inputMode="numeric"
              hint="1 for every week, 2 for every other week."
              value={form.intervalWeeks}
              error={errors.intervalWeeks}
              onChange={(event) => {
                set('intervalWeeks', event.target.value);
              }}
            />
            <RadioGroup
              legend="Ends"
              name="end"
              options={[
                { value: 'count', label: 'After a number of sessions' },
                { value: 'until', label: 'On a date' },
              ]}
              value={form.end}
              onChange={(value) => {
                set('end', value === 'until' ? 'until' : 'count');
              }}
            />
            {form.end === 'count' ? (
              <TextField
                label="Number of sessions"
                inputMode="numeric"
                value={form.count}
                error={errors.count}
                onChange={(event) => {
                  set('count', event.target.value);
                }}
              />
            ) : (
              <TextField
                label="Date of the last session"
                type="date"
                value={form.until}
                error={errors.until}
                onChange={(event) => {
                  set('until', event.target.value);
                }}
              />
            )}
          </>
        )}
        {preview && (
          <div className="card stack">
            <h3 ref={previewHeading} tabIndex={-1}>
              Preview: {preview.occurrences.length === 1 ? '1 session' : `${preview.occurrences.length} sessions`}
            </h3>
            <p>
              Nothing is scheduled yet. Check the dates (shown in your time zone, {viewerZone.replace(/_/g, ' ')}), then
              create them.
            </p>
            <ClashList clashes={preview.clashes} timeZone={viewerZone} />
            <ol className="preview-list">
              {preview.occurrences.map((occurrence) => (
                <li key={`${occurrence.id} ${occurrence.startsAt}`}>
                  {formatSessionTime(occurrence.startsAt, occurrence.endsAt, viewerZone)}
                </li>
              ))}
            </ol>
          </div>
        )}
        <div className="actions">
          {preview ? (
            <>
              <button type="submit" className="button" disabled={busy}>
                Create {preview.occurrences.length === 1 ? '1 session' : `${preview.occurrences.length} sessions`}
              </button>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => {
                  setPreview(null);
                  formRef.current?.querySelector<HTMLInputElement>('input')?.focus();
                }}
              >
                Change
              </button>
            </>
          ) : (
            <button type="submit" className="button" disabled={busy}>
              Preview
            </button>
          )}
        </div>
      </form>
      {created && (
        <p>
          <Link to="/schedule">See your schedule</Link>
        </p>
      )}
    </section>
  );
}
