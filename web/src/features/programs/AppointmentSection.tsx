import { useCallback, useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { addDays, formatSessionTime, localDate } from '../../base/ui/dates';
import { SelectField, TextField } from '../../base/ui/Field';
import { FormAlert } from '../../base/ui/FormAlert';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { TimeZoneSelect } from '../../base/ui/TimeZoneSelect';
import { useFocusFirstError } from '../../base/ui/useFocusFirstError';
import {
  appointmentBody,
  appointmentFieldOf,
  createAppointment,
  type AppointmentForm,
  type AppointmentFormErrors,
  type AppointmentResult,
} from '../groups/groups';
import { ClashList } from '../schedule/ClashList';
import { useTimeZone } from '../session/useTimeZone';
import { fetchEnrollments, type ProgramDetail } from './program';

/** A clinician books an individual session or a medication consult with a participant. */
export function AppointmentSection({ program }: { program: ProgramDetail }) {
  const client = useHttpClient();
  const viewerZone = useTimeZone();
  const load = useCallback((signal: AbortSignal) => fetchEnrollments(client, program.id, signal), [client, program.id]);
  const enrollments = useResource(load);
  const blank = (): AppointmentForm => ({
    participantId: '',
    kind: 'individual',
    date: addDays(localDate(Date.now(), program.timeZone), 1),
    time: '10:00',
    durationMinutes: '50',
    title: '',
    timeZone: program.timeZone,
  });
  const [form, setForm] = useState<AppointmentForm>(blank);
  const [errors, setErrors] = useState<AppointmentFormErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<AppointmentResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [formRef, focusError] = useFocusFirstError<HTMLFormElement>();
  const resultHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (result) resultHeading.current?.focus();
  }, [result]);

  const set = <K extends keyof AppointmentForm>(key: K, value: AppointmentForm[K]) => {
    setForm({ ...form, [key]: value });
  };

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setProblem(null);
    const { body, errors: found } = appointmentBody(form);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusError();
      return;
    }
    setBusy(true);
    try {
      setResult(await createAppointment(client, body));
      setForm(blank());
    } catch (cause) {
      const failure = asApiError(cause);
      const field = failure.field === undefined ? undefined : appointmentFieldOf[failure.field];
      if (field) setErrors({ [field]: failure.message });
      else setProblem(failure.message);
      focusError();
    } finally {
      setBusy(false);
    }
  };

  const participants =
    enrollments.state.status === 'ready'
      ? enrollments.state.data
          .filter((enrollment) => enrollment.status === 'active')
          .map((enrollment) => enrollment.participant)
          .sort((a, b) => a.displayName.localeCompare(b.displayName))
      : [];

  return (
    <section aria-labelledby="program-appointment" className="stack">
      <h2 id="program-appointment">Individual appointment</h2>
      <p>An individual session or a medication consult, with you as the clinician.</p>
      {result && (
        <div className="card stack">
          <h3 ref={resultHeading} tabIndex={-1}>
            Booked: {result.occurrence.title}
          </h3>
          <p>
            {formatSessionTime(result.occurrence.startsAt, result.occurrence.endsAt, viewerZone)}.{' '}
            <Link to={`/sessions/${encodeURIComponent(result.occurrence.id)}`}>Open the session</Link>
          </p>
          <ClashList clashes={result.clashes} timeZone={viewerZone} />
        </div>
      )}
      {enrollments.state.status === 'loading' && <Loading what="participants" />}
      {enrollments.state.status === 'error' && (
        <LoadError what="the participants" error={enrollments.state.error} onRetry={enrollments.retry} />
      )}
      {enrollments.state.status === 'ready' && participants.length === 0 && <p>No active participants yet.</p>}
      {participants.length > 0 && (
        <form ref={formRef} className="form" noValidate aria-label="Book an individual appointment" onSubmit={(event) => void onSubmit(event)}>
          {problem && (
            <FormAlert title="Nothing was booked.">
              <p>{problem}</p>
            </FormAlert>
          )}
          <SelectField
            label="Participant"
            value={form.participantId}
            error={errors.participantId}
            onChange={(event) => {
              set('participantId', event.target.value);
            }}
          >
            <option value="">Choose a participant</option>
            {participants.map((person) => (
              <option key={person.id} value={person.id}>
                {person.displayName}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Kind"
            value={form.kind}
            error={errors.kind}
            onChange={(event) => {
              set('kind', event.target.value === 'medication' ? 'medication' : 'individual');
            }}
          >
            <option value="individual">Individual session</option>
            <option value="medication">Medication consult</option>
          </SelectField>
          <TextField
            label="Date"
            type="date"
            value={form.date}
            error={errors.date}
            onChange={(event) => {
              set('date', event.target.value);
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
          <TextField
            label="Title"
            optional
            hint="Empty: named after the kind."
            value={form.title}
            error={errors.title}
            onChange={(event) => {
              set('title', event.target.value);
            }}
          />
          <TimeZoneSelect
            value={form.timeZone}
            error={errors.timeZone}
            hint="The program’s time zone unless you choose another."
            onChange={(value) => {
              set('timeZone', value);
            }}
          />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              Book appointment
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
