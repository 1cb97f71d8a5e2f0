import { useRef, useState, type SyntheticEvent } from 'react';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { isDate, wallClock } from '../../base/ui/dates';
import { Dialog } from '../../base/ui/Dialog';
import { TextAreaField, TextField } from '../../base/ui/Field';
import { FormAlert } from '../../base/ui/FormAlert';
import { cancelOccurrence, moveOccurrence, type Clash, type Occurrence } from './occurrences';

const reasonLimit = 300;

function reasonProblem(reason: string): string | null {
  const trimmed = reason.trim();
  if (trimmed === '') return 'Give a reason; the members will see it.';
  if (trimmed.length > reasonLimit) return `Keep the reason to ${reasonLimit} characters or fewer.`;
  return null;
}

export function CancelDialog({
  occurrence,
  onClose,
  onDone,
}: {
  occurrence: Occurrence;
  onClose: () => void;
  onDone: () => void;
}) {
  const client = useHttpClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonInput = useRef<HTMLTextAreaElement>(null);

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setProblem(null);
    const found = reasonProblem(reason);
    setError(found);
    if (found) {
      reasonInput.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await cancelOccurrence(client, occurrence.id, reason.trim());
      onDone();
    } catch (cause) {
      const failure = asApiError(cause);
      if (failure.field === 'reason') {
        setError(failure.message);
        reasonInput.current?.focus();
      } else setProblem(failure.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      role="alertdialog"
      title={`Cancel “${occurrence.title}”?`}
      onCancel={onClose}
      initialFocus={reasonInput}
      description={<p>Its members are notified at once, with the reason you give. This cannot be undone.</p>}
    >
      <form className="stack" noValidate onSubmit={(event) => void onSubmit(event)}>
        {problem && (
          <FormAlert title="The session was not cancelled.">
            <p>{problem}</p>
          </FormAlert>
        )}
        <TextAreaField
          ref={reasonInput}
          label="Reason"
          hint={`Shown to the members, up to ${reasonLimit} characters.`}
          maxLength={reasonLimit}
          value={reason}
          error={error}
          onChange={(event) => {
            setReason(event.target.value);
          }}
        />
        <div className="actions">
          <button type="submit" className="button button--danger" disabled={busy}>
            Cancel session
          </button>
          <button type="button" className="button button--quiet" onClick={onClose}>
            Keep it
          </button>
        </div>
      </form>
    </Dialog>
  );
}

interface MoveErrors {
  date?: string | undefined;
  time?: string | undefined;
  duration?: string | undefined;
  reason?: string | undefined;
}

export function MoveDialog({
  occurrence,
  onClose,
  onDone,
}: {
  occurrence: Occurrence;
  onClose: () => void;
  onDone: (clashes: Clash[]) => void;
}) {
  const client = useHttpClient();
  const start = wallClock(occurrence.startsAt, occurrence.timeZone);
  const currentMinutes = Math.round((Date.parse(occurrence.endsAt) - Date.parse(occurrence.startsAt)) / 60_000);
  const [date, setDate] = useState(start.date);
  const [time, setTime] = useState(start.time);
  const [duration, setDuration] = useState(String(currentMinutes));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<MoveErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dateInput = useRef<HTMLInputElement>(null);
  const timeInput = useRef<HTMLInputElement>(null);
  const durationInput = useRef<HTMLInputElement>(null);
  const reasonInput = useRef<HTMLTextAreaElement>(null);

  const focusFirst = (found: MoveErrors) => {
    if (found.date) dateInput.current?.focus();
    else if (found.time) timeInput.current?.focus();
    else if (found.duration) durationInput.current?.focus();
    else if (found.reason) reasonInput.current?.focus();
  };

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setProblem(null);
    const found: MoveErrors = {};
    if (!isDate(date)) found.date = 'Enter the new date.';
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) found.time = 'Enter the new start time.';
    const minutes = /^\d+$/.test(duration.trim()) ? Number(duration.trim()) : NaN;
    if (!(minutes >= 5 && minutes <= 720)) found.duration = 'Enter the length in minutes, from 5 to 720.';
    const reasonError = reasonProblem(reason);
    if (reasonError) found.reason = reasonError;
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      const request = { start: `${date}T${time}`, reason: reason.trim() };
      const result = await moveOccurrence(
        client,
        occurrence.id,
        minutes === currentMinutes ? request : { ...request, durationMinutes: minutes },
      );
      onDone(result.clashes);
    } catch (cause) {
      const failure = asApiError(cause);
      const field: keyof MoveErrors | null =
        failure.field === 'start'
          ? 'date'
          : failure.field === 'duration_minutes'
            ? 'duration'
            : failure.field === 'reason'
              ? 'reason'
              : null;
      if (field) {
        const next = { [field]: failure.message };
        setErrors(next);
        focusFirst(next);
      } else setProblem(failure.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Move “${occurrence.title}”`}
      onCancel={onClose}
      description={
        <p>
          The new time is in the session’s time zone, {occurrence.timeZone.replace(/_/g, ' ')}. Its members are notified
          at once.
        </p>
      }
    >
      <form className="stack" noValidate onSubmit={(event) => void onSubmit(event)}>
        {problem && (
          <FormAlert title="The session was not moved.">
            <p>{problem}</p>
          </FormAlert>
        )}
        <TextField
          ref={dateInput}
          label="New date"
          type="date"
          value={date}
          error={errors.date}
          onChange={(event) => {
            setDate(event.target.value);
          }}
        />
        <TextField
          ref={timeInput}
          label="New start time"
          type="time"
          value={time}
          error={errors.time}
          onChange={(event) => {
            setTime(event.target.value);
          }}
        />
        <TextField
          ref={durationInput}
          label="Length in minutes"
          inputMode="numeric"
          value={duration}
          error={errors.duration}
          onChange={(event) => {
            setDuration(event.target.value);
          }}
        />
        <TextAreaField
          ref={reasonInput}
          label="Reason"
          hint={`Shown to the members, up to ${reasonLimit} characters.`}
          maxLength={reasonLimit}
          value={reason}
          error={errors.reason}
          onChange={(event) => {
            setReason(event.target.value);
          }}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            Move session
          </button>
          <button type="button" className="button button--quiet" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
