import { useCallback, useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { formatCalendarDate, isDate, localDate } from '../../base/ui/dates';
import { Dialog } from '../../base/ui/Dialog';
import { SelectField, TextField } from '../../base/ui/Field';
import { FormAlert, StatusMessage } from '../../base/ui/FormAlert';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { TableWrap } from '../../base/ui/TableWrap';
import { useFocusFirstError } from '../../base/ui/useFocusFirstError';
import { fetchParticipants } from '../people/people';
import {
  ageBandLabel,
  ageBands,
  enroll,
  enrollmentStatusLabel,
  fetchEnrollments,
  updateEnrollment,
  type Enrollment,
  type NewEnrollment,
  type ProgramDetail,
} from './program';

/** The program's participants: enrolling them, and active ⇄ on hold → discharged. */
export function EnrollmentsSection({ program }: { program: ProgramDetail }) {
  const client = useHttpClient();
  const load = useCallback((signal: AbortSignal) => fetchEnrollments(client, program.id, signal), [client, program.id]);
  const { state, retry, reload } = useResource(load);
  const [changing, setChanging] = useState<Enrollment | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (message) heading.current?.focus();
  }, [message]);

  const rows =
    state.status === 'ready'
      ? [...state.data].sort(
          (a, b) =>
            statusRank(a.status) - statusRank(b.status) ||
            a.participant.displayName.localeCompare(b.participant.displayName),
        )
      : [];

  return (
    <section aria-labelledby="program-enrollments" className="stack">
      <h2 id="program-enrollments" ref={heading} tabIndex={-1}>
        Participants
      </h2>
      {message && <StatusMessage>{message}</StatusMessage>}
      {state.status === 'loading' && <Loading what="participants" />}
      {state.status === 'error' && <LoadError what="the participants" error={state.error} onRetry={retry} />}
      {state.status === 'ready' &&
        (rows.length === 0 ? (
          <p>No one is enrolled yet.</p>
        ) : (
          <TableWrap label="Enrolled participants">
            <table className="table">
              <caption className="visually-hidden">Enrolled participants</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Status</th>
                  <th scope="col">Admitted</th>
                  <th scope="col">Expected discharge</th>
                  <th scope="col">Age band</th>
                  <th scope="col">
                    <span className="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.participant.id}>
                    <th scope="row">
                      <Link to={`/people/${encodeURIComponent(row.participant.id)}`}>{row.participant.displayName}</Link>
                    </th>
                    <td>
                      {enrollmentStatusLabel(row.status)}
                      {row.dischargedOn && <span className="meta"> on {formatCalendarDate(row.dischargedOn)}</span>}
                    </td>
                    <td>{formatCalendarDate(row.admittedOn)}</td>
                    <td>{row.expectedDischargeOn ? formatCalendarDate(row.expectedDischargeOn) : '—'}</td>
                    <td>{row.ageBand ? ageBandLabel(row.ageBand) : '—'}</td>
                    <td>
                      {row.status !== 'discharged' && (
                        <button
                          type="button"
                          className="button button--quiet button--small"
                          aria-label={`Change the status of ${row.participant.displayName}`}
                          onClick={() => {
                            setMessage(null);
                            setChanging(row);
                          }}
                        >
                          Change status
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ))}
      {state.status === 'ready' && (
        <EnrollForm
          program={program}
          enrolled={new Set(state.data.map((row) => row.participant.id))}
          onEnrolled={(name) => {
            setMessage(`${name} is enrolled.`);
            reload();
          }}
        />
      )}
      {changing && (
        <StatusDialog
          program={program}
          enrollment={changing}
          onClose={() => {
            setChanging(null);
          }}
          onDone={(text) => {
            setChanging(null);
            setMessage(text);
            reload();
          }}
        />
      )}
    </section>
  );
}

function statusRank(status: string): number {
  return status === 'active' ? 0 : status === 'on_hold' ? 1 : 2;
}

function StatusDialog({
  program,
  enrollment,
  onClose,
  onDone,
}: {
  program: ProgramDetail;
  enrollment: Enrollment;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const client = useHttpClient();
  const options = ['active', 'on_hold', 'discharged'].filter((status) => status !== enrollment.status);
  const [status, setStatus] = useState(options[0] ?? 'active');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = enrollment.participant.displayName;

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await updateEnrollment(client, program.id, enrollment.participant.id, { status });
      onDone(`${name} is now ${enrollmentStatusLabel(status).toLowerCase()}.`);
    } catch (cause) {
      setProblem(asApiError(cause).message);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Status of ${name}`}
      onCancel={onClose}
      description={<p>Now: {enrollmentStatusLabel(enrollment.status)}.</p>}
    >
      <form className="stack" noValidate onSubmit={(event) => void onSubmit(event)}>
        {problem && (
          <FormAlert title="The status was not changed.">
            <p>{problem}</p>
          </FormAlert>
        )}
        <SelectField
          label="New status"
          value={status}
          onChange={(event) => {
            setStatus(event.target.value);
          }}
        >
          {options.map((value) => (
            <option key={value} value={value}>
              {enrollmentStatusLabel(value)}
            </option>
          ))}
        </SelectField>
        {status === 'discharged' && (
          <p className="notice notice--danger">
            Discharge is final and dated today. {name} leaves the program’s groups (alumni groups excepted), and their
            seats go to the waiting lists. They stay an alumnus of the program.
          </p>
        )}
        <div className="actions">
          <button type="submit" className={status === 'discharged' ? 'button button--danger' : 'button'} disabled={busy}>
            {status === 'discharged' ? 'Discharge' : 'Save status'}
          </button>
          <button type="button" className="button button--quiet" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

interface EnrollErrors {
  participantId?: string | undefined;
  admittedOn?: string | undefined;
  expectedDischargeOn?: string | undefined;
  ageBand?: string | undefined;
}

function EnrollForm({
  program,
  enrolled,
  onEnrolled,
}: {
  program: ProgramDetail;
  enrolled: ReadonlySet<string>;
  onEnrolled: (name: string) => void;
}) {
  const client = useHttpClient();
  const load = useCallback((signal: AbortSignal) => fetchParticipants(client, signal), [client]);
  const people = useResource(load);
  const [today] = useState(() => localDate(Date.now(), program.timeZone));
  const [form, setForm] = useState<NewEnrollment>({
    participantId: '',
    admittedOn: today,
    expectedDischargeOn: '',
    ageBand: '',
  });
  const [errors, setErrors] = useState<EnrollErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [formRef, focusError] = useFocusFirstError<HTMLFormElement>();

  const choices =
    people.state.status === 'ready'
      ? people.state.data
          .filter((person) => person.status === 'active' && person.roles.includes('participant') && !enrolled.has(person.id))
          .sort((a, b) => a.displayName.localeCompare(b.displayName))
      : [];

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setProblem(null);
    const found: EnrollErrors = {};
    if (form.participantId === '') found.participantId = 'Choose the participant.';
    if (!isDate(form.admittedOn)) found.admittedOn = 'Enter the admission date.';
    if (form.expectedDischargeOn !== '' && !isDate(form.expectedDischargeOn)) {
      found.expectedDischargeOn = 'Enter a date, or leave it empty.';
    } else if (form.expectedDischargeOn !== '' && form.expectedDischargeOn < form.admittedOn) {
      found.expectedDischargeOn = 'The expected discharge is before the admission.';
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusError();
      return;
    }
    setBusy(true);
    try {
      const enrollment = await enroll(client, program.id, form);
      setForm({ participantId: '', admittedOn: today, expectedDischargeOn: '', ageBand: '' });
      onEnrolled(enrollment.participant.displayName);
    } catch (cause) {
      const failure = asApiError(cause);
      const field: keyof EnrollErrors | null =
        failure.field === 'participant_id'
          ? 'participantId'
          : failure.field === 'admitted_on'
            ? 'admittedOn'
            : failure.field === 'expected_discharge_on'
              ? 'expectedDischargeOn'
              : failure.field === 'age_band'
                ? 'ageBand'
                : null;
      if (field) setErrors({ [field]: failure.message });
      else setProblem(failure.message);
      focusError();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} className="form" noValidate aria-labelledby="enroll-heading" onSubmit={(event) => void onSubmit(event)}>
      <h3 id="enroll-heading">Enroll a participant</h3>
      {people.state.status === 'loading' && <Loading what="participants" />}
      {people.state.status === 'error' && (
        <LoadError what="the participants" error={people.state.error} onRetry={people.retry} />
      )}
      {people.state.status === 'ready' && choices.length === 0 && (
        <p>Everyone you can enroll is in the program already. Invite new participants from the Participants page.</p>
      )}
      {choices.length > 0 && (
        <>
          {problem && (
            <FormAlert title="No one was enrolled.">
              <p>{problem}</p>
            </FormAlert>
          )}
          <SelectField
            label="Participant"
            value={form.participantId}
            error={errors.participantId}
            onChange={(event) => {
              setForm({ ...form, participantId: event.target.value });
            }}
          >
            <option value="">Choose a participant</option>
            {choices.map((person) => (
              <option key={person.id} value={person.id}>
                {person.displayName} ({person.email})
              </option>
            ))}
          </SelectField>
          <TextField
            label="Admission date"
            type="date"
            value={form.admittedOn}
            error={errors.admittedOn}
            onChange={(event) => {
              setForm({ ...form, admittedOn: event.target.value });
            }}
          />
          <TextField
            label="Expected discharge"
            type="date"
            optional
            value={form.expectedDischargeOn}
            error={errors.expectedDischargeOn}
            onChange={(event) => {
              setForm({ ...form, expectedDischargeOn: event.target.value });
            }}
          />
          <SelectField
            label="Age band"
            optional
            hint="Groups for an age band are offered only to participants in it."
            value={form.ageBand}
            error={errors.ageBand}
            onChange={(event) => {
              setForm({ ...form, ageBand: event.target.value });
            }}
          >
            <option value="">Not given</option>
            {ageBands.map((band) => (
              <option key={band} value={band}>
                {ageBandLabel(band)}
              </option>
            ))}
          </SelectField>
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              Enroll
            </button>
          </div>
        </>
      )}
    </form>
  );
}
