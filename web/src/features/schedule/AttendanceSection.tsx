import { useCallback, useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { formatMinutes, formatTime } from '../../base/ui/dates';
import { Dialog } from '../../base/ui/Dialog';
import { SelectField, TextAreaField, TextField } from '../../base/ui/Field';
import { FormAlert, StatusMessage } from '../../base/ui/FormAlert';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { TableWrap } from '../../base/ui/TableWrap';
import { useTimeZone } from '../session/useTimeZone';
import {
  attendanceLabel,
  attendanceStatuses,
  correctAttendance,
  fetchAttendance,
  type Attendance,
} from './occurrences';

/**
 * Who is expected, who came and for how long. The care team of the program may correct a row
 * (a status, the minutes and a reason, which the server audits).
 */
export function AttendanceSection({ occurrenceId, canCorrect }: { occurrenceId: string; canCorrect: boolean }) {
  const client = useHttpClient();
  const timeZone = useTimeZone();
  const load = useCallback((signal: AbortSignal) => fetchAttendance(client, occurrenceId, signal), [client, occurrenceId]);
  const { state, retry, reload } = useResource(load);
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [editing, setEditing] = useState<Attendance | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    if (message) heading.current?.focus();
  }, [message]);

  return (
    <section aria-labelledby={headingId} className="stack">
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        Attendance
      </h3>
      {message && <StatusMessage>{message}</StatusMessage>}
      {state.status === 'loading' && <Loading what="attendance" />}
      {state.status === 'error' && <LoadError what="the attendance" error={state.error} onRetry={retry} />}
      {state.status === 'ready' &&
        (state.data.length === 0 ? (
          <p>No one is expected at this session.</p>
        ) : (
          <TableWrap label="Attendance">
            <table className="table">
              <caption className="visually-hidden">Attendance</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Status</th>
                  <th scope="col">Time counted</th>
                  <th scope="col">First joined</th>
                  <th scope="col">Last left</th>
                  {canCorrect && (
                    <th scope="col">
                      <span className="visually-hidden">Action</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {state.data.map((row) => (
                  <tr key={row.person.id}>
                    <th scope="row">{row.person.displayName}</th>
                    <td>
                      {attendanceLabel(row.status)}
                      {row.connected && <span className="tag">Here now</span>}
                      {row.corrected && (
                        <p className="meta">Corrected{row.correctionReason ? `: ${row.correctionReason}` : ''}</p>
                      )}
                    </td>
                    <td>{formatMinutes(row.minutes)}</td>
                    <td>{row.firstJoinedAt ? formatTime(row.firstJoinedAt, timeZone) : '—'}</td>
                    <td>{row.lastLeftAt ? formatTime(row.lastLeftAt, timeZone) : '—'}</td>
                    {canCorrect && (
                      <td>
                        <button
                          type="button"
                          className="button button--quiet button--small"
                          aria-label={`Correct the attendance of ${row.person.displayName}`}
                          onClick={() => {
                            setMessage(null);
                            setEditing(row);
                          }}
                        >
                          Correct
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ))}
      {editing && (
        <CorrectionDialog
          occurrenceId={occurrenceId}
          row={editing}
          onClose={() => {
            setEditing(null);
          }}
          onDone={(saved) => {
            setEditing(null);
            setMessage(`The attendance of ${saved.person.displayName} is corrected.`);
            reload();
          }}
        />
      )}
    </section>
  );
}

interface CorrectionErrors {
  status?: string | undefined;
  minutes?: string | undefined;
  reason?: string | undefined;
}

function CorrectionDialog({
  occurrenceId,
  row,
  onClose,
  onDone,
}: {
  occurrenceId: string;
  row: Attendance;
  onClose: () => void;
  onDone: (saved: Attendance) => void;
}) {
  const client = useHttpClient();
  const [status, setStatus] = useState(row.status === 'expected' ? 'present' : row.status);
  const [minutes, setMinutes] = useState(String(row.minutes));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<CorrectionErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const minutesInput = useRef<HTMLInputElement>(null);
  const reasonInput = useRef<HTMLTextAreaElement>(null);
  const statusSelect = useRef<HTMLSelectElement>(null);

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setProblem(null);
    const found: CorrectionErrors = {};
    const count = /^\d+$/.test(minutes.trim()) ? Number(minutes.trim()) : NaN;
    if (!(count >= 0)) found.minutes = 'Enter the minutes attended, a whole number.';
    const trimmed = reason.trim();
    if (trimmed.length < 3 || trimmed.length > 300) found.reason = 'Give a reason of 3 to 300 characters.';
    setErrors(found);
    if (found.minutes) {
      minutesInput.current?.focus();
      return;
    }
    if (found.reason) {
      reasonInput.current?.focus();
      return;
    }
    setBusy(true);
    try {
      onDone(await correctAttendance(client, occurrenceId, row.person.id, { status, minutes: count, reason: trimmed }));
    } catch (cause) {
      const failure = asApiError(cause);
      if (failure.field === 'status' || failure.field === 'minutes' || failure.field === 'reason') {
        setErrors({ [failure.field]: failure.message });
        ({ status: statusSelect, minutes: minutesInput, reason: reasonInput })[failure.field].current?.focus();
      } else setProblem(failure.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Correct the attendance of ${row.person.displayName}`}
      onCancel={onClose}
      description={<p>The correction and its reason are kept in the audit trail.</p>}
    >
      <form className="stack" noValidate onSubmit={(event) => void onSubmit(event)}>
        {problem && (
          <FormAlert title="The correction was not saved.">
            <p>{problem}</p>
          </FormAlert>
        )}
        <SelectField
          ref={statusSelect}
          label="Status"
          value={status}
          error={errors.status}
          onChange={(event) => {
            setStatus(event.target.value);
          }}
        >
          {attendanceStatuses
            .filter((value) => value !== 'expected')
            .map((value) => (
              <option key={value} value={value}>
                {attendanceLabel(value)}
              </option>
            ))}
        </SelectField>
        <TextField
          ref={minutesInput}
          label="Minutes attended"
          inputMode="numeric"
          value={minutes}
          error={errors.minutes}
          onChange={(event) => {
            setMinutes(event.target.value);
          }}
        />
        <TextAreaField
          ref={reasonInput}
          label="Reason for the correction"
          maxLength={300}
          value={reason}
          error={errors.reason}
          onChange={(event) => {
            setReason(event.target.value);
          }}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            Save correction
          </button>
          <button type="button" className="button button--quiet" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
